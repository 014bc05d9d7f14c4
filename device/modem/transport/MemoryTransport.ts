/**
 * An in-memory Transport: the test's (or the fake modem's) end of the wire.
 *
 * Habits taken from zjs `MockPort` and serialport's binding-mock: `emitData()` plays the modem,
 * every host write is recorded (`writes`, `lastWrite`) and announced on `write`, overlapping
 * writes are rejected as the real bindings do, `echo` loops writes back like ATE1, and
 * `failNextWrite()` simulates a dying port. No timers: writes complete on the microtask queue.
 */
import { EventEmitter } from 'node:events';
import { GatewayError } from '../../shared/GatewayError.js';
import { toBytes, toLatin1, type Transport, type TransportEvents } from './Transport.js';

export type MemoryTransportEvents = TransportEvents & {
  /** The host wrote these bytes (the fake modem listens here). */
  write: [bytes: Uint8Array];
};

export interface MemoryTransportOptions {
  /**
   * Send every write straight back as data, like a modem with ATE1 or binding-mock's `echo`.
   * @default false
   */
  readonly echo?: boolean;
}

export class MemoryTransport extends EventEmitter<MemoryTransportEvents> implements Transport {
  /** Every write, in order, as Latin-1 text. */
  readonly writes: string[] = [];
  private writing = false;
  private closed = false;
  private nextWriteError: Error | undefined;
  private readonly echo: boolean;

  constructor(options: MemoryTransportOptions = {}) {
    super();
    this.echo = options.echo ?? false;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** The most recent write as Latin-1 text. */
  get lastWrite(): string | undefined {
    return this.writes[this.writes.length - 1];
  }

  async write(data: Uint8Array | string): Promise<void> {
    if (this.closed) {
      throw new GatewayError('MODEM_CLOSED', 'write on a closed memory transport');
    }
    if (this.writing) {
      // serialport's bindings refuse a second write before the first completes.
      throw new GatewayError('MODEM_WRITE_FAILED', 'overlapping writes are not supported');
    }
    const failure = this.nextWriteError;
    if (failure !== undefined) {
      this.nextWriteError = undefined;
      throw failure;
    }
    this.writing = true;
    const bytes = toBytes(data);
    this.writes.push(toLatin1(bytes));
    try {
      await Promise.resolve();
      this.emit('write', bytes);
      if (this.echo) this.emitData(bytes);
    } finally {
      this.writing = false;
    }
  }

  /** Bytes from the modem to the host. */
  emitData(data: Uint8Array | string): void {
    if (this.closed) return;
    this.emit('data', toBytes(data));
  }

  /** A link error that does not close the link. */
  emitError(error: Error): void {
    this.emit('error', error);
  }

  /** The next write rejects with `error` (default: a MODEM_WRITE_FAILED GatewayError). */
  failNextWrite(error?: Error): void {
    this.nextWriteError =
      error ?? new GatewayError('MODEM_WRITE_FAILED', 'simulated write failure');
  }

  /** Forget recorded writes (between test phases). */
  clearWrites(): void {
    this.writes.length = 0;
  }

  async close(): Promise<void> {
    this.drop();
  }

  /** The link goes away without being asked (USB unplugged). */
  drop(cause?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', cause);
  }
}
