/**
 * One GSM modem: open, initialise, send, receive, watch, recover (docs/modem-driver.md).
 *
 * States: closed → opening → initialising → ready; ready → initialising → ready after a
 * reboot was detected; ready → recovering → initialising → ready when the modem stops
 * answering; failed when it cannot go on. Sends are refused (MODEM_NOT_READY) outside `ready`:
 * the caller's queue keeps them. Every wait is bounded by an option of ModemDriverOptions.ts
 * and runs on the injected Clock.
 */
import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from '../../policy/Clock.js';
import { isGatewayError } from '../../shared/GatewayError.js';
import { buildDriverParts, type DriverParts } from './driverParts.js';
import type { HealthSnapshot } from './health.js';
import type { ModemIdentity } from './identity.js';
import { bringUp } from './bringUp.js';
import type { StatusReportRouting } from './modemInit.js';
import { driverError } from './ModemDriverErrors.js';
import type { DriverState, InboundHandler, ModemDriverEvents } from './ModemDriverEvents.js';
import {
  resolveModemDriverOptions,
  type ModemDriverOptions,
  type ResolvedModemDriverOptions,
} from './ModemDriverOptions.js';
import { safeLog, silentLogger, type ModemLogger } from '../ModemLogger.js';
import type { LadderSettings } from './ModemSupervisor.js';
import type { PowerControl } from '../power/PowerControl.js';
import type { RateCap } from '../rateCap/RateCap.js';
import type { RecoveryActions } from '../recovery/RecoveryActions.js';
import type { RecoveryLadder } from '../recovery/RecoveryLadder.js';
import { UNKNOWN_REGISTRATION, type RegistrationState } from './registration.js';
import { checkRate } from './sendRate.js';
import {
  sendParts,
  submitPdu,
  type SendMessageResult,
  type SentPart,
  type SubmitPduInput,
} from './smsSender.js';
import { deleteStored, listStored, type StoredPdu } from './storedMessages.js';
import { delay, stopped } from './timing.js';
import type { Transport } from '../transport/Transport.js';

export interface ModemDriverConfig {
  /** Opens the port: SerialTransport.open, the simulated modem's pty, a MemoryTransport. */
  readonly transportFactory: () => Promise<Transport>;
  /** @default systemClock */
  readonly clock?: Clock;
  /** SIM PIN, entered at most once per request (simPin.ts). */
  readonly pin?: string;
  /** The gateway remembers a refused PIN across restarts: then it is not entered at all. */
  readonly pinRejectedBefore?: boolean;
  readonly powerControl?: PowerControl;
  /** Per-minute / per-day cap: every part this driver sends is taken from it first. */
  readonly rateCap?: Pick<RateCap, 'tryTake'>;
  readonly options?: ModemDriverOptions;
  readonly logger?: ModemLogger;
  /** Recovery ladder settings; `false` turns automatic recovery off (diagnostic CLI). */
  readonly recovery?: false | LadderSettings;
}

export class ModemDriver extends EventEmitter<ModemDriverEvents> implements RecoveryActions {
  readonly options: ResolvedModemDriverOptions;
  private readonly clock: Clock;
  private readonly logger: ModemLogger;
  private readonly parts: DriverParts;
  private controller = new AbortController();
  private state_: DriverState = 'closed';
  private handler: InboundHandler | undefined;
  private identity_: ModemIdentity | undefined;
  private storageName = 'SM';
  private routing: StatusReportRouting = 'none';
  private pinRejected: boolean;
  private registration_: RegistrationState = UNKNOWN_REGISTRATION;
  // RecoveryActions, called by the ladder (recovery/RecoveryLadder.ts).
  readonly escapeAndProbe = (): Promise<boolean> => this.parts.actions.escapeAndProbe();
  readonly softReset = (): Promise<boolean> => this.parts.actions.softReset();
  readonly powerCycle = (): Promise<boolean> => this.parts.actions.powerCycle();
  readonly reopenPort = (): Promise<boolean> => this.parts.actions.reopenPort();

  constructor(private readonly config: ModemDriverConfig) {
    super();
    this.options = resolveModemDriverOptions(config.options);
    this.clock = config.clock ?? systemClock;
    this.logger = config.logger ?? silentLogger;
    this.pinRejected = config.pinRejectedBefore === true;
    const { transportFactory, powerControl, recovery } = config;
    const { clock, logger, options } = this;
    this.parts = buildDriverParts(
      { transportFactory, clock, logger, options, powerControl, recovery },
      {
        emit: (event, ...args) => this.emitSafe(event, ...args),
        signal: () => this.controller.signal,
        state: () => this.state_,
        storage: () => this.storageName,
        handler: () => this.handler,
        noteRegistration: (state) => this.noteRegistration(state),
        reinitialise: (settleMs) => this.reinitialise(settleMs),
        enterRecovering: () => {
          this.parts.monitor.stop();
          this.setState('recovering');
        },
        fail: (error) => this.fail(error),
      },
    );
  }

  get state(): DriverState {
    return this.state_;
  }
  /** Known after a successful start. */
  get identity(): ModemIdentity | undefined {
    return this.identity_;
  }
  get registration(): RegistrationState {
    return this.registration_;
  }
  get lastHealth(): HealthSnapshot | undefined {
    return this.parts.monitor.lastHealth;
  }
  /** How status reports arrive under the AT+CNMI the modem accepted. */
  get statusReportRouting(): StatusReportRouting {
    return this.routing;
  }
  /** For health and metrics: `recoveryLadder?.snapshot()`. */
  get recoveryLadder(): RecoveryLadder | undefined {
    return this.parts.supervisor.ladder;
  }

