import {
  dayNumberOf,
  isoWeekdayOf,
  MINUTE_MS,
  MINUTES_PER_DAY,
  parseIsoDate,
} from './civilDate.js';
import type { DayNumber } from './civilDate.js';
import { assertHolidayCalendar, holidayOn, type HolidayCalendarId } from './holidays.js';
import { assertInstant, policyError } from './policyErrors.js';
import {
  formatRange,
  isWeekday,
  normaliseRanges,
  parseLocalTime,
  WEEKDAYS,
  type MinuteRange,
  type SendingWindow,
  type WhenClosed,
} from './SendingWindow.js';
import { localPositionOf, localToInstant, zoneNamed, type Zone } from './zoneTime.js';

/** `[start, end)` instants, epoch ms. */
export interface OpenInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * How far ahead nextOpening/nextClosing look, in days. A weekly window opens
 * within a week; holidays and closed dates add a few days; a year and a bit
 * covers a closed-dates list that shuts a whole season.
 */
export const SEARCH_HORIZON_DAYS = 400;

/** Day intervals kept per schedule; a dispatcher looks at a few days around now. */
const CACHE_LIMIT = 4096;

const NO_INTERVALS: readonly OpenInterval[] = [];

/**
 * A validated, compiled sending window: answers "is it open at t?" and "when
 * does it next open / close?" for instants (epoch ms). Pure: the caller passes
 * the time, usually `clock.now()`.
 *
 * Each weekly range of a local date becomes one interval of instants, its
 * ends placed by `localToInstant`: on the spring-forward night an opening at a
 * missing time (02:30) moves to the next valid instant (03:00); on the
 * fall-back night the repeated hour is passed once, so a range that opens or
 * closes inside it does so at the first occurrence and not again.
 */
export class WindowSchedule {
  readonly timeZone: string;
  readonly whenClosed: WhenClosed;
  readonly holidays: HolidayCalendarId | null;
  /** Normalised ranges, index 0 = Monday … 6 = Sunday. */
  readonly weekly: readonly (readonly MinuteRange[])[];
  readonly #zone: Zone;
  readonly #closedDates: ReadonlySet<DayNumber>;
  readonly #alwaysOpen: boolean;
  readonly #cache = new Map<DayNumber, readonly OpenInterval[]>();

