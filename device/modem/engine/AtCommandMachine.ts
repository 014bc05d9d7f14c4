/**
 * The lifecycle of one AT command as a pure state machine: the engine feeds it events
 * (prompt, lines, final result, timer expiry, write failure, link closed) and performs the
 * effects it returns. No I/O, no timers, so every path is a table test (after zjs
 * `SerialAPICommandMachine`).
 *
 *   awaitingPrompt ──prompt──▶ awaitingFinal ──OK/custom──▶ done
 *        │  (writePayload, armFinalTimer)  │
 *        └──timeout──▶ failed:noPrompt (sendEscape)   └──error/timeout/…──▶ failed:<reason>
 *
 * Commands without `expectPrompt` start in awaitingFinal.
 */
import type { FinalLine } from '../at/AtLineClassifier.js';

/** Why a command failed; mapped to a GatewayError in one place (ModemErrors.failureToError). */
export type FailureReason =
  | 'timeout' // no final result in time
  | 'noPrompt' // AT+CMGS-style command: `> ` never came
  | 'error' // plain ERROR
  | 'cmeError' // +CME ERROR (27.007 §9.2)
  | 'cmsError' // +CMS ERROR (27.005 §3.2.5)
  | 'callResult' // NO CARRIER, BUSY, NO ANSWER, NO DIALTONE
  | 'writeFailed' // the transport refused the bytes
  | 'closed' // the transport closed or the engine was disposed
  | 'queueFull'; // refused at the door: too many commands waiting

export type CommandPhase = 'awaitingPrompt' | 'awaitingFinal' | 'done' | 'failed';

export interface CommandState {
  readonly phase: CommandPhase;
  /** Information lines received so far, in order. */
  readonly lines: readonly string[];
  /**
   * The payload (PDU + Ctrl-Z) has been written, or its write started: from here on the
   * message may have left, whatever happens next.
   */
  readonly payloadSent: boolean;
  /** The final line, once done or failed on a final result. */
  readonly finalLine?: string;
  readonly final?: FinalLine;
  readonly reason?: FailureReason;
  readonly cause?: unknown;
}

export type MachineEvent =
  | { readonly type: 'prompt' }
  | { readonly type: 'info'; readonly line: string }
  | { readonly type: 'final'; readonly line: string; readonly result: FinalLine }
  | { readonly type: 'timeout' }
  | { readonly type: 'writeFailed'; readonly cause: unknown }
  | { readonly type: 'closed' };

export type Effect =
  /** Write the payload followed by Ctrl-Z (27.005 §3.5.1). */
  | { readonly type: 'writePayload' }
  /** Restart the timer with the command's final-result timeout. */
  | { readonly type: 'armFinalTimer' }
  /** Write ESC: leaves the modem's text-input mode without sending (27.005 §3.5.1). */
  | { readonly type: 'sendEscape' };

export interface Transition {
  readonly state: CommandState;
  readonly effects: readonly Effect[];
}

export function initialState(expectPrompt: boolean): CommandState {
  return {
    phase: expectPrompt ? 'awaitingPrompt' : 'awaitingFinal',
    lines: [],
    payloadSent: false,
  };
}

export function isSettled(state: CommandState): boolean {
  return state.phase === 'done' || state.phase === 'failed';
}

export function transition(state: CommandState, event: MachineEvent): Transition {
  if (isSettled(state)) return stay(state);
  switch (event.type) {
    case 'prompt':
      // A second prompt (or one nobody asked for) changes nothing.
      if (state.phase !== 'awaitingPrompt') return stay(state);
      return {
        state: { ...state, phase: 'awaitingFinal', payloadSent: true },
        effects: [{ type: 'writePayload' }, { type: 'armFinalTimer' }],
      };
    case 'info':
      return stay({ ...state, lines: [...state.lines, event.line] });
    case 'final':
      return settleOnFinal(state, event.line, event.result);
    case 'timeout':
      // Still waiting for `> `: the modem may be in text-input mode without telling us;
      // ESC gets it out so the next command is not taken as PDU text.
      return state.phase === 'awaitingPrompt'
        ? { state: fail(state, 'noPrompt'), effects: [{ type: 'sendEscape' }] }
        : stay(fail(state, 'timeout'));
    case 'writeFailed':
      return stay(fail(state, 'writeFailed', event.cause));
    case 'closed':
      return stay(fail(state, 'closed'));
  }
}

function settleOnFinal(state: CommandState, line: string, result: FinalLine): Transition {
  const withFinal = { ...state, finalLine: line, final: result };
  switch (result.type) {
    case 'ok':
    case 'custom':
      // OK before the prompt means the modem ended the command without taking the payload.
      if (state.phase === 'awaitingPrompt') return stay(fail(withFinal, 'noPrompt'));
      return stay({ ...withFinal, phase: 'done' });
    case 'error':
      return stay(fail(withFinal, 'error'));
    case 'cme':
      return stay(fail(withFinal, 'cmeError'));
    case 'cms':
      return stay(fail(withFinal, 'cmsError'));
    case 'call':
      return stay(fail(withFinal, 'callResult'));
  }
}

function fail(state: CommandState, reason: FailureReason, cause?: unknown): CommandState {
  return { ...state, phase: 'failed', reason, ...(cause === undefined ? {} : { cause }) };
}

function stay(state: CommandState): Transition {
  return { state, effects: [] };
}
