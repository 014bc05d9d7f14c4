import type { HolidayCalendarId } from './holidays.js';
import { MINUTES_PER_DAY } from './civilDate.js';

/**
 * The sending window as data (RULES.md §2): weekly opening hours in an IANA
 * time zone, optional public holidays and extra closed dates, and what to do
 * with a message that arrives while it is closed. Stored in config, sent by
 * the cloud (`config/desired`), compiled by `WindowSchedule.from`.
 *
 * @example Cely (Monday to Saturday, 08:00–22:00, France)
 * { timeZone: 'Europe/Paris', weekly: { mon: [['08:00', '22:00']], …, sat: [['08:00', '22:00']] } }
 */
export interface SendingWindow {
  /** IANA time zone the hours are read in, e.g. `Europe/Paris`. Required. */
  readonly timeZone: string;
  /**
   * Opening hours per weekday as `[start, end)` local times `HH:MM`; `end`
   * may be `24:00`. A day that is missing or has no ranges is closed. A range
   * must not cross midnight: write `22:00-24:00` on one day and `00:00-06:00`
   * on the next (they join into one open stretch).
   */
  readonly weekly: WeeklyHours;
  /** Public holidays to close on. Default: none (RULES.md §2, off by default). */
  readonly holidays?: HolidayCalendarId | null;
  /** Extra closed local dates, `YYYY-MM-DD`. Default: none. */
  readonly closedDates?: readonly string[];
  /**
   * A message that wants to go while the window is closed: `queue` waits for
   * the next opening, `reject` refuses it. Default: `queue` (RULES.md §2).
   */
  readonly whenClosed?: WhenClosed;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Three-letter English weekday; index in WEEKDAYS + 1 is the ISO weekday. */
export type Weekday = (typeof WEEKDAYS)[number];
/** `[start, end)` local wall times, `HH:MM`. */
export type TimeRange = readonly [start: string, end: string];
export type WeeklyHours = Partial<Record<Weekday, readonly TimeRange[]>>;
export type WhenClosed = 'queue' | 'reject';

/** `[start, end)` in minutes since local midnight, 0 ≤ start < end ≤ 1440. */
export type MinuteRange = readonly [start: number, end: number];

export function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

/**
 * `HH:MM` (or `H:MM`) → minutes since midnight; `24:00` only when `isEnd`.
 * Returns `undefined` for anything else, so each caller names its own error.
 */
export function parseLocalTime(text: string, isEnd: boolean): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return undefined;
  if (hours === 24 && minutes === 0 && isEnd) return MINUTES_PER_DAY;
  return hours <= 23 ? hours * 60 + minutes : undefined;
}

export function formatLocalTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function formatRange([start, end]: MinuteRange): string {
  return `${formatLocalTime(start)}-${formatLocalTime(end)}`;
}

/**
 * Sorts the ranges and joins those that touch (12:00-14:00 and 14:00-18:00
 * are one stretch). Returns the two ranges that overlap instead, if any: an
 * overlap is almost always a typo, so it is refused rather than merged.
 */
export function normaliseRanges(
  ranges: readonly MinuteRange[],
): { ok: true; ranges: MinuteRange[] } | { ok: false; overlap: [MinuteRange, MinuteRange] } {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: MinuteRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range[0] < last[1]) return { ok: false, overlap: [last, range] };
    if (last && range[0] === last[1]) out[out.length - 1] = [last[0], range[1]];
    else out.push(range);
  }
  return { ok: true, ranges: out };
}

/** The same hours every day of the week. */
export function everyDay(ranges: readonly TimeRange[]): WeeklyHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, ranges])) as WeeklyHours;
}

/** Open all day, every day. */
export const ALWAYS_OPEN: WeeklyHours = everyDay([['00:00', '24:00']]);
