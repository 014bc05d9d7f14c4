import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  createGsm7Charset,
  GSM7_BASIC_TABLE,
  GSM7_DEFAULT,
  GSM7_EXTENSION_TABLE,
} from '../../../device/sms/gsm7Alphabet.js';
import {
  decodeGsm7Septets,
  encodeGsm7Septets,
  gsm7SeptetCount,
  packGsm7Text,
  packSeptets,
  unpackSeptets,
} from '../../../device/sms/gsm7Codec.js';
import { decodeUcs2, encodeUcs2 } from '../../../device/sms/ucs2Codec.js';

/** python-gsmmodem test/test_pdu.py TestGsm7: text, septets, packed octets. */
const GSM7_VECTORS: readonly [string, number[], number[]][] = [
  ['123', [0x31, 0x32, 0x33], [49, 217, 12]],
  ['12345678', [...'12345678'].map((c) => c.charCodeAt(0)), [49, 217, 140, 86, 179, 221, 112]],
  [
    '123456789',
    [...'123456789'].map((c) => c.charCodeAt(0)),
    [49, 217, 140, 86, 179, 221, 112, 57],
  ],
  [
    'Hello World!',
    [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x57, 0x6f, 0x72, 0x6c, 0x64, 0x21],
    [200, 50, 155, 253, 6, 93, 223, 114, 54, 57, 4],
  ],
  [
    '[{abc}]~',
    [0x1b, 0x3c, 0x1b, 0x28, 0x61, 0x62, 0x63, 0x1b, 0x29, 0x1b, 0x3e, 0x1b, 0x3d],
    [27, 222, 6, 21, 22, 143, 55, 169, 141, 111, 211, 3],
  ],
  [
    '{åΦΓΛΩΠΨΣΘ€}',
    [27, 40, 15, 18, 19, 20, 21, 22, 23, 24, 25, 27, 101, 27, 41],
    [27, 212, 67, 50, 161, 84, 44, 23, 76, 102, 83, 222, 164, 0],
  ],
  [
    'a[]{}€',
    [97, 27, 60, 27, 62, 27, 40, 27, 41, 27, 101],
    [225, 13, 111, 227, 219, 160, 54, 169, 77, 25],
  ],
];

