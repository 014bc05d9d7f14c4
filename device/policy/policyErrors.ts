import { GatewayError } from '../shared/GatewayError.js';

/**
 * Every code the policy layer throws. Callers branch on these, never on the
 * message text (STYLE.md §3); docs/sending-window.md explains the window ones.
 */
export type PolicyErrorCode =
  // Time inputs and the clock
  | 'POLICY_TIME_INVALID'
  | 'POLICY_CLOCK_BACKWARDS'
  | 'POLICY_CLOCK_REENTRANT'
  | 'POLICY_CLOCK_RUNAWAY'
  // Calendars
  | 'POLICY_YEAR_RANGE'
  | 'POLICY_DATE_INVALID'
  | 'POLICY_HOLIDAYS_UNKNOWN'
  // The window as data
  | 'POLICY_WINDOW_INVALID'
  | 'POLICY_WINDOW_TIME_ZONE'
  | 'POLICY_WINDOW_DAY'
  | 'POLICY_WINDOW_TIME'
  | 'POLICY_WINDOW_RANGE'
  | 'POLICY_WINDOW_OVERLAP'
  | 'POLICY_WINDOW_WHEN_CLOSED'
  | 'POLICY_WINDOW_NEVER_OPENS'
  | 'POLICY_PROFILE_UNKNOWN'
  | 'POLICY_MESSAGE_CLASS_UNKNOWN'
  // The window as text (SPEC)
  | 'POLICY_SPEC_EMPTY'
  | 'POLICY_SPEC_SYNTAX'
  | 'POLICY_SPEC_DAY'
  | 'POLICY_SPEC_TIME'
  | 'POLICY_SPEC_RANGE'
  | 'POLICY_SPEC_OVERLAP'
  | 'POLICY_SPEC_DUPLICATE_DAY'
  // Credits (RULES.md §5)
  | 'POLICY_CREDIT_AMOUNT'
  | 'POLICY_CREDIT_STOCK'
  | 'POLICY_CREDIT_EXPIRY'
  | 'POLICY_CREDIT_EVENT'
  | 'POLICY_CREDIT_PACK_UNKNOWN'
  | 'POLICY_CREDIT_PACK_DUPLICATE'
  | 'POLICY_CREDIT_INSUFFICIENT';

export type PolicyError = GatewayError<PolicyErrorCode>;

export function policyError(
  code: PolicyErrorCode,
  message: string,
  context: Record<string, unknown> = {},
): PolicyError {
  return new GatewayError(code, message, context);
}

/** True when `value` is a policy error, optionally with the given code. */
export function isPolicyError(value: unknown, code?: PolicyErrorCode): value is PolicyError {
  return (
    value instanceof GatewayError &&
    value.code.startsWith('POLICY_') &&
    (code === undefined || value.code === code)
  );
}

/** Instants are epoch milliseconds; anything else is a caller bug worth a clear error. */
export function assertInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) {
    throw policyError('POLICY_TIME_INVALID', `${name} must be a finite epoch-milliseconds number`, {
      name,
      value: String(value),
    });
  }
}
