import { GSM7_DEFAULT, type Gsm7Charset } from '../gsm7Alphabet.js';
import { packGsm7Text } from '../gsm7Codec.js';
import { SEGMENT_LIMITS, type Segmentation } from '../Segmentation.js';
import { encodeUcs2Into } from '../ucs2Codec.js';
import { encodeAddress, encodeScAddress } from './address.js';
import { dcsFor } from './dataCodingScheme.js';
import { bytesToHex } from './hex.js';
import { pduError } from './pduError.js';
import { CONCAT_8BIT_HEADER_OCTETS, writeConcat8Header } from './userDataHeader.js';
import { DEFAULT_VALIDITY_MINUTES, encodeRelativeValidity } from './validityPeriod.js';

/**
 * SMS-SUBMIT encoder (TS 23.040 §9.2.2.2), one PDU per segment of a
 * Segmentation. The fixed part (SCA, first octet, MR, DA, PID, DCS, VP) is
 * built once and copied in front of each segment; all segments are written
 * into one preallocated buffer and turned into hex in one call.
 */

export interface SubmitOptions {
  /** `+33612345678` goes out international (TON 0x91); bare digits as unknown (0x81). */
  readonly recipient: string;
  /** The result of `segmentText(text, charset)`; its parts become the PDUs. */
  readonly segmentation: Segmentation;
  /** The charset `segmentText` was given. @default GSM7_DEFAULT */
  readonly charset?: Gsm7Charset;
  /** TP-SRR: ask the centre for a status report. @default false */
  readonly statusReport?: boolean;
  /**
   * Relative validity in minutes, rounded up to what TP-VP can say; `null`
   * sends no TP-VP (the centre's default applies).
   * @default DEFAULT_VALIDITY_MINUTES (4 days, TP-VP 0xAA)
   */
  readonly validityMinutes?: number | null;
  /**
   * Reference 0–255 of the 8-bit concatenation header. Required when there is
   * more than one segment: the caller owns the counter, so parts of two
   * messages to one phone never share a reference.
   */
  readonly concatRef?: number;
  /** Service centre number; absent: `00`, the modem's stored centre. */
  readonly serviceCentre?: string;
  /** TP-MR 0–255; most modems put their own counter here. @default 0 */
  readonly messageReference?: number;
  /** TP-RD. @default false */
  readonly rejectDuplicates?: boolean;
}

export interface EncodedSubmitPdu {
  /** Uppercase hex, SCA first: exactly what to write after the AT+CMGS prompt. */
  readonly hex: string;
  /** TPDU octets (without the SCA): the `<length>` of AT+CMGS=<length>. */
  readonly length: number;
  /** The TPDU octets: a view into one buffer shared by the message's PDUs. */
  readonly tpdu: Uint8Array;
}

const MTI_SUBMIT = 0x01;
const RD = 0x04;
const VPF_RELATIVE = 0x10;
const SRR = 0x20;
const UDHI = 0x40;
const MAX_SEGMENTS = 255;
/** TP-UD is at most 140 octets (§9.2.3.16). */
const MAX_UD_OCTETS = 140;
/** UDHL + `00 03 ref total seq` is 48 bits: 7 septets, the first text septet after 1 fill bit. */
const CONCAT_HEADER_SEPTETS = Math.ceil((CONCAT_8BIT_HEADER_OCTETS * 8) / 7);
const CONCAT_FILL_BITS = CONCAT_HEADER_SEPTETS * 7 - CONCAT_8BIT_HEADER_OCTETS * 8;

function isOctet(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
}

/** SCA + first octet + MR + DA + PID + DCS (+ VP), shared by every segment. */
function buildPrefix(
  options: SubmitOptions,
  multi: boolean,
): { prefix: Uint8Array; scaOctets: number } {
  const messageReference = options.messageReference ?? 0;
  if (!isOctet(messageReference)) {
    throw pduError('PDU_BAD_OPTION', 'the message reference must be an integer 0–255', {
      field: 'TP-MR',
      value: messageReference,
    });
  }
  const sca = encodeScAddress(options.serviceCentre);
  const da = encodeAddress(options.recipient);
  const validity =
    options.validityMinutes === undefined ? DEFAULT_VALIDITY_MINUTES : options.validityMinutes;
  const vp = validity === null ? -1 : encodeRelativeValidity(validity);
  const firstOctet =
    MTI_SUBMIT |
    (options.rejectDuplicates === true ? RD : 0) |
    (vp >= 0 ? VPF_RELATIVE : 0) |
    (options.statusReport === true ? SRR : 0) |
    (multi ? UDHI : 0);
  const prefix = new Uint8Array(sca.length + 2 + da.length + 2 + (vp >= 0 ? 1 : 0));
  prefix.set(sca, 0);
  let pos = sca.length;
  prefix[pos++] = firstOctet;
  prefix[pos++] = messageReference;
  prefix.set(da, pos);
  pos += da.length;
  prefix[pos++] = 0x00; // TP-PID: plain short message (§9.2.3.9)
  prefix[pos++] = dcsFor(options.segmentation.encoding);
  if (vp >= 0) prefix[pos] = vp;
  return { prefix, scaOctets: sca.length };
}

