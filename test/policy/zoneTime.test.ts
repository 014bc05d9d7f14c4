import fc from 'fast-check';
import { IANAZone, Settings } from 'luxon';
import { afterEach, describe, expect, test } from 'vitest';
import { dayNumberOf, parseIsoDate } from '../../device/policy/civilDate.js';
import {
  addLocalYears,
  formatInstant,
  localToInstant,
  parseInstant,
  startOfLocalMonth,
  startOfNextLocalMonth,
  zoneNamed,
} from '../../device/policy/zoneTime.js';

const paris = zoneNamed('Europe/Paris');
const day = (iso: string): number => dayNumberOf(parseIsoDate(iso));
const hm = (h: number, m = 0): number => (h * 60 + m) * 60_000;
const utc = (iso: string): number => Date.parse(iso);

describe('localToInstant in Europe/Paris', () => {
  test('an ordinary wall time maps to its one instant, winter and summer', () => {
    expect(localToInstant(paris, day('2026-01-15'), hm(8))).toBe(utc('2026-01-15T07:00:00Z'));
    expect(localToInstant(paris, day('2026-07-15'), hm(8))).toBe(utc('2026-07-15T06:00:00Z'));
  });

  test('spring-forward night: a missing wall time becomes the instant the clock jumps to 03:00', () => {
    expect(localToInstant(paris, day('2026-03-29'), hm(2))).toBe(utc('2026-03-29T01:00:00Z'));
    expect(localToInstant(paris, day('2026-03-29'), hm(2, 30))).toBe(utc('2026-03-29T01:00:00Z'));
    expect(localToInstant(paris, day('2026-03-29'), hm(3))).toBe(utc('2026-03-29T01:00:00Z'));
    expect(localToInstant(paris, day('2026-03-29'), hm(1, 59))).toBe(utc('2026-03-29T00:59:00Z'));
  });

  test('fall-back night: a repeated wall time is its first occurrence', () => {
    expect(localToInstant(paris, day('2026-10-25'), hm(2, 30))).toBe(utc('2026-10-25T00:30:00Z'));
    expect(localToInstant(paris, day('2026-10-25'), hm(3))).toBe(utc('2026-10-25T02:00:00Z'));
  });

  test('24:00 is the next midnight', () => {
    expect(localToInstant(paris, day('2026-03-28'), hm(24))).toBe(
      localToInstant(paris, day('2026-03-29'), 0),
    );
  });

  afterEach(() => {
    Settings.now = () => Date.now();
  });

  // luxon's fromObject resolves the repeated hour from the offset in force when
  // the code runs; ours must not depend on the season of the test run.
  test('gives the same instants whatever the real date of the run', () => {
    const probe = (): number[] => [
      localToInstant(paris, day('2026-10-25'), hm(2, 30)),
      localToInstant(paris, day('2026-03-29'), hm(2, 30)),
    ];
    Settings.now = () => utc('2026-07-01T00:00:00Z');
    const summer = probe();
    Settings.now = () => utc('2026-01-01T00:00:00Z');
    expect(probe()).toEqual(summer);
  });
});

describe('other zones', () => {
  test('a southern-hemisphere zone shifts the other way (Australia/Sydney, April fall-back)', () => {
    const sydney = zoneNamed('Australia/Sydney');
    // 2026-04-05 03:00 AEDT → 02:00 AEST: 02:30 happens twice, first at 15:30Z.
    expect(localToInstant(sydney, day('2026-04-05'), hm(2, 30))).toBe(utc('2026-04-04T15:30:00Z'));
  });

  test('a zone that skips midnight starts that day at 01:00 (America/Santiago, September)', () => {
    const santiago = zoneNamed('America/Santiago');
    expect(localToInstant(santiago, day('2026-09-06'), 0)).toBe(utc('2026-09-06T04:00:00Z'));
    expect(formatInstant(utc('2026-09-06T04:00:00Z'), santiago)).toBe(
      '2026-09-06T01:00:00.000-03:00',
    );
  });

  test('an unknown zone is refused with a typed error naming it', () => {
    expect(() => zoneNamed('Europe/Atlantis')).toThrow(
      expect.objectContaining({
        code: 'POLICY_WINDOW_TIME_ZONE',
        context: { timeZone: 'Europe/Atlantis' },
      }),
    );
  });
});

