import { pduError } from './pduError.js';

const HEX_DIGITS = '0123456789ABCDEF';

/** Nibble value of a char code, or -1. Both cases are accepted. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE[HEX_DIGITS.charCodeAt(i)] = i;
  NIBBLE[HEX_DIGITS.toLowerCase().charCodeAt(i)] = i;
}

/**
 * Uppercase hex of `bytes[start, end)`. Node's native hex writer over the
 * same memory (no copy) measured 2–4× faster than a JS lookup table, whether
 * joined from char codes or from two-digit strings; Buffer is a plain value
 * type here, not I/O.
 */
export function bytesToHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start)
    .toString('hex')
    .toUpperCase();
}

/**
 * Octets of a hex string. Surrounding whitespace is ignored (modems end lines
 * with CR LF); an odd length, an inner space or a non-hex digit is refused
 * with PDU_BAD_HEX and the offending position.
 */
export function hexToBytes(input: string): Uint8Array {
  const hex = input.trim();
  if (hex.length === 0) throw pduError('PDU_BAD_HEX', 'the PDU is empty', { field: 'hex' });
  if (hex.length % 2 !== 0) {
    throw pduError(
      'PDU_BAD_HEX',
      `a PDU has an even number of hex digits, this one has ${hex.length}`,
      {
        field: 'hex',
        length: hex.length,
      },
    );
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = nibbleAt(hex, 2 * i);
    const low = nibbleAt(hex, 2 * i + 1);
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

function nibbleAt(hex: string, position: number): number {
  const code = hex.charCodeAt(position);
  const value = code < 128 ? (NIBBLE[code] as number) : -1;
  if (value < 0) {
    throw pduError(
      'PDU_BAD_HEX',
      `'${hex.charAt(position)}' at position ${position} is not a hex digit`,
      {
        field: 'hex',
        position,
      },
    );
  }
  return value;
}