  private constructor(window: SendingWindow) {
    if (typeof window !== 'object' || window === null) {
      throw policyError('POLICY_WINDOW_INVALID', 'a sending window must be an object');
    }
    this.#zone = zoneNamed(window.timeZone);
    this.timeZone = window.timeZone;
    this.weekly = compileWeekly(window.weekly);
    this.holidays =
      window.holidays === undefined || window.holidays === null
        ? null
        : assertHolidayCalendar(window.holidays);
    this.#closedDates = new Set(
      (window.closedDates ?? []).map((d) => dayNumberOf(parseIsoDate(d))),
    );
    const whenClosed = window.whenClosed ?? 'queue';
    if (whenClosed !== 'queue' && whenClosed !== 'reject') {
      throw policyError('POLICY_WINDOW_WHEN_CLOSED', `whenClosed must be "queue" or "reject"`, {
        whenClosed: String(whenClosed),
      });
    }
    this.whenClosed = whenClosed;
    this.#alwaysOpen =
      this.holidays === null &&
      this.#closedDates.size === 0 &&
      this.weekly.every((r) => r.length === 1 && r[0]?.[0] === 0 && r[0][1] === MINUTES_PER_DAY);
  }

  /** Validates and compiles; throws a `POLICY_WINDOW_*` (or calendar) error naming the bad part. */
  static from(window: SendingWindow): WindowSchedule {
    return new WindowSchedule(window);
  }

  /** True when a message may start at `instant`. */
  isOpen(instant: number): boolean {
    assertInstant(instant, 'instant');
    if (this.#alwaysOpen) return true;
    return this.#intervalAt(instant) !== undefined;
  }

  /**
   * The first instant ≥ `instant` at which the window is open (`instant`
   * itself when open). Throws POLICY_WINDOW_NEVER_OPENS when it stays closed
   * for SEARCH_HORIZON_DAYS.
   */
  nextOpening(instant: number): number {
    if (this.isOpen(instant)) return instant;
    const today = localPositionOf(this.#zone, instant).day;
    for (let day = today - 1; day <= today + SEARCH_HORIZON_DAYS; day++) {
      for (const interval of this.intervalsOn(day)) {
        if (interval.start > instant) return interval.start;
      }
    }
    throw policyError(
      'POLICY_WINDOW_NEVER_OPENS',
      `the sending window stays closed for the next ${SEARCH_HORIZON_DAYS} days`,
      { from: instant, horizonDays: SEARCH_HORIZON_DAYS, timeZone: this.timeZone },
    );
  }

  /**
   * The first instant ≥ `instant` at which the window is closed (`instant`
   * itself when closed). Ranges that touch across midnight count as one open
   * stretch. `null` when it stays open for SEARCH_HORIZON_DAYS.
   */
  nextClosing(instant: number): number | null {
    if (!this.isOpen(instant)) return instant;
    if (this.#alwaysOpen) return null;
    const current = this.#intervalAt(instant) as OpenInterval;
    let end = current.end;
    const first = localPositionOf(this.#zone, current.start).day;
    for (let day = first; day <= first + SEARCH_HORIZON_DAYS; day++) {
      for (const interval of this.intervalsOn(day)) {
        if (interval.start <= end && interval.end > end) end = interval.end;
      }
      if (end < localToInstant(this.#zone, day + 1, 0)) return end;
    }
    return null;
  }

  /** The open intervals of a local date, in order; none on a holiday or closed date. */
  intervalsOn(day: DayNumber): readonly OpenInterval[] {
    let intervals = this.#cache.get(day);
    if (intervals === undefined) {
      intervals = this.#computeIntervals(day);
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(day, intervals);
    }
    return intervals;
  }

  /** The name of the holiday that closes the local date of `instant`, if any. */
  holidayAt(instant: number): string | undefined {
    if (this.holidays === null) return undefined;
    return holidayOn(this.holidays, localPositionOf(this.#zone, instant).day);
  }

  #intervalAt(instant: number): OpenInterval | undefined {
    const today = localPositionOf(this.#zone, instant).day;
    // Yesterday and tomorrow too: around a transition at midnight an instant's
    // wall date and the date whose range holds it can differ.
    for (let day = today - 1; day <= today + 1; day++) {
      for (const interval of this.intervalsOn(day)) {
        if (interval.start <= instant && instant < interval.end) return interval;
      }
    }
    return undefined;
  }

  #computeIntervals(day: DayNumber): readonly OpenInterval[] {
    const ranges = this.weekly[isoWeekdayOf(day) - 1] ?? [];
    if (ranges.length === 0 || this.#closedDates.has(day)) return NO_INTERVALS;
    if (this.holidays !== null && holidayOn(this.holidays, day) !== undefined) return NO_INTERVALS;
    const intervals: OpenInterval[] = [];
    for (const [start, end] of ranges) {
      const interval = {
        start: localToInstant(this.#zone, day, start * MINUTE_MS),
        end: localToInstant(this.#zone, day, end * MINUTE_MS),
      };
      // A range wholly inside the spring-forward gap never happens that day.
      if (interval.start < interval.end) intervals.push(interval);
    }
    return intervals;
  }
}

function compileWeekly(weekly: SendingWindow['weekly']): MinuteRange[][] {
  if (typeof weekly !== 'object' || weekly === null) {
    throw policyError('POLICY_WINDOW_INVALID', 'weekly must map weekdays (mon…sun) to time ranges');
  }
  for (const key of Object.keys(weekly)) {
    if (!isWeekday(key)) {
      throw policyError('POLICY_WINDOW_DAY', `"${key}" is not a weekday (mon, tue, … sun)`, {
        day: key,
      });
    }
  }
  return WEEKDAYS.map((day) => {
    const ranges = weekly[day] ?? [];
    if (!Array.isArray(ranges)) {
      throw policyError('POLICY_WINDOW_TIME', `${day}: expected a list of [start, end] ranges`, {
        day,
      });
    }
    const minutes = ranges.map((range, index) => compileRange(day, index, range));
    const result = normaliseRanges(minutes);
    if (!result.ok) {
      const [a, b] = result.overlap;
      throw policyError(
        'POLICY_WINDOW_OVERLAP',
        `${day}: ranges ${formatRange(a)} and ${formatRange(b)} overlap`,
        { day, ranges: [formatRange(a), formatRange(b)] },
      );
    }
    return result.ranges;
  });
}

function compileRange(day: string, index: number, range: unknown): MinuteRange {
  const where = `${day}[${index}]`;
  const [startText, endText] = Array.isArray(range) ? (range as unknown[]) : [];
  const start = typeof startText === 'string' ? parseLocalTime(startText, false) : undefined;
  const end = typeof endText === 'string' ? parseLocalTime(endText, true) : undefined;
  if (start === undefined || end === undefined) {
    throw policyError(
      'POLICY_WINDOW_TIME',
      `${where}: expected ["HH:MM", "HH:MM"], got ${JSON.stringify(range)}`,
      { day, index, range: JSON.stringify(range) },
    );
  }
  if (end <= start) {
    throw policyError(
      'POLICY_WINDOW_RANGE',
      `${where}: ${String(startText)}-${String(endText)} ends before it starts; a range cannot cross midnight`,
      { day, index, range: `${String(startText)}-${String(endText)}` },
    );
  }
  return [start, end];
}

const schedules = new WeakMap<SendingWindow, WindowSchedule>();

/** The compiled schedule of a window, compiled once per window object. */
export function scheduleOf(window: SendingWindow | WindowSchedule): WindowSchedule {
  if (window instanceof WindowSchedule) return window;
  let schedule = schedules.get(window);
  if (!schedule) {
    schedule = WindowSchedule.from(window);
    schedules.set(window, schedule);
  }
  return schedule;
}

/** Whether `window` is open at `instant`. */
export function isOpen(window: SendingWindow | WindowSchedule, instant: number): boolean {
  return scheduleOf(window).isOpen(instant);
}

/** The first instant ≥ `instant` at which `window` is open. */
export function nextOpening(window: SendingWindow | WindowSchedule, instant: number): number {
  return scheduleOf(window).nextOpening(instant);
}
