/**
 * Error codes of the power controls (part of the `MODEM_` range). The message of each says
 * what the operator does next (`apt install gpiod`, `npm install johnny-five`, check the
 * wiring), because these surface at startup or during a recovery, read by someone on site.
 */
import { GatewayError, isGatewayError } from '../../shared/GatewayError.js';

export const POWER_ERROR_CODES = [
  /** `gpioset` (or `gpiofind`) is not installed: ENOENT when running it. */
  'MODEM_POWER_COMMAND_MISSING',
  /** `johnny-five` is not installed (it is deliberately not a dependency of gsmgate). */
  'MODEM_POWER_MODULE_MISSING',
  /** The command exited non-zero (stderr in context), or the board refused an operation. */
  'MODEM_POWER_FAILED',
  /** The command or the board did not answer in time. */
  'MODEM_POWER_TIMEOUT',
  /** The power-control configuration is refused (unknown kind, bad chip/line/pin, bad delay). */
  'MODEM_POWER_CONFIG',
  /** Used after close(). */
  'MODEM_POWER_CLOSED',
] as const;

export type PowerErrorCode = (typeof POWER_ERROR_CODES)[number];
export type PowerError<C extends PowerErrorCode = PowerErrorCode> = GatewayError<C>;

export function powerError<C extends PowerErrorCode>(
  code: C,
  message: string,
  context: Record<string, unknown> = {},
  cause?: unknown,
): PowerError<C> {
  return new GatewayError(code, message, context, cause === undefined ? undefined : { cause });
}

export function isPowerError(value: unknown, code?: PowerErrorCode): value is PowerError {
  return (
    isGatewayError(value) &&
    (POWER_ERROR_CODES as readonly string[]).includes(value.code) &&
    (code === undefined || value.code === code)
  );
}

/** Refuses a setting with MODEM_POWER_CONFIG naming the field. */
export function configError(
  field: string,
  value: unknown,
  rule: string,
): PowerError<'MODEM_POWER_CONFIG'> {
  return powerError('MODEM_POWER_CONFIG', `power control: ${field} ${rule}`, {
    field,
    value: typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)),
  });
}

/** A delay setting: a whole number of milliseconds in [min, max]. */
export function checkMs(
  field: string,
  value: unknown,
  fallback: number,
  min = 0,
  max = 600_000,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw configError(field, value, `must be a whole number of milliseconds in [${min}, ${max}]`);
  }
  return value;
}
