/**
 * A slow, plain reference for RULES.md §1, and the known ways the npm peers
 * depart from it. The disagreement analysis explains a peer's answer by
 * finding the smallest set of departures that reproduces it exactly; the
 * reference itself must reproduce gsmgate's answer, which checks gsmgate too.
 *
 * The alphabet is written out again from TS 23.038 §6.2.1 instead of being
 * imported from gsmgate, so the judge shares no code with the accused.
 */

export type Encoding = 'gsm7' | 'ucs2';

export interface Count {
  readonly segments: number;
  readonly encoding: Encoding;
}

/** TS 23.038 §6.2.1 default alphabet, septet order, without the escape (0x1B). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** TS 23.038 §6.2.1.1 extension table: escape + one septet each. */
export const EXTENSION = '\f^{}\\[~]|€';

/** Septets per UTF-16 code unit, 0 outside the alphabet. */
const REFERENCE_SEPTETS = new Uint8Array(0x10000);
for (const ch of BASIC) REFERENCE_SEPTETS[ch.charCodeAt(0)] = 1;
for (const ch of EXTENSION) REFERENCE_SEPTETS[ch.charCodeAt(0)] = 2;

const LIMITS = { gsm7: { single: 160, multi: 153 }, ucs2: { single: 70, multi: 67 } } as const;

/** How a counter counts. The reference is RULES.md §1; each Deviation changes one field. */
export interface Rules {
  /** Septets a UTF-16 code unit costs in GSM-7; 0 when it is outside the alphabet. */
  readonly septets: (code: number) => number;
  /** Whether an escape pair that would straddle a segment boundary moves whole to the next one. */
  readonly escapePairsWhole: boolean;
  /** The indivisible units of a UCS-2 text: surrogate pairs (reference), lone code units, or grapheme clusters. */
  readonly ucs2Atoms: 'pairs' | 'units' | 'graphemes';
  /** node-pdu's rule: the alphabet is chosen by code point, not by table. */
  readonly alphabet?: (text: string) => Encoding;
  /** node-pdu's rule: fixed slices of this many UTF-16 units, no single-SMS case. */
  readonly fixedSplit?: Readonly<Record<Encoding, number>>;
}

export const REFERENCE_RULES: Rules = {
  septets: (code) => REFERENCE_SEPTETS[code] as number,
  escapePairsWhole: true,
  ucs2Atoms: 'pairs',
};

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Calls `take` with the size of each indivisible atom of `text`, in the units of `encoding`. */
function forEachAtom(
  text: string,
  encoding: Encoding,
  rules: Rules,
  take: (size: number) => void,
): void {
  if (encoding === 'gsm7') {
    for (let i = 0; i < text.length; i++) {
      const cost = rules.septets(text.charCodeAt(i));
      if (rules.escapePairsWhole) take(cost);
      else for (let k = 0; k < cost; k++) take(1);
    }
  } else if (rules.ucs2Atoms === 'graphemes') {
    for (const { segment } of graphemes.segment(text)) take(segment.length);
  } else {
    for (let i = 0; i < text.length; i++) {
      const pair =
        rules.ucs2Atoms === 'pairs' && isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1));
      take(pair ? 2 : 1);
      if (pair) i++;
    }
  }
}

/** Greedy packing: an atom that does not fit the segment moves whole to the next. */
function countSegmentsWith(text: string, encoding: Encoding, rules: Rules): number {
  const limits = LIMITS[encoding];
  let total = 0;
  let segments = 1;
  let used = 0;
  forEachAtom(text, encoding, rules, (size) => {
    total += size;
    if (used + size > limits.multi) {
      segments++;
      used = 0;
    }
    used += size;
  });
  return total <= limits.single ? 1 : segments;
}

export function encodingWith(text: string, rules: Rules): Encoding {
  if (rules.alphabet !== undefined) return rules.alphabet(text);
  for (let i = 0; i < text.length; i++) if (rules.septets(text.charCodeAt(i)) === 0) return 'ucs2';
  return 'gsm7';
}

