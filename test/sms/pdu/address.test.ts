import { describe, expect, test } from 'vitest';
import {
  encodeAddress,
  encodeScAddress,
  readAddress,
  readScAddress,
} from '../../../device/sms/pdu/address.js';
import { bytesToHex, hexToBytes } from '../../../device/sms/pdu/hex.js';
import { PduReader } from '../../../device/sms/pdu/PduReader.js';

/** python-gsmmodem test/test_pdu.py TestSmsPduAddressFields: value, octets read, hex (with trailing data). */
const ADDRESSES: readonly [string, number, string, string][] = [
  ['+9876543210', 7, '0A918967452301', 'international'],
  ['+9876543210', 7, '0A918967452301000000', 'international'],
  ['+987654321', 7, '099189674523F1000000', 'international'],
  ['+27829135934', 8, '0B917228195339F4', 'international'],
  ['abc', 5, '06D061F118', 'alphanumeric'],
  ['abc', 5, '06D061F118D3F1FF0032', 'alphanumeric'],
  ['FRANCOIS', 9, '0ED04669D0397C26A7', 'alphanumeric'],
  ['a[]{}€', 12, '14D0E10D6FE3DBA036A94D19', 'alphanumeric'],
  ['0129998765', 7, '0AA11092997856', 'national'],
];

/** python-gsmmodem TestSmsPduSmscFields: the SCA length counts octets, type included. */
const SERVICE_CENTRES: readonly [string, string][] = [
  ['+9876543210', '06918967452301'],
  ['+987654321', '069189674523F1'],
  ['+2782913593', '06917228195339'],
];

describe('address fields', () => {
  test.each(ADDRESSES)('%s is read from %i octets of %s', (value, octets, hex, type) => {
    const reader = new PduReader(hexToBytes(hex));
    expect(readAddress(reader, 'TP-OA')).toMatchObject({ address: value, type });
    expect(reader.offset).toBe(octets);
  });

  test.each(ADDRESSES.filter(([value]) => value.startsWith('+')))(
    '%s is written as the published octets',
    (value, octets, hex) => {
      expect(bytesToHex(encodeAddress(value))).toBe(hex.slice(0, octets * 2));
    },
  );

  test('digits without + go out with type unknown/ISDN (0x81)', () => {
    expect(bytesToHex(encodeAddress('15125551234'))).toBe('0B815121551532F4');
  });

  test.each(SERVICE_CENTRES)('service centre %s is %s', (value, hex) => {
    expect(bytesToHex(encodeScAddress(value))).toBe(hex);
    expect(readScAddress(new PduReader(hexToBytes(`${hex}000000`)))).toMatchObject({
      address: value,
    });
  });

  test('no service centre is the single octet 00', () => {
    expect(bytesToHex(encodeScAddress())).toBe('00');
    expect(readScAddress(new PduReader(Uint8Array.of(0)))).toBeUndefined();
  });

  test('*, #, a, b and c digits are decoded (TS 24.008 table 10.5.118)', () => {
    expect(readAddress(new PduReader(hexToBytes('0581BAEDFC')), 'TP-OA').address).toBe('*#bca');
  });

  test.each(['', '+', '12a4', '+33 6', '1'.repeat(21), '++1'])(
    'recipient %j is refused',
    (value) => {
      expect(() => encodeAddress(value)).toThrow(
        expect.objectContaining({ code: 'PDU_BAD_ADDRESS' }),
      );
    },
  );

  test('an address claiming more than 20 digits is refused before reading it', () => {
    expect(() => readAddress(new PduReader(hexToBytes('159100')), 'TP-OA')).toThrow(
      expect.objectContaining({
        code: 'PDU_BAD_ADDRESS',
        context: expect.objectContaining({ length: 21 }),
      }),
    );
  });
});
