import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { countSegments, segmentText } from '../../device/sms/segmenter.js';
import { GSM7_BASIC_TABLE, GSM7_EXTENSION_TABLE } from '../../device/sms/gsm7Alphabet.js';
import { SEGMENT_LIMITS } from '../../device/sms/Segmentation.js';

const GSM_CHARS = [
  ...GSM7_BASIC_TABLE.filter((c) => c !== '\u001b'),
  ...GSM7_EXTENSION_TABLE.values(),
];
const gsmText = fc.array(fc.constantFrom(...GSM_CHARS), { maxLength: 1300 }).map((a) => a.join(''));
const unicodeText = fc.string({ unit: 'grapheme', maxLength: 400 });
/** A long GSM-7 run, then one character that forces UCS-2: the count resumes mid-text. */
const gsmThenUnicode = fc
  .tuple(
    gsmText,
    fc.constantFrom('ê', '😀', 'œ', '’'),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
  )
  .map((parts) => parts.join(''));
const mixedText = fc.oneof(
  gsmText,
  unicodeText,
  gsmThenUnicode,
  fc.string({ unit: 'binary', maxLength: 300 }),
);

/**
 * A deliberately naive reference: list every character's cost, then fill
 * segments greedily. Slow and obvious, so the fast scan can be checked against it.
 */
function reference(text: string): { encoding: string; segments: number; units: number } {
  const chars = Array.from(text);
  const gsm = chars.every((c) => GSM_CHARS.includes(c));
  const encoding = gsm ? 'gsm7' : 'ucs2';
  const costs = chars.map((c) =>
    gsm ? ([...GSM7_EXTENSION_TABLE.values()].includes(c) ? 2 : 1) : c.length,
  );
  const units = costs.reduce((sum, c) => sum + c, 0);
  const limits = SEGMENT_LIMITS[encoding];
  if (units <= limits.single) return { encoding, segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const c of costs) {
    if (used + c > limits.multi) {
      segments++;
      used = 0;
    }
    used += c;
  }
  return { encoding, segments, units };
}

describe('segmentation properties', () => {
  test('the segment texts join back to the input', () => {
    fc.assert(
      fc.property(mixedText, (text) => segmentText(text).parts.join('') === text),
      { numRuns: 500 },
    );
  });

  test('credits always equal segments, and segments equal the number of parts', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const s = segmentText(text);
        return s.credits === s.segments && s.parts.length === s.segments;
      }),
      { numRuns: 500 },
    );
  });

  test('counting without texts agrees with segmenting', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const { parts: _parts, ...full } = segmentText(text);
        expect(countSegments(text)).toEqual(full);
      }),
      { numRuns: 500 },
    );
  });

  test('matches a naive reference on GSM-7 and Unicode texts', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, unicodeText, gsmThenUnicode), (text) => {
        const { encoding, segments, units } = countSegments(text);
        expect({ encoding, segments, units }).toEqual(reference(text));
      }),
      { numRuns: 400 },
    );
  });

  test('no segment of a long message exceeds 153 septets or 67 units, and none splits a pair', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, unicodeText, gsmThenUnicode), (text) => {
        const s = segmentText(text);
        if (s.segments === 1) return;
        for (const part of s.parts) {
          // Count each part in the message's encoding, not its own.
          const units = s.encoding === 'ucs2' ? part.length : countSegments(part).units;
          expect(units).toBeLessThanOrEqual(SEGMENT_LIMITS[s.encoding].multi);
          const first = part.charCodeAt(0);
          expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
