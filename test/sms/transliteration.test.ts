import { describe, expect, test } from 'vitest';
import { transliterate } from '../../device/sms/transliteration.js';
import { prepareText } from '../../device/sms/prepareText.js';
import { getProfile } from '../../device/sms/profiles/profiles.js';
import { isGsm7 } from '../../device/sms/segmenter.js';

const generic = getProfile('generic');

describe('transliteration', () => {
  test('is off by default: a curly apostrophe sends the text in UCS-2', () => {
    const prepared = prepareText('Rendez-vous demain à l’accueil', generic);
    expect(prepared.segmentation.encoding).toBe('ucs2');
    expect(prepared.substitutions).toEqual([]);
  });

  test('when on, keeps a French reminder in GSM-7 and lists every substitution', () => {
    const text =
      'Bonjour Mme Lefèvre, votre rendez-vous est fixé au 12 mai à 9 h 30\u00a0: « contrôle » – à bientôt…';
    const prepared = prepareText(text, generic, { transliterate: true });
    expect(prepared.segmentation.encoding).toBe('gsm7');
    expect(prepared.body).toBe(
      'Bonjour Mme Lefèvre, votre rendez-vous est fixé au 12 mai à 9 h 30 : " controle " - à bientot...',
    );
    expect(prepared.substitutions.map((s) => s.from)).toEqual([
      '\u00a0',
      '«',
      'ô',
      '»',
      '–',
      'ô',
      '…',
    ]);
    for (const s of prepared.substitutions) expect(text.charAt(s.index)).toBe(s.from);
  });

  test('maps ç to Ç in generic so it does not force UCS-2', () => {
    expect(transliterate('Reçu')).toEqual({
      text: 'ReÇu',
      substitutions: [{ index: 2, from: 'ç', to: 'Ç' }],
    });
  });

  test('œ becomes two letters', () => {
    expect(transliterate('cœur')?.text).toBe('coeur');
  });

  test('leaves the text alone when one character has no look-alike', () => {
    expect(transliterate('à bientôt 😀')).toBeNull();
    const prepared = prepareText('à bientôt 😀', generic, { transliterate: true });
    expect(prepared.body).toBe('à bientôt 😀');
    expect(prepared.segmentation.encoding).toBe('ucs2');
  });

  test('a text already in GSM-7 is returned unchanged with no substitutions', () => {
    expect(transliterate('Merci, à demain')).toEqual({
      text: 'Merci, à demain',
      substitutions: [],
    });
  });

  test('every look-alike it produces is itself GSM-7', () => {
    const sample =
      '‘’‚‛′ʼ`´“”„‟″«»‹›‐‑‒–—―−•·…\u00a0\u202f\u2009\t\u200b\ufeffçáâãāêëēíîïóôõúûýÿÀÁÂÃÈÊËÌÍÎÏÒÓÔÕÙÚÛÝŸœŒšŠžŽłŁńśźżćčř°×÷™©®';
    const result = transliterate(sample);
    expect(result).not.toBeNull();
    expect(isGsm7(result?.text ?? '')).toBe(true);
  });
});
