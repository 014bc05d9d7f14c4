import { policyError } from './policyErrors.js';

/**
 * Calendar dates without a time zone ("the 14th of July"), counted as days
 * since 1970-01-01 so adding days is integer arithmetic. Only calendar
 * arithmetic lives here; anything involving offsets goes through zoneTime.ts.
 */
export type DayNumber = number;

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

export function dayNumberOf(date: CivilDate): DayNumber {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

export function civilDateOf(day: DayNumber): CivilDate {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOf(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function formatIsoDate(date: CivilDate): string {
  const y = String(date.year).padStart(4, '0');
  return `${y}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function formatDayNumber(day: DayNumber): string {
  return formatIsoDate(civilDateOf(day));
}

/** Parses `YYYY-MM-DD` and refuses dates that do not exist (2026-02-30). */
export function parseIsoDate(text: string): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    const back = civilDateOf(dayNumberOf(date));
    if (back.year === date.year && back.month === date.month && back.day === date.day) return date;
  }
  throw policyError('POLICY_DATE_INVALID', `"${text}" is not a calendar date in YYYY-MM-DD form`, {
    date: text,
  });
}
