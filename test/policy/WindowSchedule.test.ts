import { describe, expect, test } from 'vitest';
import {
  ManualClock,
  SEARCH_HORIZON_DAYS,
  WindowSchedule,
  isOpen,
  nextOpening,
  resolveWindow,
  type SendingWindow,
} from '../../device/policy/index.js';

const at = (iso: string): number => Date.parse(iso);
const cely = WindowSchedule.from(resolveWindow('cely'));
const celyWith = (extra: Partial<SendingWindow>): WindowSchedule =>
  WindowSchedule.from({ ...resolveWindow('cely'), ...extra });

describe('the Cely window: Monday–Saturday 08:00–22:00 Europe/Paris', () => {
  test('21:59:59 is open, 22:00:00 is closed, and the next opening is 08:00 the next weekday', () => {
    const clock = new ManualClock('2026-06-10T21:59:59+02:00'); // a Wednesday
    expect(cely.isOpen(clock.now())).toBe(true);
    expect(cely.nextClosing(clock.now())).toBe(at('2026-06-10T22:00:00+02:00'));
    clock.advance(999);
    expect(cely.isOpen(clock.now())).toBe(true);
    clock.advance(1);
    expect(cely.isOpen(clock.now())).toBe(false);
    expect(cely.nextOpening(clock.now())).toBe(at('2026-06-11T08:00:00+02:00'));
  });

  test('07:59:59 is closed and 08:00 opens', () => {
    expect(cely.isOpen(at('2026-06-11T07:59:59+02:00'))).toBe(false);
    expect(cely.isOpen(at('2026-06-11T08:00:00+02:00'))).toBe(true);
  });

  test('Sunday is closed all day; Saturday night waits for Monday 08:00', () => {
    expect(cely.isOpen(at('2026-06-14T12:00:00+02:00'))).toBe(false);
    expect(cely.nextOpening(at('2026-06-14T12:00:00+02:00'))).toBe(at('2026-06-15T08:00:00+02:00'));
    expect(cely.nextOpening(at('2026-06-13T22:00:00+02:00'))).toBe(at('2026-06-15T08:00:00+02:00'));
  });

  test('nextOpening of an open instant is that instant', () => {
    expect(cely.nextOpening(at('2026-06-10T12:34:56.789+02:00'))).toBe(
      at('2026-06-10T12:34:56.789+02:00'),
    );
  });

  test('a weekend spanning the spring-forward night reopens at 08:00 summer time (06:00 UTC)', () => {
    // Sunday 2026-03-29: 02:00 CET → 03:00 CEST.
    expect(cely.nextOpening(at('2026-03-28T22:00:00+01:00'))).toBe(at('2026-03-30T06:00:00Z'));
    expect(cely.nextClosing(at('2026-03-28T12:00:00+01:00'))).toBe(at('2026-03-28T21:00:00Z'));
    expect(cely.nextClosing(at('2026-03-30T12:00:00+02:00'))).toBe(at('2026-03-30T20:00:00Z'));
  });

  test('a weekend spanning the fall-back night reopens at 08:00 winter time (07:00 UTC)', () => {
    // Sunday 2026-10-25: 03:00 CEST → 02:00 CET.
    expect(cely.nextOpening(at('2026-10-24T22:00:00+02:00'))).toBe(at('2026-10-26T07:00:00Z'));
    expect(cely.isOpen(at('2026-10-26T06:59:59Z'))).toBe(false);
    expect(cely.isOpen(at('2026-10-26T07:00:00Z'))).toBe(true);
  });
});

