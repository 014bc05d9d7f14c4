import { GSM7_DEFAULT, type Gsm7Charset } from './gsm7Alphabet.js';
import { SEGMENT_LIMITS, type SegmentCount, type Segmentation } from './Segmentation.js';

/**
 * Walks the text once in GSM-7 and records where each 153-septet segment
 * starts. An escaped pair (2 septets) that would straddle a boundary moves to
 * the next segment whole (TS 23.038). Returns -1 as soon as a character is
 * outside the charset.
 */
function scanGsm7(text: string, charset: Gsm7Charset, starts: number[] | null): number {
  const cost = charset.cost;
  const limit = SEGMENT_LIMITS.gsm7.multi;
  let total = 0;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const c = cost[text.charCodeAt(i)] as number;
    if (c === 0) return -1;
    total += c;
    used += c;
    if (used > limit) {
      starts?.push(i);
      used = c;
    }
  }
  return total;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The same walk in UCS-2 units: a surrogate pair (an emoji, say) is two units
 * that never straddle a boundary (TS 23.040 §9.2.3.24.1 leaves the split to
 * the sender; a split pair shows as two broken characters on most phones).
 */
function scanUcs2(text: string, starts: number[] | null): number {
  const limit = SEGMENT_LIMITS.ucs2.multi;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1));
    const c = pair ? 2 : 1;
    used += c;
    if (used > limit) {
      starts?.push(i);
      used = c;
    }
    if (pair) i++;
  }
  return text.length;
}

function summarise(
  encoding: 'gsm7' | 'ucs2',
  units: number,
  multiSegments: number,
  lastUsed: number,
): SegmentCount {
  const limits = SEGMENT_LIMITS[encoding];
  const single = units <= limits.single;
  const segments = single ? 1 : multiSegments;
  const remaining = single ? limits.single - units : limits.multi - lastUsed;
  return { encoding, segments, credits: segments, units, remaining };
}

function unitsOf(encoding: 'gsm7' | 'ucs2', text: string, charset: Gsm7Charset): number {
  if (encoding === 'ucs2') return scanUcs2(text, null);
  return scanGsm7(text, charset, null);
}

/**
 * Cuts `text` into SMS segments: GSM-7 when every character is in `charset`,
 * UCS-2 otherwise. The segment texts join back to the input exactly.
 */
export function segmentText(text: string, charset: Gsm7Charset = GSM7_DEFAULT): Segmentation {
  const starts: number[] = [];
  let encoding: 'gsm7' | 'ucs2' = 'gsm7';
  let units = scanGsm7(text, charset, starts);
  if (units < 0) {
    encoding = 'ucs2';
    starts.length = 0;
    units = scanUcs2(text, starts);
  }
  const parts: string[] = [];
  if (units <= SEGMENT_LIMITS[encoding].single) {
    parts.push(text);
  } else {
    let from = 0;
    for (const start of starts) {
      parts.push(text.slice(from, start));
      from = start;
    }
    parts.push(text.slice(from));
  }
  const last = parts[parts.length - 1] as string;
  const lastUsed = parts.length > 1 ? unitsOf(encoding, last, charset) : units;
  return { ...summarise(encoding, units, parts.length, lastUsed), parts };
}

/**
 * Counts segments without building their texts: the hot path for quoting a
 * price or checking a limit. Always agrees with `segmentText`.
 */
export function countSegments(text: string, charset: Gsm7Charset = GSM7_DEFAULT): SegmentCount {
  const cost = charset.cost;
  const multi = SEGMENT_LIMITS.gsm7.multi;
  let total = 0;
  let used = 0;
  let segments = 1;
  let i = 0;
  for (; i < text.length; i++) {
    const c = cost[text.charCodeAt(i)] as number;
    if (c === 0) break;
    total += c;
    used += c;
    if (used > multi) {
      segments++;
      used = c;
    }
  }
  if (i === text.length) return summarise('gsm7', total, segments, used);
  return countUcs2(text, i);
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * UCS-2 count, resuming at `start`: everything before it was GSM-7, so one
 * unit per character and no surrogate, which is plain division. A text with no
 * surrogate at all is plain division throughout.
 */
function countUcs2(text: string, start: number): SegmentCount {
  const multi = SEGMENT_LIMITS.ucs2.multi;
  const n = text.length;
  if (!SURROGATE.test(text)) {
    const whole = Math.max(1, Math.ceil(n / multi));
    return summarise('ucs2', n, whole, n - (whole - 1) * multi);
  }
  let segments = Math.max(1, Math.ceil(start / multi));
  let used = start - (segments - 1) * multi;
  for (let i = start; i < n; i++) {
    const code = text.charCodeAt(i);
    const pair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1));
    const c = pair ? 2 : 1;
    used += c;
    if (used > multi) {
      segments++;
      used = c;
    }
    if (pair) i++;
  }
  return summarise('ucs2', text.length, segments, used);
}

/** True when every character of `text` can travel in GSM-7 with `charset`. */
export function isGsm7(text: string, charset: Gsm7Charset = GSM7_DEFAULT): boolean {
  const cost = charset.cost;
  for (let i = 0; i < text.length; i++) {
    if (cost[text.charCodeAt(i)] === 0) return false;
  }
  return true;
}
