/**
 * The one error type gsmgate throws on purpose. `code` is stable: callers,
 * scripts and the cloud branch on it, never on `message`. Codes are grouped by
 * layer through their prefix (`SMS_`, `PDU_`, `PHONE_`, `PROFILE_`, `POLICY_`,
 * `MODEM_`, `QUEUE_`, `BRIDGE_`, `GATEWAY_`, `CLI_`); docs/errors.md lists them.
 */
export class GatewayError<
  Code extends string = string,
  Context extends Record<string, unknown> = Record<string, unknown>,
> extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly code: Code,
    message: string,
    readonly context: Context = {} as Context,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The shape printed by `--json` commands and returned by the API. */
  toJSON(): { code: Code; message: string } & Context {
    return { code: this.code, message: this.message, ...this.context };
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** True when `value` is a GatewayError whose code starts with `prefix`. */
export function hasCodePrefix(value: unknown, prefix: string): value is GatewayError {
  return isGatewayError(value) && value.code.startsWith(prefix);
}
