import type { Readable, Writable } from 'node:stream';

/** The process streams a command talks to; injected so tests run commands in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Exit statuses shared by every command. */
export const EXIT = {
  ok: 0,
  /** Something failed that is not the input's fault (I/O, modem, database). */
  failure: 1,
  /** The input was refused: bad text, number, option or PDU. */
  refused: 2,
} as const;
