/** The public shapes around SimulatedModem: its link to a transport, its records and events. */
import type { SentMessage } from './SimNetwork.js';

/** Where the modem's bytes go: the pty master, or the host's MemoryTransport. */
export interface SimLink {
  write(bytes: Uint8Array): void;
}

export interface CommandRecord {
  readonly at: number;
  /** The command line as received, secrets (`AT+CPIN=`) masked. */
  readonly line: string;
}

export type SimulatedModemEvents = {
  command: [record: CommandRecord];
  sent: [message: SentMessage];
  booted: [];
};

export type PowerState = 'off' | 'booting' | 'on';