describe('months and years in a zone', () => {
  test('a local month starts at local midnight on the 1st, not at UTC midnight', () => {
    expect(startOfLocalMonth(paris, utc('2026-01-31T23:30:00Z'))).toBe(utc('2026-01-31T23:00:00Z'));
    expect(startOfLocalMonth(paris, utc('2026-01-31T22:59:59Z'))).toBe(utc('2025-12-31T23:00:00Z'));
    expect(startOfNextLocalMonth(paris, utc('2026-12-15T12:00:00Z'))).toBe(
      utc('2026-12-31T23:00:00Z'),
    );
    expect(startOfNextLocalMonth(paris, utc('2026-03-15T12:00:00Z'))).toBe(
      utc('2026-03-31T22:00:00Z'),
    );
  });

  test('two years later keeps the wall time; 29 February becomes 28 February', () => {
    expect(addLocalYears(paris, utc('2026-01-10T09:00:00Z'), 2)).toBe(utc('2028-01-10T09:00:00Z'));
    expect(addLocalYears(paris, utc('2028-02-29T11:00:00Z'), 2)).toBe(utc('2030-02-28T11:00:00Z'));
    // 10:00 in July (CEST) stays 10:00 local two years later.
    expect(formatInstant(addLocalYears(paris, utc('2026-07-01T08:00:00Z'), 2), paris)).toBe(
      '2028-07-01T10:00:00.000+02:00',
    );
  });
});

describe('parseInstant, for the CLI --at option', () => {
  test('an ISO time with an offset or Z is that instant', () => {
    expect(parseInstant('2026-03-28T22:00:00+01:00', 'Europe/Paris')).toBe(
      utc('2026-03-28T21:00:00Z'),
    );
    expect(parseInstant('2026-03-28T21:00:00Z', 'Australia/Sydney')).toBe(
      utc('2026-03-28T21:00:00Z'),
    );
  });

  test('without an offset it is a wall time in the window zone, DST included', () => {
    expect(parseInstant('2026-07-14T08:00', 'Europe/Paris')).toBe(utc('2026-07-14T06:00:00Z'));
    expect(parseInstant('2026-01-14', 'Europe/Paris')).toBe(utc('2026-01-13T23:00:00Z'));
    expect(parseInstant('2026-03-29T02:30', 'Europe/Paris')).toBe(utc('2026-03-29T01:00:00Z'));
    expect(parseInstant('2026-10-25T02:30', 'Europe/Paris')).toBe(utc('2026-10-25T00:30:00Z'));
  });

  test('text that is not ISO-8601 is refused', () => {
    for (const text of ['tomorrow', '28/03/2026 22:00', '2026-02-30T10:00']) {
      expect(() => parseInstant(text, 'Europe/Paris')).toThrow(
        expect.objectContaining({ code: 'POLICY_TIME_INVALID' }),
      );
    }
  });
});

describe('the per-day offset cache', () => {
  test('answers exactly what the tz database says, around changes too (property)', () => {
    const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-04-04T16:00:00Z'].map(
      utc,
    );
    const instant = fc.oneof(
      fc.integer({ min: utc('1990-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') }),
      fc
        .tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }))
        .map(([c, d]) => c + d),
    );
    const names = fc.constantFrom(
      'Europe/Paris',
      'Europe/Brussels',
      'Australia/Sydney',
      'America/Santiago',
    );
    fc.assert(
      fc.property(names, instant, (name, t) => {
        expect(zoneNamed(name).offsetAt(t)).toBe(IANAZone.create(name).offset(t));
      }),
      { numRuns: 500 },
    );
  });
});
