import { GSM7_DEFAULT } from '../gsm7Alphabet.js';
import { gsm7SeptetCount, packGsm7Text } from '../gsm7Codec.js';
import { SEGMENT_LIMITS } from '../Segmentation.js';
import { segmentText } from '../segmenter.js';
import { encodeUcs2Into } from '../ucs2Codec.js';
import { encodeScAddress } from './address.js';
import { dcsFor } from './dataCodingScheme.js';
import { bytesToHex } from './hex.js';
import { pduError } from './pduError.js';
import { encodeTimestamp, type SmsTime } from './timestampEncoder.js';
import { CONCAT_8BIT_HEADER_OCTETS, writeConcat8Header } from './userDataHeader.js';

/**
 * SMS-DELIVER encoder (TS 23.040 §9.2.2.1): what a network hands a phone. gsmgate never
 * sends one; the simulated modem uses it to store injected inbound messages on its "SIM", so
 * the driver's inbox path reads PDUs our decoder must understand, concatenated parts included.
 * Pure: the service-centre timestamp comes from the caller.
 */

export type OriginatorType = 'international' | 'national' | 'unknown' | 'alphanumeric';

export interface DeliverOptions {
  /** `+33612345678`, `0612345678`, a short code `36180`, or a name like `Ameli` (≤ 11 GSM-7 septets). */
  readonly sender: string;
  /** How TP-OA is typed. @default `+…` international, digits national, anything else alphanumeric */
  readonly senderType?: OriginatorType;
  readonly text: string;
  /** TP-SCTS: when the centre received the message, and its zone. */
  readonly timestamp: SmsTime;
  /** Reference 0–255 of the 8-bit concatenation header; required when the text needs several parts. */
  readonly concatRef?: number;
  /** Service centre in front of the TPDU; absent: `00`. */
  readonly serviceCentre?: string;
  /** TP-MMS inverted: the centre has more messages waiting. @default false */
  readonly moreMessagesToSend?: boolean;
  /** TP-SRI: the sender asked for a status report. @default false */
  readonly statusReportIndication?: boolean;
}

export interface EncodedDeliverPdu {
  /** Uppercase hex, SCA first, as `+CMGR`/`+CMGL`/`+CMT` carry it (27.005 §3.1). */
  readonly hex: string;
  /** TPDU octets (without the SCA): the `<length>` of `+CMGR: <stat>,,<length>`. */
  readonly length: number;
}

const MTI_DELIVER = 0x00;
/** TP-MMS = 1 means "no more messages are waiting" (§9.2.3.2). */
const MMS_NONE_WAITING = 0x04;
const SRI = 0x20;
const UDHI = 0x40;
const TOA_INTERNATIONAL = 0x91;
/** Type of number 010 (national), numbering plan 0001 (ISDN/E.164). */
const TOA_NATIONAL = 0xa1;
const TOA_UNKNOWN = 0x81;
/** Type of number 101 (alphanumeric, GSM-7 packed), numbering plan 0000 (§9.1.2.5). */
const TOA_ALPHANUMERIC = 0xd0;
/** The address value holds at most 10 octets: 11 packed septets (§9.1.2.5). */
const MAX_ALPHA_SEPTETS = 11;
const CONCAT_HEADER_SEPTETS = Math.ceil((CONCAT_8BIT_HEADER_OCTETS * 8) / 7);
const CONCAT_FILL_BITS = CONCAT_HEADER_SEPTETS * 7 - CONCAT_8BIT_HEADER_OCTETS * 8;
const MAX_UD_OCTETS = 140;

function inferType(sender: string): OriginatorType {
  if (/^\+[0-9]{1,20}$/.test(sender)) return 'international';
  if (/^[0-9]{1,20}$/.test(sender)) return 'national';
  return 'alphanumeric';
}

