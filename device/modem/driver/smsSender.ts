/**
 * Sending in PDU mode (27.005 §3.5.1): `AT+CMGS=<TPDU length>`, wait for `> `, write the PDU
 * and Ctrl-Z, read `+CMGS: <mr>`. The engine does the wire part (and sends ESC when the
 * prompt never comes); this file turns its outcome into what the outbox must decide:
 *
 * | outcome     | code                   | when                                                     |
 * | ----------- | ---------------------- | -------------------------------------------------------- |
 * | sent        | —                      | `+CMGS: <mr>` and OK                                      |
 * | transient   | `MODEM_SEND_TRANSIENT` | +CMS ERROR the table calls transient, +CME ERROR, no prompt (ESC sent), link closed before the PDU went |
 * | permanent   | `MODEM_SEND_PERMANENT` | +CMS ERROR the table calls permanent (at/cmsErrorTable.ts), a malformed PDU |
 * | unknown     | `MODEM_SEND_UNKNOWN`   | the PDU and Ctrl-Z were written, then no result (timeout, link lost): the part may have left |
 */
import type { AtSend } from './DriverContext.js';
import { infoValue, splitFields, toInt } from './atResponse.js';
import { driverError, isModemDriverError, type ModemDriverError } from './ModemDriverErrors.js';
import { isModemError } from '../engine/ModemErrors.js';

/** One SMS-SUBMIT as `encodeSubmit` makes it: hex with the SCA, and the TPDU length. */
export interface SubmitPduInput {
  readonly hex: string;
  readonly length: number;
}

export interface SentPart {
  /** TP-MR from `+CMGS: <mr>`; null in the (never seen) case of OK without it. */
  readonly mr: number | null;
}

export type SendOutcome = 'transient' | 'permanent' | 'unknown' | 'skipped';

export type PartResult =
  | ({ readonly ok: true } & SentPart)
  | { readonly ok: false; readonly outcome: SendOutcome; readonly error: ModemDriverError };

export interface SendMessageResult {
  readonly parts: readonly PartResult[];
}

/** TPDU of an SMS-SUBMIT: at most 1+1+12+1+1+7+1+140 octets (23.040 §9.2.2.2). */
const MAX_TPDU_OCTETS = 164;

/** Refuses a PDU the modem would choke on, before anything is written. */
export function checkSubmitPdu(pdu: SubmitPduInput): ModemDriverError | undefined {
  const { hex, length } = pdu;
  const problems: string[] = [];
  if (typeof hex !== 'string' || !/^(?:[0-9A-Fa-f]{2})+$/.test(hex)) {
    problems.push('hex is not an even number of hex digits');
  }
  if (!Number.isInteger(length) || length < 1 || length > MAX_TPDU_OCTETS) {
    problems.push(`length is not 1–${MAX_TPDU_OCTETS}`);
  } else if (typeof hex === 'string' && hex.length / 2 - length < 1) {
    problems.push('hex is too short for the length plus the SCA octet');
  }
  if (problems.length === 0) return undefined;
  return driverError('MODEM_SEND_PERMANENT', `malformed PDU: ${problems.join('; ')}`, {
    reason: 'bad-pdu',
    problems,
  });
}

/** `+CMGS: <mr>[,<scts>]` → mr. */
export function parseCmgs(lines: readonly string[]): number | null {
  const value = infoValue(lines, '+CMGS');
  const mr = value === undefined ? undefined : toInt(splitFields(value)[0]);
  return mr === undefined || mr > 255 ? null : mr;
}

/** One AT+CMGS; resolves with the MR or rejects with a MODEM_SEND_* error. */
export async function submitPdu(
  at: AtSend,
  pdu: SubmitPduInput,
  timeoutMs: number,
): Promise<SentPart> {
  const invalid = checkSubmitPdu(pdu);
  if (invalid !== undefined) throw invalid;
  try {
    const { lines } = await at({
      command: `AT+CMGS=${pdu.length}`,
      timeoutMs,
      expectPrompt: true,
      payload: pdu.hex.toUpperCase(),
    });
    return { mr: parseCmgs(lines) };
  } catch (error) {
    throw classifySendError(error);
  }
}

