/**
 * A stand-in for the johnny-five module: Board, Relay and Led classes that record what was
 * done to them in one shared log, and a board the test makes `ready` (or fail) when it
 * wants. The real johnny-five is never imported by the tests.
 */
import { EventEmitter } from 'node:events';
import type {
  JohnnyFiveBoardOptions,
  JohnnyFiveModule,
} from '../../../device/modem/power/johnnyFiveAdapter.js';

export interface FakeJohnnyFive {
  readonly module: JohnnyFiveModule;
  readonly log: string[];
  readonly boards: FakeBoard[];
  /** Make the relay throw on its next operation. */
  failRelay: boolean;
}

export class FakeBoard extends EventEmitter {
  constructor(readonly options: JohnnyFiveBoardOptions) {
    super();
  }
}

export function fakeJohnnyFive({ autoReady = true } = {}): FakeJohnnyFive {
  const fake: FakeJohnnyFive = {
    log: [],
    boards: [],
    failRelay: false,
    module: undefined as unknown as JohnnyFiveModule,
  };
  const record = (entry: string): void => {
    fake.log.push(entry);
  };

  class Board extends FakeBoard {
    constructor(options: JohnnyFiveBoardOptions) {
      super(options);
      fake.boards.push(this);
      record(`board ${options.port}`);
      // Firmata answers asynchronously, after the constructor returns.
      if (autoReady) queueMicrotask(() => this.emit('ready'));
    }
  }

  class Relay {
    readonly name: string;
    constructor(options: { pin: number | string; type: 'NO' | 'NC' }) {
      this.name = `relay ${options.pin}`;
      record(`${this.name} type ${options.type}`);
    }
    open(): void {
      if (fake.failRelay) throw new Error('Serialport not open');
      record(`${this.name} open`);
    }
    close(): void {
      record(`${this.name} close`);
    }
  }

  class Led {
    readonly name: string;
    constructor(options: { pin: number | string }) {
      this.name = `led ${options.pin}`;
      record(this.name);
    }
    on(): void {
      record(`${this.name} on`);
    }
    off(): void {
      record(`${this.name} off`);
    }
    blink(ms: number): void {
      record(`${this.name} blink ${ms}`);
    }
    stop(): void {
      record(`${this.name} stop`);
    }
  }

  (fake as { module: JohnnyFiveModule }).module = { Board, Relay, Led };
  return fake;
}
