/**
 * Keeps a ready modem ready. Three things take it out of `ready`:
 *
 * - boot lines (engineUrcs.ts): the modem reset itself and forgot its settings → wait for
 *   the boot burst to end, initialise again, sweep the inbox;
 * - `timeoutsBeforeRecovery` command timeouts in a row, or the port closing → the recovery
 *   ladder (recovery/RecoveryLadder.ts) runs the driver's RecoveryActions; when a rung
 *   works, initialise again; when none does, `failed`, and the ladder retries by itself
 *   with backoff, bringing the driver back when the modem answers again;
 * - a SIM fault during re-initialisation → `failed` (a person must act; no ladder helps).
 */
import type { Clock } from '../../policy/Clock.js';
import type { DriverState, ModemDriverEvents } from './ModemDriverEvents.js';
import { driverError, isSimFault } from './ModemDriverErrors.js';
import type { ResolvedModemDriverOptions } from './ModemDriverOptions.js';
import { isModemNoPrompt, isModemTimeout } from '../engine/ModemErrors.js';
import { safeLog, type ModemLogger } from '../ModemLogger.js';
import type { RecoveryActions } from '../recovery/RecoveryActions.js';
import { RecoveryLadder, type RecoveryLadderOptions } from '../recovery/RecoveryLadder.js';

type Emit = <K extends keyof ModemDriverEvents>(event: K, ...args: ModemDriverEvents[K]) => void;

export type LadderSettings = Omit<
  RecoveryLadderOptions,
  'clock' | 'logger' | 'powerControl' | 'rungTimeoutsMs'
>;

export interface SupervisorHost {
  readonly clock: Clock;
  readonly logger: ModemLogger;
  readonly options: ResolvedModemDriverOptions;
  readonly actions: RecoveryActions;
  readonly canPowerCycle: boolean;
  /** `false`: no automatic recovery. */
  readonly ladder: false | LadderSettings | undefined;
  readonly emit: Emit;
  readonly state: () => DriverState;
  readonly stopped: () => boolean;
  /** Initialise again after `settleMs` and become ready; rejects when that fails. */
  readonly reinitialise: (settleMs: number) => Promise<void>;
  readonly enterRecovering: () => void;
  readonly fail: (error: unknown) => void;
}

export class ModemSupervisor {
  private ladder_: RecoveryLadder | undefined;
  private timeouts = 0;
  private reinitialising = false;

  constructor(private readonly host: SupervisorHost) {}

  get ladder(): RecoveryLadder | undefined {
    return this.ladder_;
  }

  /** A fresh ladder for a new start (a stopped ladder refuses to run). */
  begin(): void {
    this.end();
    this.timeouts = 0;
    this.ladder_ = this.makeLadder();
  }

  end(): void {
    this.ladder_?.stop();
    this.ladder_ = undefined;
  }

  /** Every command's outcome: timeouts in a row start the ladder. */
  noteCommand(error?: unknown): void {
    if (error === undefined) {
      this.timeouts = 0;
      return;
    }
    if (!isModemTimeout(error) && !isModemNoPrompt(error)) return;
    this.timeouts++;
    if (this.timeouts >= this.host.options.timeoutsBeforeRecovery) this.recover('timeouts');
  }

  onBootLine(line: string): void {
    if (this.host.state() !== 'ready' || this.reinitialising) return;
    safeLog(this.host.logger, 'warn', { line }, 'boot lines while ready: the modem reset');
    this.host.emit('reboot-detected', { line });
    void this.reinitialise(this.host.options.rebootSettleMs);
  }

  onLinkLost(cause: Error | undefined): void {
    // Outside `ready`, whatever runs (start, re-init, a rung) fails or copes on its own.
    if (this.host.stopped() || this.host.state() !== 'ready') return;
    safeLog(this.host.logger, 'warn', { cause: cause?.message }, 'the modem link closed');
    if (this.ladder_ !== undefined) this.recover('closed');
    else this.host.fail(driverError('MODEM_NOT_RESPONDING', 'the modem link closed', {}, cause));
  }

  private async reinitialise(settleMs: number): Promise<void> {
    this.reinitialising = true;
    try {
      await this.host.reinitialise(settleMs);
    } catch (error) {
      if (this.host.stopped()) return;
      if (isSimFault(error) || this.ladder_ === undefined) this.host.fail(error);
      else this.recover('reinit-failed', true);
    } finally {
      this.reinitialising = false;
    }
  }

  /** Hands the modem to the ladder; from `ready`, or from a failed re-init (`force`). */
  private recover(reason: string, force = false): void {
    const ladder = this.ladder_;
    if (ladder === undefined || (this.host.state() !== 'ready' && !force)) return;
    this.timeouts = 0;
    this.host.enterRecovering();
    this.host.emit('recovery', { phase: 'started', reason });
    ladder.recover(reason).catch((error: unknown) => {
      safeLog(this.host.logger, 'warn', { error: (error as Error).message }, 'ladder refused');
    });
  }

  private makeLadder(): RecoveryLadder | undefined {
    const { host } = this;
    if (host.ladder === false) return undefined;
    const o = host.options;
    const ladder = new RecoveryLadder(host.actions, {
      ...host.ladder,
      clock: host.clock,
      logger: host.logger,
      powerControl: { canPowerCycle: host.canPowerCycle },
      rungTimeoutsMs: {
        escapeAndProbe: o.escapeProbeTimeoutMs,
        softReset: o.softResetTimeoutMs,
        powerCycle: o.powerCycleTimeoutMs,
        reopenPort: o.reopenTimeoutMs,
      },
    });
    ladder.on('recovered', ({ reason, rung }) => {
      const state = host.state();
      if (state !== 'recovering' && state !== 'failed') return;
      host.emit('recovery', { phase: 'succeeded', reason, rung });
      void this.reinitialise(0);
    });
    ladder.on('unrecoverable', ({ reason, error }) => {
      host.emit('recovery', { phase: 'failed', reason });
      if (host.state() === 'recovering') host.fail(error); // the ladder retries later itself
    });
    return ladder;
  }
}