describe('GSM-7 text codec', () => {
  test.each(GSM7_VECTORS)(
    '"%s" has the published septets and packed octets',
    (text, septets, packed) => {
      expect([...encodeGsm7Septets(text, GSM7_DEFAULT)]).toEqual(septets);
      expect([...packSeptets(septets)]).toEqual(packed);
      const out = new Uint8Array(packed.length);
      expect(packGsm7Text(text, GSM7_DEFAULT, out, 0)).toBe(septets.length);
      expect([...out]).toEqual(packed);
      expect(decodeGsm7Septets(unpackSeptets(Uint8Array.from(packed), septets.length))).toBe(text);
    },
  );

  test('every septet of the basic and extension tables decodes to its TS 23.038 character', () => {
    GSM7_BASIC_TABLE.forEach((char, septet) => {
      if (septet !== 0x1b) expect(decodeGsm7Septets([septet])).toBe(char);
    });
    for (const [septet, char] of GSM7_EXTENSION_TABLE)
      expect(decodeGsm7Septets([0x1b, septet])).toBe(char);
  });

  test('extension characters count two septets', () => {
    expect(gsm7SeptetCount('a€{', GSM7_DEFAULT)).toBe(5);
  });

  test('a character outside the charset is refused with its position', () => {
    expect(() => gsm7SeptetCount('abç', GSM7_DEFAULT)).toThrow(
      expect.objectContaining({
        code: 'PDU_UNENCODABLE',
        context: expect.objectContaining({ index: 2, char: 'ç' }),
      }),
    );
    expect(() => packGsm7Text('ç', GSM7_DEFAULT, new Uint8Array(2), 0)).toThrow(
      expect.objectContaining({ code: 'PDU_UNENCODABLE' }),
    );
  });

  test('a provider substitute goes out as its look-alike septet (ç as Ç, 0x09)', () => {
    const charset = createGsm7Charset('cely-like', new Map([['ç', 'Ç']]));
    expect([...encodeGsm7Septets('reçu', charset)]).toEqual([0x72, 0x65, 0x09, 0x75]);
    const out = new Uint8Array(4);
    packGsm7Text('reçu', charset, out, 0);
    expect(decodeGsm7Septets(unpackSeptets(out, 4))).toBe('reÇu');
  });

  test('escape-escape shows a space and an unknown escape shows the basic character (TS 23.038 §6.2.1.1)', () => {
    expect(decodeGsm7Septets([0x61, 0x1b, 0x1b, 0x62])).toBe('a b');
    expect(decodeGsm7Septets([0x1b, 0x41])).toBe('A');
  });

  test('a final escape with nothing after it shows nothing', () => {
    expect(decodeGsm7Septets([0x61, 0x1b])).toBe('a');
  });

  test('unpacking more septets than the octets hold is a typed truncation', () => {
    expect(() => unpackSeptets(Uint8Array.of(0x31, 0xd9), 3)).toThrow(
      expect.objectContaining({ code: 'PDU_TRUNCATED' }),
    );
  });

  test('septets survive packing and unpacking for every fill-bit count 0–6', () => {
    const septets = fc.array(fc.integer({ min: 0, max: 127 }), { maxLength: 200 });
    fc.assert(
      fc.property(septets, fc.integer({ min: 0, max: 6 }), (values, fill) => {
        const packed = packSeptets(values, fill);
        expect(packed.length).toBe(Math.ceil((fill + values.length * 7) / 8));
        // Fill bits are zero, as TS 23.040 §9.2.3.24 asks.
        if (values.length > 0 || fill > 0)
          expect((packed[0] as number) & ((1 << fill) - 1)).toBe(0);
        expect([...unpackSeptets(packed, values.length, fill)]).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  test('packing text after fill bits agrees with packing its septets', () => {
    const chars = fc.constantFrom(...'abcXYZ019 @£$€{}[]~^|\\\nΔΦΓ'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 100 }),
        fc.integer({ min: 0, max: 6 }),
        (list, fill) => {
          const text = list.join('');
          const septets = encodeGsm7Septets(text, GSM7_DEFAULT);
          const out = new Uint8Array(Math.ceil((fill + septets.length * 7) / 8));
          expect(packGsm7Text(text, GSM7_DEFAULT, out, 0, fill)).toBe(septets.length);
          expect([...out]).toEqual([...packSeptets(septets, fill)]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('UCS-2 codec', () => {
  // python-gsmmodem test/test_pdu.py TestUcs2.
  test.each([
    ['あ叶葉', [0x30, 0x42, 0x53, 0xf6, 0x84, 0x49]],
    ['はい', [0x30, 0x6f, 0x30, 0x44]],
  ] as const)('"%s" is big-endian UTF-16', (text, bytes) => {
    expect([...encodeUcs2(text)]).toEqual(bytes);
    expect(decodeUcs2(Uint8Array.from(bytes))).toBe(text);
  });

  test('an emoji travels as its surrogate pair (HeboTech ATLib vector)', () => {
    expect([...encodeUcs2('😀')]).toEqual([0xd8, 0x3d, 0xde, 0x00]);
  });

  test('a lone surrogate is kept, not replaced by U+FFFD', () => {
    expect(decodeUcs2(Uint8Array.of(0xd8, 0x3d))).toBe('\ud83d');
  });

  test('an odd number of octets is refused', () => {
    expect(() => decodeUcs2(Uint8Array.of(0x30, 0x42, 0x53))).toThrow(
      expect.objectContaining({ code: 'PDU_BAD_UCS2' }),
    );
  });
});
