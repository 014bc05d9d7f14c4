import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { dayNumberOf } from '../../device/policy/civilDate.js';
import {
  WEEKDAYS,
  WindowSchedule,
  holidayOn,
  isPolicyError,
  type HolidayCalendarId,
  type SendingWindow,
  type TimeRange,
  type WeeklyHours,
} from '../../device/policy/index.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const ZONES = [
  'Europe/Paris',
  'Europe/Brussels',
  'America/New_York',
  'Australia/Sydney',
  'America/Santiago',
  'UTC',
];

/** DST nights of 2026 (UTC instants of the change), where bugs live. */
const TRANSITIONS = [
  '2026-03-29T01:00:00Z', // Europe, spring
  '2026-10-25T01:00:00Z', // Europe, autumn
  '2026-03-08T07:00:00Z', // New York, spring
  '2026-11-01T06:00:00Z', // New York, autumn
  '2026-04-04T16:00:00Z', // Sydney, autumn
  '2026-10-03T16:00:00Z', // Sydney, spring
  '2026-04-05T03:00:00Z', // Santiago, autumn (24:00 → 23:00)
  '2026-09-06T04:00:00Z', // Santiago, spring (skips midnight)
].map((iso) => Date.parse(iso));

const hhmm = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** 0–3 non-overlapping ranges a day; boundaries at any minute, a third of them in 00:00–04:00. */
const dayRanges = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 240 })), {
    maxLength: 6,
  })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const ranges: TimeRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      ranges.push([hhmm(sorted[i] as number), hhmm(sorted[i + 1] as number)]);
    }
    return ranges;
  });

const windowArb: fc.Arbitrary<SendingWindow> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  weekly: fc
    .tuple(...WEEKDAYS.map(() => dayRanges))
    .map((days) => Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]])) as WeeklyHours),
  holidays: fc.constantFrom<HolidayCalendarId | null>(null, 'fr', 'be'),
});

const instantArb = fc.oneof(
  fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2029-12-31T00:00:00Z') }),
  fc
    .tuple(
      fc.constantFrom(...TRANSITIONS),
      fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }),
    )
    .map(([t, d]) => t + d),
);

/** The obvious reading: wall clock of `t` inside a range of its weekday, date not closed. */
function naiveIsOpen(window: SendingWindow, t: number): boolean {
  const local = DateTime.fromMillis(t, { zone: window.timeZone });
  const day = dayNumberOf({ year: local.year, month: local.month, day: local.day });
  if (window.holidays && holidayOn(window.holidays, day) !== undefined) return false;
  const minute =
    local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / MINUTE;
  const ranges = window.weekly[WEEKDAYS[local.weekday - 1] as (typeof WEEKDAYS)[number]] ?? [];
  return ranges.some(([s, e]) => {
    const [sh = 0, sm = 0] = s.split(':').map(Number);
    const [eh = 0, em = 0] = e.split(':').map(Number);
    return sh * 60 + sm <= minute && minute < eh * 60 + em;
  });
}

/** In the second pass of a repeated hour the wall clock alone cannot tell which pass it is. */
function inRepeatedHour(window: SendingWindow, t: number): boolean {
  const offset = (x: number): number => DateTime.fromMillis(x, { zone: window.timeZone }).offset;
  return offset(t - HOUR) > offset(t);
}

function nextOpeningOrNull(w: WindowSchedule, t: number): number | null {
  try {
    return w.nextOpening(t);
  } catch (error) {
    if (isPolicyError(error, 'POLICY_WINDOW_NEVER_OPENS')) return null;
    throw error;
  }
}

describe('WindowSchedule properties', () => {
  test('isOpen agrees with the naive wall-clock reading, except in the second pass of a repeated hour', () => {
    fc.assert(
      fc.property(windowArb, instantArb, (window, t) => {
        fc.pre(!inRepeatedHour(window, t));
        expect(WindowSchedule.from(window).isOpen(t)).toBe(naiveIsOpen(window, t));
      }),
      { numRuns: 300 },
    );
  });

  test('nextOpening(t) is open, not before t, and nothing opens between t and it (minute grid)', () => {
    fc.assert(
      fc.property(windowArb, instantArb, (window, t) => {
        const w = WindowSchedule.from(window);
        const n = nextOpeningOrNull(w, t);
        if (n === null) return; // a week of empty days: checked below
        expect(n).toBeGreaterThanOrEqual(t);
        expect(w.isOpen(n)).toBe(true);
        if (n > t) expect(w.isOpen(n - 1)).toBe(false);
        // Every boundary is on a whole minute (or a DST change, also on one).
        const end = Math.min(n, t + 36 * HOUR);
        for (let m = Math.ceil((t + 1) / MINUTE) * MINUTE; m < end; m += MINUTE) {
          if (w.isOpen(m))
            throw new Error(
              `open at ${new Date(m).toISOString()} before ${new Date(n).toISOString()}`,
            );
        }
      }),
      { numRuns: 50 },
    );
  });

  test('nextOpening throws POLICY_WINDOW_NEVER_OPENS exactly when the week has no hours at all', () => {
    fc.assert(
      fc.property(windowArb, instantArb, (window, t) => {
        const hasHours = WEEKDAYS.some((d) => (window.weekly[d] ?? []).length > 0);
        const w = WindowSchedule.from(window);
        // A range can vanish only inside a spring gap, and holidays close a few days a year:
        // a week with hours always opens within the horizon.
        expect(nextOpeningOrNull(w, t) !== null).toBe(hasHours);
      }),
      { numRuns: 200 },
    );
  });

  test('nextClosing(t) of an open instant is closed, and the window is open right up to it', () => {
    fc.assert(
      fc.property(windowArb, instantArb, (window, t) => {
        const w = WindowSchedule.from(window);
        const n = nextOpeningOrNull(w, t);
        if (n === null) return;
        const c = w.nextClosing(n);
        if (c === null) return; // open every minute of every day
        expect(c).toBeGreaterThan(n);
        expect(w.isOpen(c)).toBe(false);
        expect(w.isOpen(c - 1)).toBe(true);
        const end = Math.min(c, n + 2 * 86_400_000);
        for (let m = Math.ceil((n + 1) / MINUTE) * MINUTE; m < end; m += 7 * MINUTE) {
          if (!w.isOpen(m))
            throw new Error(
              `closed at ${new Date(m).toISOString()} before ${new Date(c).toISOString()}`,
            );
        }
      }),
      { numRuns: 80 },
    );
  });
});
