import { codesToString } from './gsm7Codec.js';
import { pduError } from './pdu/pduError.js';

/**
 * UCS-2 user data (TS 23.038 §6.2.3): big-endian UTF-16 code units. Phones
 * read it as UTF-16, so an astral character (an emoji) travels as its
 * surrogate pair; the segmenter keeps pairs inside one segment.
 */

/** Writes the code units of `text` big-endian into `out` from `offset`; returns the octets written. */
export function encodeUcs2Into(text: string, out: Uint8Array, offset: number): number {
  let pos = offset;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[pos++] = unit >> 8;
    out[pos++] = unit & 0xff;
  }
  return pos - offset;
}

export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  encodeUcs2Into(text, out, 0);
  return out;
}

/**
 * Text of `length` octets of UCS-2 from `offset`. An odd count cannot be UCS-2
 * and is refused with PDU_BAD_UCS2 rather than dropping the last octet. Code
 * units are kept as they are (no U+FFFD): a lone surrogate from a badly split
 * foreign message stays visible to whoever reassembles it.
 */
export function decodeUcs2(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  if (length % 2 !== 0) {
    throw pduError(
      'PDU_BAD_UCS2',
      `UCS-2 user data has an even number of octets, this has ${length}`,
      {
        field: 'TP-UD',
        offset,
        length,
      },
    );
  }
  if (offset + length > bytes.length) {
    throw pduError('PDU_TRUNCATED', 'the UCS-2 user data ends early', {
      field: 'TP-UD',
      offset,
      needed: length,
      available: bytes.length - offset,
    });
  }
  const codes = new Uint16Array(length / 2);
  for (let i = 0; i < codes.length; i++) {
    codes[i] = ((bytes[offset + 2 * i] as number) << 8) | (bytes[offset + 2 * i + 1] as number);
  }
  return codesToString(codes, codes.length);
}
