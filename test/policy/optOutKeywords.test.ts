import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  EXACT_ONLY_OPT_OUT_KEYWORDS,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  classifyReply,
  normaliseReply,
} from '../../device/policy/index.js';

describe('normaliseReply', () => {
  test.each([
    ['  Arrêt ! ', 'ARRET'],
    ['désinscription', 'DESINSCRIPTION'],
    ['Stop-SMS', 'STOP SMS'],
    ['stop.', 'STOP'],
    ['ＳＴＯＰ', 'STOP'], // fullwidth, decomposed by NFKD
    ['Désabonner 🙏', 'DESABONNER'],
    ["l'œil", 'L OEIL'],
    ['rendez-vous\n\tmardi', 'RENDEZ VOUS MARDI'],
    ['', ''],
    ['!!!', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseReply(input)).toBe(expected);
  });
});

describe('classifyReply: exact replies', () => {
  test.each([
    'STOP',
    'stop',
    'Stop.',
    ' STOP ',
    'STOP SMS',
    'stop-sms',
    'STOPSMS',
    'STOPALL',
    'stop all',
    'ARRET',
    'Arrêt',
    'ARRÊTER',
    'Arrêtez',
    'DESABO',
    'Désabonner',
    'désinscrire',
    'Désinscription',
    'unsubscribe',
    'Cancel',
    'END',
    'quit!',
    'STOPP',
    'Stooop',
    'TSOP',
    'S T O P',
    'STOP 36180', // the short code copied from the mention
  ])('%j opts out, exactly, without review', (reply) => {
    expect(classifyReply(reply)).toMatchObject({
      kind: 'opt-out',
      exact: true,
      needsReview: false,
    });
  });

  test.each(['START', 'start', 'Start!', 'UNSTOP', 'unstop'])('%j opts back in', (reply) => {
    expect(classifyReply(reply)).toMatchObject({ kind: 'opt-in', exact: true, needsReview: false });
  });

  test('every listed keyword, alone, does what its list says', () => {
    for (const k of [...OPT_OUT_KEYWORDS, ...EXACT_ONLY_OPT_OUT_KEYWORDS]) {
      expect(classifyReply(k.toLowerCase()).kind).toBe('opt-out');
    }
    for (const k of OPT_IN_KEYWORDS) expect(classifyReply(k).kind).toBe('opt-in');
  });
});

describe('classifyReply: keywords among other words', () => {
  test.each([
    ['stop merci', 'STOP'],
    ['Merci mais STOP', 'STOP'],
    ['Arrêtez de m’envoyer des SMS', 'ARRETEZ'],
    ['je veux me désinscrire svp', 'DESINSCRIRE'],
    ['Please unsubscribe me', 'UNSUBSCRIBE'],
    ['stopp svp', 'STOPP'],
    ['des abonner moi', 'DESABONNER'],
  ])('%j opts out and is flagged for review (keyword %s)', (reply, keyword) => {
    expect(classifyReply(reply)).toMatchObject({
      kind: 'opt-out',
      exact: false,
      keyword,
      needsReview: true,
      reviewReason: 'keyword-among-words',
    });
  });

  test('a reply with both STOP and START opts out (the safe side) and is flagged', () => {
    expect(classifyReply('stop start')).toMatchObject({
      kind: 'opt-out',
      needsReview: true,
      reviewReason: 'opt-out-and-opt-in',
    });
    expect(classifyReply('Start? non, STOP')).toMatchObject({
      kind: 'opt-out',
      reviewReason: 'opt-out-and-opt-in',
    });
  });

  test.each([
    ['I cannot make it, cancel', 'CANCEL'],
    ['Cancel my appointment please', 'CANCEL'],
    ['at the end of the week', 'END'],
    ['I quit smoking', 'QUIT'],
  ])('%j is an appointment matter, not an opt-out: other, flagged for review', (reply, keyword) => {
    expect(classifyReply(reply)).toMatchObject({
      kind: 'other',
      keyword,
      needsReview: true,
      reviewReason: 'ambiguous-keyword',
    });
  });

  test('START among other words does not opt back in: consent must be clear', () => {
    expect(classifyReply('we start at 9')).toMatchObject({
      kind: 'other',
      keyword: 'START',
      needsReview: true,
      reviewReason: 'opt-in-among-words',
    });
  });

  test('"arrêt maladie" is sick leave, not an opt-out, but a human looks', () => {
    expect(classifyReply('Je suis en arrêt maladie, je ne viendrai pas')).toMatchObject({
      kind: 'other',
      needsReview: true,
      reviewReason: 'not-an-opt-out-phrase',
    });
    expect(classifyReply("arrêt de travail jusqu'à lundi")).toMatchObject({
      kind: 'other',
      needsReview: true,
    });
    // …while a STOP next to it still counts.
    expect(classifyReply('arrêt maladie. STOP')).toMatchObject({
      kind: 'opt-out',
      keyword: 'STOP',
    });
  });
});

describe('classifyReply: no false positives inside words', () => {
  test.each([
    'RENDEZ-VOUS confirmé',
    'Je vais attendre',
    'Ok merci, à demain',
    'Pendant les vacances',
    'Stopover à Paris', // STOP inside a word
    'Quite late, sorry',
    'Endocrinologue ?',
    'Restart',
    '',
    '👍',
  ])('%j is an ordinary reply, no review', (reply) => {
    expect(classifyReply(reply)).toMatchObject({ kind: 'other', needsReview: false });
    expect(classifyReply(reply).keyword).toBeUndefined();
  });

  // The accepted cost of leaning towards opt-out: ARRETE is listed because
  // "Arrête !" is a real opt-out, so "arrêté" (a decree) opts out too, flagged.
  test('a look-alike French word opts out with review rather than risk a missed STOP', () => {
    expect(classifyReply('Vu l’arrêté municipal, je viendrai plus tard')).toMatchObject({
      kind: 'opt-out',
      keyword: 'ARRETE',
      needsReview: true,
    });
  });

  test('a keyword hidden inside a longer word never matches (property)', () => {
    const letters = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        letters,
        fc.constantFrom('END', 'QUIT', 'CANCEL', 'START'),
        letters,
        (before, keyword, after) => {
          const word = `${before}${keyword}${after}`;
          fc.pre(!/^S+T+O+P+$/.test(word));
          expect(classifyReply(`ok ${word} merci`).keyword).toBeUndefined();
        },
      ),
    );
  });

  test('the result never depends on case or accents (property)', () => {
    const words = fc.constantFrom(
      'stop',
      'arrêt',
      'merci',
      'rendez-vous',
      'start',
      'cancel',
      'désabonner',
      'à',
      'demain',
    );
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.join(' ');
        const a = classifyReply(text);
        const b = classifyReply(text.toUpperCase());
        const c = classifyReply(text.normalize('NFD'));
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
    );
  });
});
