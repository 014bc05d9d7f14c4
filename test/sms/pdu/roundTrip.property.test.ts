import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { GSM7_BASIC_TABLE, GSM7_EXTENSION_TABLE } from '../../../device/sms/gsm7Alphabet.js';
import { decodePdu, encodeSubmit, type SubmitPdu } from '../../../device/sms/pdu/index.js';
import { segmentText } from '../../../device/sms/segmenter.js';

const GSM_CHARS = [
  ...GSM7_BASIC_TABLE.filter((c) => c !== '\u001b'),
  ...GSM7_EXTENSION_TABLE.values(),
];
const EXTENSION_CHARS = [...GSM7_EXTENSION_TABLE.values()];
/** GSM-7 texts up to 9 segments, with extension characters made frequent so they land on boundaries. */
const gsmText = fc
  .array(fc.oneof(fc.constantFrom(...GSM_CHARS), fc.constantFrom(...EXTENSION_CHARS)), {
    maxLength: 1300,
  })
  .map((chars) => chars.join(''));
/** Any Unicode: astral characters (surrogate pairs), combining marks, emoji sequences. */
const unicodeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

function roundTrip(text: string, concatRef: number): void {
  const segmentation = segmentText(text);
  const pdus = encodeSubmit({ recipient: '+33612345678', segmentation, concatRef });
  const decoded = pdus.map((pdu) => decodePdu(pdu.hex) as SubmitPdu);
  expect(decoded.map((d) => d.text).join('')).toBe(text);
  expect(decoded.every((d) => d.type === 'submit' && d.encoding === segmentation.encoding)).toBe(
    true,
  );
  expect(
    pdus.every((pdu) => pdu.length === pdu.hex.length / 2 - 1 && pdu.tpdu.length === pdu.length),
  ).toBe(true);
  if (pdus.length === 1) {
    expect(decoded[0]?.concat).toBeUndefined();
  } else {
    expect(decoded.map((d) => d.concat)).toEqual(
      decoded.map((_, i) => ({ ref: concatRef, total: pdus.length, seq: i + 1, referenceBits: 8 })),
    );
  }
}

describe('encode then decode', () => {
  test('GSM-7 texts, extension characters included, come back whole across their parts', () => {
    fc.assert(
      fc.property(gsmText, fc.integer({ min: 0, max: 255 }), (text, ref) => roundTrip(text, ref)),
      {
        numRuns: 300,
      },
    );
  });

  test('Unicode texts, astral characters included, come back whole across their parts', () => {
    fc.assert(
      fc.property(unicodeText, fc.integer({ min: 0, max: 255 }), (text, ref) =>
        roundTrip(text, ref),
      ),
      {
        numRuns: 300,
      },
    );
  });
});
