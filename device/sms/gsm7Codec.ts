import {
  GSM7_BASIC_TABLE,
  GSM7_ESCAPE,
  GSM7_EXTENSION_TABLE,
  type Gsm7Charset,
} from './gsm7Alphabet.js';
import { pduError } from './pdu/pduError.js';

/**
 * GSM 7-bit text codec (3GPP TS 23.038 §6.1.2.1): text ⇄ septets through a
 * Gsm7Charset, and septets ⇄ octets packed least-significant bit first with
 * optional leading fill bits (TS 23.040 §9.2.3.24: after a user data header
 * the first septet starts on a septet boundary).
 */

/** Char code of each basic-table septet. */
const BASIC_CODES = new Uint16Array(128);
GSM7_BASIC_TABLE.forEach((char, septet) => (BASIC_CODES[septet] = char.charCodeAt(0)));

/** Char code of each extension-table septet, 0 where the table has none. */
const EXTENSION_CODES = new Uint16Array(128);
for (const [septet, char] of GSM7_EXTENSION_TABLE) EXTENSION_CODES[septet] = char.charCodeAt(0);

/** Space: what TS 23.038 §6.2.1.1 says to show for the reserved escape-escape pair. */
const SPACE = 0x20;

function unencodable(text: string, index: number, charset: Gsm7Charset): never {
  throw pduError(
    'PDU_UNENCODABLE',
    `'${text.charAt(index)}' is not in the ${charset.name} alphabet`,
    {
      field: 'text',
      index,
      char: text.charAt(index),
      charset: charset.name,
    },
  );
}

/** Septets `text` takes with `charset` (extension characters count 2); throws PDU_UNENCODABLE. */
export function gsm7SeptetCount(text: string, charset: Gsm7Charset): number {
  const cost = charset.cost;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const c = cost[text.charCodeAt(i)] as number;
    if (c === 0) unencodable(text, i, charset);
    total += c;
  }
  return total;
}

/**
 * Packs the septets of `text` into `out` from `offset`, after `fillBits` zero
 * bits, and returns the number of septets written (the octets are
 * ⌈(fillBits + 7 × septets) / 8⌉). This is the encoder's hot loop: one table
 * lookup per character and a bit accumulator, no intermediate array.
 * Characters the charset maps onto a look-alike (a provider's `ç` → `Ç`) go
 * out as that look-alike, because the tables say so.
 */
export function packGsm7Text(
  text: string,
  charset: Gsm7Charset,
  out: Uint8Array,
  offset: number,
  fillBits = 0,
): number {
  const { cost, septet } = charset;
  let acc = 0;
  let bits = fillBits;
  let pos = offset;
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const c = cost[code] as number;
    if (c === 0) unencodable(text, i, charset);
    if (c === 2) {
      acc |= GSM7_ESCAPE << bits;
      bits += 7;
      if (bits >= 8) {
        out[pos++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    acc |= (septet[code] as number) << bits;
    bits += 7;
    if (bits >= 8) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
    septets += c;
  }
  if (bits > 0) out[pos] = acc & 0xff;
  return septets;
}

/** Unpacked septets of `text` (escape pairs included). */
export function encodeGsm7Septets(text: string, charset: Gsm7Charset): Uint8Array {
  const out = new Uint8Array(gsm7SeptetCount(text, charset));
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (charset.cost[code] === 2) out[j++] = GSM7_ESCAPE;
    out[j++] = charset.septet[code] as number;
  }
  return out;
}

/** Packs septets (values 0–127) after `fillBits` (0–6) zero bits. */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  const out = new Uint8Array(Math.ceil((fillBits + septets.length * 7) / 8));
  let acc = 0;
  let bits = fillBits;
  let pos = 0;
  for (let i = 0; i < septets.length; i++) {
    acc |= ((septets[i] as number) & 0x7f) << bits;
    bits += 7;
    if (bits >= 8) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out[pos] = acc & 0xff;
  return out;
}

/**
 * Reads `count` septets from `octets` starting at `offset`, skipping
 * `fillBits` leading bits. Throws PDU_TRUNCATED when the octets run out.
 */
export function unpackSeptets(
  octets: Uint8Array,
  count: number,
  fillBits = 0,
  offset = 0,
): Uint8Array {
  const needed = Math.ceil((fillBits + count * 7) / 8);
  if (offset + needed > octets.length) {
    throw pduError('PDU_TRUNCATED', 'the packed septets end early', {
      field: 'septets',
      offset,
      needed,
      available: octets.length - offset,
    });
  }
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = fillBits + i * 7;
    const at = offset + (bit >> 3);
    const shift = bit & 7;
    // Two octets hold any septet; the second is only read when the septet crosses into it.
    const word = (octets[at] as number) | (shift > 1 ? (octets[at + 1] as number) << 8 : 0);
    out[i] = (word >> shift) & 0x7f;
  }
  return out;
}

/**
 * Text of unpacked septets. An escape followed by a septet the extension table
 * lacks shows the basic-table character, and escape-escape shows a space
 * (TS 23.038 §6.2.1.1); a final escape with nothing after it shows nothing.
 */
export function decodeGsm7Septets(septets: ArrayLike<number>): string {
  const codes = new Uint16Array(septets.length);
  let n = 0;
  for (let i = 0; i < septets.length; i++) {
    const value = (septets[i] as number) & 0x7f;
    if (value !== GSM7_ESCAPE) {
      codes[n++] = BASIC_CODES[value] as number;
      continue;
    }
    if (i + 1 >= septets.length) break;
    const next = (septets[++i] as number) & 0x7f;
    const extended = EXTENSION_CODES[next] as number;
    codes[n++] =
      extended !== 0 ? extended : next === GSM7_ESCAPE ? SPACE : (BASIC_CODES[next] as number);
  }
  return codesToString(codes, n);
}

/** String of the first `length` UTF-16 code units, in chunks that stay under the argument limit. */
export function codesToString(codes: Uint16Array, length: number): string {
  const CHUNK = 8192;
  if (length <= CHUNK)
    return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  const pieces: string[] = [];
  for (let i = 0; i < length; i += CHUNK) {
    pieces.push(
      String.fromCharCode.apply(
        null,
        codes.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[],
      ),
    );
  }
  return pieces.join('');
}
