/**
 * Power-cycles the modem through a relay on a Firmata board (an Arduino on a USB serial
 * port) with johnny-five, for boxes without usable GPIO. Optional: johnny-five is loaded
 * only when this control is configured (see johnnyFiveAdapter.ts for why and the API used).
 *
 * `relay.close()` feeds the modem, `relay.open()` cuts it. The board holds its pins between
 * commands, so unlike gpioset any wiring works; but opening the serial port resets most
 * Arduinos (DTR), which drives every pin low for a moment, so the default `relayType: 'NC'`
 * (modem on the normally-closed contact, powered while the relay is idle) keeps the modem
 * powered through a gsmgate restart.
 */
import { systemClock, type Clock } from '../../policy/Clock.js';
import { safeLogger, type ModemLogger } from '../ModemLogger.js';
import {
  BoardConnection,
  loadJohnnyFive,
  type JohnnyFiveLed,
  type JohnnyFiveLoader,
  type JohnnyFiveRelay,
} from './johnnyFiveAdapter.js';
import type { PowerControl, StatusLedState } from './PowerControl.js';
import { checkMs, configError, powerError } from './powerErrors.js';

export interface JohnnyFivePowerOptions {
  /** The board's serial port, e.g. `/dev/ttyACM0` (better: a `/dev/serial/by-id/…` path). */
  readonly port: string;
  /** The relay's pin: a digital pin number or an analog pin name (`A0`). */
  readonly relayPin: number | string;
  /**
   * johnny-five's relay type: the contact the modem's supply runs through. `NC` inverts the
   * pin levels (`close()` writes LOW). @default 'NC'
   */
  readonly relayType?: 'NO' | 'NC';
  /** A status LED's pin (on: ok, blinking: degraded, off: down). */
  readonly ledPin?: number | string;
  /** @default 3000 */
  readonly offMs?: number;
  /** Extra wait after power is back; the driver waits for the boot itself. @default 0 */
  readonly bootWaitMs?: number;
  /** Blink period of the degraded state. @default 500 */
  readonly blinkMs?: number;
  /** How long to wait for the board's `ready`. @default 15000 */
  readonly connectTimeoutMs?: number;
}

export interface JohnnyFiveDeps {
  /** @default a dynamic `import('johnny-five')` */
  readonly loader?: JohnnyFiveLoader;
  readonly clock?: Clock;
  readonly logger?: ModemLogger;
}

interface Connected {
  readonly relay: JohnnyFiveRelay;
  readonly led: JohnnyFiveLed | undefined;
}

const PIN = /^(?:\d{1,3}|A\d{1,2})$/;
const PORT = /^(?:\/dev\/[\w./:+-]+|COM\d{1,3})$/;

