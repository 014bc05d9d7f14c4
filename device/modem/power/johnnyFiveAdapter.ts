/**
 * The few parts of johnny-five (2.x, rwaldron/johnny-five) gsmgate uses, as types, and the
 * lazy loader. johnny-five is NOT a dependency of gsmgate: 2.1.0 pulls serialport 8 with
 * its own native bindings, which CI would have to compile for nothing. Sites that drive the
 * relay from a Firmata board run `npm install johnny-five` next to gsmgate; the module is
 * imported only when a `johnny-five` power control is configured. Tests pass a fake module.
 *
 * The API, as johnny-five 2.1.0 defines it:
 * - `new Board({ port, repl, debug, sigint, timeout })` emits `ready` once Firmata answered,
 *   `error` otherwise (`timeout`: how long it waits for `ready`, default 10 s). `repl` and
 *   `debug` default to true (a REPL on stdin, colour logs on stdout); `sigint` defaults to
 *   true and installs a SIGINT handler that ends the process with `process.reallyExit()`,
 *   skipping gsmgate's own shutdown. We turn all three off.
 * - `new Relay({ pin, type, board })`: `close()` closes the circuit, `open()` opens it. With
 *   `type: 'NC'` the pin levels are inverted (`close()` writes LOW), so pick the type that
 *   makes `close()` feed the modem (docs/modem-recovery.md has the table).
 * - `new Led({ pin, board })`: `on()`, `off()`, `blink(ms)` (alias of strobe: toggles every
 *   `ms`), `stop()` (ends a blink, leaves the LED as it is).
 */
import type { Clock } from '../../policy/Clock.js';
import type { ModemLogger } from '../ModemLogger.js';
import { powerError, type PowerError } from './powerErrors.js';

/** A johnny-five Board is a Node EventEmitter. */
export interface JohnnyFiveBoard {
  on(event: 'error', listener: (error?: unknown) => void): unknown;
  once(event: 'ready', listener: () => void): unknown;
}

export interface JohnnyFiveRelay {
  open(): unknown;
  close(): unknown;
}

export interface JohnnyFiveLed {
  on(): unknown;
  off(): unknown;
  blink(ms: number): unknown;
  stop(): unknown;
}

export interface JohnnyFiveBoardOptions {
  readonly port: string;
  readonly repl: false;
  readonly debug: false;
  readonly sigint: false;
  readonly timeout: number;
}

/** What `import('johnny-five')` must provide. */
export interface JohnnyFiveModule {
  Board: new (options: JohnnyFiveBoardOptions) => JohnnyFiveBoard;
  Relay: new (options: {
    pin: number | string;
    type: 'NO' | 'NC';
    board: JohnnyFiveBoard;
  }) => JohnnyFiveRelay;
  Led: new (options: { pin: number | string; board: JohnnyFiveBoard }) => JohnnyFiveLed;
}

/** Loads the module; injectable so tests never import the real one. */
export type JohnnyFiveLoader = () => Promise<unknown>;

// A variable specifier: TypeScript does not look for the (absent) module or its types.
const SPECIFIER = 'johnny-five';
export const importJohnnyFive: JohnnyFiveLoader = () => import(SPECIFIER);

const INSTALL_HINT =
  'johnny-five is optional and not installed: run `npm install johnny-five` in the gsmgate ' +
  'directory (it builds serialport 8 native bindings), or use the gpio power control';

/** Loads johnny-five, mapping "not installed" to MODEM_POWER_MODULE_MISSING. */
export async function loadJohnnyFive(
  loader: JohnnyFiveLoader = importJohnnyFive,
): Promise<JohnnyFiveModule> {
  let loaded: unknown;
  try {
    loaded = await loader();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw powerError('MODEM_POWER_MODULE_MISSING', INSTALL_HINT, { module: SPECIFIER }, error);
    }
    throw powerError(
      'MODEM_POWER_FAILED',
      'johnny-five failed to load',
      { module: SPECIFIER },
      error,
    );
  }
  // A CommonJS package imported from ESM: the API may sit on `default`.
  const candidates = [loaded, (loaded as { default?: unknown } | null)?.default];
  const found = candidates.find(isJohnnyFiveModule);
  if (!found) {
    throw powerError('MODEM_POWER_FAILED', 'the johnny-five module has no Board, Relay and Led', {
      module: SPECIFIER,
    });
  }
  return found;
}

function isJohnnyFiveModule(value: unknown): value is JohnnyFiveModule {
  const mod = value as Partial<Record<keyof JohnnyFiveModule, unknown>> | null;
  return (
    typeof mod === 'object' &&
    mod !== null &&
    typeof mod.Board === 'function' &&
    typeof mod.Relay === 'function' &&
    typeof mod.Led === 'function'
  );
}

/**
 * A Board and whether it became ready, kept across connection attempts: a board that was
 * slow to answer is waited for again rather than opened a second time (johnny-five offers no
 * way to close the first one, which would keep the serial port busy). Only a board that
 * failed is replaced. Its `error` listener stays for the board's life: an `error` event
 * nobody listens to is thrown by the EventEmitter, which would end gsmgate on an unplug.
 */
export class BoardConnection {
  #ready = false;
  #failed: PowerError | undefined;
  readonly #waiters = new Set<(error?: unknown) => void>();

  constructor(
    readonly board: JohnnyFiveBoard,
    private readonly port: string,
    log: ModemLogger,
  ) {
    board.once('ready', () => {
      this.#ready = true;
      for (const waiter of [...this.#waiters]) waiter();
    });
    board.on('error', (cause?: unknown) => {
      if (this.#ready) {
        log.warn({ err: cause, port }, 'Firmata board error');
        return;
      }
      this.#failed = powerError(
        'MODEM_POWER_FAILED',
        `the Firmata board on ${port} failed`,
        { port },
        cause,
      );
      for (const waiter of [...this.#waiters]) waiter(this.#failed);
    });
  }

  get failed(): boolean {
    return this.#failed !== undefined;
  }

  waitReady(clock: Clock, timeoutMs: number): Promise<void> {
    if (this.#ready) return Promise.resolve();
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise<void>((resolve, reject) => {
      const waiter = (error?: unknown): void => {
        clock.clearTimeout(timer);
        this.#waiters.delete(waiter);
        if (error === undefined) resolve();
        else reject(error);
      };
      this.#waiters.add(waiter);
      const timer = clock.setTimeout(() => {
        const message = `the Firmata board on ${this.port} was not ready in ${timeoutMs} ms`;
        waiter(powerError('MODEM_POWER_TIMEOUT', message, { port: this.port, timeoutMs }));
      }, timeoutMs);
    });
  }
}
