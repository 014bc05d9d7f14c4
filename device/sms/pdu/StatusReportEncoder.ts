import { encodeAddress, encodeScAddress } from './address.js';
import { bytesToHex } from './hex.js';
import { pduError } from './pduError.js';
import { encodeTimestamp, type SmsTime } from './timestampEncoder.js';

/**
 * SMS-STATUS-REPORT encoder (TS 23.040 §9.2.2.3): what the centre sends back about a message
 * submitted with TP-SRR. The simulated modem emits it as `+CDS: <length>` + PDU so the driver's
 * delivery-report path meets the same bytes a network would send. No TP-PI is written: it is
 * optional, and most centres leave it out. Pure: both timestamps come from the caller.
 */

export interface StatusReportOptions {
  /** TP-MR of the SUBMIT this reports on (the `+CMGS: <mr>` the modem answered), 0–255. */
  readonly messageReference: number;
  /** TP-RA: the SUBMIT's recipient; `+…` goes out international, bare digits as unknown. */
  readonly recipient: string;
  /** TP-SCTS: when the centre received the SUBMIT. */
  readonly serviceCentreTimestamp: SmsTime;
  /** TP-DT: when it was delivered, or when the centre gave up. */
  readonly dischargeTimestamp: SmsTime;
  /** TP-ST 0–255 (§9.2.3.15): 0x00 delivered, 0x20–0x3F still trying, 0x40–0x7F failed. */
  readonly status: number;
  /** Service centre in front of the TPDU; absent: `00`. */
  readonly serviceCentre?: string;
  /** TP-SRQ: the report is about an SMS-COMMAND. @default false */
  readonly reportsCommand?: boolean;
  /** TP-MMS inverted: more messages are waiting. @default false */
  readonly moreMessagesToSend?: boolean;
}

export interface EncodedStatusReportPdu {
  /** Uppercase hex, SCA first, as `+CDS` carries it in PDU mode (27.005 §3.4.1). */
  readonly hex: string;
  /** TPDU octets (without the SCA): the `<length>` of `+CDS: <length>`. */
  readonly length: number;
}

const MTI_STATUS_REPORT = 0x02;
const MMS_NONE_WAITING = 0x04;
const SRQ = 0x20;

function checkOctet(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw pduError('PDU_BAD_OPTION', `${field} must be an integer 0–255`, { field, value });
  }
}

export function encodeStatusReport(options: StatusReportOptions): EncodedStatusReportPdu {
  checkOctet(options.messageReference, 'TP-MR');
  checkOctet(options.status, 'TP-ST');
  const sca = encodeScAddress(options.serviceCentre);
  const recipient = encodeAddress(options.recipient, 'TP-RA');
  const scts = encodeTimestamp(options.serviceCentreTimestamp, 'TP-SCTS');
  const dt = encodeTimestamp(options.dischargeTimestamp, 'TP-DT');
  const firstOctet =
    MTI_STATUS_REPORT |
    (options.moreMessagesToSend === true ? 0 : MMS_NONE_WAITING) |
    (options.reportsCommand === true ? SRQ : 0);
  const out = new Uint8Array(sca.length + 2 + recipient.length + scts.length + dt.length + 1);
  let pos = 0;
  for (const piece of [
    sca,
    Uint8Array.of(firstOctet, options.messageReference),
    recipient,
    scts,
    dt,
  ]) {
    out.set(piece, pos);
    pos += piece.length;
  }
  out[pos] = options.status;
  return { hex: bytesToHex(out), length: out.length - sca.length };
}