/** The one mapping from an engine failure of AT+CMGS to a MODEM_SEND_* error. */
export function classifySendError(error: unknown): ModemDriverError {
  if (isModemDriverError(error)) return error;
  if (!isModemError(error)) {
    return driverError(
      'MODEM_SEND_TRANSIENT',
      'send failed unexpectedly',
      { reason: 'internal' },
      error,
    );
  }
  const { context } = error;
  const base = { command: context.command, atCode: context.atCode ?? null };
  switch (error.code) {
    case 'MODEM_CMS_ERROR':
      return driverError(
        context.transient === false ? 'MODEM_SEND_PERMANENT' : 'MODEM_SEND_TRANSIENT',
        `the modem refused the message: +CMS ERROR ${context.atCode ?? '?'} (${context.meaning ?? ''})`,
        { ...base, reason: 'cms-error', meaning: context.meaning ?? null },
        error,
      );
    case 'MODEM_NO_PROMPT':
      return driverError(
        'MODEM_SEND_TRANSIENT',
        'the modem never asked for the PDU; ESC was sent',
        {
          ...base,
          reason: 'no-prompt',
        },
        error,
      );
    case 'MODEM_INVALID_COMMAND':
      return driverError(
        'MODEM_SEND_PERMANENT',
        'the PDU cannot be written as given',
        {
          ...base,
          reason: 'bad-pdu',
        },
        error,
      );
    default:
      if (context.payloadSent === true) {
        return driverError(
          'MODEM_SEND_UNKNOWN',
          'the PDU was written but no result came; the part may have been sent',
          {
            ...base,
            reason: error.code === 'MODEM_TIMEOUT' ? 'timeout-after-pdu' : 'lost-after-pdu',
          },
          error,
        );
      }
      // Plain ERROR, +CME ERROR (SIM busy, no network), timeout or closed link before the PDU:
      // nothing left the modem, and nothing says the message is at fault.
      return driverError(
        'MODEM_SEND_TRANSIENT',
        `send failed before the PDU went out (${error.code})`,
        {
          ...base,
          reason: error.code === 'MODEM_CME_ERROR' ? 'cme-error' : 'not-sent',
        },
        error,
      );
  }
}

export function outcomeOf(error: ModemDriverError): SendOutcome {
  switch (error.code) {
    case 'MODEM_SEND_PERMANENT':
      return 'permanent';
    case 'MODEM_SEND_UNKNOWN':
      return 'unknown';
    default:
      return 'transient';
  }
}

/**
 * Parts in order. A +CMS error the table calls transient lets the next part go (that part
 * is retried later on its own); anything else stops the message: a permanent error fails
 * it, and after an unknown outcome, a missing prompt, a closed link, a rate cap or a modem
 * that is not ready, the next part would only meet the same fate. Parts not attempted are
 * `skipped` (safe to send later: they never reached the modem).
 */
export async function sendParts(
  pdus: readonly SubmitPduInput[],
  sendOne: (pdu: SubmitPduInput, index: number) => Promise<SentPart>,
): Promise<SendMessageResult> {
  const parts: PartResult[] = [];
  let stopAt: number | undefined;
  for (let i = 0; i < pdus.length; i++) {
    const pdu = pdus[i] as SubmitPduInput;
    if (stopAt !== undefined) {
      parts.push({ ok: false, outcome: 'skipped', error: skipped(stopAt) });
      continue;
    }
    try {
      parts.push({ ok: true, ...(await sendOne(pdu, i)) });
    } catch (caught) {
      const error = classifySendError(caught);
      const outcome = outcomeOf(error);
      parts.push({ ok: false, outcome, error });
      const cmsTransient = outcome === 'transient' && error.context.reason === 'cms-error';
      if (!cmsTransient) stopAt = i;
    }
  }
  return { parts };
}

function skipped(after: number): ModemDriverError {
  return driverError('MODEM_SEND_TRANSIENT', `not attempted: part ${after + 1} failed first`, {
    reason: 'skipped',
    afterPart: after + 1,
  });
}
