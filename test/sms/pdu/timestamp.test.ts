import { describe, expect, test } from 'vitest';
import { hexToBytes } from '../../../device/sms/pdu/hex.js';
import { PduReader } from '../../../device/sms/pdu/PduReader.js';
import { readTimestamp } from '../../../device/sms/pdu/timestamp.js';

function read(hex: string) {
  return readTimestamp(new PduReader(hexToBytes(hex)), 'TP-SCTS');
}

describe('service centre timestamps (TS 23.040 §9.2.3.11)', () => {
  // python-gsmmodem test/test_pdu.py TestTimestamp.
  test.each([
    ['51117200000000', '2015-11-27T00:00:00+00:00', 0],
    ['51117200000080', '2015-11-27T00:00:00+02:00', 120],
    ['70402132522423', '2007-04-12T23:25:42+08:00', 480],
    ['7040213252242B', '2007-04-12T23:25:42-08:00', -480],
  ])('%s is %s', (hex, iso, offset) => {
    expect(read(hex)).toEqual({ iso, offsetMinutes: offset });
  });

  test('quarter-hour zones keep their minutes: -14 quarters is -03:30', () => {
    expect(read('62111241305049')).toEqual({
      iso: '2026-11-21T14:03:05-03:30',
      offsetMinutes: -210,
    });
  });

  test('a negative zero zone is written +00:00', () => {
    expect(read('62111241305008')).toEqual({ iso: '2026-11-21T14:03:05+00:00', offsetMinutes: 0 });
  });

  test('29 February exists in leap years only', () => {
    expect(read('42209221000000').iso).toBe('2024-02-29T12:00:00+00:00');
    expect(() => read('32209221000000')).toThrow(
      expect.objectContaining({ code: 'PDU_BAD_TIMESTAMP' }),
    );
  });

  test.each([
    ['a non-decimal semi-octet', '5111720000A000', 'second'],
    ['month 13', '51317200000000', 'month'],
    ['day 0', '51110000000000', 'day'],
    ['minute 60', '51117200060000', 'minute'],
    ['second 60', '51117200000600', 'second'],
    ['a zone above 18 hours', '51117200000037', 'time zone'],
    ['a zone with a non-decimal units digit', '511172000000A0', 'time zone'],
  ])('%s is refused and named', (_, hex, part) => {
    expect(() => read(hex)).toThrow(
      expect.objectContaining({
        code: 'PDU_BAD_TIMESTAMP',
        context: expect.objectContaining({ part }),
      }),
    );
  });

  test('fewer than seven octets is a truncation', () => {
    expect(() => read('511172000000')).toThrow(expect.objectContaining({ code: 'PDU_TRUNCATED' }));
  });
});
