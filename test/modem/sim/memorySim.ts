/**
 * The simulated modem on a MemoryTransport with a ManualClock, an AtEngine as the host: the
 * fast path for testing the AT interpreter (no pty, no real time). Cleanup is registered with
 * `onTestFinished`, so a test only asks for what it needs.
 */
import { onTestFinished } from 'vitest';
import type { UrcEvent } from '../../../device/modem/at/urcEvents.js';
import type { AtCommand, AtResponse } from '../../../device/modem/engine/AtCommand.js';
import { AtEngine, type AtEngineDiagnostic } from '../../../device/modem/engine/AtEngine.js';
import { MemoryTransport } from '../../../device/modem/transport/MemoryTransport.js';
import {
  SimulatedModem,
  connectMemoryTransport,
  type SimulatedModemOptions,
} from '../../../device/modem/sim/index.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { encodeSubmit } from '../../../device/sms/pdu/index.js';
import { segmentText } from '../../../device/sms/segmenter.js';
import { runUntilSettled } from '../engineFixture.js';

export const START = Date.parse('2026-11-21T10:00:00Z');

export interface MemorySim {
  clock: ManualClock;
  transport: MemoryTransport;
  sim: SimulatedModem;
  engine: AtEngine;
  urcs: UrcEvent[];
  diagnostics: AtEngineDiagnostic[];
  /** Sends a command and advances the clock until it settles. */
  at(command: string, extra?: Partial<AtCommand>): Promise<{ value?: AtResponse; error?: unknown }>;
  /** AT+CMGS of one SMS-SUBMIT of `text`. */
  sendSms(
    text: string,
    options?: { to?: string; statusReport?: boolean; lengthDelta?: number },
  ): Promise<{ value?: AtResponse; error?: unknown }>;
}

/** A booted sim (bootDelayMs 0) with its boot lines already seen by the engine. */
export function createMemorySim(options: SimulatedModemOptions = {}): MemorySim {
  const clock = new ManualClock(START);
  const transport = new MemoryTransport();
  const engine = new AtEngine(transport, { clock, commandGapMs: 0, recoveryGapMs: 0 });
  const urcs: UrcEvent[] = [];
  const diagnostics: AtEngineDiagnostic[] = [];
  engine.on('urc', (event) => urcs.push(event));
  engine.on('diagnostic', (event) => diagnostics.push(event));
  const sim = new SimulatedModem({ clock, bootDelayMs: 0, chatterIntervalMs: 0, ...options });
  const disconnect = connectMemoryTransport(sim, transport);
  clock.advance(0);
  onTestFinished(() => {
    engine.dispose();
    disconnect();
    sim.stop();
  });
  const at: MemorySim['at'] = (command, extra = {}) =>
    runUntilSettled(clock, engine.send({ command, timeoutMs: 5_000, ...extra }));
  const sendSms: MemorySim['sendSms'] = (
    text,
    { to = '+33612345678', statusReport = false, lengthDelta = 0 } = {},
  ) => {
    const [pdu] = encodeSubmit({ recipient: to, segmentation: segmentText(text), statusReport });
    if (pdu === undefined) throw new Error('no PDU');
    return at(`AT+CMGS=${pdu.length + lengthDelta}`, {
      expectPrompt: true,
      payload: pdu.hex,
      timeoutMs: 30_000,
    });
  };
  return { clock, transport, sim, engine, urcs, diagnostics, at, sendSms };
}

/** The `code` and `atCode` of a GatewayError, for compact assertions. */
export function codeOf(error: unknown): { code?: string; atCode?: unknown } {
  const e = error as { code?: string; context?: { atCode?: unknown } } | undefined;
  return { code: e?.code, atCode: e?.context?.atCode };
}
