import { describe, expect, test } from 'vitest';
import {
  DEFAULT_VALIDITY_MINUTES,
  encodeRelativeValidity,
  relativeValidityMinutes,
} from '../../../device/sms/pdu/validityPeriod.js';

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

describe('relative validity period (TS 23.040 §9.2.3.12.1)', () => {
  // python-gsmmodem test/test_pdu.py TestRelativeValidityPeriod, and the 0xAA / 0xA7 of dreamfabric and oFono.
  test.each([
    [30, 5],
    [16 * HOUR, 151],
    [DAY, 167],
    [3 * DAY, 169],
    [4 * DAY, 170],
    [5 * WEEK, 197],
    [63 * WEEK, 255],
  ])('%i minutes is TP-VP %i and back', (minutes, vp) => {
    expect(encodeRelativeValidity(minutes)).toBe(vp);
    expect(relativeValidityMinutes(vp)).toBe(minutes);
  });

  test('the default is 4 days, the 0xAA of the textbook PDUs', () => {
    expect(encodeRelativeValidity(DEFAULT_VALIDITY_MINUTES)).toBe(0xaa);
  });

  test.each([
    [1, 0, 5],
    [7, 1, 10],
    [12 * HOUR + 1, 144, 12 * HOUR + 30],
    [25 * HOUR, 168, 2 * DAY],
    [31 * DAY, 197, 5 * WEEK],
  ])(
    '%i minutes rounds up to TP-VP %i (%i minutes), never shorter than asked',
    (minutes, vp, actual) => {
      expect(encodeRelativeValidity(minutes)).toBe(vp);
      expect(relativeValidityMinutes(vp)).toBe(actual);
    },
  );

  test('every TP-VP octet round-trips through its minutes', () => {
    for (let vp = 0; vp <= 255; vp++)
      expect(encodeRelativeValidity(relativeValidityMinutes(vp))).toBe(vp);
  });

  test.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 63 * WEEK + 1])(
    '%d minutes is refused',
    (minutes) => {
      expect(() => encodeRelativeValidity(minutes)).toThrow(
        expect.objectContaining({ code: 'PDU_BAD_VALIDITY' }),
      );
    },
  );
});
