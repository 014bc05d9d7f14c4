import { GSM7_DEFAULT, type Gsm7Charset } from './gsm7Alphabet.js';

/**
 * Look-alikes a French (or Belgian) reminder is full of, mapped into the GSM
 * 7-bit alphabet. Typed text from word processors brings curly quotes, dashes,
 * non-breaking spaces and accented capitals that would otherwise push the whole
 * message to UCS-2 (70/67 instead of 160/153). Like Twilio's "smart encoding",
 * it is off by default and only applied when it makes the whole text GSM-7.
 */
const LOOK_ALIKES: Record<string, string> = {
  // quotes and apostrophes
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", 'ʼ': "'", '`': "'", '´': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"', '‹': "'", '›': "'",
  // dashes, bullets, ellipsis
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '•': '-', '·': '.',
  '…': '...',
  // spaces: NBSP and narrow NBSP are what French typography puts before : ; ! ?
  '\u00a0': ' ', '\u202f': ' ', '\u2000': ' ', '\u2001': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2004': ' ', '\u2005': ' ', '\u2006': ' ', '\u2007': ' ', '\u2008': ' ', '\u2009': ' ',
  '\u200a': ' ', '\t': ' ',
  // invisible characters that only force UCS-2
  '\u200b': '', '\u200c': '', '\u200d': '', '\u2060': '', '\ufeff': '', '\u00ad': '',
  // Latin letters outside GSM 03.38 (which has é è ù ì ò à É Ç, Ä Ö Ñ Ü Å Æ Ø and lower cases)
  'ç': 'Ç', 'á': 'a', 'â': 'a', 'ã': 'a', 'ā': 'a', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'í': 'i',
  'î': 'i', 'ï': 'i', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ú': 'u', 'û': 'u', 'ý': 'y', 'ÿ': 'y',
  'À': 'A', 'Á': 'A', 'Â': 'A', 'Ã': 'A', 'È': 'E', 'Ê': 'E', 'Ë': 'E', 'Ì': 'I', 'Í': 'I',
  'Î': 'I', 'Ï': 'I', 'Ò': 'O', 'Ó': 'O', 'Ô': 'O', 'Õ': 'O', 'Ù': 'U', 'Ú': 'U', 'Û': 'U',
  'Ý': 'Y', 'Ÿ': 'Y', 'œ': 'oe', 'Œ': 'OE', 'š': 's', 'Š': 'S', 'ž': 'z', 'Ž': 'Z',
  'ł': 'l', 'Ł': 'L', 'ń': 'n', 'ś': 's', 'ź': 'z', 'ż': 'z', 'ć': 'c', 'č': 'c', 'ř': 'r',
  // symbols
  '°': 'o', '×': 'x', '÷': '/', '™': 'TM', '©': '(c)', '®': '(R)',
}; // prettier-ignore

/** One character the transliteration replaced. */
export interface Substitution {
  /** UTF-16 offset of the replaced character in the original text. */
  readonly index: number;
  readonly from: string;
  readonly to: string;
}

export interface TransliterationResult {
  readonly text: string;
  /** Every replacement, in text order; empty when nothing changed. */
  readonly substitutions: readonly Substitution[];
}

/**
 * Replaces look-alikes so that the text can travel in GSM-7 with `charset`.
 * Returns null when some character has no look-alike (the text then stays as
 * it was and goes out in UCS-2): a half-transliterated text would gain nothing.
 */
export function transliterate(
  text: string,
  charset: Gsm7Charset = GSM7_DEFAULT,
): TransliterationResult | null {
  const substitutions: Substitution[] = [];
  let out = '';
  let copiedUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    if (charset.cost[text.charCodeAt(i)] !== 0) continue;
    const replacement = LOOK_ALIKES[text.charAt(i)];
    if (replacement === undefined) return null;
    out += text.slice(copiedUpTo, i) + replacement;
    copiedUpTo = i + 1;
    substitutions.push({ index: i, from: text.charAt(i), to: replacement });
  }
  if (substitutions.length === 0) return { text, substitutions };
  return { text: out + text.slice(copiedUpTo), substitutions };
}

/** The look-alike for one character, if the table has one (used to suggest a fix). */
export function lookAlikeOf(char: string): string | undefined {
  return LOOK_ALIKES[char];
}
