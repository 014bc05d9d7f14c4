/**
 * What the recovery ladder reports: the result of a run, rung by rung, its events, and the
 * counters it keeps for health and metrics. Plain data, safe to log and to serialise (an
 * action's thrown `error` aside).
 */
import type { GatewayError } from '../../shared/GatewayError.js';
import type { RecoveryRung } from './RecoveryActions.js';

/** How one rung went. `skipped`: the power cycle, when no PowerControl can do it. */
export type RungOutcome = 'recovered' | 'failed' | 'timeout' | 'error' | 'skipped';

export interface RungAttempt {
  readonly rung: RecoveryRung;
  readonly outcome: RungOutcome;
  readonly durationMs: number;
  /** What the action threw (outcome `error`). */
  readonly error?: unknown;
}

export interface ResultBase {
  /** Why the ladder ran: whatever the trigger said (`timeout`, `manual`), or `retry`. */
  readonly reason: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** First rung tried: above the bottom when the flapping guard escalated. */
  readonly startRung: RecoveryRung;
  readonly escalated: boolean;
  readonly attempts: readonly RungAttempt[];
}

export interface RecoverySuccess extends ResultBase {
  readonly ok: true;
  /** The rung that brought the modem back. */
  readonly rung: RecoveryRung;
}

export interface RecoveryFailure extends ResultBase {
  readonly ok: false;
  readonly error: GatewayError<'MODEM_UNRECOVERABLE'>;
  /** Runs in a row that failed every rung, this one included. */
  readonly consecutiveFailures: number;
  /** When the scheduled retry runs; undefined once the ladder is stopped. */
  readonly nextAttemptAt: number | undefined;
}

export type RecoveryResult = RecoverySuccess | RecoveryFailure;

export interface RungCounters {
  attempts: number;
  successes: number;
  failures: number;
  timeouts: number;
  errors: number;
  lastAttemptAt: number | undefined;
  lastSuccessAt: number | undefined;
}

export function freshCounters(): RungCounters {
  return {
    attempts: 0,
    successes: 0,
    failures: 0,
    timeouts: 0,
    errors: 0,
    lastAttemptAt: undefined,
    lastSuccessAt: undefined,
  };
}

export type LadderState = 'idle' | 'running' | 'waiting' | 'stopped';

/** For health and metrics: plain data, safe to serialise. */
export interface RecoveryLadderSnapshot {
  readonly state: LadderState;
  readonly runs: number;
  readonly recoveries: number;
  readonly unrecoverable: number;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt: number | undefined;
  /** Recoveries inside the flapping window. */
  readonly recentRecoveries: number;
  readonly rungs: Readonly<Record<RecoveryRung, Readonly<RungCounters>>>;
}

export type RecoveryLadderEvents = {
  rungStart: [event: { rung: RecoveryRung; reason: string; timeoutMs: number }];
  rungResult: [attempt: RungAttempt];
  recovered: [result: RecoverySuccess];
  unrecoverable: [result: RecoveryFailure];
  /** The flapping guard made this run start above the bottom rung. */
  flapping: [event: { startRung: RecoveryRung; recentRecoveries: number }];
};
