import { readAddress, readScAddress } from './address.js';
import { parseDcs, type MessageClass, type MessageWaiting } from './dataCodingScheme.js';
import type { DecodedPdu, DeliverPdu, StatusReportPdu, SubmitPdu } from './DecodedPdu.js';
import { hexToBytes } from './hex.js';
import { pduError } from './pduError.js';
import { PduReader } from './PduReader.js';
import { readTimestamp } from './timestamp.js';
import { classifyStatus } from './tpStatus.js';
import { readUserData, type UserData } from './userData.js';
import { readValidityPeriod } from './validityPeriod.js';

/**
 * Decodes the PDUs a modem hands us in PDU mode (+CMGR, +CMGL, +CMT, +CDS):
 * SMS-DELIVER, SMS-STATUS-REPORT, and SMS-SUBMIT read back from storage.
 * TP-MTI is read from the MS side (TS 23.040 §9.2.3.1), where 00 is DELIVER
 * and 10 is STATUS-REPORT. Any malformed input ends in a GatewayError with a
 * PDU_ code naming the field and offset; octets after the user data are
 * ignored (see readUserData).
 */

export interface DecodeOptions {
  /**
   * Whether the hex starts with the service-centre address, as TS 27.005
   * §3.1 defines `<pdu>` for +CMGR, +CMGL, +CMT and +CDS. A few modems leave
   * it out of +CDS; pass false for those.
   * @default true
   */
  readonly hasSca?: boolean;
}

/** First-octet bits (TS 23.040 §9.2.3). */
const MMS = 0x04;
const VPF_SHIFT = 3;
const SRR_SRI_SRQ = 0x20;
const UDHI = 0x40;
const RP = 0x80;
const RD = 0x04;

/** Decodes a hex PDU (either case, surrounding whitespace ignored). */
export function decodePdu(hex: string, options: DecodeOptions = {}): DecodedPdu {
  return decodePduBytes(hexToBytes(hex), options);
}

/** Decodes PDU octets, e.g. ones already read from a binary source. */
export function decodePduBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedPdu {
  const reader = new PduReader(bytes);
  const serviceCentre = options.hasSca === false ? undefined : readScAddress(reader)?.address;
  const firstOctetOffset = reader.offset;
  const firstOctet = reader.u8('first octet');
  switch (firstOctet & 0x03) {
    case 0b00:
      return decodeDeliver(reader, firstOctet, serviceCentre);
    case 0b01:
      return decodeSubmit(reader, firstOctet, serviceCentre);
    case 0b10:
      return decodeStatusReport(reader, firstOctet, serviceCentre);
    default:
      throw pduError('PDU_UNSUPPORTED_TYPE', 'TP-MTI 11 is reserved', {
        field: 'TP-MTI',
        offset: firstOctetOffset,
        firstOctet,
      });
  }
}

interface UserDataFields extends UserData {
  readonly pid: number;
  readonly dcs: number;
  readonly messageClass: MessageClass | undefined;
  readonly messageWaiting: MessageWaiting | undefined;
  readonly replyPath: boolean;
}

function userDataFields(
  reader: PduReader,
  firstOctet: number,
  pid: number,
  dcs: number,
): UserDataFields {
  const coding = parseDcs(dcs);
  const userData = readUserData(reader, (firstOctet & UDHI) !== 0, dcs, coding);
  return {
    pid,
    dcs,
    messageClass: coding.messageClass,
    messageWaiting: coding.messageWaiting,
    ...userData,
    replyPath: (firstOctet & RP) !== 0,
  };
}

/** §9.2.2.1: OA, PID, DCS, SCTS, UDL, UD. */
function decodeDeliver(
  reader: PduReader,
  firstOctet: number,
  serviceCentre: string | undefined,
): DeliverPdu {
  const sender = readAddress(reader, 'TP-OA');
  const pid = reader.u8('TP-PID');
  const dcs = reader.u8('TP-DCS');
  const timestamp = readTimestamp(reader, 'TP-SCTS');
  const fields = userDataFields(reader, firstOctet, pid, dcs);
  return {
    type: 'deliver',
    serviceCentre,
    sender: sender.address,
    senderType: sender.type,
    timestamp: timestamp.iso,
    timezoneOffsetMinutes: timestamp.offsetMinutes,
    // TP-MMS is 0 when more messages are waiting (§9.2.3.2).
    moreMessagesToSend: (firstOctet & MMS) === 0,
    statusReportIndication: (firstOctet & SRR_SRI_SRQ) !== 0,
    ...fields,
  };
}

/** §9.2.2.2: MR, DA, PID, DCS, VP (per TP-VPF), UDL, UD. */
function decodeSubmit(
  reader: PduReader,
  firstOctet: number,
  serviceCentre: string | undefined,
): SubmitPdu {
  const messageReference = reader.u8('TP-MR');
  const recipient = readAddress(reader, 'TP-DA');
  const pid = reader.u8('TP-PID');
  const dcs = reader.u8('TP-DCS');
  const validityPeriod = readValidityPeriod(reader, (firstOctet >> VPF_SHIFT) & 0x03);
  const fields = userDataFields(reader, firstOctet, pid, dcs);
  return {
    type: 'submit',
    serviceCentre,
    messageReference,
    recipient: recipient.address,
    recipientType: recipient.type,
    validityPeriod,
    statusReportRequest: (firstOctet & SRR_SRI_SRQ) !== 0,
    rejectDuplicates: (firstOctet & RD) !== 0,
    ...fields,
  };
}

/**
 * §9.2.2.3: MR, RA, SCTS, DT, ST, then optional TP-PI and the PID, DCS and
 * user data it announces. Extension octets of TP-PI (bit 7) are skipped.
 */
function decodeStatusReport(
  reader: PduReader,
  firstOctet: number,
  serviceCentre: string | undefined,
): StatusReportPdu {
  const messageReference = reader.u8('TP-MR');
  const recipient = readAddress(reader, 'TP-RA');
  const serviceCentreTimestamp = readTimestamp(reader, 'TP-SCTS');
  const dischargeTimestamp = readTimestamp(reader, 'TP-DT');
  const status = classifyStatus(reader.u8('TP-ST'));
  let text: string | undefined;
  if (reader.remaining > 0) {
    const pi = reader.u8('TP-PI');
    let extension = pi;
    while ((extension & 0x80) !== 0) extension = reader.u8('TP-PI extension');
    const pid = (pi & 0x01) !== 0 ? reader.u8('TP-PID') : 0;
    const dcs = (pi & 0x02) !== 0 ? reader.u8('TP-DCS') : 0;
    if ((pi & 0x04) !== 0) text = userDataFields(reader, firstOctet, pid, dcs).text;
  }
  return {
    type: 'status-report',
    serviceCentre,
    messageReference,
    recipient: recipient.address,
    recipientType: recipient.type,
    serviceCentreTimestamp: serviceCentreTimestamp.iso,
    dischargeTimestamp: dischargeTimestamp.iso,
    status,
    reportsCommand: (firstOctet & SRR_SRI_SRQ) !== 0,
    moreMessagesToSend: (firstOctet & MMS) === 0,
    text,
  };
}
