/**
 * The rate cap on the send path (RULES.md §6): the driver takes every part from the modem's
 * RateCap before AT+CMGS, so no caller can send past it, whatever it checked before.
 * Callers that plan (the dispatcher) should use `RateCap.peek()`; `tryTake()` is the
 * driver's, or parts would be counted twice.
 */
import { isGatewayError } from '../../shared/GatewayError.js';
import { driverError } from './ModemDriverErrors.js';
import type { RateCap } from '../rateCap/RateCap.js';

/**
 * Takes `parts` from the cap, or throws: MODEM_RATE_LIMITED (context `retryAt`, `limit`)
 * when a window is full; MODEM_SEND_PERMANENT when the message alone is larger than a limit
 * (it can never go through this modem as the limits stand).
 */
export function checkRate(cap: Pick<RateCap, 'tryTake'> | undefined, parts: number): void {
  if (cap === undefined) return;
  let verdict;
  try {
    verdict = cap.tryTake(parts);
  } catch (error) {
    if (isGatewayError(error) && error.code === 'MODEM_RATE_CAP_PARTS') {
      throw driverError(
        'MODEM_SEND_PERMANENT',
        `${parts} parts exceed this modem's rate cap outright`,
        { reason: 'exceeds-rate-cap', parts },
        error,
      );
    }
    throw error; // the store could not save: not taken, so not sent
  }
  if (!verdict.ok) {
    throw driverError('MODEM_RATE_LIMITED', `rate cap reached (${verdict.reason})`, {
      limit: verdict.reason,
      retryAt: verdict.retryAt,
      parts,
    });
  }
}
