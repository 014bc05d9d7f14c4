/**
 * Every timing knob of the recovery ladder in one place (STYLE.md §4), with the pure
 * arithmetic behind them: the retry backoff and the flapping escalation. Kept apart from the
 * ladder so the schedule can be tested as plain functions.
 */
import { GatewayError } from '../../shared/GatewayError.js';
import { systemClock, type Clock } from '../../policy/Clock.js';
import type { PowerControl } from '../power/PowerControl.js';
import type { RecoveryRung } from './RecoveryActions.js';
import { safeLogger, type ModemLogger } from '../ModemLogger.js';

/** The rungs, cheapest and least disruptive first. */
export const RECOVERY_RUNGS: readonly RecoveryRung[] = [
  'escapeAndProbe',
  'softReset',
  'powerCycle',
  'reopenPort',
];

/**
 * Upper bound of each rung, action included. They must exceed what the rung waits for on
 * purpose: a SIM800/EC25 takes 10–30 s to boot after `AT+CFUN=1,1`; a power cycle is the
 * PowerControl's off time plus its boot wait plus a probe; a USB modem re-enumerates in
 * seconds but udev may take longer to recreate the device path.
 */
export const DEFAULT_RUNG_TIMEOUTS_MS: Readonly<Record<RecoveryRung, number>> = {
  escapeAndProbe: 5_000,
  softReset: 45_000,
  powerCycle: 90_000,
  reopenPort: 45_000,
};

export interface RecoveryLadderOptions {
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default a logger that drops everything */
  readonly logger?: ModemLogger;
  /**
   * Tells the ladder whether the power-cycle rung can do anything; it is skipped when it
   * cannot (NoPowerControl, or nothing given).
   * @default { canPowerCycle: false }
   */
  readonly powerControl?: Pick<PowerControl, 'canPowerCycle'>;
  /**
   * Bound of each rung; a hung action counts as a failed rung when it runs out.
   * @default escapeAndProbe 5 000, softReset 45 000, powerCycle 90 000, reopenPort 45 000
   */
  readonly rungTimeoutsMs?: Partial<Record<RecoveryRung, number>>;
  /**
   * Delay before the first retry after every rung failed. A dead modem is then retried
   * without spinning the CPU, and a replugged one comes back on its own.
   * @default 30 000 (30 s)
   */
  readonly retryInitialMs?: number;
  /** Each further failure multiplies the delay by this. @default 2 */
  readonly retryFactor?: number;
  /** Ceiling of the retry delay, jitter included. @default 600 000 (10 min) */
  readonly retryMaxMs?: number;
  /**
   * Random spread of each delay, as a fraction either side of it, so that the modems of a
   * pool (or the gateways of a clinic) that died together do not retry in lockstep.
   * @default 0.2 (±20 %)
   */
  readonly retryJitter?: number;
  /**
   * Flapping guard: when this many recoveries succeeded within `flappingWindowMs`, the next
   * recovery starts one rung above the highest rung that worked in that window, because
   * what worked did not hold.
   * @default 3
   */
  readonly flappingThreshold?: number;
  /** @default 600 000 (10 min) */
  readonly flappingWindowMs?: number;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
}

export interface ResolvedRecoveryOptions {
  readonly clock: Clock;
  readonly logger: ModemLogger;
  readonly canPowerCycle: boolean;
  readonly rungTimeoutsMs: Readonly<Record<RecoveryRung, number>>;
  readonly backoff: BackoffOptions;
  readonly flappingThreshold: number;
  readonly flappingWindowMs: number;
  readonly random: () => number;
}

export interface BackoffOptions {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
  readonly jitter: number;
}

export function resolveRecoveryOptions(
  options: RecoveryLadderOptions = {},
): ResolvedRecoveryOptions {
  const rungTimeoutsMs = { ...DEFAULT_RUNG_TIMEOUTS_MS };
  for (const rung of RECOVERY_RUNGS) {
    const value = options.rungTimeoutsMs?.[rung];
    if (value !== undefined) rungTimeoutsMs[rung] = positive(`rungTimeoutsMs.${rung}`, value);
  }
  const backoff: BackoffOptions = {
    initialMs: positive('retryInitialMs', options.retryInitialMs ?? 30_000),
    factor: atLeast('retryFactor', options.retryFactor ?? 2, 1),
    maxMs: positive('retryMaxMs', options.retryMaxMs ?? 600_000),
    jitter: fraction('retryJitter', options.retryJitter ?? 0.2),
  };
  if (backoff.maxMs < backoff.initialMs) {
    throw configError('retryMaxMs', backoff.maxMs, 'must not be below retryInitialMs');
  }
  const threshold = options.flappingThreshold ?? 3;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw configError('flappingThreshold', threshold, 'must be a whole number ≥ 1');
  }
  return {
    clock: options.clock ?? systemClock,
    logger: safeLogger(options.logger),
    canPowerCycle: options.powerControl?.canPowerCycle ?? false,
    rungTimeoutsMs,
    backoff,
    flappingThreshold: threshold,
    flappingWindowMs: positive('flappingWindowMs', options.flappingWindowMs ?? 600_000),
    random: options.random ?? Math.random,
  };
}

/**
 * Delay before retry number `failures` (1 = after the first run that failed every rung):
 * `initialMs · factor^(failures-1)`, capped at `maxMs`, spread by ±`jitter`, and capped at
 * `maxMs` again so the jitter never stretches the longest wait. `random` is in [0, 1).
 */
export function retryDelayMs(failures: number, backoff: BackoffOptions, random: number): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** exponent);
  const spread = 1 - backoff.jitter + 2 * backoff.jitter * clampUnit(random);
  return Math.round(Math.min(backoff.maxMs, base * spread));
}

/** One recovery that worked, remembered for the flapping guard. */
export interface RecentRecovery {
  readonly at: number;
  readonly rung: RecoveryRung;
}

/**
 * Index (in `available`) of the rung the next recovery starts from. 0 normally; when
 * `recent` (already limited to the window) holds at least `threshold` recoveries, the rung
 * after the highest one that worked, capped at the last rung.
 */
export function escalatedStart(
  available: readonly RecoveryRung[],
  recent: readonly RecentRecovery[],
  threshold: number,
): number {
  if (recent.length < threshold || available.length === 0) return 0;
  const order = (rung: RecoveryRung): number => RECOVERY_RUNGS.indexOf(rung);
  const highest = Math.max(...recent.map((r) => order(r.rung)));
  const next = available.findIndex((rung) => order(rung) > highest);
  return next === -1 ? available.length - 1 : next;
}

export type RecoveryErrorCode =
  'MODEM_UNRECOVERABLE' | 'MODEM_RECOVERY_CONFIG' | 'MODEM_RECOVERY_STOPPED';

export function recoveryError(
  code: RecoveryErrorCode,
  message: string,
  context: Record<string, unknown> = {},
): GatewayError<RecoveryErrorCode> {
  return new GatewayError(code, message, context);
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5;
}

function positive(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw configError(field, value, 'must be a positive number of milliseconds');
  }
  return value;
}

function atLeast(field: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw configError(field, value, `must be a number ≥ ${min}`);
  }
  return value;
}

function fraction(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw configError(field, value, 'must be a fraction in [0, 1)');
  }
  return value;
}

function configError(field: string, value: unknown, rule: string): GatewayError<RecoveryErrorCode> {
  return recoveryError('MODEM_RECOVERY_CONFIG', `recovery option ${field} ${rule}`, {
    field,
    value: String(value),
  });
}