export function countWith(text: string, rules: Rules): Count {
  const encoding = encodingWith(text, rules);
  if (rules.fixedSplit !== undefined) {
    return { encoding, segments: Math.ceil(text.length / rules.fixedSplit[encoding]) };
  }
  return { encoding, segments: countSegmentsWith(text, encoding, rules) };
}

export function countReference(text: string): Count {
  return countWith(text, REFERENCE_RULES);
}

// --- departures from the reference -------------------------------------

/** One way a peer departs from RULES.md §1, found by reading its source. */
export interface Deviation {
  readonly key: string;
  /** What the peer does, in a few words. */
  readonly title: string;
  /** Why gsmgate's answer is the right one, with the rule it rests on. */
  readonly reason: string;
  readonly apply: (rules: Rules) => Rules;
  /** Points at the characters in `text` that trigger the departure. */
  readonly locate: (text: string) => string;
}

const quote = (ch: string): string => (ch === '\f' ? "'\\f'" : ch === '\n' ? "'\\n'" : `'${ch}'`);

function extensionChars(text: string): string[] {
  return [...text].filter((ch) => EXTENSION.includes(ch));
}

/** Where, under the reference rules, an atom of `size` units would straddle a boundary. */
function straddle(text: string, encoding: Encoding): string {
  const limits = LIMITS[encoding];
  let used = 0;
  let segment = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = isHigh(code) && isLow(text.charCodeAt(i + 1));
    const size = encoding === 'gsm7' ? REFERENCE_RULES.septets(code) : pair ? 2 : 1;
    if (used + size > limits.multi) {
      if (size === 2 && used === limits.multi - 1) {
        const ch = encoding === 'gsm7' ? text.charAt(i) : text.slice(i, i + 2);
        return `${quote(ch)} would straddle units ${limits.multi}|${limits.multi + 1} of segment ${segment}`;
      }
      segment++;
      used = 0;
    }
    used += size;
    if (size === 2 && encoding === 'ucs2') i++;
  }
  return 'no straddling pair found';
}

export const EXTENSION_COUNTED_ONCE: Deviation = {
  key: 'ext-once',
  title: 'counts an extension character (^ { } [ ] ~ | \\ €) as 1 septet',
  reason:
    'TS 23.038 §6.2.1.1: an extension character is the escape 0x1B plus its code, 2 septets ' +
    '(RULES.md §1 "characters that count double"); counting 1 undercounts',
  apply: (rules) => ({
    ...rules,
    septets: (code) => Math.min(1, rules.septets(code)),
  }),
  locate: (text) => {
    const chars = extensionChars(text);
    return `${chars.length} extension char(s): ${[...new Set(chars)].map(quote).join(' ')}`;
  },
};

export const ESCAPE_PAIR_SPLIT: Deviation = {
  key: 'escape-split',
  title: 'divides the septet total by 153, so an escape pair may straddle two segments',
  reason:
    'TS 23.038 §6.2.1.1 / RULES.md §1: the escape and its character never straddle two segments; ' +
    'the pair moves whole and the segment carries 152 septets',
  apply: (rules) => ({ ...rules, escapePairsWhole: false }),
  locate: (text) => straddle(text, 'gsm7'),
};

export const SURROGATE_PAIR_SPLIT: Deviation = {
  key: 'surrogate-split',
  title: 'divides UTF-16 units by 67, so an emoji (surrogate pair) may straddle two segments',
  reason:
    'RULES.md §1 (TS 23.040 §9.2.3.24.1): a surrogate pair never straddles; half a pair is not a ' +
    'character and shows as garbage on phones that render a segment alone',
  apply: (rules) => ({ ...rules, ucs2Atoms: 'units' }),
  locate: (text) => straddle(text, 'ucs2'),
};

