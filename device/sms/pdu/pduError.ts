import { GatewayError } from '../../shared/GatewayError.js';

/**
 * Every refusal of the PDU codec. Callers branch on these codes (the CLI maps
 * them to exit status 2); docs/errors.md should list them with this meaning:
 *
 * - `PDU_BAD_HEX`: the input is not an even-length string of hex digits.
 * - `PDU_TRUNCATED`: a field, or a length, points past the last octet.
 * - `PDU_UNSUPPORTED_TYPE`: TP-MTI is reserved (0b11) or the message type is not decoded here.
 * - `PDU_BAD_LENGTH`: TP-UDL above the 140-octet maximum, or a segment too long to encode.
 * - `PDU_BAD_ADDRESS`: an address length or digit the numbering rules forbid.
 * - `PDU_BAD_TIMESTAMP`: a TP-SCTS/TP-DT/TP-VP octet that is not valid BCD or not a real date.
 * - `PDU_BAD_UDH`: TP-UDHL beyond TP-UDL, or an information element running past the header.
 * - `PDU_BAD_UCS2`: UCS-2 user data with an odd number of octets.
 * - `PDU_UNSUPPORTED_DCS`: compressed user data (TS 23.042), which no modem we drive produces.
 * - `PDU_UNENCODABLE`: a character the GSM-7 charset of the segmentation cannot carry.
 * - `PDU_BAD_VALIDITY`: a validity period outside 5 minutes – 63 weeks.
 * - `PDU_BAD_CONCAT_REF`: a multi-part message without a 0–255 concatenation reference.
 * - `PDU_TOO_MANY_SEGMENTS`: more than 255 segments (TS 23.040 §9.2.3.24.1 counts them in one octet).
 * - `PDU_BAD_OPTION`: another encoder option out of range (TP-MR, segmentation shape).
 */
export type PduErrorCode =
  | 'PDU_BAD_HEX'
  | 'PDU_TRUNCATED'
  | 'PDU_UNSUPPORTED_TYPE'
  | 'PDU_BAD_LENGTH'
  | 'PDU_BAD_ADDRESS'
  | 'PDU_BAD_TIMESTAMP'
  | 'PDU_BAD_UDH'
  | 'PDU_BAD_UCS2'
  | 'PDU_UNSUPPORTED_DCS'
  | 'PDU_UNENCODABLE'
  | 'PDU_BAD_VALIDITY'
  | 'PDU_BAD_CONCAT_REF'
  | 'PDU_TOO_MANY_SEGMENTS'
  | 'PDU_BAD_OPTION';

export type PduError = GatewayError<PduErrorCode>;

/** Builds the error; `context` names the field and, when decoding, the octet offset. */
export function pduError(
  code: PduErrorCode,
  message: string,
  context: Record<string, unknown> = {},
): PduError {
  return new GatewayError(code, message, context);
}
