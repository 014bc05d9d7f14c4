import { describe, expect, test } from 'vitest';
import { getProfile } from '../../device/sms/profiles/profiles.js';
import { createCelyProfile, CELY_DEFAULT_FOOTER } from '../../device/sms/profiles/celyProfile.js';
import { prepareText } from '../../device/sms/prepareText.js';
import { GatewayError } from '../../device/shared/GatewayError.js';

const cely = getProfile('cely');
const generic = getProfile('generic');
const sms4less = getProfile('sms4less');

function refusal(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a refusal');
}

describe('profiles', () => {
  test('an unknown profile is refused with the known names', () => {
    const error = refusal(() => getProfile('orange'));
    expect(error.code).toBe('PROFILE_UNKNOWN');
    expect(error.context.known).toEqual(['generic', 'cely', 'sms4less']);
  });

  test('generic allows UCS-2 and adds nothing to the text', () => {
    const prepared = prepareText('Rendez-vous confirmé ✅', generic);
    expect(prepared.text).toBe('Rendez-vous confirmé ✅');
    expect(prepared.segmentation.encoding).toBe('ucs2');
  });

  test('generic stops at the protocol limit of 255 segments', () => {
    expect(prepareText('a'.repeat(153 * 255), generic).segmentation.segments).toBe(255);
    expect(refusal(() => prepareText('a'.repeat(153 * 255 + 1), generic)).context).toMatchObject({
      limit: 'segments',
      max: 255,
      actual: 256,
    });
  });
});

describe('the sms4less profile', () => {
  test('accepts ten segments and refuses the eleventh', () => {
    expect(prepareText('a'.repeat(1530), sms4less).segmentation.segments).toBe(10);
    const error = refusal(() => prepareText('a'.repeat(1531), sms4less));
    expect(error.code).toBe('PROFILE_TOO_LONG');
    expect(error.context).toMatchObject({
      profile: 'sms4less',
      limit: 'segments',
      max: 10,
      actual: 11,
    });
  });

  test('counts the ten-segment limit in UCS-2 units when the text needs them', () => {
    expect(prepareText('ê'.repeat(670), sms4less).segmentation.segments).toBe(10);
    expect(refusal(() => prepareText('ê'.repeat(671), sms4less)).context).toMatchObject({
      encoding: 'ucs2',
      actual: 11,
    });
  });
});

