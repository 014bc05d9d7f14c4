import type { Clock, CreditLedgerOptions, WindowConfig } from '../policy/index.js';
import type { ProfileOptions } from '../sms/profiles/profiles.js';
import type { ProfileName } from '../sms/profiles/SmsProfile.js';
import type { DatabaseOptions } from './db/openDatabase.js';

/**
 * What happens to a message found `sending` after a crash (ARCHITECTURE.md,
 * States): `resend` sends again the parts that have no message reference
 * recorded (a reminder sent twice beats a reminder lost); `fail` marks the
 * message failed with `crash-unknown` and sends nothing more.
 */
export type CrashPolicy = 'resend' | 'fail';

/** Everything the queue can be told; every field has a documented default. */
export interface QueueOptions extends DatabaseOptions {
  /** @default the system clock */
  readonly clock?: Clock;
  /** The profile of a request that names none. @default 'generic' */
  readonly defaultProfile?: ProfileName;
  /** SMS profile options (Cely's footer…). */
  readonly profiles?: ProfileOptions;
  /** Per-profile sending-window settings on top of the built-in ones. */
  readonly windows?: Partial<Record<ProfileName, WindowConfig>>;
  /** Region for numbers written without a country code. @default 'FR' */
  readonly defaultRegion?: string;
  /** Credit ledger: time zone of the monthly stock, default stock, pack validity. */
  readonly credits?: CreditLedgerOptions;
  /** @default 'resend' */
  readonly crashPolicy?: CrashPolicy;
  /** Attempts of one part before its message fails. @default 5 */
  readonly maxAttempts?: number;
  /** Wait before retry n (1-based; the last value repeats). @default 30 s, 2 min, 10 min, 30 min */
  readonly retryBackoffMs?: readonly number[];
  /** Run crash recovery when the queue opens. @default true */
  readonly recoverOnOpen?: boolean;
  /** Fault-injection seam for tests; see QueueDb. */
  readonly beforeCommit?: (operation: string) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_BACKOFF_MS: readonly number[] = [30_000, 120_000, 600_000, 1_800_000];
