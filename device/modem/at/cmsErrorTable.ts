/**
 * `+CMS ERROR: <err>` values (3GPP TS 27.005 §3.2.5) and whether a failed AT+CMGS should be
 * retried later (transient) or the message failed for good (permanent).
 *
 * 27.005 §3.2.5 splits the range: 0…127 are RP-cause values from 24.011 Annex E-2, 128…255
 * are TP-Failure-Cause values from 23.040 §9.2.3.22, 300…500 are the ME/TA's own errors,
 * 512 and up are manufacturer specific.
 *
 * The rule behind `transient`: a send is *permanent* only when the message itself (its
 * destination, its PDU, the subscription to the service) is the reason, so the identical
 * resend would fail again. Faults of the modem, the SIM or the network are *transient*: the
 * message is fine and may go out later, possibly through another modem; the queue's retry
 * budget bounds the cost, and modem health alarms on the SIM/modem faults. Unlisted codes
 * (reserved and manufacturer-specific ones) are transient for the same reason.
 * docs/at-engine.md renders this table; keep the two in step.
 */
export interface CmsErrorInfo {
  readonly meaning: string;
  readonly transient: boolean;
  /** Why it is classed so: the short argument a reviewer can check. */
  readonly reason: string;
}

const T = true;
const P = false;

const MODEM = 'fault of the modem or SIM, not of the message; retry later or elsewhere';
const NETWORK = 'network-side condition that clears by itself';
const BAD_PDU = 'our PDU is malformed; the same bytes fail again';
const UNSUPPORTED = 'the SC or network does not support what the PDU asks for';

function row(meaning: string, transient: boolean, reason: string): CmsErrorInfo {
  return { meaning, transient, reason };
}

