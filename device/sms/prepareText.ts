import { GatewayError } from '../shared/GatewayError.js';
import type { Gsm7Charset } from './gsm7Alphabet.js';
import type { SmsProfile } from './profiles/SmsProfile.js';
import { countSegments, segmentText } from './segmenter.js';
import type { Segmentation } from './Segmentation.js';
import { lookAlikeOf, transliterate, type Substitution } from './transliteration.js';

export interface PrepareTextOptions {
  /** Replace look-alikes (’ « » – œ ê …) so the text stays GSM-7. Default false. */
  readonly transliterate?: boolean;
}

/** A text checked against a profile, segmented, ready to be stored and encoded. */
export interface PreparedText {
  readonly profile: SmsProfile['name'];
  /** The caller's text, after transliteration when it was asked for and changed something. */
  readonly body: string;
  /** The profile's footer appended to the body (Cely's STOP mention), or ''. */
  readonly footer: string;
  /** What is sent: body + footer. */
  readonly text: string;
  readonly segmentation: Segmentation;
  /** The charset the PDUs must be encoded with (it may carry look-alike substitutes). */
  readonly charset: Gsm7Charset;
  readonly substitutions: readonly Substitution[];
}

/** One character a profile refused, located for a person to fix it. */
export interface RefusedCharacter {
  readonly char: string;
  readonly codePoint: string;
  /** UTF-16 offset in the text (what JavaScript's string indexes use). */
  readonly index: number;
  /** 1-based position counted in characters, as a person counts. */
  readonly column: number;
  /** A GSM-7 look-alike transliteration would use, if there is one. */
  readonly lookAlike?: string;
}

/** At most this many refused characters are listed; the count says how many there were. */
const MAX_LISTED = 50;

function refusedCharacters(
  text: string,
  charset: Gsm7Charset,
): { list: RefusedCharacter[]; count: number } {
  const list: RefusedCharacter[] = [];
  let count = 0;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    column++;
    const codePoint = text.codePointAt(i) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    if (charset.cost[text.charCodeAt(i)] === 0) {
      count++;
      if (list.length < MAX_LISTED) {
        const char = String.fromCodePoint(codePoint);
        const lookAlike = lookAlikeOf(char);
        list.push({
          char,
          codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
          index: i,
          column,
          ...(lookAlike === undefined ? {} : { lookAlike }),
        });
      }
    }
    i += width - 1;
  }
  return { list, count };
}

function hasLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Applies a profile to a text (RULES.md §1): charset, footer, length limits.
 * Refuses with a typed error that names the limit and, for characters, each
 * one and where it stands, so nothing that breaks a rule is ever stored.
 */
export function prepareText(
  input: unknown,
  profile: SmsProfile,
  options: PrepareTextOptions = {},
): PreparedText {
  if (typeof input !== 'string') {
    throw new GatewayError('SMS_BAD_TEXT', 'the text must be a string', { reason: 'not-a-string' });
  }
  const surrogate = hasLoneSurrogate(input);
  if (surrogate >= 0) {
    throw new GatewayError('SMS_BAD_TEXT', 'the text holds half of a UTF-16 surrogate pair', {
      reason: 'lone-surrogate',
      index: surrogate,
    });
  }
  let body = input;
  let substitutions: readonly Substitution[] = [];
  if (options.transliterate === true) {
    const result = transliterate(input, profile.charset);
    if (result !== null) {
      body = result.text;
      substitutions = result.substitutions;
    }
  }
  const text = body + profile.footer;
  // Count first: it allocates nothing, so a huge text is refused cheaply.
  const count = countSegments(text, profile.charset);
  if (count.encoding === 'ucs2' && !profile.allowUcs2) {
    const { list, count: refused } = refusedCharacters(body, profile.charset);
    throw new GatewayError(
      'PROFILE_CHARSET',
      `the ${profile.name} profile only carries GSM 7-bit characters; ${refused} character(s) are outside it, first ${JSON.stringify(list[0]?.char)} at position ${list[0]?.column}`,
      { profile: profile.name, characters: list, count: refused },
    );
  }
  // Characters first: it is the limit the provider states (Cely: 1,224).
  if (profile.maxUnits !== undefined && count.units > profile.maxUnits) {
    throw new GatewayError(
      'PROFILE_TOO_LONG',
      `the ${profile.name} profile allows at most ${profile.maxUnits} characters; this text has ${count.units}`,
      {
        profile: profile.name,
        limit: 'characters',
        max: profile.maxUnits,
        actual: count.units,
        encoding: count.encoding,
      },
    );
  }
  if (count.segments > profile.maxSegments) {
    throw new GatewayError(
      'PROFILE_TOO_LONG',
      `the ${profile.name} profile allows at most ${profile.maxSegments} segments; this text needs ${count.segments}`,
      {
        profile: profile.name,
        limit: 'segments',
        max: profile.maxSegments,
        actual: count.segments,
        encoding: count.encoding,
      },
    );
  }
  return {
    profile: profile.name,
    body,
    footer: profile.footer,
    text,
    segmentation: segmentText(text, profile.charset),
    charset: profile.charset,
    substitutions,
  };
}
