import { describe, expect, test } from 'vitest';
import { dayNumberOf, formatDayNumber, parseIsoDate } from '../../device/policy/civilDate.js';
import { easterSunday, holidayOn, holidaysOf } from '../../device/policy/index.js';

const EASTER = {
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
} as const;

describe('easterSunday', () => {
  test.each(Object.entries(EASTER))('Easter %s falls on %s', (year, date) => {
    expect(formatDayNumber(easterSunday(Number(year)))).toBe(date);
  });

  test('known extremes of the Gregorian computus: earliest 22 March, latest 25 April', () => {
    expect(formatDayNumber(easterSunday(1818))).toBe('1818-03-22');
    expect(formatDayNumber(easterSunday(2285))).toBe('2285-03-22');
    expect(formatDayNumber(easterSunday(1943))).toBe('1943-04-25');
    expect(formatDayNumber(easterSunday(2038))).toBe('2038-04-25');
  });

  test('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const day = easterSunday(year);
      expect(new Date(day * 86_400_000).getUTCDay()).toBe(0);
      expect(day).toBeGreaterThanOrEqual(dayNumberOf({ year, month: 3, day: 22 }));
      expect(day).toBeLessThanOrEqual(dayNumberOf({ year, month: 4, day: 25 }));
    }
  });

  test('years before the Gregorian calendar are refused with a typed error', () => {
    expect(() => easterSunday(1500)).toThrow(
      expect.objectContaining({ code: 'POLICY_YEAR_RANGE' }),
    );
    expect(() => easterSunday(2026.5)).toThrow(
      expect.objectContaining({ code: 'POLICY_YEAR_RANGE' }),
    );
  });
});

const dates = (calendar: 'fr' | 'fr-alsace-moselle' | 'be', year: number): string[] =>
  holidaysOf(calendar, year).map((h) => h.date);

describe('holiday calendars', () => {
  test('France has its eleven legal days, Easter-based ones computed (2026)', () => {
    expect(dates('fr', 2026)).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  test.each(Object.entries(EASTER))(
    'France %s: Easter Monday, Ascension and Whit Monday follow Easter %s',
    (year, easter) => {
      const e = dayNumberOf(parseIsoDate(easter));
      const fr = dates('fr', Number(year));
      expect(fr).toHaveLength(11);
      for (const offset of [1, 39, 50]) expect(fr).toContain(formatDayNumber(e + offset));
      expect(fr).not.toContain(formatDayNumber(e - 2));
    },
  );

  test.each(Object.entries(EASTER))(
    'Alsace-Moselle %s adds Good Friday and 26 December to France',
    (year, easter) => {
      const y = Number(year);
      const extra = dates('fr-alsace-moselle', y).filter((d) => !dates('fr', y).includes(d));
      expect(extra).toEqual([
        formatDayNumber(dayNumberOf(parseIsoDate(easter)) - 2),
        `${year}-12-26`,
      ]);
    },
  );

  test.each(Object.entries(EASTER))(
    'Belgium %s has ten days: 21 July instead of 8 May and 14 July',
    (year, easter) => {
      const y = Number(year);
      const e = dayNumberOf(parseIsoDate(easter));
      expect(dates('be', y)).toEqual(
        [
          `${year}-01-01`,
          formatDayNumber(e + 1),
          `${year}-05-01`,
          formatDayNumber(e + 39),
          formatDayNumber(e + 50),
          `${year}-07-21`,
          `${year}-08-15`,
          `${year}-11-01`,
          `${year}-11-11`,
          `${year}-12-25`,
        ].sort(),
      );
    },
  );

  test('holidayOn names the holiday of a date, and nothing for an ordinary day', () => {
    expect(holidayOn('fr', dayNumberOf(parseIsoDate('2027-03-29')))).toBe('Easter Monday');
    expect(holidayOn('be', dayNumberOf(parseIsoDate('2027-07-21')))).toBe('Belgian National Day');
    expect(holidayOn('fr', dayNumberOf(parseIsoDate('2027-07-21')))).toBeUndefined();
  });

  test('an unknown calendar is refused with a typed error naming it', () => {
    expect(() => holidaysOf('de' as 'fr', 2026)).toThrow(
      expect.objectContaining({
        code: 'POLICY_HOLIDAYS_UNKNOWN',
        context: expect.objectContaining({ holidays: 'de' }),
      }),
    );
  });
});
