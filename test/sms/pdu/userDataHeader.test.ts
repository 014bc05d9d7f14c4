import { describe, expect, test } from 'vitest';
import { hexToBytes } from '../../../device/sms/pdu/hex.js';
import { parseUserDataHeader, writeConcat8Header } from '../../../device/sms/pdu/userDataHeader.js';

function parse(elementsHex: string) {
  const bytes = hexToBytes(elementsHex);
  return parseUserDataHeader(bytes, 0, bytes.length);
}

describe('user data header (TS 23.040 §9.2.3.24)', () => {
  // python-gsmmodem test/test_pdu.py TestUdhConcatenation.
  test('an 8-bit concatenation element gives reference, total and sequence', () => {
    expect(parse('0003170301').concat).toEqual({ ref: 23, total: 3, seq: 1, referenceBits: 8 });
  });

  test('a 16-bit concatenation element gives a 16-bit reference', () => {
    expect(parse('080401800402').concat).toEqual({ ref: 384, total: 4, seq: 2, referenceBits: 16 });
  });

  // python-gsmmodem TestUdhPortAddress: listed as elements, not interpreted.
  test('port addressing elements are listed with their data', () => {
    expect(parse('04026432050404D21466')).toEqual({
      elements: [
        { iei: 4, data: '6432' },
        { iei: 5, data: '04D21466' },
      ],
      concat: undefined,
    });
  });

  test.each([
    ['a zero total', '0003170001'],
    ['a zero sequence number', '0003170300'],
    ['a sequence number above the total', '0003170304'],
    ['a wrong element length', '000417030100'],
  ])('a concatenation element with %s is ignored (§9.2.3.24.1)', (_, hex) => {
    const header = parse(hex);
    expect(header.concat).toBeUndefined();
    expect(header.elements).toHaveLength(1);
  });

  test('a repeated element: the last occurrence is used', () => {
    expect(parse('00031703010003180202').concat).toMatchObject({ ref: 0x18, seq: 2 });
  });

  test('a last element overrunning the header makes the whole header ignored', () => {
    expect(parse('000317030104')).toEqual({ elements: [], concat: undefined });
    expect(parse('0003170301040564')).toEqual({ elements: [], concat: undefined });
  });

  test('the 8-bit concatenation header we send is 05 00 03 ref total seq', () => {
    const out = new Uint8Array(6);
    expect(writeConcat8Header(out, 0, 0xab, 3, 2)).toBe(6);
    expect([...out]).toEqual([0x05, 0x00, 0x03, 0xab, 0x03, 0x02]);
  });
});