function tooLong(segment: number, units: number, limit: number, encoding: string): never {
  throw pduError(
    'PDU_BAD_LENGTH',
    `segment ${segment} has ${units} ${encoding} units, more than ${limit}`,
    {
      field: 'TP-UD',
      segment,
      units,
      limit,
    },
  );
}

/** Refuses a segmentation the concatenation header cannot carry; returns the reference to use. */
function checkSegments(total: number, concatRef: number | undefined): number {
  if (total === 0) {
    throw pduError('PDU_BAD_OPTION', 'the segmentation has no parts', { field: 'segmentation' });
  }
  if (total > MAX_SEGMENTS) {
    throw pduError('PDU_TOO_MANY_SEGMENTS', `${total} segments, the header counts at most 255`, {
      field: 'segmentation',
      segments: total,
    });
  }
  if (total > 1 && !isOctet(concatRef)) {
    throw pduError('PDU_BAD_CONCAT_REF', 'a multi-part message needs a reference 0–255', {
      field: 'concatRef',
      value: concatRef,
    });
  }
  return concatRef ?? 0;
}

/** Encodes every segment of `options.segmentation` as an SMS-SUBMIT PDU. */
export function encodeSubmit(options: SubmitOptions): EncodedSubmitPdu[] {
  const { segmentation } = options;
  const charset = options.charset ?? GSM7_DEFAULT;
  const parts = segmentation.parts;
  const total = parts.length;
  const ref = checkSegments(total, options.concatRef);
  const multi = total > 1;
  const { prefix, scaOctets } = buildPrefix(options, multi);
  const gsm7 = segmentation.encoding === 'gsm7';
  const limits = SEGMENT_LIMITS[segmentation.encoding];
  const limit = multi ? limits.multi : limits.single;
  /** UDL taken by the concatenation header: septets for GSM-7, octets for UCS-2. */
  const headerUnits = multi ? (gsm7 ? CONCAT_HEADER_SEPTETS : CONCAT_8BIT_HEADER_OCTETS) : 0;
  const fillBits = multi ? CONCAT_FILL_BITS : 0;

  // One buffer for the whole message, sized for full segments: allocating a
  // small typed array costs more than encoding its contents (~1.6 µs each),
  // and packing straight into it needs no counting pass first.
  const memory = new Uint8Array(total * (prefix.length + 1 + MAX_UD_OCTETS));
  const ends = new Array<number>(total);
  let end = 0;
  for (let i = 0; i < total; i++) {
    const part = parts[i] as string;
    memory.set(prefix, end);
    const udlAt = end + prefix.length;
    let pos = udlAt + 1;
    if (multi) pos += writeConcat8Header(memory, pos, ref, total, i + 1);
    let udl: number;
    if (gsm7) {
      const septets = packGsm7Text(part, charset, memory, pos, fillBits);
      if (septets > limit) tooLong(i + 1, septets, limit, 'gsm7');
      udl = headerUnits + septets;
      end = udlAt + 1 + Math.ceil((udl * 7) / 8);
    } else {
      if (part.length > limit) tooLong(i + 1, part.length, limit, 'ucs2');
      udl = headerUnits + encodeUcs2Into(part, memory, pos);
      end = udlAt + 1 + udl;
    }
    memory[udlAt] = udl;
    ends[i] = end;
  }
  const hex = bytesToHex(memory, 0, end);
  const pdus: EncodedSubmitPdu[] = [];
  let start = 0;
  for (let i = 0; i < total; i++) {
    const stop = ends[i] as number;
    pdus.push({
      hex: hex.slice(start * 2, stop * 2),
      length: stop - start - scaOctets,
      tpdu: memory.subarray(start + scaOctets, stop),
    });
    start = stop;
  }
  return pdus;
}
