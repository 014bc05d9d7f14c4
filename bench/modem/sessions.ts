/**
 * The ways the benchmark sends an SMS-SUBMIT over the pty, each a `Session` on one open
 * port:
 *
 * - `BareSession`, the reference: the raw `serialport` API and nothing else. Write
 *   `AT+CMGS=<len>\r`, wait until `> ` has been read, write `<pdu>\x1a`, wait until
 *   `OK\r\n` has been read. No line splitter, no classifier, no timers, no queue: the fastest
 *   a Node program can drive this exchange through serialport.
 * - `DriverSession`: gsmgate's send path, `ModemDriver.sendPdu` (readiness check, rate cap
 *   when one is given, `submitPdu`: PDU check, AT+CMGS through the link's `AtEngine` on a
 *   `SerialTransport`, outcome classification). The driver is started (bring-up,
 *   registration) when the session opens, outside the timed part.
 * - `EngineSession`: the same AT+CMGS straight to an `AtEngine` (`expectPrompt`, `payload`),
 *   to tell the engine's cost from the driver's.
 *
 * Both count the bytes they write and read, so the paced run can compare its rate with what
 * the line could carry for exactly those bytes.
 */
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { AtEngine } from '../../device/modem/engine/AtEngine.js';
import type { AtEngineOptions } from '../../device/modem/engine/AtEngineOptions.js';
import { ModemDriver } from '../../device/modem/driver/ModemDriver.js';
import { SerialTransport } from '../../device/modem/transport/SerialTransport.js';
import type { Transport, TransportEvents } from '../../device/modem/transport/Transport.js';
import type { BenchPdu } from './messages.js';

export interface Session {
  /** One AT+CMGS exchange; resolves once the final `OK` has been read. */
  send(pdu: BenchPdu): Promise<void>;
  /** Bytes written to the modem so far. */
  readonly txBytes: number;
  /** Bytes read from the modem so far. */
  readonly rxBytes: number;
  close(): Promise<void>;
}

/** What the engine's send timeout is in the driver (AT+CMGS waits on the network). */
const CMGS_TIMEOUT_MS = 60_000;
const CTRL_Z = '\x1a';

interface Waiter {
  readonly token: string;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class BareSession implements Session {
  txBytes = 0;
  rxBytes = 0;
  private received = '';
  private waiter: Waiter | undefined;

  private constructor(private readonly port: SerialPort) {
    port.on('data', this.onData);
  }

  static async open(path: string): Promise<BareSession> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(error) : resolve())),
    );
    return new BareSession(port);
  }

  async send(pdu: BenchPdu): Promise<void> {
    await this.exchange(`AT+CMGS=${pdu.length}\r`, '> ');
    await this.exchange(pdu.hex + CTRL_Z, 'OK\r\n');
  }

  close(): Promise<void> {
    this.port.off('data', this.onData);
    return new Promise((resolve) => this.port.close(() => resolve()));
  }

  private exchange(data: string, token: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiter = { token, resolve, reject };
      this.txBytes += data.length;
      this.port.write(Buffer.from(data, 'latin1'), (error) => {
        if (error) reject(error);
      });
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    this.rxBytes += chunk.length;
    this.received += chunk.toString('latin1');
    const waiter = this.waiter;
    if (waiter === undefined) return;
    const at = this.received.indexOf(waiter.token);
    if (at >= 0) {
      this.received = this.received.slice(at + waiter.token.length);
      this.waiter = undefined;
      waiter.resolve();
    } else if (this.received.includes('ERROR')) {
      this.waiter = undefined;
      waiter.reject(new Error(`the modem answered ${JSON.stringify(this.received)}`));
    }
  };
}

/** A Transport that counts the bytes going through it; one extra call per chunk. */
class CountingTransport extends EventEmitter<TransportEvents> implements Transport {
  txBytes = 0;
  rxBytes = 0;

  constructor(private readonly inner: SerialTransport) {
    super();
    inner.on('data', (chunk) => {
      this.rxBytes += chunk.length;
      this.emit('data', chunk);
    });
    inner.on('close', (cause) => this.emit('close', cause));
    inner.on('error', (error) => this.emit('error', error));
  }

  write(bytes: Uint8Array | string): Promise<void> {
    this.txBytes += bytes.length;
    return this.inner.write(bytes);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export class EngineSession implements Session {
  /** Lines nobody waited for (stray finals, unknown URCs): should stay 0. */
  diagnostics = 0;

  private constructor(
    private readonly transport: CountingTransport,
    private readonly engine: AtEngine,
  ) {
    engine.on('diagnostic', () => this.diagnostics++);
  }

  static async open(path: string, options: AtEngineOptions = {}): Promise<EngineSession> {
    const transport = new CountingTransport(await SerialTransport.open({ path }));
    return new EngineSession(transport, new AtEngine(transport, options));
  }

  get txBytes(): number {
    return this.transport.txBytes;
  }

  get rxBytes(): number {
    return this.transport.rxBytes;
  }

  async send(pdu: BenchPdu): Promise<void> {
    await this.engine.send({
      command: `AT+CMGS=${pdu.length}`,
      timeoutMs: CMGS_TIMEOUT_MS,
      expectPrompt: true,
      payload: pdu.hex,
    });
  }

  async close(): Promise<void> {
    this.engine.dispose();
    await this.transport.close();
  }
}

export class DriverSession implements Session {
  private constructor(
    private readonly driver: ModemDriver,
    private readonly counter: () => CountingTransport | undefined,
  ) {}

  /** Opens the port and starts the driver (init, registration) with these engine options. */
  static async open(
    path: string,
    engine: Omit<AtEngineOptions, 'clock'> = {},
  ): Promise<DriverSession> {
    let transport: CountingTransport | undefined;
    const driver = new ModemDriver({
      transportFactory: async () => {
        transport = new CountingTransport(await SerialTransport.open({ path }));
        return transport;
      },
      options: { engine },
    });
    await driver.start();
    return new DriverSession(driver, () => transport);
  }

  get txBytes(): number {
    return this.counter()?.txBytes ?? 0;
  }

  get rxBytes(): number {
    return this.counter()?.rxBytes ?? 0;
  }

  async send(pdu: BenchPdu): Promise<void> {
    await this.driver.sendPdu(pdu);
  }

  close(): Promise<void> {
    return this.driver.stop();
  }
}
