import type { AddressType } from './address.js';
import type { MessageClass, MessageWaiting, UserDataEncoding } from './dataCodingScheme.js';
import type { TpStatus } from './tpStatus.js';
import type { ConcatInfo, InformationElement } from './userDataHeader.js';
import type { ValidityPeriod } from './validityPeriod.js';

/**
 * What `decodePdu` returns, one shape per TP-MTI. Every value is plain JSON
 * (strings, numbers, booleans, arrays); an absent field is `undefined`.
 */

/** Fields of the user data shared by SMS-DELIVER and SMS-SUBMIT. */
interface UserDataFields {
  /** Service centre from the SCA prefix; undefined when `00` or `hasSca: false`. */
  readonly serviceCentre: string | undefined;
  readonly pid: number;
  /** The raw TP-DCS octet. */
  readonly dcs: number;
  readonly messageClass: MessageClass | undefined;
  readonly messageWaiting: MessageWaiting | undefined;
  readonly encoding: UserDataEncoding;
  /** Decoded text; undefined for 8-bit data. */
  readonly text: string | undefined;
  /** 8-bit user data (after any header) as hex; undefined for text. */
  readonly data: string | undefined;
  readonly concat: ConcatInfo | undefined;
  readonly udh: readonly InformationElement[];
  readonly replyPath: boolean;
}

/** SMS-DELIVER (TS 23.040 §9.2.2.1): a message received by the modem. */
export interface DeliverPdu extends UserDataFields {
  readonly type: 'deliver';
  /** International numbers with `+`, national digits as sent, or the alphanumeric name. */
  readonly sender: string;
  readonly senderType: AddressType;
  /** TP-SCTS as ISO 8601 with the centre's offset. */
  readonly timestamp: string;
  readonly timezoneOffsetMinutes: number;
  /** TP-MMS inverted: true when the centre has more messages waiting for us. */
  readonly moreMessagesToSend: boolean;
  /** TP-SRI: the sender asked for a status report. */
  readonly statusReportIndication: boolean;
}

/** SMS-SUBMIT (TS 23.040 §9.2.2.2): a message as sent, e.g. read back from the SIM's sent box. */
export interface SubmitPdu extends UserDataFields {
  readonly type: 'submit';
  readonly messageReference: number;
  readonly recipient: string;
  readonly recipientType: AddressType;
  readonly validityPeriod: ValidityPeriod | undefined;
  /** TP-SRR. */
  readonly statusReportRequest: boolean;
  /** TP-RD. */
  readonly rejectDuplicates: boolean;
}

/** SMS-STATUS-REPORT (TS 23.040 §9.2.2.3): the fate of a message we sent, matched by TP-MR and recipient. */
export interface StatusReportPdu {
  readonly type: 'status-report';
  readonly serviceCentre: string | undefined;
  readonly messageReference: number;
  readonly recipient: string;
  readonly recipientType: AddressType;
  readonly serviceCentreTimestamp: string;
  readonly dischargeTimestamp: string;
  readonly status: TpStatus;
  /** TP-SRQ: true when this reports on an SMS-COMMAND rather than an SMS-SUBMIT. */
  readonly reportsCommand: boolean;
  readonly moreMessagesToSend: boolean;
  /** Optional user data (TP-PI bit 2); undefined when absent. */
  readonly text: string | undefined;
}

export type DecodedPdu = DeliverPdu | SubmitPdu | StatusReportPdu;
