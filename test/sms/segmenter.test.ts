import { describe, expect, test } from 'vitest';
import { countSegments, isGsm7, segmentText } from '../../device/sms/segmenter.js';
import { GSM7_EXTENSION_TABLE } from '../../device/sms/gsm7Alphabet.js';

const a = (n: number) => 'a'.repeat(n);
const EXTENSION_CHARS = [...GSM7_EXTENSION_TABLE.values()];

function expectBoth(text: string) {
  const full = segmentText(text);
  const { parts, ...counted } = full;
  expect(countSegments(text)).toEqual(counted);
  expect(parts.join('')).toBe(text);
  return full;
}

describe('GSM 7-bit segmentation', () => {
  test('an empty text is one segment of nothing', () => {
    expect(expectBoth('')).toMatchObject({
      encoding: 'gsm7',
      segments: 1,
      credits: 1,
      units: 0,
      remaining: 160,
      parts: [''],
    });
  });

  test('160 characters fit one SMS and the 161st makes two segments of 153 + 8', () => {
    expect(expectBoth(a(160))).toMatchObject({ segments: 1, units: 160, remaining: 0 });
    const two = expectBoth(a(161));
    expect(two).toMatchObject({ segments: 2, credits: 2, units: 161, remaining: 145 });
    expect(two.parts.map((p) => p.length)).toEqual([153, 8]);
  });

  test.each([2, 3, 4, 8, 10])(
    '153 × %i characters fill exactly that many segments, one more spills',
    (k) => {
      expect(expectBoth(a(153 * k))).toMatchObject({ segments: k, remaining: 0 });
      expect(expectBoth(a(153 * k + 1))).toMatchObject({ segments: k + 1, remaining: 152 });
    },
  );

  test.each(EXTENSION_CHARS)('the extension character %j counts two septets', (char) => {
    expect(expectBoth(char)).toMatchObject({ encoding: 'gsm7', units: 2 });
    expect(expectBoth(a(158) + char)).toMatchObject({ segments: 1, units: 160 });
    expect(expectBoth(a(159) + char)).toMatchObject({ segments: 2, units: 161 });
  });

  test('an escaped pair that would straddle septets 153/154 moves whole to the next segment', () => {
    const text = a(152) + '€' + a(10);
    const result = expectBoth(text);
    expect(result.parts).toEqual([a(152), '€' + a(10)]);
    expect(result.segments).toBe(2);
  });

  test('an escaped pair at the very end of a full segment stays in it', () => {
    const result = expectBoth(a(151) + '€' + a(10));
    expect(result.parts).toEqual([a(151) + '€', a(10)]);
  });

  test('pushing pairs forward can add a segment that a plain septet count would not predict', () => {
    // 7 pairs each straddling a boundary: 153*7 = 1071 septets of content would
    // fit 7 segments, but every segment loses its last septet to the moved pair.
    const block = a(152) + '€';
    const text = block.repeat(7);
    const result = expectBoth(text);
    expect(result.units).toBe(154 * 7);
    expect(result.segments).toBe(8);
    for (const part of result.parts.slice(0, -1)) {
      expect(countSegments(part).units).toBeLessThanOrEqual(153);
    }
  });

  test('French accents inside the GSM alphabet keep the text in GSM-7', () => {
    const text = 'Rappel : rendez-vous à 14h chez le Dr Müller, près de l’église'.replace('’', "'");
    expect(isGsm7('é è ù à ì ò Ç É')).toBe(true);
    expect(expectBoth(text).encoding).toBe('gsm7');
  });

  test.each(['ê', 'â', 'î', 'ô', 'û', 'œ', 'ç', 'ë', '’', '«'])(
    '%s is outside GSM-7 and forces UCS-2',
    (char) => {
      expect(isGsm7(char)).toBe(false);
      expect(expectBoth(`Merci ${char}`).encoding).toBe('ucs2');
    },
  );
});

describe('UCS-2 segmentation', () => {
  const u = (n: number) => 'ê'.repeat(n);

  test('70 units fit one SMS and the 71st makes two segments of 67 + 4', () => {
    expect(expectBoth(u(70))).toMatchObject({
      encoding: 'ucs2',
      segments: 1,
      units: 70,
      remaining: 0,
    });
    const two = expectBoth(u(71));
    expect(two).toMatchObject({ segments: 2, units: 71, remaining: 63 });
    expect(two.parts.map((p) => p.length)).toEqual([67, 4]);
  });

  test.each([2, 3, 5])('67 × %i units fill exactly that many segments', (k) => {
    expect(expectBoth(u(67 * k))).toMatchObject({ segments: k, remaining: 0 });
    expect(expectBoth(u(67 * k + 1))).toMatchObject({ segments: k + 1 });
  });

  test('an emoji is two units and fills the last two units of a single SMS', () => {
    expect(expectBoth(u(68) + '😀')).toMatchObject({ segments: 1, units: 70 });
    expect(expectBoth(u(69) + '😀')).toMatchObject({ segments: 2, units: 71 });
  });

  test('an emoji that would straddle units 67/68 moves whole to the next segment', () => {
    const result = expectBoth(u(66) + '😀' + u(10));
    expect(result.parts).toEqual([u(66), '😀' + u(10)]);
  });

  test('a long GSM-7 run before the first UCS-2 character is cut at 67 units too', () => {
    expect(expectBoth(a(100) + 'ê').parts.map((p) => p.length)).toEqual([67, 34]);
    expect(expectBoth(a(134) + '😀').parts).toEqual([a(67), a(67), '😀']);
    expect(expectBoth(a(133) + '😀').parts).toEqual([a(67), a(66), '😀']);
  });

  test('one character outside GSM-7 puts the whole message in UCS-2', () => {
    expect(expectBoth(a(100) + 'œ')).toMatchObject({ encoding: 'ucs2', segments: 2, units: 101 });
  });
});
