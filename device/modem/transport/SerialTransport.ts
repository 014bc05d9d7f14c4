/**
 * The Transport over a real serial device (USB modem, UART, or the simulated modem's pty),
 * through `serialport` v13.
 *
 * Raw bytes only: no `@serialport/parser-readline`. The engine's AtLineSplitter must see the
 * `> ` prompt of AT+CMGS, which has no line end (27.005 §3.5.1), so a line parser would hold
 * it back until the command times out. Splitting is the engine's job, not the transport's.
 *
 * serialport's native errors carry only text (bindings-cpp formats `strerror(errno)` into the
 * message, no `errno`/`code`), so the cause of a failed open is found by checking the path
 * ourselves first (ENOENT → not found) and, for the lock, by the one fixed phrase the binding
 * prints. These are the only places gsmgate looks at a message text, and only a third party's.
 *
 * Unplug detection: on Linux a hung-up tty (USB modem unplugged, pty master closed) reads as
 * EOF, and bindings-cpp retries a 0-byte read forever instead of reporting it (serialport
 * #115, #386), so its `close` event may never come. A write then fails with EIO and does
 * close the port, but an idle link would not notice. So the transport also checks, every
 * `presenceCheckMs`, that the device node still exists; udev removes it on unplug.
 */
import { EventEmitter } from 'node:events';
import { access, constants as fsConstants, realpath } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { systemClock, type Clock, type TimerHandle } from '../../policy/Clock.js';
import { GatewayError } from '../../shared/GatewayError.js';
import { toBytes, type Transport, type TransportEvents } from './Transport.js';

export const SERIAL_TRANSPORT_ERROR_CODES = [
  'MODEM_PORT_NOT_FOUND',
  'MODEM_PORT_BUSY',
  'MODEM_PORT_OPEN_FAILED',
  'MODEM_PORT_LOST',
] as const;
export type SerialTransportErrorCode = (typeof SERIAL_TRANSPORT_ERROR_CODES)[number];

export interface SerialTransportOptions {
  /**
   * The device: `/dev/ttyUSB2`, a stable `/dev/serial/by-id/…` symlink (preferred: USB
   * numbering changes across replugs), or the path `gsmgate sim` prints.
   */
  readonly path: string;
  /** Line speed. Most USB modems ignore it; UART modules (SIM800) need the right one. @default 115200 */
  readonly baudRate?: number;
  /** Give up opening after this long (an open can hang on a wedged USB-serial driver). @default 5000 */
  readonly openTimeoutMs?: number;
  /**
   * Take an exclusive `flock` so a second gsmgate (or ModemManager honouring locks) cannot
   * interleave commands on the same modem. @default true
   */
  readonly lock?: boolean;
  /**
   * How often to check that the device node still exists, to notice an unplug while idle
   * (see above); 0 turns the check off. @default 1000
   */
  readonly presenceCheckMs?: number;
  /** Time source for the open timeout and the presence check. @default systemClock */
  readonly clock?: Clock;
}

