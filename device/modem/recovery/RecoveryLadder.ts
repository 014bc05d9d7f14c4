/**
 * Brings a modem that stopped answering back, cheapest remedy first: ESC and a probe, a soft
 * reset, a power cycle (only when a PowerControl can), then closing and reopening the port.
 * It stops at the first rung that works. When none does, it reports MODEM_UNRECOVERABLE and
 * tries again later with exponential backoff and jitter, forever, so a dead modem costs a
 * few probes an hour and a replugged one comes back without anybody restarting gsmgate.
 *
 * Only one ladder runs per modem: a trigger while one runs joins it, and a trigger while a
 * retry is scheduled joins that retry rather than running early (or the backoff would be
 * defeated by every command that times out). `recover(reason, { now: true })` is for the
 * operator's "try now". The ladder only calls the RecoveryActions and the Clock.
 */
import { EventEmitter } from 'node:events';
import type { TimerHandle } from '../../policy/Clock.js';
import type { GatewayError } from '../../shared/GatewayError.js';
import type { RecoveryActions, RecoveryRung } from './RecoveryActions.js';
import {
  RECOVERY_RUNGS,
  escalatedStart,
  recoveryError,
  resolveRecoveryOptions,
  retryDelayMs,
  type RecentRecovery,
  type RecoveryLadderOptions,
  type ResolvedRecoveryOptions,
} from './recoveryOptions.js';
import {
  freshCounters,
  type LadderState,
  type RecoveryFailure,
  type RecoveryLadderEvents,
  type RecoveryLadderSnapshot,
  type RecoveryResult,
  type RecoverySuccess,
  type ResultBase,
  type RungAttempt,
  type RungCounters,
} from './recoveryResults.js';

export { RECOVERY_RUNGS, type RecoveryLadderOptions } from './recoveryOptions.js';
export type * from './recoveryResults.js';

interface ScheduledRetry {
  readonly timer: TimerHandle;
  readonly at: number;
  readonly promise: Promise<RecoveryResult>;
  readonly resolve: (result: RecoveryResult | Promise<RecoveryResult>) => void;
}

const TIMED_OUT = Symbol('timedOut');

export class RecoveryLadder extends EventEmitter<RecoveryLadderEvents> {
  readonly #actions: RecoveryActions;
  readonly #options: ResolvedRecoveryOptions;
  readonly #counters = {} as Record<RecoveryRung, RungCounters>;
  #running: Promise<RecoveryResult> | undefined;
  #retry: ScheduledRetry | undefined;
  #lastFailure: RecoveryFailure | undefined;
  #recent: RecentRecovery[] = [];
  #consecutiveFailures = 0;
  #runs = 0;
  #recoveries = 0;
  #unrecoverable = 0;
  #stopped = false;

  constructor(actions: RecoveryActions, options: RecoveryLadderOptions = {}) {
    super();
    this.#actions = actions;
    this.#options = resolveRecoveryOptions(options);
    for (const rung of RECOVERY_RUNGS) this.#counters[rung] = freshCounters();
  }

