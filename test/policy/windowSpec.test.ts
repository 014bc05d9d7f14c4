import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ALWAYS_OPEN,
  WEEKDAYS,
  formatWindowSpec,
  parseWindowSpec,
  type WeeklyHours,
} from '../../device/policy/index.js';

describe('parseWindowSpec', () => {
  test('"mon-sat 08:00-22:00" is the Cely week', () => {
    expect(parseWindowSpec('mon-sat 08:00-22:00')).toEqual({
      mon: [['08:00', '22:00']],
      tue: [['08:00', '22:00']],
      wed: [['08:00', '22:00']],
      thu: [['08:00', '22:00']],
      fri: [['08:00', '22:00']],
      sat: [['08:00', '22:00']],
    });
  });

  test('several clauses, split days and a lunch break', () => {
    expect(parseWindowSpec('mon-fri 08:00-12:00,14:00-19:00; sat 09:00-12:00')).toEqual({
      mon: [
        ['08:00', '12:00'],
        ['14:00', '19:00'],
      ],
      tue: [
        ['08:00', '12:00'],
        ['14:00', '19:00'],
      ],
      wed: [
        ['08:00', '12:00'],
        ['14:00', '19:00'],
      ],
      thu: [
        ['08:00', '12:00'],
        ['14:00', '19:00'],
      ],
      fri: [
        ['08:00', '12:00'],
        ['14:00', '19:00'],
      ],
      sat: [['09:00', '12:00']],
    });
  });

  test('"always" is every day, all day', () => {
    expect(parseWindowSpec('  Always ')).toEqual(ALWAYS_OPEN);
  });

  test('case, spaces around separators, single-digit hours and 24:00 are accepted', () => {
    expect(parseWindowSpec('MON , Wed - Thu  8:00 - 12:30 , 13:00-24:00 ;')).toEqual({
      mon: [
        ['08:00', '12:30'],
        ['13:00', '24:00'],
      ],
      wed: [
        ['08:00', '12:30'],
        ['13:00', '24:00'],
      ],
      thu: [
        ['08:00', '12:30'],
        ['13:00', '24:00'],
      ],
    });
  });

  test('a day range may wrap round the week (sat-mon) and "closed" names a closed day', () => {
    expect(parseWindowSpec('sat-mon 10:00-11:00; tue closed')).toEqual({
      sat: [['10:00', '11:00']],
      sun: [['10:00', '11:00']],
      mon: [['10:00', '11:00']],
      tue: [],
    });
  });

  test('ranges are sorted and touching ones joined', () => {
    expect(parseWindowSpec('mon 14:00-18:00,08:00-12:00,12:00-13:00')).toEqual({
      mon: [
        ['08:00', '13:00'],
        ['14:00', '18:00'],
      ],
    });
  });

  test.each([
    ['', 'POLICY_SPEC_EMPTY', undefined],
    ['   ', 'POLICY_SPEC_EMPTY', undefined],
    ['08:00-22:00', 'POLICY_SPEC_SYNTAX', '08:00-22:00'],
    ['mon-sat', 'POLICY_SPEC_SYNTAX', 'mon-sat'],
    ['lun-sam 08:00-22:00', 'POLICY_SPEC_DAY', 'lun-sam'],
    ['mon-fri-sat 08:00-22:00', 'POLICY_SPEC_DAY', 'mon-fri-sat'],
    ['monday 08:00-22:00', 'POLICY_SPEC_DAY', 'monday'],
    ['mon 8h-22h', 'POLICY_SPEC_TIME', '8h-22h'],
    ['mon 08:00-24:30', 'POLICY_SPEC_TIME', '08:00-24:30'],
    ['mon 08:60-22:00', 'POLICY_SPEC_TIME', '08:60-22:00'],
    ['mon 08:00', 'POLICY_SPEC_SYNTAX', '08:00'],
    ['mon 08:00-12:00-14:00', 'POLICY_SPEC_SYNTAX', '08:00-12:00-14:00'],
    ['mon 22:00-06:00', 'POLICY_SPEC_RANGE', '22:00-06:00'],
    ['mon 10:00-10:00', 'POLICY_SPEC_RANGE', '10:00-10:00'],
    ['mon 08:00-12:00,11:00-14:00', 'POLICY_SPEC_OVERLAP', '08:00-12:00,11:00-14:00'],
    ['mon-fri 08:00-22:00; fri 09:00-12:00', 'POLICY_SPEC_DUPLICATE_DAY', 'fri 09:00-12:00'],
    ['mon-fri 08:00-12:00 sat 09:00-12:00', 'POLICY_SPEC_SYNTAX', 'sat 09:00-12:00'],
  ])('%j is refused with %s naming %j', (spec, code, part) => {
    let error: unknown;
    try {
      parseWindowSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code });
    if (part !== undefined) {
      expect(error).toMatchObject({ context: expect.objectContaining({ part }) });
      expect((error as Error).message).toContain(part.split(',')[0]);
    }
  });
});

describe('formatWindowSpec', () => {
  test('groups consecutive days with the same hours', () => {
    expect(
      formatWindowSpec(parseWindowSpec('mon-fri 08:00-12:00,14:00-19:00; sat 09:00-12:00')),
    ).toBe('mon-fri 08:00-12:00,14:00-19:00; sat 09:00-12:00');
    expect(formatWindowSpec(parseWindowSpec('mon,wed,fri 08:00-09:00'))).toBe(
      'mon 08:00-09:00; wed 08:00-09:00; fri 08:00-09:00',
    );
  });

  test('all day every day is "always"; no hours at all is "mon-sun closed", which parses back', () => {
    expect(formatWindowSpec(ALWAYS_OPEN)).toBe('always');
    expect(formatWindowSpec({})).toBe('mon-sun closed');
    expect(formatWindowSpec(parseWindowSpec('mon-sun closed'))).toBe('mon-sun closed');
  });

  test('formatting then parsing gives the same hours back (property)', () => {
    const minutes = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 });
    const weekly = fc.tuple(...WEEKDAYS.map(() => minutes)).map((days) => {
      const hhmm = (m: number): string =>
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const out: WeeklyHours = {};
      WEEKDAYS.forEach((day, i) => {
        const sorted = [...(days[i] ?? [])].sort((a, b) => a - b);
        const ranges: [string, string][] = [];
        for (let j = 0; j + 1 < sorted.length; j += 2)
          ranges.push([hhmm(sorted[j]!), hhmm(sorted[j + 1]!)]);
        if (ranges.length > 0) out[day] = ranges;
      });
      return out;
    });
    fc.assert(
      fc.property(weekly, (w) => {
        const spec = formatWindowSpec(w);
        expect(formatWindowSpec(parseWindowSpec(spec))).toBe(spec);
      }),
      { numRuns: 300 },
    );
  });
});
