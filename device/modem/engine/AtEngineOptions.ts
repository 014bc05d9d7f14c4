/**
 * Every timing and size knob of the AT engine in one place (STYLE.md §4, after zjs
 * `ZWaveOptions.timeouts`). Per-command timeouts live on the command itself, because only
 * the command knows how long it may take (AT+CMGS waits on the network; AT+CSQ does not).
 */
import { systemClock, type Clock } from '../../policy/Clock.js';
import { DEFAULT_MAX_LINE_LENGTH } from '../at/AtLineSplitter.js';

export interface AtEngineOptions {
  /**
   * Source of time and timers; tests pass a ManualClock.
   * @default systemClock
   */
  readonly clock?: Clock;
  /**
   * Quiet time after one command settles before the next is written. Modems drop or garble
   * a command written right on the heels of the previous result (atat `cmd_cooldown`,
   * `atat/src/config.rs`; the SIM800 manual asks for a pause between commands too).
   * @default 20
   */
  readonly commandGapMs?: number;
  /**
   * Quiet time after a command timed out (or never got its prompt) before the next one is
   * written. A late reply to the abandoned command (`+CMGS: 12`, `OK`) would otherwise be
   * taken as the next command's answer; arriving in this gap, it is reported as stray.
   * @default 500
   */
  readonly recoveryGapMs?: number;
  /**
   * How long an `expectPrompt` command waits for `> ` before it sends ESC and fails with
   * MODEM_NO_PROMPT. The prompt comes from the modem alone, without the network, so it
   * is short; a command may override it with `promptTimeoutMs`.
   * @default 5000
   */
  readonly promptTimeoutMs?: number;
  /**
   * Commands allowed to wait behind the one in flight; more are refused with MODEM_BUSY
   * so a stuck modem cannot make callers pile up without bound.
   * @default 100
   */
  readonly maxQueueLength?: number;
  /**
   * Longest line the splitter keeps; longer garbage is dropped up to the next line end.
   * @default 2048
   */
  readonly maxLineLength?: number;
}

export type ResolvedAtEngineOptions = Required<AtEngineOptions>;

export const AT_ENGINE_DEFAULTS: Omit<ResolvedAtEngineOptions, 'clock'> = {
  commandGapMs: 20,
  recoveryGapMs: 500,
  promptTimeoutMs: 5000,
  maxQueueLength: 100,
  maxLineLength: DEFAULT_MAX_LINE_LENGTH,
};

export function resolveAtEngineOptions(options: AtEngineOptions = {}): ResolvedAtEngineOptions {
  return {
    clock: options.clock ?? systemClock,
    commandGapMs: options.commandGapMs ?? AT_ENGINE_DEFAULTS.commandGapMs,
    recoveryGapMs: options.recoveryGapMs ?? AT_ENGINE_DEFAULTS.recoveryGapMs,
    promptTimeoutMs: options.promptTimeoutMs ?? AT_ENGINE_DEFAULTS.promptTimeoutMs,
    maxQueueLength: options.maxQueueLength ?? AT_ENGINE_DEFAULTS.maxQueueLength,
    maxLineLength: options.maxLineLength ?? AT_ENGINE_DEFAULTS.maxLineLength,
  };
}