export class JohnnyFivePowerControl implements PowerControl {
  readonly kind = 'johnny-five';
  readonly canPowerCycle = true;
  readonly #options: Required<Omit<JohnnyFivePowerOptions, 'ledPin'>> & {
    ledPin?: number | string;
  };
  readonly #loader: JohnnyFiveLoader | undefined;
  readonly #clock: Clock;
  readonly #log: ModemLogger;
  #board: BoardConnection | undefined;
  #connected: Promise<Connected> | undefined;
  #cycle: Promise<void> | undefined;
  #closed = false;

  constructor(options: JohnnyFivePowerOptions, deps: JohnnyFiveDeps = {}) {
    if (
      typeof options.port !== 'string' ||
      !PORT.test(options.port) ||
      options.port.includes('..')
    ) {
      throw configError('port', options.port, 'must be a device path like /dev/ttyACM0');
    }
    const relayType = options.relayType ?? 'NC';
    if (relayType !== 'NO' && relayType !== 'NC') {
      throw configError('relayType', relayType, "must be 'NO' or 'NC'");
    }
    const relayPin = checkPin('relayPin', options.relayPin);
    const ledPin = options.ledPin === undefined ? undefined : checkPin('ledPin', options.ledPin);
    if (ledPin !== undefined && String(ledPin) === String(relayPin)) {
      throw configError('ledPin', ledPin, 'must differ from relayPin');
    }
    this.#options = {
      port: options.port,
      relayPin,
      relayType,
      ...(ledPin === undefined ? {} : { ledPin }),
      offMs: checkMs('offMs', options.offMs, 3000, 100),
      bootWaitMs: checkMs('bootWaitMs', options.bootWaitMs, 0),
      blinkMs: checkMs('blinkMs', options.blinkMs, 500, 50),
      connectTimeoutMs: checkMs('connectTimeoutMs', options.connectTimeoutMs, 15_000, 1000),
    };
    this.#loader = deps.loader;
    this.#clock = deps.clock ?? systemClock;
    this.#log = safeLogger(deps.logger);
  }

  /** Loads johnny-five and connects now, so a missing module or board shows at startup. */
  async open(): Promise<void> {
    await this.#ready();
  }

  powerCycle(): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    this.#cycle ??= this.#pulse().finally(() => (this.#cycle = undefined));
    return this.#cycle;
  }

  async setStatusLed(state: StatusLedState): Promise<void> {
    if (this.#closed) throw closedError();
    if (this.#options.ledPin === undefined) return;
    const { led } = await this.#ready();
    if (!led) return;
    guard('status LED', () => {
      led.stop();
      if (state === 'ok') led.on();
      else if (state === 'degraded') led.blink(this.#options.blinkMs);
      else led.off();
    });
  }

  /**
   * Turns the LED off and leaves the relay closed (modem powered). johnny-five has no
   * documented way to release the serial port; it is released when the process exits.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const connected = await this.#connected?.catch(() => undefined);
    if (connected?.led) {
      try {
        connected.led.stop();
        connected.led.off();
      } catch (error) {
        this.#log.debug({ err: error }, 'status LED off failed on close');
      }
    }
  }

  async #pulse(): Promise<void> {
    const { relay } = await this.#ready();
    const { offMs, bootWaitMs } = this.#options;
    this.#log.info({ pin: this.#options.relayPin, offMs }, 'cutting modem power');
    try {
      guard('relay', () => relay.open());
      await this.#sleep(offMs);
    } finally {
      // Whatever happened meanwhile, the modem must not stay unpowered.
      guard('relay', () => relay.close());
    }
    this.#log.info({ bootWaitMs }, 'modem power restored');
    if (bootWaitMs > 0) await this.#sleep(bootWaitMs);
  }

  #ready(): Promise<Connected> {
    this.#connected ??= this.#connect().catch((error: unknown) => {
      this.#connected = undefined; // a board plugged in later is found on the next call
      throw error;
    });
    return this.#connected;
  }

  async #connect(): Promise<Connected> {
    const five = await loadJohnnyFive(this.#loader);
    const { port, connectTimeoutMs, relayPin, relayType, ledPin } = this.#options;
    if (!this.#board || this.#board.failed) {
      const options = {
        port,
        repl: false,
        debug: false,
        sigint: false,
        timeout: connectTimeoutMs,
      } as const;
      this.#board = new BoardConnection(
        guard('board', () => new five.Board(options)),
        port,
        this.#log,
      );
    }
    const { board } = this.#board;
    await this.#board.waitReady(this.#clock, connectTimeoutMs);
    return guard('board', () => {
      const relay = new five.Relay({ pin: relayPin, type: relayType, board });
      // Feed the modem from the start: a NO relay is open until told otherwise.
      relay.close();
      const led = ledPin === undefined ? undefined : new five.Led({ pin: ledPin, board });
      this.#log.info({ port, relayPin, relayType }, 'johnny-five board ready');
      return { relay, led };
    });
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#clock.setTimeout(resolve, ms));
  }
}

function checkPin(field: string, value: unknown): number | string {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255)
    return value;
  if (typeof value === 'string' && PIN.test(value))
    return /^\d+$/.test(value) ? Number(value) : value;
  throw configError(field, value, 'must be a pin number (0–255) or an analog pin name like A0');
}

/** johnny-five throws plain Errors (a pin it does not know, a closed port): give them a code. */
function guard<T>(what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw powerError('MODEM_POWER_FAILED', `johnny-five ${what} operation failed`, { what }, error);
  }
}

function closedError() {
  return powerError('MODEM_POWER_CLOSED', 'the power control is closed');
}