  /**
   * Runs the ladder, or joins the run in progress or the scheduled retry. Never rejects for
   * a modem that stays dead (that is a RecoveryFailure); rejects with MODEM_RECOVERY_STOPPED
   * after stop().
   */
  recover(reason = 'manual', { now = false }: { now?: boolean } = {}): Promise<RecoveryResult> {
    if (this.#stopped) {
      return Promise.reject(
        recoveryError('MODEM_RECOVERY_STOPPED', 'the recovery ladder is stopped'),
      );
    }
    if (this.#running) return this.#running;
    if (this.#retry && !now) return this.#retry.promise;
    return this.#start(reason);
  }

  /** Cancels the scheduled retry; a run in progress finishes but schedules nothing. */
  stop(): void {
    this.#stopped = true;
    const retry = this.#retry;
    this.#retry = undefined;
    if (retry) {
      this.#options.clock.clearTimeout(retry.timer);
      // Those who joined the retry get the last verdict: the modem is still down.
      if (this.#lastFailure) retry.resolve({ ...this.#lastFailure, nextAttemptAt: undefined });
    }
  }

  get state(): LadderState {
    if (this.#running) return 'running';
    if (this.#stopped) return 'stopped';
    return this.#retry ? 'waiting' : 'idle';
  }

  snapshot(): RecoveryLadderSnapshot {
    const rungs = {} as Record<RecoveryRung, RungCounters>;
    for (const rung of RECOVERY_RUNGS) rungs[rung] = { ...this.#counters[rung] };
    return {
      state: this.state,
      runs: this.#runs,
      recoveries: this.#recoveries,
      unrecoverable: this.#unrecoverable,
      consecutiveFailures: this.#consecutiveFailures,
      nextAttemptAt: this.#retry?.at,
      recentRecoveries: this.#recentInWindow(this.#options.clock.now()).length,
      rungs,
    };
  }

  #start(reason: string): Promise<RecoveryResult> {
    const retry = this.#retry;
    this.#retry = undefined;
    if (retry) this.#options.clock.clearTimeout(retry.timer);
    const run = this.#run(reason);
    this.#running = run;
    // Whoever waited for the scheduled retry gets this run instead.
    retry?.resolve(run);
    return run;
  }

  async #run(reason: string): Promise<RecoveryResult> {
    let result: RecoveryResult;
    try {
      result = await this.#climb(reason);
    } finally {
      this.#running = undefined;
    }
    // Announced once the ladder is idle (or waiting), so a listener may trigger a new run.
    if (result.ok) this.#emit('recovered', result);
    else this.#emit('unrecoverable', result);
    return result;
  }

  async #climb(reason: string): Promise<RecoveryResult> {
    const { clock, logger } = this.#options;
    const startedAt = clock.now();
    this.#runs++;
    const available = RECOVERY_RUNGS.filter(
      (r) => r !== 'powerCycle' || this.#options.canPowerCycle,
    );
    this.#recent = this.#recentInWindow(startedAt);
    const startIndex = escalatedStart(available, this.#recent, this.#options.flappingThreshold);
    const startRung = available[startIndex] ?? 'escapeAndProbe';
    const escalated = startIndex > 0;
    const attempts: RungAttempt[] = [];
    const base = { reason, startedAt, startRung, escalated, attempts };
    try {
      if (escalated) {
        const event = { startRung, recentRecoveries: this.#recent.length };
        logger.warn({ ...event, reason }, 'modem keeps hanging after recoveries; starting higher');
        this.#emit('flapping', event);
      }
      logger.info({ reason, startRung }, 'modem recovery started');
      for (const rung of RECOVERY_RUNGS.slice(RECOVERY_RUNGS.indexOf(startRung))) {
        if (!available.includes(rung)) {
          attempts.push({ rung, outcome: 'skipped', durationMs: 0 });
          logger.debug({ rung }, 'no power control: power-cycle rung skipped');
          continue;
        }
        const attempt = await this.#runRung(rung, reason);
        attempts.push(attempt);
        if (attempt.outcome === 'recovered') return this.#succeeded(base, rung);
      }
    } catch (error) {
      // Only a bug lands here; it must not leave the modem without a scheduled retry.
      logger.error({ err: error }, 'recovery ladder failed unexpectedly');
    }
    return this.#failed(base);
  }

  async #runRung(rung: RecoveryRung, reason: string): Promise<RungAttempt> {
    const { clock, logger } = this.#options;
    const timeoutMs = this.#options.rungTimeoutsMs[rung];
    const counters = this.#counters[rung];
    const startedAt = clock.now();
    counters.attempts++;
    counters.lastAttemptAt = startedAt;
    this.#emit('rungStart', { rung, reason, timeoutMs });
    logger.debug({ rung, timeoutMs }, 'recovery rung started');
    let timer: TimerHandle | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = clock.setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    let attempt: RungAttempt;
    try {
      // A hung action loses the race; whatever it does later is ignored.
      const answer = await Promise.race([
        Promise.resolve().then(() => this.#actions[rung]()),
        deadline,
      ]);
      const durationMs = clock.now() - startedAt;
      if (answer === TIMED_OUT) {
        counters.timeouts++;
        attempt = { rung, outcome: 'timeout', durationMs };
      } else if (answer === true) {
        counters.successes++;
        counters.lastSuccessAt = clock.now();
        attempt = { rung, outcome: 'recovered', durationMs };
      } else {
        counters.failures++;
        attempt = { rung, outcome: 'failed', durationMs };
      }
    } catch (error) {
      counters.errors++;
      attempt = { rung, outcome: 'error', durationMs: clock.now() - startedAt, error };
    } finally {
      clock.clearTimeout(timer);
    }
    const level = attempt.outcome === 'recovered' ? 'info' : 'warn';
    logger[level](
      { rung, outcome: attempt.outcome, durationMs: attempt.durationMs, err: attempt.error },
      `recovery rung ${attempt.outcome}`,
    );
    this.#emit('rungResult', attempt);
    return attempt;
  }

  #succeeded(base: Omit<ResultBase, 'finishedAt'>, rung: RecoveryRung): RecoverySuccess {
    const finishedAt = this.#options.clock.now();
    const result: RecoverySuccess = { ...base, finishedAt, ok: true, rung };
    this.#consecutiveFailures = 0;
    this.#lastFailure = undefined;
    this.#recoveries++;
    this.#recent.push({ at: finishedAt, rung });
    this.#options.logger.info({ rung, reason: base.reason }, 'modem recovered');
    return result;
  }

  #failed(base: Omit<ResultBase, 'finishedAt'>): RecoveryFailure {
    const { clock, logger } = this.#options;
    const finishedAt = clock.now();
    const failures = ++this.#consecutiveFailures;
    this.#unrecoverable++;
    // A modem that no rung brings back is dead, not flapping: the next run climbs from the bottom.
    this.#recent = [];
    const nextAttemptAt = this.#stopped ? undefined : this.#schedule(failures, finishedAt);
    const error = recoveryError('MODEM_UNRECOVERABLE', 'no recovery rung brought the modem back', {
      reason: base.reason,
      consecutiveFailures: failures,
      nextAttemptAt,
      attempts: base.attempts.map((a) => `${a.rung}:${a.outcome}`),
    }) as GatewayError<'MODEM_UNRECOVERABLE'>;
    const result: RecoveryFailure = {
      ...base,
      finishedAt,
      ok: false,
      error,
      consecutiveFailures: failures,
      nextAttemptAt,
    };
    this.#lastFailure = result;
    logger.error({ code: error.code, consecutiveFailures: failures, nextAttemptAt }, error.message);
    return result;
  }

  #schedule(failures: number, from: number): number {
    const { clock, backoff, random } = this.#options;
    const delay = retryDelayMs(failures, backoff, random());
    let resolve!: ScheduledRetry['resolve'];
    const promise = new Promise<RecoveryResult>((r) => (resolve = r));
    const timer = clock.setTimeout(() => {
      if (this.#retry?.timer === timer) void this.#start('retry');
    }, delay);
    this.#retry = { timer, at: from + delay, promise, resolve };
    return from + delay;
  }

  #recentInWindow(now: number): RecentRecovery[] {
    return this.#recent.filter((r) => now - r.at < this.#options.flappingWindowMs);
  }

  /** A listener that throws must not break the ladder, which other code relies on. */
  #emit<K extends keyof RecoveryLadderEvents>(event: K, ...args: RecoveryLadderEvents[K]): void {
    try {
      (this.emit as (e: K, ...a: RecoveryLadderEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.#options.logger.error({ err: error, event }, 'recovery ladder listener threw');
    }
  }
}
