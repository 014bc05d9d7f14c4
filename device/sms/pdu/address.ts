import { decodeGsm7Septets, unpackSeptets } from '../gsm7Codec.js';
import { pduError } from './pduError.js';
import type { PduReader } from './PduReader.js';

/**
 * Address fields (TS 23.040 §9.1.2.5, TS 24.011 §8.2.5.1 for the service
 * centre): a length, a type-of-address octet `1 TTT NNNN` (type of number,
 * numbering plan) and the value, either swapped BCD semi-octets or, for type
 * of number 101, packed GSM-7 (an alphanumeric sender such as "Telia").
 */

/** Type of number (bits 6–4 of the type-of-address octet), by name. */
export type AddressType =
  | 'unknown'
  | 'international'
  | 'national'
  | 'network-specific'
  | 'subscriber'
  | 'alphanumeric'
  | 'abbreviated'
  | 'reserved';

const TYPE_NAMES: readonly AddressType[] = [
  'unknown',
  'international',
  'national',
  'network-specific',
  'subscriber',
  'alphanumeric',
  'abbreviated',
  'reserved',
];

export interface Address {
  /** Digits, with a leading `+` when international; the text for an alphanumeric address. */
  readonly address: string;
  readonly type: AddressType;
  /** The raw type-of-address octet, e.g. 0x91 (international, ISDN/E.164). */
  readonly typeOfAddress: number;
}

/** TS 23.040 §9.1.2.5: the address value is at most 10 octets, i.e. 20 semi-octets. */
const MAX_SEMI_OCTETS = 20;
/** TS 24.011 §8.2.5.2: RP address contents (type octet + value) are at most 11 octets. */
const MAX_SC_OCTETS = 11;

/** 0–9, then `*`, `#`, `a`, `b`, `c` (TS 24.008 table 10.5.118); 0xF is the filler. */
const BCD_DIGITS = '0123456789*#abc';
const FILLER = 0x0f;
const TOA_INTERNATIONAL = 0x91;
const TOA_UNKNOWN = 0x81;

function typeOf(typeOfAddress: number): AddressType {
  return TYPE_NAMES[(typeOfAddress >> 4) & 0x07] as AddressType;
}

/**
 * Digits of `octets` (low nibble first). A filler is accepted only as the
 * very last nibble, where an odd-length number puts it; anywhere else the
 * address is malformed.
 */
function decodeSemiOctets(
  octets: Uint8Array,
  count: number,
  field: string,
  offset: number,
): string {
  let digits = '';
  for (let i = 0; i < count; i++) {
    const octet = octets[i >> 1] as number;
    const nibble = i % 2 === 0 ? octet & 0x0f : octet >> 4;
    if (nibble === FILLER) {
      if (i === count - 1) break;
      throw pduError('PDU_BAD_ADDRESS', `${field} has a filler digit in the middle`, {
        field,
        offset,
        digit: i,
      });
    }
    digits += BCD_DIGITS.charAt(nibble);
  }
  return digits;
}

function decodeValue(
  typeOfAddress: number,
  value: Uint8Array,
  semiOctets: number,
  field: string,
  offset: number,
): Address {
  const type = typeOf(typeOfAddress);
  if (type === 'alphanumeric') {
    const septets = Math.floor((semiOctets * 4) / 7);
    return { address: decodeGsm7Septets(unpackSeptets(value, septets)), type, typeOfAddress };
  }
  const digits = decodeSemiOctets(value, semiOctets, field, offset);
  return {
    address: type === 'international' && digits !== '' ? `+${digits}` : digits,
    type,
    typeOfAddress,
  };
}

/** Reads TP-OA / TP-DA / TP-RA: the length counts useful semi-octets (§9.1.2.5). */
export function readAddress(reader: PduReader, field: string): Address {
  const offset = reader.offset;
  const semiOctets = reader.u8(`${field} length`);
  if (semiOctets > MAX_SEMI_OCTETS) {
    throw pduError(
      'PDU_BAD_ADDRESS',
      `${field} claims ${semiOctets} digits, the maximum is ${MAX_SEMI_OCTETS}`,
      {
        field,
        offset,
        length: semiOctets,
      },
    );
  }
  const typeOfAddress = reader.u8(`${field} type`);
  const value = reader.take(Math.ceil(semiOctets / 2), field);
  return decodeValue(typeOfAddress, value, semiOctets, field, offset);
}

/**
 * Reads the service-centre address in front of the TPDU: its length counts
 * octets including the type octet (TS 24.011), and 0 means "none given".
 */
export function readScAddress(reader: PduReader): Address | undefined {
  const field = 'SCA';
  const offset = reader.offset;
  const octets = reader.u8('SCA length');
  if (octets === 0) return undefined;
  if (octets > MAX_SC_OCTETS) {
    throw pduError(
      'PDU_BAD_ADDRESS',
      `the service centre address claims ${octets} octets, the maximum is 11`,
      {
        field,
        offset,
        length: octets,
      },
    );
  }
  const typeOfAddress = reader.u8('SCA type');
  const value = reader.take(octets - 1, field);
  return decodeValue(typeOfAddress, value, value.length * 2, field, offset);
}

/** `+` and 1–20 digits, or 1–20 digits. */
const NUMBER = /^\+?[0-9]{1,20}$/;

function bcd(digits: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < digits.length; i += 2) {
    const low = digits.charCodeAt(i) - 0x30;
    const high = i + 1 < digits.length ? digits.charCodeAt(i + 1) - 0x30 : FILLER;
    out[offset + (i >> 1)] = (high << 4) | low;
  }
}

function parseNumber(number: string, field: string): { digits: string; typeOfAddress: number } {
  if (!NUMBER.test(number)) {
    throw pduError('PDU_BAD_ADDRESS', `${field} must be 1–20 digits with an optional leading +`, {
      field,
      value: number,
    });
  }
  const international = number.startsWith('+');
  // An E.164 number is sent international/ISDN (0x91); bare digits as unknown/ISDN (0x81) so the network applies its own rules.
  return {
    digits: international ? number.slice(1) : number,
    typeOfAddress: international ? TOA_INTERNATIONAL : TOA_UNKNOWN,
  };
}

/** TP-DA for `+33612345678` (0x91) or `0612345678` (0x81): length in digits, type, swapped BCD. */
export function encodeAddress(number: string, field = 'TP-DA'): Uint8Array {
  const { digits, typeOfAddress } = parseNumber(number, field);
  const out = new Uint8Array(2 + Math.ceil(digits.length / 2));
  out[0] = digits.length;
  out[1] = typeOfAddress;
  bcd(digits, out, 2);
  return out;
}

/** The SCA prefix: `00` (the modem's stored centre) when `number` is absent or empty. */
export function encodeScAddress(number?: string): Uint8Array {
  if (number === undefined || number === '') return Uint8Array.of(0);
  const { digits, typeOfAddress } = parseNumber(number, 'SCA');
  const out = new Uint8Array(2 + Math.ceil(digits.length / 2));
  out[0] = 1 + Math.ceil(digits.length / 2);
  out[1] = typeOfAddress;
  bcd(digits, out, 2);
  return out;
}
