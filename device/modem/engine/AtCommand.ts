/**
 * What a caller hands the AT engine, and what it gets back. Every command declares how long
 * it may take and what ends it (STYLE.md §2, after zjs `@expectedResponse`).
 */
import { GatewayError } from '../../shared/GatewayError.js';
import { redactCommand } from './ModemErrors.js';

export interface AtCommand {
  /** The command line without its CR, e.g. `AT+CMGS=23`. The engine appends CR (V.250 §5.2.1). */
  readonly command: string;
  /**
   * How long to wait for the final result, in ms: from the write of the command or, for
   * `expectPrompt` commands, from the write of the payload. AT+CMGS waits on the network:
   * SIM800 and EC25 manuals give up to 60 s / 120 s.
   */
  readonly timeoutMs: number;
  /** The modem answers with the `> ` prompt and waits for `payload` (AT+CMGS, AT+CMGW). */
  readonly expectPrompt?: boolean;
  /** Overrides the engine's `promptTimeoutMs` for this command. */
  readonly promptTimeoutMs?: number;
  /** Written after the prompt, followed by Ctrl-Z (0x1A): the hex PDU in PDU mode. */
  readonly payload?: string;
  /**
   * Extra end condition, checked before OK/ERROR: a line for which this returns true ends
   * the command successfully (for commands that end with something other than OK).
   */
  readonly isFinal?: (line: string) => boolean;
}

export interface AtResponse {
  /** The command line as sent. */
  readonly command: string;
  /** Information lines in arrival order (echo and URCs excluded). */
  readonly lines: readonly string[];
  /** The line that ended the command: `OK`, or the line `isFinal` accepted. */
  readonly final: string;
}

/** Ctrl-Z ends the PDU; ESC aborts the input (27.005 §3.5.1). */
export const CTRL_Z = '\x1a';
export const ESC = '\x1b';

/**
 * A command that would corrupt the stream is a bug in the caller: a CR inside the command
 * would end it early, a Ctrl-Z or ESC inside the payload would send or abort it early.
 * Returns the error to reject with, or undefined when the command is well formed.
 */
export function validateCommand(command: AtCommand): GatewayError | undefined {
  const problems: string[] = [];
  if (!/^AT/i.test(command.command)) problems.push('does not start with AT');
  if (hasAny(command.command, ['\r', '\n', CTRL_Z, ESC])) {
    problems.push('contains CR, LF, Ctrl-Z or ESC');
  }
  if (!isDuration(command.timeoutMs)) problems.push('timeoutMs is not a positive number');
  if (command.promptTimeoutMs !== undefined && !isDuration(command.promptTimeoutMs)) {
    problems.push('promptTimeoutMs is not a positive number');
  }
  if (command.expectPrompt === true && command.payload === undefined) {
    problems.push('expectPrompt without a payload');
  }
  if (command.payload !== undefined && hasAny(command.payload, [CTRL_Z, ESC])) {
    problems.push('payload contains Ctrl-Z or ESC');
  }
  if (problems.length === 0) return undefined;
  const shown = redactCommand(command.command);
  return new GatewayError(
    'MODEM_INVALID_COMMAND',
    `${JSON.stringify(shown)}: ${problems.join('; ')}`,
    {
      command: shown,
      problems,
    },
  );
}

function hasAny(text: string, chars: readonly string[]): boolean {
  return chars.some((ch) => text.includes(ch));
}

function isDuration(ms: number): boolean {
  return Number.isFinite(ms) && ms > 0;
}