  /** Open, initialise, wait for registration; resolves with the modem's identity. */
  async start(): Promise<ModemIdentity> {
    if (this.state_ !== 'closed' && this.state_ !== 'failed') {
      throw driverError('MODEM_NOT_READY', `start() while ${this.state_}`, { state: this.state_ });
    }
    const signal = (this.controller = new AbortController()).signal;
    this.parts.supervisor.begin();
    this.setState('opening');
    try {
      await this.parts.link.open();
      this.setState('initialising');
      const identity = await this.initialise(this.options.registrationRequired);
      this.becomeReady();
      return identity;
    } catch (error) {
      if (signal.aborted) throw stopped();
      this.parts.supervisor.end();
      await this.parts.link.close();
      this.fail(error);
      throw error;
    }
  }

  /** Stops everything; messages not yet handled stay on the modem. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.parts.monitor.stop();
    this.parts.supervisor.end();
    await this.parts.link.close();
    this.setState('closed');
  }

  /** Registers the inbound handler; a sweep offers what is already stored. */
  onInbound(handler: InboundHandler): void {
    this.handler = handler;
    if (this.state_ === 'ready') this.background(this.parts.inbox.sweep(), 'inbox sweep failed');
  }

  /** One SMS-SUBMIT. Rejects with MODEM_SEND_TRANSIENT/_PERMANENT/_UNKNOWN, _RATE_LIMITED, _NOT_READY. */
  async sendPdu(pdu: SubmitPduInput): Promise<SentPart> {
    this.assertReady();
    checkRate(this.config.rateCap, 1);
    return submitPdu(this.parts.ctx.at, pdu, this.options.sendTimeoutMs);
  }

  /** The parts of one message in order; see `sendParts` (smsSender.ts) for where it stops. */
  sendMessage(pdus: readonly SubmitPduInput[]): Promise<SendMessageResult> {
    let taken = false;
    return sendParts(pdus, (pdu) => {
      this.assertReady();
      if (!taken) checkRate(this.config.rateCap, pdus.length); // all the parts, or none
      taken = true;
      return submitPdu(this.parts.ctx.at, pdu, this.options.sendTimeoutMs);
    });
  }

  /** AT+CMGL=4 now, handing every stored message to the handler. */
  sweep(): Promise<number> {
    this.assertReady();
    return this.parts.inbox.sweep();
  }

  /** What is stored, without handling or deleting anything (`gsmgate modem inbox`). */
  listStored(): Promise<StoredPdu[]> {
    this.assertReady();
    return this.parts.inbox.worker.run(() => listStored(this.parts.store));
  }

  deleteStored(index: number): Promise<void> {
    this.assertReady();
    return this.parts.inbox.worker.run(() => deleteStored(this.parts.store, index));
  }

  /** A health reading now (also emitted as `health`). */
  readHealth(): Promise<HealthSnapshot> {
    this.assertReady();
    return this.parts.monitor.pollHealth();
  }

  private async initialise(requireRegistration: boolean): Promise<ModemIdentity> {
    const result = await bringUp(this.parts.ctx, {
      pin: this.config.pin,
      pinRejectedBefore: this.pinRejected,
      requireRegistration,
      registration: this.parts.registration,
      onRegistration: (state) => this.noteRegistration(state),
      onInitialised: ({ identity, storage, statusReports, cnmi }) => {
        this.identity_ = identity;
        this.storageName = storage.storage;
        this.routing = statusReports;
        const vendor = identity.vendor;
        safeLog(this.logger, 'info', { cnmi, storage, vendor }, 'modem initialised');
      },
    }).catch((error: unknown) => {
      if (isGatewayError(error) && error.code === 'MODEM_WRONG_PIN') {
        this.pinRejected ||= error.context.pinRejected === true;
      }
      throw error;
    });
    return result.identity;
  }

  private becomeReady(): void {
    this.setState('ready');
    this.parts.monitor.start();
    if (this.handler !== undefined) {
      this.background(this.parts.inbox.sweep(), 'inbox sweep failed');
    }
  }

  /** After a detected reboot or a recovery: initialise again, then sweep. Rejects on failure. */
  private async reinitialise(settleMs: number): Promise<void> {
    this.parts.monitor.stop();
    this.setState('initialising');
    if (settleMs > 0) await delay(this.clock, settleMs, this.controller.signal);
    await this.initialise(false);
    this.becomeReady();
  }

  private noteRegistration(state: RegistrationState): void {
    const changed = state.status !== this.registration_.status;
    this.registration_ = state;
    if (changed) this.emitSafe('registration', state);
  }

  private assertReady(): void {
    if (this.state_ !== 'ready') {
      throw driverError('MODEM_NOT_READY', `the modem is ${this.state_}`, { state: this.state_ });
    }
  }

  private fail(error: unknown): void {
    this.parts.monitor.stop();
    this.setState('failed');
    const err = error instanceof Error ? error : new Error(String(error));
    const code = isGatewayError(err) ? err.code : undefined;
    safeLog(this.logger, 'error', { code }, err.message);
    this.emitSafe('failed', err);
  }

  private setState(next: DriverState): void {
    const previous = this.state_;
    if (previous === next) return;
    this.state_ = next;
    this.emitSafe('state', next, previous);
  }

  private emitSafe<K extends keyof ModemDriverEvents>(
    event: K,
    ...args: ModemDriverEvents[K]
  ): void {
    try {
      (this.emit as (e: K, ...a: ModemDriverEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.warn(`a ${String(event)} listener threw`, error);
    }
  }

  private background(work: Promise<unknown>, failure: string): void {
    work.catch((error: unknown) => this.warn(failure, error));
  }

  private warn(message: string, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    safeLog(this.logger, 'warn', { error: text }, message);
  }
}
