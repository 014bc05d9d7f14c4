/**
 * The driver's background work while ready: the health poll every `healthIntervalMs`
 * (emitted as `health`), and the inbox sweep every `sweepIntervalMs`. At each health poll
 * the receive memory is checked: at `storageSweepRatio` the inbox is swept at once, and if
 * it is still full afterwards (handlers failing, undecodable or stored outgoing messages)
 * `storage-full` is emitted. Reception is never stopped silently: the network holds what it
 * cannot deliver to a full SIM, and someone has to know.
 */
import type { Clock, TimerHandle } from '../../policy/Clock.js';
import type { HealthSnapshot } from './health.js';
import type { ModemDriverEvents } from './ModemDriverEvents.js';
import type { ResolvedModemDriverOptions } from './ModemDriverOptions.js';
import { safeLog, type ModemLogger } from '../ModemLogger.js';
import type { RegistrationState } from './registration.js';
import { fillRatio, type StorageStatus } from './storage.js';

type Emit = <K extends keyof ModemDriverEvents>(event: K, ...args: ModemDriverEvents[K]) => void;

export interface MonitorDeps {
  readonly clock: Clock;
  readonly options: ResolvedModemDriverOptions;
  readonly logger: ModemLogger;
  readonly emit: Emit;
  readonly isReady: () => boolean;
  readonly readHealth: () => Promise<HealthSnapshot>;
  readonly readStorage: () => Promise<StorageStatus>;
  readonly sweep: () => Promise<number>;
  readonly unhandled: () => number;
  readonly onRegistration: (state: RegistrationState) => void;
}

export class DriverMonitor {
  private healthTimer: TimerHandle | undefined;
  private sweepTimer: TimerHandle | undefined;
  private running = false;
  /** The last reading, for callers that want it without waiting. */
  lastHealth: HealthSnapshot | undefined;

  constructor(private readonly deps: MonitorDeps) {}

  start(): void {
    this.stop();
    this.running = true;
    this.scheduleHealth();
    this.scheduleSweep();
  }

  stop(): void {
    this.running = false;
    this.deps.clock.clearTimeout(this.healthTimer);
    this.deps.clock.clearTimeout(this.sweepTimer);
    this.healthTimer = undefined;
    this.sweepTimer = undefined;
  }

  /** One health reading now: emitted, registration noted, storage checked. */
  async pollHealth(): Promise<HealthSnapshot> {
    const snapshot = await this.deps.readHealth();
    this.lastHealth = snapshot;
    this.deps.onRegistration(snapshot.registration);
    this.deps.emit('health', snapshot);
    await this.checkStorage(snapshot.storage);
    return snapshot;
  }

  private async checkStorage(status: StorageStatus): Promise<void> {
    const { options } = this.deps;
    if (fillRatio(status.receive) < options.storageSweepRatio) return;
    await this.deps.sweep();
    const after = (await this.deps.readStorage()).receive;
    if (after !== undefined && after.total > 0 && after.used >= after.total) {
      const info = { ...after, unhandled: this.deps.unhandled() };
      safeLog(
        this.deps.logger,
        'warn',
        info,
        'message storage is full; new SMS wait at the network',
      );
      this.deps.emit('storage-full', info);
    }
  }

  private scheduleHealth(): void {
    const { clock, options } = this.deps;
    this.healthTimer = clock.setTimeout(() => {
      void this.tick(() => this.pollHealth(), 'health poll failed').then(() => {
        if (this.running) this.scheduleHealth();
      });
    }, options.healthIntervalMs);
  }

  private scheduleSweep(): void {
    const { clock, options } = this.deps;
    this.sweepTimer = clock.setTimeout(() => {
      void this.tick(() => this.deps.sweep(), 'inbox sweep failed').then(() => {
        if (this.running) this.scheduleSweep();
      });
    }, options.sweepIntervalMs);
  }

  private async tick(work: () => Promise<unknown>, failure: string): Promise<void> {
    if (!this.running || !this.deps.isReady()) return;
    try {
      await work();
    } catch (error) {
      safeLog(this.deps.logger, 'warn', { error: (error as Error).message }, failure);
    }
  }
}