describe('daylight-saving nights with hours inside the changed hour', () => {
  const sundayNights = (ranges: [string, string][]): WindowSchedule =>
    WindowSchedule.from({ timeZone: 'Europe/Paris', weekly: { sun: ranges } });

  test('spring forward: an opening at a missing time (02:30) moves to the next valid instant (03:00 CEST)', () => {
    const w = sundayNights([['02:30', '04:00']]);
    expect(w.nextOpening(at('2026-03-28T12:00:00Z'))).toBe(at('2026-03-29T03:00:00+02:00'));
    expect(w.isOpen(at('2026-03-29T00:59:59Z'))).toBe(false);
    expect(w.isOpen(at('2026-03-29T01:00:00Z'))).toBe(true);
    expect(w.nextClosing(at('2026-03-29T01:00:00Z'))).toBe(at('2026-03-29T04:00:00+02:00'));
  });

  test('spring forward: a range that ends in the gap closes when the clock jumps', () => {
    const w = sundayNights([['01:00', '02:30']]);
    expect(w.nextClosing(at('2026-03-29T00:30:00Z'))).toBe(at('2026-03-29T01:00:00Z'));
  });

  test('spring forward: a range wholly inside the gap does not happen that night', () => {
    const w = sundayNights([['02:10', '02:50']]);
    expect(w.intervalsOn(Math.floor(at('2026-03-29T00:00:00Z') / 86_400_000))).toEqual([]);
    expect(w.nextOpening(at('2026-03-28T12:00:00Z'))).toBe(at('2026-04-05T02:10:00+02:00'));
  });

  test('fall back: a range inside the repeated hour opens once, at its first occurrence', () => {
    const w = sundayNights([['02:00', '02:45']]);
    expect(w.nextOpening(at('2026-10-24T12:00:00Z'))).toBe(at('2026-10-25T02:00:00+02:00'));
    expect(w.nextClosing(at('2026-10-25T00:10:00Z'))).toBe(at('2026-10-25T02:45:00+02:00'));
    // The clock shows 02:10 again at 01:10Z (CET): not counted twice.
    expect(w.isOpen(at('2026-10-25T02:10:00+01:00'))).toBe(false);
    expect(w.nextOpening(at('2026-10-25T00:50:00Z'))).toBe(at('2026-11-01T02:00:00+01:00'));
  });

  test('fall back: a range across the repeated hour stays open through both passes (4 real hours for 01:00–04:00)', () => {
    const w = sundayNights([['01:00', '04:00']]);
    const opening = w.nextOpening(at('2026-10-24T12:00:00Z'));
    expect(opening).toBe(at('2026-10-25T01:00:00+02:00'));
    expect(w.isOpen(at('2026-10-25T02:30:00+01:00'))).toBe(true);
    expect(w.nextClosing(opening)! - opening).toBe(4 * 3_600_000);
  });
});

describe('holidays and closed dates', () => {
  test('public holidays are off by default: Easter Monday is an ordinary Monday', () => {
    expect(cely.isOpen(at('2026-04-06T10:00:00+02:00'))).toBe(true);
  });

  test.each([
    ['fr', '2026-04-06', 'Easter Monday', '2026-04-07T08:00:00+02:00'],
    ['fr', '2027-05-06', 'Ascension Day', '2027-05-07T08:00:00+02:00'],
    ['fr', '2028-06-05', 'Whit Monday', '2028-06-06T08:00:00+02:00'],
    ['fr', '2026-07-14', 'Bastille Day', '2026-07-15T08:00:00+02:00'],
    ['fr-alsace-moselle', '2029-03-30', 'Good Friday', '2029-03-31T08:00:00+02:00'],
    ['fr-alsace-moselle', '2025-12-26', "St Stephen's Day", '2025-12-27T08:00:00+01:00'],
    ['be', '2026-07-21', 'Belgian National Day', '2026-07-22T08:00:00+02:00'],
  ] as const)(
    'with %s, %s (%s) is closed and it reopens at %s',
    (holidays, date, name, reopens) => {
      const w = celyWith({
        holidays,
        timeZone: holidays === 'be' ? 'Europe/Brussels' : 'Europe/Paris',
      });
      const noon = at(`${date}T12:00:00+02:00`);
      expect(w.isOpen(noon)).toBe(false);
      expect(w.holidayAt(noon)).toBe(name);
      expect(w.nextOpening(noon)).toBe(at(reopens));
    },
  );

  test('Good Friday is open in France outside Alsace-Moselle; 8 May and 14 July are open in Belgium', () => {
    expect(celyWith({ holidays: 'fr' }).isOpen(at('2026-04-03T12:00:00+02:00'))).toBe(true);
    const be = celyWith({ holidays: 'be', timeZone: 'Europe/Brussels' });
    expect(be.isOpen(at('2026-05-08T12:00:00+02:00'))).toBe(true);
    expect(be.isOpen(at('2026-07-14T12:00:00+02:00'))).toBe(true);
  });

  test('Christmas Eve closed by date, Christmas by holiday: Friday night waits until Saturday 26th', () => {
    const w = celyWith({ holidays: 'fr', closedDates: ['2026-12-24'] });
    expect(w.nextOpening(at('2026-12-23T22:00:00+01:00'))).toBe(at('2026-12-26T08:00:00+01:00'));
  });

  test('a Saturday-Sunday-Monday holiday chain is skipped in one call', () => {
    // 2027: Sunday 28 March is Easter, Monday 29 Easter Monday.
    const w = celyWith({ holidays: 'fr', closedDates: ['2027-03-27'] });
    expect(w.nextOpening(at('2027-03-26T22:00:00+01:00'))).toBe(at('2027-03-30T08:00:00+02:00'));
  });
});

