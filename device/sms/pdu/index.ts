/** The PDU codec (TS 23.040 / 23.038): pure functions, no I/O, no clock. */
export { encodeSubmit, type EncodedSubmitPdu, type SubmitOptions } from './SmsSubmitEncoder.js';
export { decodePdu, decodePduBytes, type DecodeOptions } from './PduDecoder.js';
export type { DecodedPdu, DeliverPdu, StatusReportPdu, SubmitPdu } from './DecodedPdu.js';
export type { Address, AddressType } from './address.js';
export {
  parseDcs,
  type DataCodingScheme,
  type MessageClass,
  type MessageWaiting,
  type UserDataEncoding,
} from './dataCodingScheme.js';
export { classifyStatus, type StatusCategory, type TpStatus } from './tpStatus.js';
export type { ConcatInfo, InformationElement } from './userDataHeader.js';
export {
  DEFAULT_VALIDITY_MINUTES,
  encodeRelativeValidity,
  relativeValidityMinutes,
  type ValidityPeriod,
} from './validityPeriod.js';
export { bytesToHex, hexToBytes } from './hex.js';
export { pduError, type PduError, type PduErrorCode } from './pduError.js';
export {
  encodeDeliver,
  encodeOriginator,
  type DeliverOptions,
  type EncodedDeliverPdu,
  type OriginatorType,
} from './SmsDeliverEncoder.js';
export {
  encodeStatusReport,
  type EncodedStatusReportPdu,
  type StatusReportOptions,
} from './StatusReportEncoder.js';
export { encodeTimestamp, type SmsTime } from './timestampEncoder.js';
