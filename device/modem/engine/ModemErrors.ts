/**
 * The modem layer's error codes (`MODEM_` range, see device/shared/GatewayError.ts), the one
 * function that turns a failed command into a GatewayError, and guards for callers.
 * Retry logic branches on `code` and on `context.atCode`/`context.transient`, never on text.
 */
import { GatewayError, isGatewayError } from '../../shared/GatewayError.js';
import type { CommandState, FailureReason } from './AtCommandMachine.js';

export const MODEM_ERROR_CODES = [
  'MODEM_TIMEOUT',
  'MODEM_NO_PROMPT',
  'MODEM_ERROR',
  'MODEM_CME_ERROR',
  'MODEM_CMS_ERROR',
  'MODEM_WRITE_FAILED',
  'MODEM_CLOSED',
  'MODEM_BUSY',
  'MODEM_INVALID_COMMAND',
] as const;
export type ModemErrorCode = (typeof MODEM_ERROR_CODES)[number];

export interface ModemErrorContext extends Record<string, unknown> {
  /** The command line, with secrets (PIN/PUK/passwords) masked. */
  readonly command: string;
  readonly timeoutMs?: number;
  /** The final line the modem sent (`ERROR`, `+CMS ERROR: 500`, …). */
  readonly finalLine?: string;
  /** Information lines seen before the failure; their text stays out (it may hold PDUs). */
  readonly linesReceived?: number;
  /**
   * The PDU and Ctrl-Z were handed to the modem. A timeout with this set is ambiguous: the
   * message may have left, so the sender must not treat it like a clean failure.
   */
  readonly payloadSent?: boolean;
  /** The 27.007/27.005 error number (-1: verbose text not in the tables). */
  readonly atCode?: number;
  readonly meaning?: string;
  /** +CMS only: retry later (true) or fail the message (false). */
  readonly transient?: boolean;
  /** The modem printed text (AT+CMEE=2) rather than a number. */
  readonly verbose?: boolean;
}

export type ModemError<C extends ModemErrorCode = ModemErrorCode> = GatewayError<
  C,
  ModemErrorContext
>;

/** Everything known about a command that did not succeed. */
export interface CommandFailure {
  readonly reason: FailureReason;
  readonly command: string;
  /** Machine state at the failure; absent when refused before it ran. */
  readonly state?: CommandState;
  readonly timeoutMs?: number;
  /**
   * Captured when the command was queued, so the error points at who asked. An Error, not
   * its `.stack` string: V8 formats the stack only when it is read, which is only on failure
   * (formatting it for every command was gsmgate's largest CPU cost per SMS in bench/modem).
   */
  readonly source?: Error;
  readonly cause?: unknown;
}

/** The one mapping from failure reasons to GatewayErrors (STYLE.md §3). */
export function failureToError(failure: CommandFailure): ModemError {
  const command = redactCommand(failure.command);
  const state = failure.state;
  const base: ModemErrorContext = {
    command,
    ...(failure.timeoutMs === undefined ? {} : { timeoutMs: failure.timeoutMs }),
    ...(state?.finalLine === undefined ? {} : { finalLine: state.finalLine }),
    ...(state === undefined
      ? {}
      : { linesReceived: state.lines.length, payloadSent: state.payloadSent }),
  };
  const final = state?.final;
  const make = (code: ModemErrorCode, message: string, extra: Partial<ModemErrorContext> = {}) =>
    withSource(
      new GatewayError(
        code,
        message,
        { ...base, ...extra },
        failure.cause === undefined ? undefined : { cause: failure.cause },
      ),
      failure.source,
    );

  switch (failure.reason) {
    case 'timeout':
      return make(
        'MODEM_TIMEOUT',
        `${command}: no final result within ${failure.timeoutMs ?? '?'} ms`,
      );
    case 'noPrompt':
      return make('MODEM_NO_PROMPT', `${command}: the modem did not ask for the PDU ("> ")`);
    case 'cmeError':
      if (final?.type === 'cme') {
        const { code, meaning, verbose } = final;
        return make('MODEM_CME_ERROR', `${command}: +CME ERROR ${code} (${meaning})`, {
          atCode: code,
          meaning,
          verbose,
        });
      }
      break;
    case 'cmsError':
      if (final?.type === 'cms') {
        const { code, meaning, verbose, transient } = final;
        return make('MODEM_CMS_ERROR', `${command}: +CMS ERROR ${code} (${meaning})`, {
          atCode: code,
          meaning,
          verbose,
          transient,
        });
      }
      break;
    case 'error':
    case 'callResult':
      break;
    case 'writeFailed':
      return make('MODEM_WRITE_FAILED', `${command}: the transport refused the write`);
    case 'closed':
      return make('MODEM_CLOSED', `${command}: the modem link is closed`);
    case 'queueFull':
      return make('MODEM_BUSY', `${command}: too many commands waiting for the modem`);
  }
  return make('MODEM_ERROR', `${command}: ${state?.finalLine ?? 'ERROR'}`);
}

/** Masks the secret argument of PIN/PUK/password commands (27.007 §8.3, §7.4, §7.5). */
export function redactCommand(command: string): string {
  // Anywhere on the line: V.250 allows `AT+CMEE=1;+CPIN="1234"`.
  return command.replace(/(\+\s*(?:CPIN|CPWD|CLCK)\s*=)[^;]*/gi, '$1***');
}

export function isModemError(value: unknown): value is ModemError {
  return isGatewayError(value) && (MODEM_ERROR_CODES as readonly string[]).includes(value.code);
}

function hasCode<C extends ModemErrorCode>(value: unknown, code: C): value is ModemError<C> {
  return isModemError(value) && value.code === code;
}

/** No final result in time (the modem may still be busy; a send may have gone out). */
export const isModemTimeout = (e: unknown): e is ModemError<'MODEM_TIMEOUT'> =>
  hasCode(e, 'MODEM_TIMEOUT');
/** AT+CMGS never prompted; the engine has sent ESC. */
export const isModemNoPrompt = (e: unknown): e is ModemError<'MODEM_NO_PROMPT'> =>
  hasCode(e, 'MODEM_NO_PROMPT');
export const isCmeError = (e: unknown): e is ModemError<'MODEM_CME_ERROR'> =>
  hasCode(e, 'MODEM_CME_ERROR');
export const isCmsError = (e: unknown): e is ModemError<'MODEM_CMS_ERROR'> =>
  hasCode(e, 'MODEM_CMS_ERROR');
export const isModemClosed = (e: unknown): e is ModemError<'MODEM_CLOSED'> =>
  hasCode(e, 'MODEM_CLOSED');
export const isModemBusy = (e: unknown): e is ModemError<'MODEM_BUSY'> => hasCode(e, 'MODEM_BUSY');
export const isModemWriteFailed = (e: unknown): e is ModemError<'MODEM_WRITE_FAILED'> =>
  hasCode(e, 'MODEM_WRITE_FAILED');

/**
 * The error is raised from a timer or a data callback, whose stack says nothing useful;
 * point it at the caller that queued the command instead (zjs `transactionSource`).
 */
function withSource<E extends Error>(error: E, source: Error | undefined): E {
  if (source?.stack === undefined) return error;
  const frames = source.stack.split('\n').slice(1).join('\n');
  error.stack = `${error.name}: ${error.message}\n${frames}`;
  return error;
}
