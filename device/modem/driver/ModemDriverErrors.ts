/**
 * Error codes of the modem driver (the layer above the AT engine), in the `MODEM_` range of
 * device/shared/GatewayError.ts. The engine's own codes (MODEM_TIMEOUT, MODEM_CMS_ERROR, …)
 * are in ModemErrors.ts; the driver turns them into these where a caller must decide
 * something: retry later, fail the message, ask a person for the PIN.
 */
import { GatewayError, isGatewayError } from '../../shared/GatewayError.js';

export const MODEM_DRIVER_ERROR_CODES = [
  /** The transport factory failed or did not finish within `openTimeoutMs`. */
  'MODEM_OPEN_FAILED',
  /** No `OK` to `AT` after `probeAttempts` probes, or the modem stopped answering. */
  'MODEM_NOT_RESPONDING',
  /** No SIM, or the SIM failed (+CME ERROR 10/13, `+CPIN: NOT INSERTED`). */
  'MODEM_SIM_MISSING',
  /** The SIM wants a PIN (or PH-SIM PIN…) and none is configured. */
  'MODEM_SIM_PIN_REQUIRED',
  /** The SIM wants its PUK: nothing is sent to it, a person must unblock it. */
  'MODEM_SIM_PUK_LOCKED',
  /** The configured PIN was refused (or may have been); it is never tried again automatically. */
  'MODEM_WRONG_PIN',
  /** Not registered (home or roaming) within `registrationTimeoutMs`. */
  'MODEM_NOT_REGISTERED',
  /** A command the driver cannot do without was refused (AT+CMGF=0, every AT+CNMI/AT+CPMS). */
  'MODEM_INIT_FAILED',
  /** The driver is not `ready` (opening, initialising, recovering, failed, closed). */
  'MODEM_NOT_READY',
  /** `stop()` was called while the operation was under way. */
  'MODEM_STOPPED',
  /** Send failed for a passing reason (+CMS transient, no prompt, link closed): retry later. */
  'MODEM_SEND_TRANSIENT',
  /** Send failed because of the message (+CMS permanent): the same bytes would fail again. */
  'MODEM_SEND_PERMANENT',
  /** The PDU was written but no result came: the part may have left. Apply the resend policy. */
  'MODEM_SEND_UNKNOWN',
  /** The modem's rate cap (per minute / per day) refuses the part for now. */
  'MODEM_RATE_LIMITED',
] as const;

export type ModemDriverErrorCode = (typeof MODEM_DRIVER_ERROR_CODES)[number];

export type ModemDriverError<C extends ModemDriverErrorCode = ModemDriverErrorCode> = GatewayError<
  C,
  Record<string, unknown>
>;

export function driverError<C extends ModemDriverErrorCode>(
  code: C,
  message: string,
  context: Record<string, unknown> = {},
  cause?: unknown,
): ModemDriverError<C> {
  return new GatewayError(code, message, context, cause === undefined ? undefined : { cause });
}

export function isModemDriverError(value: unknown): value is ModemDriverError {
  return (
    isGatewayError(value) && (MODEM_DRIVER_ERROR_CODES as readonly string[]).includes(value.code)
  );
}

function hasCode<C extends ModemDriverErrorCode>(
  value: unknown,
  code: C,
): value is ModemDriverError<C> {
  return isModemDriverError(value) && value.code === code;
}

export const isSendTransient = (e: unknown): e is ModemDriverError<'MODEM_SEND_TRANSIENT'> =>
  hasCode(e, 'MODEM_SEND_TRANSIENT');
export const isSendPermanent = (e: unknown): e is ModemDriverError<'MODEM_SEND_PERMANENT'> =>
  hasCode(e, 'MODEM_SEND_PERMANENT');
export const isSendUnknown = (e: unknown): e is ModemDriverError<'MODEM_SEND_UNKNOWN'> =>
  hasCode(e, 'MODEM_SEND_UNKNOWN');
export const isRateLimited = (e: unknown): e is ModemDriverError<'MODEM_RATE_LIMITED'> =>
  hasCode(e, 'MODEM_RATE_LIMITED');
export const isModemNotReady = (e: unknown): e is ModemDriverError<'MODEM_NOT_READY'> =>
  hasCode(e, 'MODEM_NOT_READY');

/** SIM errors a restart cannot fix: a person must act (insert, unblock, fix the PIN). */
export function isSimFault(e: unknown): boolean {
  return (
    hasCode(e, 'MODEM_SIM_MISSING') ||
    hasCode(e, 'MODEM_SIM_PIN_REQUIRED') ||
    hasCode(e, 'MODEM_SIM_PUK_LOCKED') ||
    hasCode(e, 'MODEM_WRONG_PIN')
  );
}