/** TP-OA: the length counts useful semi-octets, also for an alphanumeric value (§9.1.2.5). */
export function encodeOriginator(
  sender: string,
  type: OriginatorType = inferType(sender),
): Uint8Array {
  if (type === 'alphanumeric') {
    const septets = sender === '' ? 0 : gsm7SeptetCount(sender, GSM7_DEFAULT);
    if (septets === 0 || septets > MAX_ALPHA_SEPTETS) {
      throw pduError('PDU_BAD_ADDRESS', 'an alphanumeric TP-OA holds 1–11 GSM-7 septets', {
        field: 'TP-OA',
        value: sender,
        septets,
      });
    }
    const octets = Math.ceil((septets * 7) / 8);
    const out = new Uint8Array(2 + octets);
    out[0] = Math.ceil((septets * 7) / 4);
    out[1] = TOA_ALPHANUMERIC;
    packGsm7Text(sender, GSM7_DEFAULT, out, 2);
    return out;
  }
  const digits = type === 'international' ? sender.replace(/^\+/, '') : sender;
  if (!/^[0-9]{1,20}$/.test(digits)) {
    throw pduError('PDU_BAD_ADDRESS', 'TP-OA must be 1–20 digits (with + when international)', {
      field: 'TP-OA',
      value: sender,
    });
  }
  const typeOfAddress =
    type === 'international' ? TOA_INTERNATIONAL : type === 'national' ? TOA_NATIONAL : TOA_UNKNOWN;
  // The digits go out like any BCD address; only the type octet differs from encodeAddress's.
  const out = new Uint8Array(2 + Math.ceil(digits.length / 2));
  out[0] = digits.length;
  out[1] = typeOfAddress;
  for (let i = 0; i < digits.length; i += 2) {
    const low = digits.charCodeAt(i) - 0x30;
    const high = i + 1 < digits.length ? digits.charCodeAt(i + 1) - 0x30 : 0x0f;
    out[2 + (i >> 1)] = (high << 4) | low;
  }
  return out;
}

/** Encodes `text` as one SMS-DELIVER per segment (GSM-7 when it fits the alphabet, else UCS-2). */
export function encodeDeliver(options: DeliverOptions): EncodedDeliverPdu[] {
  const segmentation = segmentText(options.text);
  const parts = segmentation.parts;
  const total = parts.length;
  const multi = total > 1;
  const ref = options.concatRef;
  if (multi && (ref === undefined || !Number.isInteger(ref) || ref < 0 || ref > 255)) {
    throw pduError('PDU_BAD_CONCAT_REF', 'a multi-part message needs a reference 0–255', {
      field: 'concatRef',
      value: ref,
    });
  }
  if (total > 255) {
    throw pduError('PDU_TOO_MANY_SEGMENTS', `${total} segments, the header counts at most 255`, {
      field: 'text',
      segments: total,
    });
  }
  const sca = encodeScAddress(options.serviceCentre);
  const firstOctet =
    MTI_DELIVER |
    (options.moreMessagesToSend === true ? 0 : MMS_NONE_WAITING) |
    (options.statusReportIndication === true ? SRI : 0) |
    (multi ? UDHI : 0);
  const originator = encodeOriginator(options.sender, options.senderType);
  const scts = encodeTimestamp(options.timestamp);
  const gsm7 = segmentation.encoding === 'gsm7';
  const limit = multi
    ? SEGMENT_LIMITS[segmentation.encoding].multi
    : SEGMENT_LIMITS[segmentation.encoding].single;

  return parts.map((part, i) => {
    const out = new Uint8Array(
      sca.length + 1 + originator.length + 2 + scts.length + 1 + MAX_UD_OCTETS,
    );
    let pos = 0;
    out.set(sca, pos);
    pos += sca.length;
    out[pos++] = firstOctet;
    out.set(originator, pos);
    pos += originator.length;
    out[pos++] = 0x00; // TP-PID: plain short message (§9.2.3.9)
    out[pos++] = dcsFor(segmentation.encoding);
    out.set(scts, pos);
    pos += scts.length;
    const udlAt = pos++;
    if (multi) pos += writeConcat8Header(out, pos, ref as number, total, i + 1);
    let udl: number;
    let end: number;
    if (gsm7) {
      const septets = packGsm7Text(part, GSM7_DEFAULT, out, pos, multi ? CONCAT_FILL_BITS : 0);
      udl = (multi ? CONCAT_HEADER_SEPTETS : 0) + septets;
      end = udlAt + 1 + Math.ceil((udl * 7) / 8);
      if (septets > limit) tooLong(i + 1, septets, limit);
    } else {
      if (part.length > limit) tooLong(i + 1, part.length, limit);
      udl = (multi ? CONCAT_8BIT_HEADER_OCTETS : 0) + encodeUcs2Into(part, out, pos);
      end = udlAt + 1 + udl;
    }
    out[udlAt] = udl;
    return { hex: bytesToHex(out, 0, end), length: end - sca.length };
  });
}

function tooLong(segment: number, units: number, limit: number): never {
  throw pduError('PDU_BAD_LENGTH', `segment ${segment} has ${units} units, more than ${limit}`, {
    field: 'TP-UD',
    segment,
    units,
    limit,
  });
}
