import { civilDateOf, dayNumberOf, formatDayNumber, type DayNumber } from './civilDate.js';
import { easterSunday } from './easter.js';
import { policyError } from './policyErrors.js';

/**
 * Public-holiday calendars a sending window can close on (RULES.md §2: off
 * by default, a product decision).
 *
 * - `fr`: the eleven legal days of France (Code du travail art. L3133-1).
 *   Whit Monday is listed even though many employers work it as the
 *   "journée de solidarité": it stays a legal holiday.
 * - `fr-alsace-moselle`: `fr` plus Good Friday and St Stephen's Day (26 December),
 *   the local law of Bas-Rhin, Haut-Rhin and Moselle (art. L3134-13).
 * - `be`: Belgium's ten legal days (loi du 4 janvier 1974).
 */
export const HOLIDAY_CALENDARS = ['fr', 'fr-alsace-moselle', 'be'] as const;
export type HolidayCalendarId = (typeof HOLIDAY_CALENDARS)[number];

export interface Holiday {
  /** `YYYY-MM-DD`, a local calendar date. */
  readonly date: string;
  readonly name: string;
}

type Rule = readonly [name: string, dayOf: (year: number, easter: DayNumber) => DayNumber];

const fixed =
  (month: number, day: number) =>
  (year: number): DayNumber =>
    dayNumberOf({ year, month, day });
const fromEaster =
  (days: number) =>
  (_year: number, easter: DayNumber): DayNumber =>
    easter + days;

const NEW_YEAR: Rule = ["New Year's Day", fixed(1, 1)];
const EASTER_MONDAY: Rule = ['Easter Monday', fromEaster(1)];
const LABOUR_DAY: Rule = ['Labour Day', fixed(5, 1)];
const ASCENSION: Rule = ['Ascension Day', fromEaster(39)];
const WHIT_MONDAY: Rule = ['Whit Monday', fromEaster(50)];
const ASSUMPTION: Rule = ['Assumption Day', fixed(8, 15)];
const ALL_SAINTS: Rule = ["All Saints' Day", fixed(11, 1)];
const ARMISTICE: Rule = ['Armistice Day', fixed(11, 11)];
const CHRISTMAS: Rule = ['Christmas Day', fixed(12, 25)];

const FRANCE: readonly Rule[] = [
  NEW_YEAR,
  EASTER_MONDAY,
  LABOUR_DAY,
  ['Victory in Europe Day', fixed(5, 8)],
  ASCENSION,
  WHIT_MONDAY,
  ['Bastille Day', fixed(7, 14)],
  ASSUMPTION,
  ALL_SAINTS,
  ARMISTICE,
  CHRISTMAS,
];

const RULES: Record<HolidayCalendarId, readonly Rule[]> = {
  fr: FRANCE,
  'fr-alsace-moselle': [
    ...FRANCE,
    ['Good Friday', fromEaster(-2)],
    ["St Stephen's Day", fixed(12, 26)],
  ],
  be: [
    NEW_YEAR,
    EASTER_MONDAY,
    LABOUR_DAY,
    ASCENSION,
    WHIT_MONDAY,
    ['Belgian National Day', fixed(7, 21)],
    ASSUMPTION,
    ALL_SAINTS,
    ARMISTICE,
    CHRISTMAS,
  ],
};

export function isHolidayCalendarId(value: unknown): value is HolidayCalendarId {
  return typeof value === 'string' && (HOLIDAY_CALENDARS as readonly string[]).includes(value);
}

export function assertHolidayCalendar(value: unknown): HolidayCalendarId {
  if (isHolidayCalendarId(value)) return value;
  throw policyError(
    'POLICY_HOLIDAYS_UNKNOWN',
    `unknown holiday calendar "${String(value)}" (known: ${HOLIDAY_CALENDARS.join(', ')})`,
    { holidays: String(value), known: [...HOLIDAY_CALENDARS] },
  );
}

const cache = new Map<string, ReadonlyMap<DayNumber, string>>();

function holidayMap(calendar: HolidayCalendarId, year: number): ReadonlyMap<DayNumber, string> {
  const key = `${calendar}:${year}`;
  let map = cache.get(key);
  if (!map) {
    const easter = easterSunday(year);
    map = new Map(
      RULES[assertHolidayCalendar(calendar)].map(([name, dayOf]) => [dayOf(year, easter), name]),
    );
    cache.set(key, map);
  }
  return map;
}

/** The holidays of one year, in date order. */
export function holidaysOf(calendar: HolidayCalendarId, year: number): Holiday[] {
  return [...holidayMap(calendar, year)]
    .sort(([a], [b]) => a - b)
    .map(([day, name]) => ({ date: formatDayNumber(day), name }));
}

/** The holiday's name when `day` is one in `calendar`, else `undefined`. */
export function holidayOn(calendar: HolidayCalendarId, day: DayNumber): string | undefined {
  return holidayMap(calendar, civilDateOf(day).year).get(day);
}