describe('the cely profile', () => {
  const footer = CELY_DEFAULT_FOOTER;

  test('appends the STOP mention and counts it', () => {
    const prepared = prepareText('Rappel RDV demain 9h', cely);
    expect(prepared.text).toBe(`Rappel RDV demain 9h${footer}`);
    expect(prepared.segmentation.units).toBe(20 + 9);
  });

  test('the text and its mention share the 160 characters of a single SMS', () => {
    expect(prepareText('a'.repeat(151), cely).segmentation.segments).toBe(1);
    expect(prepareText('a'.repeat(152), cely).segmentation.segments).toBe(2);
  });

  test('a configured mention of exactly 10 characters is accepted and an 11th refused', () => {
    const profile = createCelyProfile({ footer: ' STOP 3611' });
    expect(prepareText('a'.repeat(150), profile).segmentation.segments).toBe(1);
    expect(refusal(() => createCelyProfile({ footer: ' STOP 36111' })).code).toBe('PROFILE_FOOTER');
    expect(refusal(() => createCelyProfile({ footer: 'STOP ✋' })).code).toBe('PROFILE_FOOTER');
  });

  test('accepts 1,224 characters and refuses 1,225', () => {
    const body = (n: number) => 'a'.repeat(n - 9);
    const prepared = prepareText(body(1224), cely);
    expect(prepared.segmentation).toMatchObject({ units: 1224, segments: 8 });
    const error = refusal(() => prepareText(body(1225), cely));
    expect(error.code).toBe('PROFILE_TOO_LONG');
    expect(error.context).toMatchObject({ limit: 'characters', max: 1224, actual: 1225 });
  });

  test('refuses 1,224 septets that need a ninth segment because escaped pairs moved', () => {
    const text = ('a'.repeat(152) + '€').repeat(7) + 'a'.repeat(1224 - 154 * 7 - 9);
    const error = refusal(() => prepareText(text, cely));
    expect(error.context).toMatchObject({ limit: 'segments', max: 8 });
  });

  test('the extension characters count double against the 1,224', () => {
    const text = '€'.repeat(608) + 'a'; // 1,217 septets + 9 of the mention = 1,226
    expect(refusal(() => prepareText(text, cely)).context).toMatchObject({
      limit: 'characters',
      max: 1224,
      actual: 1226,
    });
  });

  test('refuses any character outside GSM-7 and lists each one with its position', () => {
    const error = refusal(() => prepareText('Bonne fête ! 😀 à bientôt', cely));
    expect(error.code).toBe('PROFILE_CHARSET');
    expect(error.context.count).toBe(3);
    expect(error.context.characters).toEqual([
      { char: 'ê', codePoint: 'U+00EA', index: 7, column: 8, lookAlike: 'e' },
      { char: '😀', codePoint: 'U+1F600', index: 13, column: 14 },
      // the emoji is two UTF-16 units but one character for a person
      { char: 'ô', codePoint: 'U+00F4', index: 23, column: 23, lookAlike: 'o' },
    ]);
  });

  test('accepts ç as one septet sent as Ç, where generic falls back to UCS-2', () => {
    const text = 'Reçu, ça marche : leçon à 10h';
    const celyText = prepareText(text, cely);
    expect(celyText.segmentation.encoding).toBe('gsm7');
    expect(celyText.segmentation.units).toBe(text.length + 9);
    expect(celyText.charset.septet['ç'.charCodeAt(0)]).toBe(0x09);
    expect(prepareText(text, generic).segmentation.encoding).toBe('ucs2');
  });

  test('accepts the annex characters GSM-7 lacks as one septet each', () => {
    const prepared = prepareText('À È Ù ‘ » –', cely);
    expect(prepared.segmentation).toMatchObject({ encoding: 'gsm7', units: 11 + 9 });
  });

  test('every character the annex lists is accepted', () => {
    const annex =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' +
      'ÀÈÉÙèéùìòÇçÄÖÑÜØøÅåäöñüàÆæßΔΦΓΛΩΠΨΣΘΞ@€£$¥‘»#¤%&()*+<=>.,–:;?¿!¡§^{}[]/|~';
    expect(prepareText(annex, cely).segmentation.encoding).toBe('gsm7');
  });

  test('transliteration makes a typed French text acceptable and says what it changed', () => {
    const prepared = prepareText('Votre RDV « contrôle » l’après-midi…', cely, {
      transliterate: true,
    });
    // » is one of the annex's own characters, so it stays and goes out as "
    expect(prepared.body).toBe('Votre RDV " controle » l\'après-midi...');
    expect(prepared.substitutions).toEqual([
      { index: 10, from: '«', to: '"' },
      { index: 17, from: 'ô', to: 'o' },
      { index: 24, from: '’', to: "'" },
      { index: 35, from: '…', to: '...' },
    ]);
    expect(prepared.segmentation.encoding).toBe('gsm7');
  });

  test('an empty text still carries its STOP mention', () => {
    expect(prepareText('', cely).text).toBe(footer);
  });
});

describe('text input', () => {
  test('a value that is not a string is a typed refusal', () => {
    for (const value of [undefined, null, 42, {}, ['a']]) {
      expect(refusal(() => prepareText(value, generic)).code).toBe('SMS_BAD_TEXT');
    }
  });

  test('half of a surrogate pair is refused with its index', () => {
    expect(refusal(() => prepareText('ab\ud83dcd', generic)).context).toEqual({
      reason: 'lone-surrogate',
      index: 2,
    });
    expect(refusal(() => prepareText('\ude00', generic)).context).toMatchObject({ index: 0 });
  });

  test('a 5 MB text is refused quickly as too long, not segmented', () => {
    const error = refusal(() => prepareText('a'.repeat(5_000_000), generic));
    expect(error.code).toBe('PROFILE_TOO_LONG');
  });
});
