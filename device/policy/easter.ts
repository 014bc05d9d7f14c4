import { dayNumberOf, type DayNumber } from './civilDate.js';
import { policyError } from './policyErrors.js';

/**
 * Easter Sunday of the Gregorian calendar, by the anonymous Gregorian
 * algorithm (Meeus/Jones/Butcher). Valid from 1583, the first full year of
 * the Gregorian calendar; the holiday calendars need nothing older.
 */
export function easterSunday(year: number): DayNumber {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw policyError('POLICY_YEAR_RANGE', `Easter is computed for years 1583–9999, not ${year}`, {
      year,
    });
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberOf({ year, month, day });
}
