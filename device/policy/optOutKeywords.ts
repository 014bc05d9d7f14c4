/**
 * Reading STOP/START out of a reply (RULES.md §4). A missed opt-out is the
 * costly error (the recipient keeps getting texts they refused, and the
 * short code is shared, Cely art. 1), so the matcher leans towards opting out
 * and asks a human to look whenever it had to guess.
 */

/**
 * Opt out whether alone or among other words. Upper case, accents and
 * punctuation stripped, as `normaliseReply` leaves them. Beyond the issue's
 * list: ARRETE/ARRETEZ, DESABONNEZ, DESABONNEMENT, DESINSCRIVEZ, the forms a
 * French reply actually uses ("Arrêtez les SMS").
 */
export const OPT_OUT_KEYWORDS: readonly string[] = [
  'STOP',
  'STOPSMS',
  'STOPALL',
  'ARRET',
  'ARRETE',
  'ARRETER',
  'ARRETEZ',
  'DESABO',
  'DESABONNER',
  'DESABONNEZ',
  'DESABONNEMENT',
  'DESINSCRIRE',
  'DESINSCRIVEZ',
  'DESINSCRIPTION',
  'UNSUBSCRIBE',
  // Common misspellings; S+T+O+P+ (STOPP, STOOOP) is matched by pattern.
  'TSOP',
  'SOTP',
];

/**
 * Opt out only when they are the whole reply. Among other words they are
 * ordinary English ("cancel my appointment", "end of the week", "quit
 * smoking"): a patient who writes "I cannot make it, cancel" is cancelling the
 * appointment, not their consent. Such replies are kept as `other` but
 * flagged for review, so a human catches the rare real opt-out.
 */
export const EXACT_ONLY_OPT_OUT_KEYWORDS: readonly string[] = ['CANCEL', 'END', 'QUIT'];

/**
 * Opt back in only when they are the whole reply: consent has to be clear,
 * and "we start at 9" is not a START. Among other words: flagged for review.
 */
export const OPT_IN_KEYWORDS: readonly string[] = ['START', 'UNSTOP'];

/**
 * Phrases that contain an opt-out word but, in a clinic's inbox, mean
 * something else: "arrêt maladie" / "arrêt de travail" is sick leave. They
 * are removed before the among-words search (a STOP elsewhere still counts)
 * and the reply is flagged for review.
 */
export const NOT_OPT_OUT_PHRASES: readonly string[] = ['ARRET MALADIE', 'ARRET DE TRAVAIL'];

const STOP_PATTERN = /^S+T+O+P+$/;

export type ReplyKind = 'opt-out' | 'opt-in' | 'other';

export type ReviewReason =
  /** An opt-out word among other words: opted out, please confirm. */
  | 'keyword-among-words'
  /** Both an opt-out and an opt-in word: opted out (the safe side), please confirm. */
  | 'opt-out-and-opt-in'
  /** CANCEL/END/QUIT among other words: not opted out, please check. */
  | 'ambiguous-keyword'
  /** START/UNSTOP among other words: not opted back in, please check. */
  | 'opt-in-among-words'
  /** "arrêt maladie" and the like: not opted out, please check. */
  | 'not-an-opt-out-phrase';

export interface ReplyClassification {
  readonly kind: ReplyKind;
  /** The whole reply is the keyword (number-only words aside, as in "STOP 36180"). */
  readonly exact: boolean;
  /** The keyword found, as it appears in `normalised` (spaces removed for an exact match). */
  readonly keyword?: string;
  /** A human should look: the matcher had to interpret the reply. */
  readonly needsReview: boolean;
  readonly reviewReason?: ReviewReason;
  /** The reply as matched: decomposed, accents and punctuation stripped, upper case, trimmed. */
  readonly normalised: string;
}

/**
 * NFKD (so fullwidth `ＳＴＯＰ` and `Arrêt` decompose), combining marks
 * dropped, letters without a decomposition spelled out (œ → OE), upper case,
 * every run of non-letters/digits (punctuation, emoji, spaces) → one space.
 */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒ]/g, 'OE')
    .replace(/[æÆ]/g, 'AE')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const optOut = new Set(OPT_OUT_KEYWORDS);
const exactOnly = new Set(EXACT_ONLY_OPT_OUT_KEYWORDS);
const optIn = new Set(OPT_IN_KEYWORDS);

function isOptOutWord(word: string): boolean {
  return optOut.has(word) || STOP_PATTERN.test(word);
}

/** Classifies an inbound SMS body. Pure; the queue applies the result. */
export function classifyReply(text: string): ReplyClassification {
  const normalised = normaliseReply(text);
  const words = normalised === '' ? [] : normalised.split(' ');

  // Exact: the whole reply, spaces removed ("STOP SMS" = STOPSMS, "S T O P"),
  // ignoring number-only words (people copy the short code: "STOP 36180").
  const compact = words.filter((w) => !/^\p{N}+$/u.test(w)).join('');
  if (compact !== '') {
    if (isOptOutWord(compact) || exactOnly.has(compact)) {
      return { kind: 'opt-out', exact: true, keyword: compact, needsReview: false, normalised };
    }
    if (optIn.has(compact)) {
      return { kind: 'opt-in', exact: true, keyword: compact, needsReview: false, normalised };
    }
  }

  // Among other words: whole words only, so END in RENDEZ-VOUS or ATTENDRE
  // never matches. Two neighbours joined catch "DES ABONNER".
  const { remaining, removedPhrase } = withoutPhrases(words);
  const candidates = [...remaining, ...remaining.slice(1).map((w, i) => `${remaining[i]}${w}`)];
  const outWord = candidates.find(isOptOutWord);
  const inWord = remaining.find((w) => optIn.has(w));
  if (outWord !== undefined) {
    const reviewReason = inWord !== undefined ? 'opt-out-and-opt-in' : 'keyword-among-words';
    return {
      kind: 'opt-out',
      exact: false,
      keyword: outWord,
      needsReview: true,
      reviewReason,
      normalised,
    };
  }
  const ambiguous = remaining.find((w) => exactOnly.has(w));
  if (ambiguous !== undefined) {
    return review(normalised, ambiguous, 'ambiguous-keyword');
  }
  if (inWord !== undefined) return review(normalised, inWord, 'opt-in-among-words');
  if (removedPhrase !== undefined)
    return review(normalised, removedPhrase, 'not-an-opt-out-phrase');
  return { kind: 'other', exact: false, needsReview: false, normalised };
}

function review(
  normalised: string,
  keyword: string,
  reviewReason: ReviewReason,
): ReplyClassification {
  return { kind: 'other', exact: false, keyword, needsReview: true, reviewReason, normalised };
}

function withoutPhrases(words: readonly string[]): { remaining: string[]; removedPhrase?: string } {
  let text = ` ${words.join(' ')} `;
  let removedPhrase: string | undefined;
  for (const phrase of NOT_OPT_OUT_PHRASES) {
    while (text.includes(` ${phrase} `)) {
      removedPhrase ??= phrase;
      text = text.replace(` ${phrase} `, ' ');
    }
  }
  const remaining = text.trim() === '' ? [] : text.trim().split(/ +/);
  return removedPhrase === undefined ? { remaining } : { remaining, removedPhrase };
}