export const CMS_ERRORS: ReadonlyMap<number, CmsErrorInfo> = new Map([
  // 24.011 Annex E-2, RP-cause (mobile originating)
  [1, row('Unassigned (unallocated) number', P, 'destination number does not exist')],
  [
    8,
    row(
      'Operator determined barring',
      P,
      'the operator bars this subscriber from the service; needs operator action',
    ),
  ],
  [10, row('Call barred', P, 'outgoing SMS barred for this SIM or destination')],
  [21, row('Short message transfer rejected', P, 'SC refused this message')],
  [22, row('Memory capacity exceeded', T, NETWORK)],
  [27, row('Destination out of service', T, NETWORK)],
  [
    28,
    row(
      'Unidentified subscriber',
      T,
      'our SIM is not known to the VLR; clears after re-registration',
    ),
  ],
  [29, row('Facility rejected', P, 'network refuses the facility for this subscriber')],
  [30, row('Unknown subscriber', P, 'subscriber not known to the HLR')],
  [38, row('Network out of order', T, NETWORK)],
  [41, row('Temporary failure', T, NETWORK)],
  [42, row('Congestion', T, NETWORK)],
  [47, row('Resources unavailable, unspecified', T, NETWORK)],
  [50, row('Requested facility not subscribed', P, 'SMS not in the subscription')],
  [69, row('Requested facility not implemented', P, UNSUPPORTED)],
  [
    81,
    row(
      'Invalid short message transfer reference value',
      T,
      'protocol hiccup between modem and network',
    ),
  ],
  [95, row('Invalid message, unspecified', P, BAD_PDU)],
  [96, row('Invalid mandatory information', P, BAD_PDU)],
  [97, row('Message type non-existent or not implemented', P, BAD_PDU)],
  [
    98,
    row(
      'Message not compatible with short message protocol state',
      T,
      'protocol state race; a fresh attempt starts clean',
    ),
  ],
  [99, row('Information element non-existent or not implemented', P, BAD_PDU)],
  [111, row('Protocol error, unspecified', T, 'protocol hiccup between modem and network')],
  [127, row('Interworking, unspecified', T, NETWORK)],
  // 23.040 §9.2.3.22, TP-Failure-Cause
  [128, row('Telematic interworking not supported', P, UNSUPPORTED)],
  [129, row('Short message Type 0 not supported', P, UNSUPPORTED)],
  [130, row('Cannot replace short message', P, UNSUPPORTED)],
  [143, row('Unspecified TP-PID error', P, BAD_PDU)],
  [144, row('Data coding scheme (alphabet) not supported', P, UNSUPPORTED)],
  [145, row('Message class not supported', P, UNSUPPORTED)],
  [159, row('Unspecified TP-DCS error', P, BAD_PDU)],
  [160, row('Command cannot be actioned', P, UNSUPPORTED)],
  [161, row('Command unsupported', P, UNSUPPORTED)],
  [175, row('Unspecified TP-Command error', P, BAD_PDU)],
  [176, row('TPDU not supported', P, UNSUPPORTED)],
  [192, row('SC busy', T, NETWORK)],
  [193, row('No SC subscription', P, 'SIM has no subscription with this SC')],
  [194, row('SC system failure', T, NETWORK)],
  [195, row('Invalid SME address', P, 'destination address is invalid')],
  [196, row('Destination SME barred', P, 'destination refuses messages')],
  [
    197,
    row(
      'SM Rejected-Duplicate SM',
      P,
      'SC already holds this TP-MR for this destination: an earlier attempt got through, resending would duplicate',
    ),
  ],
  [198, row('TP-VPF not supported', P, UNSUPPORTED)],
  [199, row('TP-VP not supported', P, UNSUPPORTED)],
  [208, row('(U)SIM SMS storage full', T, MODEM)],
  [209, row('No SMS storage capability in (U)SIM', T, MODEM)],
  [210, row('Error in MS', T, MODEM)],
  [211, row('Memory Capacity Exceeded', T, MODEM)],
  [212, row('(U)SIM Application Toolkit Busy', T, MODEM)],
  [213, row('(U)SIM data download error', T, MODEM)],
  [255, row('Unspecified error cause', T, 'no cause given; retry within the budget')],
  // 27.005 §3.2.5, ME/TA errors
  [300, row('ME failure', T, MODEM)],
  [301, row('SMS service of ME reserved', T, MODEM)],
  [
    302,
    row(
      'operation not allowed',
      T,
      'a state of the modem, not the message (e.g. SMS service not ready yet after boot)',
    ),
  ],
  [303, row('operation not supported', P, 'the modem cannot send this kind of message at all')],
  [304, row('invalid PDU mode parameter', P, BAD_PDU)],
  [305, row('invalid text mode parameter', P, 'text mode is never used; a bug on our side')],
  [310, row('(U)SIM not inserted', T, MODEM)],
  [311, row('(U)SIM PIN required', T, MODEM)],
  [312, row('PH-(U)SIM PIN required', T, MODEM)],
  [313, row('(U)SIM failure', T, MODEM)],
  [314, row('(U)SIM busy', T, MODEM)],
  [315, row('(U)SIM wrong', T, MODEM)],
  [316, row('(U)SIM PUK required', T, MODEM)],
  [317, row('(U)SIM PIN2 required', T, MODEM)],
  [318, row('(U)SIM PUK2 required', T, MODEM)],
  [320, row('memory failure', T, MODEM)],
  [321, row('invalid memory index', P, 'the index named in the command does not exist')],
  [322, row('memory full', T, MODEM)],
  [330, row('SMSC address unknown', T, 'modem configuration (AT+CSCA), not the message')],
  [331, row('no network service', T, NETWORK)],
  [332, row('network timeout', T, NETWORK)],
  [340, row('no +CNMA acknowledgement expected', P, 'protocol misuse on our side')],
  [500, row('unknown error', T, "the modem's catch-all; nothing says the message is at fault")],
]);

/** Meaning and class for codes the table does not list. */
export function unlistedCmsError(code: number): CmsErrorInfo {
  const range =
    code >= 512
      ? 'manufacturer-specific'
      : code <= 127
        ? 'RP-cause'
        : code <= 255
          ? 'TP-Failure-Cause'
          : 'reserved';
  return row(`${range} error ${code}`, T, 'unknown code; retry within the budget');
}