export interface WaitForPathOptions {
  /** Give up after this long. @default 30000 */
  readonly timeoutMs?: number;
  /** Check this often; a USB modem re-enumerates in 1–10 s. @default 250 */
  readonly intervalMs?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Stop waiting early (shutdown); rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export class SerialTransport extends EventEmitter<TransportEvents> implements Transport {
  private closed = false;
  private presenceTimer: TimerHandle | undefined;
  /** Set when we close the port because its device node vanished. */
  private lostCause: GatewayError | undefined;

  private constructor(
    private readonly port: SerialPort,
    /** The path as given (a by-id symlink stays a symlink here). */
    readonly path: string,
    private readonly clock: Clock,
  ) {
    super();
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    // serialport emits `close` with a DisconnectedError (`disconnected: true`) when a read or
    // write fails (EIO, ENXIO, EBADF): the USB device vanished or the pty master went away.
    port.on('close', (error: Error | null) => {
      this.finish(error ? lost(path, 'the serial device went away', error) : this.lostCause);
    });
    port.on('error', (error: Error) => {
      // An `error` with no listener would throw out of serialport's callback and crash.
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  /** Opens the device; rejects with MODEM_PORT_NOT_FOUND / _BUSY / _OPEN_FAILED. */
  static async open(options: SerialTransportOptions): Promise<SerialTransport> {
    const { path } = options;
    const baudRate = options.baudRate ?? 115_200;
    const timeoutMs = options.openTimeoutMs ?? 5_000;
    const clock = options.clock ?? systemClock;
    if (!(await pathExists(path))) {
      throw new GatewayError('MODEM_PORT_NOT_FOUND', `no serial device at ${path}`, { path });
    }
    const port = new SerialPort({ path, baudRate, autoOpen: false, lock: options.lock ?? true });
    await openPort(port, path, timeoutMs, clock);
    const transport = new SerialTransport(port, path, clock);
    transport.watchPresence(options.presenceCheckMs ?? 1_000);
    return transport;
  }

  /**
   * Resolves once `path` exists and is readable and writable again (the modem re-enumerated
   * after a reset or replug); rejects with MODEM_PORT_NOT_FOUND after `timeoutMs`.
   */
  static async waitForPath(path: string, options: WaitForPathOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const intervalMs = Math.max(1, options.intervalMs ?? 250);
    const clock = options.clock ?? systemClock;
    const { signal } = options;
    const deadline = clock.now() + timeoutMs;
    for (;;) {
      signal?.throwIfAborted();
      if (await pathExists(path, true)) return;
      const left = deadline - clock.now();
      if (left <= 0) {
        throw new GatewayError('MODEM_PORT_NOT_FOUND', `${path} did not come back`, {
          path,
          timeoutMs,
        });
      }
      await sleep(clock, Math.min(intervalMs, left), signal);
    }
  }

  get isOpen(): boolean {
    return !this.closed && this.port.isOpen;
  }

  /** Resolves when the binding has handed the bytes to the OS. */
  write(bytes: Uint8Array | string): Promise<void> {
    if (!this.isOpen) {
      return Promise.reject(
        new GatewayError('MODEM_CLOSED', 'write on a closed serial port', { path: this.path }),
      );
    }
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(toBytes(bytes)), (error) => {
        if (!error) return resolve();
        reject(
          new GatewayError(
            'MODEM_WRITE_FAILED',
            'the serial port refused the bytes',
            { path: this.path },
            { cause: error },
          ),
        );
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.port.isOpen) return this.finish(undefined);
    await new Promise<void>((resolve) => {
      this.port.close(() => {
        // The port's own `close` event has run finish(); this covers a failed close too.
        this.finish(undefined);
        resolve();
      });
    });
  }

  /** Re-checks the device node every `everyMs` while open; gone → close with MODEM_PORT_LOST. */
  private watchPresence(everyMs: number): void {
    if (everyMs <= 0) return;
    const check = (): void => {
      this.presenceTimer = undefined;
      void pathExists(this.path).then((present) => {
        if (this.closed) return;
        if (present) {
          this.presenceTimer = this.clock.setTimeout(check, everyMs);
          return;
        }
        this.lostCause = lost(this.path, 'the serial device node disappeared');
        if (this.port.isOpen) this.port.close(() => this.finish(this.lostCause));
        else this.finish(this.lostCause);
      });
    };
    this.presenceTimer = this.clock.setTimeout(check, everyMs);
  }

  private finish(cause: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.clock.clearTimeout(this.presenceTimer);
    this.emit('close', cause);
  }
}

function lost(path: string, message: string, cause?: Error): GatewayError {
  return new GatewayError('MODEM_PORT_LOST', message, { path }, cause ? { cause } : undefined);
}

/** `port.open` with a deadline; a failure is classified into our three open errors. */
function openPort(port: SerialPort, path: string, timeoutMs: number, clock: Clock): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const timer: TimerHandle = clock.setTimeout(() => {
      settled = true;
      // If the open completes after all, give the device back instead of leaking the fd.
      port.once('open', () => port.close());
      reject(
        new GatewayError('MODEM_PORT_OPEN_FAILED', `opening ${path} took over ${timeoutMs} ms`, {
          path,
          timeoutMs,
          reason: 'timeout',
        }),
      );
    }, timeoutMs);
    port.open((error) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      if (error) classifyOpenError(path, error).then(reject, reject);
      else resolve();
    });
  });
}

/** `usable`: also readable and writable (udev may set the mode a moment after the node appears). */
async function pathExists(path: string, usable = false): Promise<boolean> {
  try {
    await access(path, usable ? fsConstants.R_OK | fsConstants.W_OK : fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Lock contention and EBUSY, as bindings-cpp words them (serialport_unix.cpp). */
const BUSY_TEXT = /Cannot lock port|Resource temporarily unavailable|Device or resource busy/;

async function classifyOpenError(path: string, error: Error): Promise<GatewayError> {
  const context = { path, device: await realpath(path).catch(() => path), reason: error.message };
  if (!(await pathExists(path))) {
    return new GatewayError('MODEM_PORT_NOT_FOUND', `no serial device at ${path}`, context, {
      cause: error,
    });
  }
  if (BUSY_TEXT.test(error.message)) {
    return new GatewayError('MODEM_PORT_BUSY', `${path} is in use by another program`, context, {
      cause: error,
    });
  }
  return new GatewayError('MODEM_PORT_OPEN_FAILED', `cannot open ${path}`, context, {
    cause: error,
  });
}

function sleep(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
