/**
 * The driver's link to the modem: the Transport from the caller's factory and the AtEngine
 * on it. Recovery needs to replace either without the rest of the driver noticing: a fresh
 * engine on the same port (ESC rung: drops a half-read line and the commands queued behind a
 * hung one), or a fresh port (reopen rung, USB re-enumeration after AT+CFUN=1,1).
 */
import type { Clock } from '../../policy/Clock.js';
import { isGatewayError } from '../../shared/GatewayError.js';
import type { AtCommand, AtResponse } from '../engine/AtCommand.js';
import { AtEngine } from '../engine/AtEngine.js';
import type { AtEngineOptions } from '../engine/AtEngineOptions.js';
import { driverError } from './ModemDriverErrors.js';
import { failureToError } from '../engine/ModemErrors.js';
import type { Transport } from '../transport/Transport.js';
import { withTimeout } from './timing.js';

export interface ModemLinkDeps {
  readonly transportFactory: () => Promise<Transport>;
  readonly clock: Clock;
  readonly engineOptions: Omit<AtEngineOptions, 'clock'>;
  readonly openTimeoutMs: number;
  /** A new engine exists: subscribe to its URCs. */
  readonly onEngine: (engine: AtEngine) => void;
  /** The port closed without being asked to. */
  readonly onLost: (cause: Error | undefined) => void;
}

export class ModemLink {
  private transport: Transport | undefined;
  private engine: AtEngine | undefined;
  private open_ = false;

  constructor(private readonly deps: ModemLinkDeps) {}

  get isOpen(): boolean {
    return this.open_;
  }

  /** Closes any previous port, then opens a new one through the factory (bounded). */
  async open(): Promise<void> {
    await this.close();
    const { clock, openTimeoutMs } = this.deps;
    let transport: Transport;
    try {
      transport = await withTimeout(clock, this.deps.transportFactory(), openTimeoutMs, () =>
        driverError('MODEM_OPEN_FAILED', `the port did not open within ${openTimeoutMs} ms`, {
          timeoutMs: openTimeoutMs,
        }),
      );
    } catch (error) {
      // The factory's own typed errors (MODEM_PORT_NOT_FOUND, _BUSY…) say more than ours.
      if (isGatewayError(error)) throw error;
      throw driverError('MODEM_OPEN_FAILED', 'the port could not be opened', {}, error);
    }
    this.transport = transport;
    this.open_ = true;
    const onClose = (cause?: Error): void => {
      transport.off('close', onClose);
      if (this.transport !== transport) return;
      this.open_ = false;
      this.deps.onLost(cause);
    };
    transport.on('close', onClose);
    this.attachEngine();
  }

  send(command: AtCommand): Promise<AtResponse> {
    if (this.engine === undefined || !this.open_) {
      return Promise.reject(failureToError({ reason: 'closed', command: command.command }));
    }
    return this.engine.send(command);
  }

  /** A fresh engine on the same port; the old one fails its commands with MODEM_CLOSED. */
  resetEngine(): void {
    if (this.transport === undefined || !this.open_) return;
    this.attachEngine();
  }

  /** Bytes straight to the port (ESC); call right after resetEngine, when nothing else writes. */
  async writeRaw(data: string): Promise<void> {
    if (this.transport === undefined || !this.open_) return;
    await this.transport.write(data);
  }

  /** Closes the port on purpose (no `onLost`). */
  async close(): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    this.open_ = false;
    this.engine?.dispose();
    this.engine = undefined;
    if (transport !== undefined) await transport.close().catch(() => undefined);
  }

  private attachEngine(): void {
    const transport = this.transport;
    if (transport === undefined) return;
    this.engine?.dispose();
    const engine = new AtEngine(transport, { ...this.deps.engineOptions, clock: this.deps.clock });
    this.engine = engine;
    this.deps.onEngine(engine);
  }
}