describe('open stretches', () => {
  test('ranges that touch across midnight are one open stretch', () => {
    const w = WindowSchedule.from({
      timeZone: 'Europe/Paris',
      weekly: {
        fri: [['20:00', '24:00']],
        sat: [
          ['00:00', '02:00'],
          ['09:00', '10:00'],
        ],
      },
    });
    expect(w.isOpen(at('2026-06-13T00:00:00+02:00'))).toBe(true);
    expect(w.nextClosing(at('2026-06-12T21:00:00+02:00'))).toBe(at('2026-06-13T02:00:00+02:00'));
  });

  test('an always-open window never closes within the horizon', () => {
    const generic = WindowSchedule.from(resolveWindow('generic'));
    expect(generic.isOpen(at('2026-03-29T02:30:00Z'))).toBe(true);
    expect(generic.nextClosing(at('2026-03-29T02:30:00Z'))).toBeNull();
  });

  test('always open with holidays closes at the next holiday', () => {
    const w = WindowSchedule.from({ ...resolveWindow('generic'), holidays: 'fr' });
    expect(w.nextClosing(at('2026-12-20T12:00:00+01:00'))).toBe(at('2026-12-25T00:00:00+01:00'));
    expect(w.nextOpening(at('2026-12-25T12:00:00+01:00'))).toBe(at('2026-12-26T00:00:00+01:00'));
  });
});

describe('a window that never opens', () => {
  test('every day closed: nextOpening stops with POLICY_WINDOW_NEVER_OPENS instead of looping', () => {
    const w = WindowSchedule.from({ timeZone: 'Europe/Paris', weekly: {} });
    expect(w.isOpen(0)).toBe(false);
    expect(() => w.nextOpening(at('2026-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({
        code: 'POLICY_WINDOW_NEVER_OPENS',
        context: expect.objectContaining({ horizonDays: SEARCH_HORIZON_DAYS }),
      }),
    );
  });

  test('open only on Sundays, and every Sunday for 60 weeks a closed date: never opens', () => {
    const sundays = Array.from({ length: 60 }, (_, i) =>
      new Date(at('2026-01-04T00:00:00Z') + i * 7 * 86_400_000).toISOString().slice(0, 10),
    );
    const w = WindowSchedule.from({
      timeZone: 'Europe/Paris',
      weekly: { sun: [['08:00', '09:00']] },
      closedDates: sundays,
    });
    expect(() => w.nextOpening(at('2026-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'POLICY_WINDOW_NEVER_OPENS' }),
    );
  });
});

describe('validation names the bad part', () => {
  const base = { timeZone: 'Europe/Paris', weekly: {} } as SendingWindow;
  test.each([
    [{ ...base, timeZone: 'Paris' }, 'POLICY_WINDOW_TIME_ZONE'],
    [{ ...base, weekly: { monday: [['08:00', '22:00']] } }, 'POLICY_WINDOW_DAY'],
    [{ ...base, weekly: { mon: [['8h', '22:00']] } }, 'POLICY_WINDOW_TIME'],
    [{ ...base, weekly: { mon: [['08:00', '24:01']] } }, 'POLICY_WINDOW_TIME'],
    [{ ...base, weekly: { mon: [['24:00', '24:00']] } }, 'POLICY_WINDOW_TIME'],
    [{ ...base, weekly: { mon: [['22:00', '06:00']] } }, 'POLICY_WINDOW_RANGE'],
    [
      {
        ...base,
        weekly: {
          mon: [
            ['08:00', '12:00'],
            ['11:00', '14:00'],
          ],
        },
      },
      'POLICY_WINDOW_OVERLAP',
    ],
    [{ ...base, holidays: 'de' }, 'POLICY_HOLIDAYS_UNKNOWN'],
    [{ ...base, closedDates: ['2026-02-30'] }, 'POLICY_DATE_INVALID'],
    [{ ...base, whenClosed: 'drop' }, 'POLICY_WINDOW_WHEN_CLOSED'],
  ])('%j → %s', (window, code) => {
    expect(() => WindowSchedule.from(window as SendingWindow)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  test('the error says which day and range', () => {
    expect(() =>
      WindowSchedule.from({
        ...base,
        weekly: {
          tue: [
            ['08:00', '12:00'],
            ['22:00', '06:00'],
          ],
        },
      }),
    ).toThrow(/tue\[1\]: 22:00-06:00/);
  });

  test('touching ranges are joined, not refused', () => {
    const w = WindowSchedule.from({
      ...base,
      weekly: {
        mon: [
          ['12:00', '14:00'],
          ['08:00', '12:00'],
        ],
      },
    });
    expect(w.weekly[0]).toEqual([[480, 840]]);
  });

  test('a NaN instant is refused rather than answered', () => {
    expect(() => cely.isOpen(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'POLICY_TIME_INVALID' }),
    );
  });
});

describe('free functions on window data', () => {
  test('isOpen and nextOpening accept the plain data and compile it once', () => {
    const window = resolveWindow('sms4less');
    expect(isOpen(window, at('2026-06-10T21:30:00+02:00'))).toBe(true);
    expect(nextOpening(window, at('2026-06-13T22:30:00+02:00'))).toBe(
      at('2026-06-15T08:00:00+02:00'),
    );
  });
});
