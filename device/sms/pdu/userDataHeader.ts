import { bytesToHex } from './hex.js';

/**
 * The user data header (TS 23.040 §9.2.3.24): TP-UDHL, then information
 * elements `IEI, IEDL, data`. We read every element into a list and
 * interpret the two that reassembly needs: concatenation with an 8-bit
 * (IEI 0x00, §9.2.3.24.1) or 16-bit (IEI 0x08, §9.2.3.24.8) reference.
 */

export interface InformationElement {
  /** Information element identifier, e.g. 0x00 (concatenation), 0x05 (16-bit ports). */
  readonly iei: number;
  /** The element's data octets as uppercase hex. */
  readonly data: string;
}

export interface ConcatInfo {
  /** Reference shared by every part of one message. */
  readonly ref: number;
  /** Number of parts. */
  readonly total: number;
  /** This part's position, 1-based. */
  readonly seq: number;
  /** Width of the reference: an 8-bit 5 and a 16-bit 5 are different messages. */
  readonly referenceBits: 8 | 16;
}

export interface UserDataHeader {
  readonly elements: readonly InformationElement[];
  readonly concat: ConcatInfo | undefined;
}

export const IEI_CONCAT_8BIT = 0x00;
export const IEI_CONCAT_16BIT = 0x08;

/** UDHL + one 8-bit concatenation element: `05 00 03 ref total seq`. */
export const CONCAT_8BIT_HEADER_OCTETS = 6;

const EMPTY: UserDataHeader = { elements: [], concat: undefined };

/**
 * Reads the elements of a header whose `length` octets (TP-UDHL, excluding
 * itself) start at `start`; the caller has checked they lie inside TP-UD.
 *
 * Per §9.2.3.24, when the last element has too few or too many octets for
 * the header "the whole User Data Header shall be ignored": the text is still
 * decoded (TP-UDHL says where it starts) but no element is reported, so a
 * broken concatenation header yields a stand-alone message, as on a phone.
 */
export function parseUserDataHeader(
  bytes: Uint8Array,
  start: number,
  length: number,
): UserDataHeader {
  const end = start + length;
  const elements: InformationElement[] = [];
  let concat: ConcatInfo | undefined;
  let pos = start;
  while (pos < end) {
    if (pos + 2 > end) return EMPTY;
    const iei = bytes[pos] as number;
    const size = bytes[pos + 1] as number;
    const dataStart = pos + 2;
    if (dataStart + size > end) return EMPTY;
    elements.push({ iei, data: bytesToHex(bytes, dataStart, dataStart + size) });
    // Repeated elements: "the last occurrence of the IE shall be used" (§9.2.3.24).
    concat = readConcat(bytes, iei, size, dataStart) ?? concat;
    pos = dataStart + size;
  }
  return { elements, concat };
}

/**
 * A concatenation element, or undefined when it must be ignored: a zero
 * total, or a sequence number of zero or above the total (§9.2.3.24.1).
 */
function readConcat(
  bytes: Uint8Array,
  iei: number,
  size: number,
  at: number,
): ConcatInfo | undefined {
  let ref: number;
  let referenceBits: 8 | 16;
  if (iei === IEI_CONCAT_8BIT && size === 3) {
    ref = bytes[at] as number;
    referenceBits = 8;
    at += 1;
  } else if (iei === IEI_CONCAT_16BIT && size === 4) {
    ref = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    referenceBits = 16;
    at += 2;
  } else {
    return undefined;
  }
  const total = bytes[at] as number;
  const seq = bytes[at + 1] as number;
  if (total === 0 || seq === 0 || seq > total) return undefined;
  return { ref, total, seq, referenceBits };
}

/** Writes `05 00 03 ref total seq` at `offset` and returns its length. */
export function writeConcat8Header(
  out: Uint8Array,
  offset: number,
  ref: number,
  total: number,
  seq: number,
): number {
  out[offset] = CONCAT_8BIT_HEADER_OCTETS - 1;
  out[offset + 1] = IEI_CONCAT_8BIT;
  out[offset + 2] = 3;
  out[offset + 3] = ref;
  out[offset + 4] = total;
  out[offset + 5] = seq;
  return CONCAT_8BIT_HEADER_OCTETS;
}