export const FORM_FEED_NOT_GSM: Deviation = {
  key: 'no-form-feed',
  title: "leaves '\\f' (page break) out of its GSM-7 tables, so the text goes UCS-2",
  reason: 'TS 23.038 §6.2.1.1: the page break is extension 0x0A, 2 septets of GSM-7',
  apply: (rules) => ({ ...rules, septets: (code) => (code === 0x0c ? 0 : rules.septets(code)) }),
  locate: (text) => `'\\f' at index ${text.indexOf('\f')}`,
};

export const GRAPHEMES_WHOLE: Deviation = {
  key: 'graphemes-whole',
  title: 'keeps a whole grapheme cluster (👍🏽, 👨‍👩‍👧, 🇫🇷, ❤️) in one UCS-2 segment',
  reason:
    'RULES.md §1 keeps only a surrogate pair whole: each code point of a cluster is valid UTF-16 ' +
    'on its own and the phone joins the segments before display, so the extra segment is a credit ' +
    'spent for nothing (a product choice of Twilio’s calculator rather than a spec error)',
  apply: (rules) => ({ ...rules, ucs2Atoms: 'graphemes' }),
  locate: (text) => {
    for (const { segment } of graphemes.segment(text)) {
      if (segment.length > 2 || (segment.length === 2 && !isHigh(segment.charCodeAt(0)))) {
        return `cluster ${quote(segment)} is ${segment.length} units`;
      }
    }
    return 'no multi-code-point cluster found';
  },
};

/** node-pdu's `Data.checkData`: any code unit above 192 (U+00C0) means UCS-2. */
const NODE_PDU_ALPHABET = (text: string): Encoding =>
  /[\u00c1-\uffff]/.test(text) ? 'ucs2' : 'gsm7';

export const ALPHABET_BY_CODE_POINT: Deviation = {
  key: 'alphabet-by-code-point',
  title:
    'picks UCS-2 when a character is above U+00C0, GSM-7 otherwise, whatever the GSM-7 table says',
  reason:
    'TS 23.038 §6.2.1: é è ù à Ä Ö Ñ Ü ä ö ñ ü ø å æ ß É Ç Ø Å Æ, the Greek capitals and € are ' +
    'GSM-7 (a French reminder needs no UCS-2), while « » ° ` À and other characters at or below ' +
    'U+00C0 are not: node-pdu sends those as GSM-7 spaces (` as §)',
  apply: (rules) => ({ ...rules, alphabet: NODE_PDU_ALPHABET }),
  locate: (text) => {
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      const gsm = REFERENCE_SEPTETS[code] !== 0;
      if (code > 0xc0 && gsm) return `${quote(ch)} (U+${hex(code)}) is GSM-7 but above U+00C0`;
      if (code <= 0xc0 && !gsm)
        return `${quote(ch)} (U+${hex(code)}) is not GSM-7 but at or below U+00C0`;
    }
    return 'no character on the wrong side of U+00C0';
  },
};

export const FIXED_SPLIT: Deviation = {
  key: 'fixed-split',
  title: 'cuts every 133 characters (GSM-7) or 63 units (UCS-2), even a text that fits one SMS',
  reason:
    'TS 23.040 §9.2.3.24: one SMS carries 160 septets or 70 UCS-2 units; with a 16-bit ' +
    'concatenation header (7 octets) a segment still carries 152 septets or 66 units: node-pdu ' +
    'subtracts 7 octets from 140 and uses the result as a character count',
  apply: (rules) => ({ ...rules, fixedSplit: { gsm7: 133, ucs2: 63 } }),
  locate: (text) => `${text.length} UTF-16 units`,
};

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Rules after applying `deviations` in order to the reference. */
export function rulesWith(deviations: readonly Deviation[]): Rules {
  return deviations.reduce((rules, d) => d.apply(rules), REFERENCE_RULES);
}
