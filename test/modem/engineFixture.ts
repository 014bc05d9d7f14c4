/**
 * Shared setup for engine tests (STYLE.md §8: `test.extend` fixtures for setup and teardown):
 * a ManualClock, a MemoryTransport with a FakeModem on its far end, an engine on its near
 * end, and the URCs and diagnostics the engine emitted.
 */
import { test as base } from 'vitest';
import type { UrcEvent } from '../../device/modem/at/urcEvents.js';
import { AtEngine, type AtEngineDiagnostic } from '../../device/modem/engine/AtEngine.js';
import type { AtEngineOptions } from '../../device/modem/engine/AtEngineOptions.js';
import { MemoryTransport } from '../../device/modem/transport/MemoryTransport.js';
import { ManualClock } from '../../device/policy/ManualClock.js';
import { FakeModem } from './FakeModem.js';

export interface EngineFixture {
  clock: ManualClock;
  transport: MemoryTransport;
  modem: FakeModem;
  engineOptions: AtEngineOptions;
  engine: AtEngine;
  urcs: UrcEvent[];
  diagnostics: AtEngineDiagnostic[];
}

export const test = base.extend<EngineFixture>({
  // Fixtures must destructure their first argument; `task` is always there.
  clock: async ({ task: _task }, use) => {
    await use(new ManualClock(0));
  },
  transport: async ({ task: _task }, use) => {
    const transport = new MemoryTransport();
    await use(transport);
    await transport.close();
  },
  modem: async ({ transport, clock }, use) => {
    await use(new FakeModem(transport, { clock }));
  },
  // Gaps off by default so most tests need no clock; the gap tests turn them on.
  engineOptions: async ({ task: _task }, use) => {
    await use({ commandGapMs: 0, recoveryGapMs: 0 });
  },
  engine: async ({ transport, clock, engineOptions }, use) => {
    const engine = new AtEngine(transport, { clock, ...engineOptions });
    await use(engine);
    engine.dispose();
  },
  urcs: async ({ engine }, use) => {
    const urcs: UrcEvent[] = [];
    engine.on('urc', (event) => urcs.push(event));
    await use(urcs);
  },
  diagnostics: async ({ engine }, use) => {
    const diagnostics: AtEngineDiagnostic[] = [];
    engine.on('diagnostic', (d) => diagnostics.push(d));
    await use(diagnostics);
  },
});

/** Advance the clock in steps until `promise` settles (or `maxMs` passes); returns its outcome. */
export async function runUntilSettled<T>(
  clock: ManualClock,
  promise: Promise<T>,
  { stepMs = 10, maxMs = 600_000 } = {},
): Promise<{ value?: T; error?: unknown }> {
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  for (let waited = 0; outcome === undefined && waited <= maxMs; waited += stepMs) {
    await clock.advanceAsync(stepMs);
  }
  if (outcome === undefined) throw new Error(`promise still pending after ${maxMs} ms`);
  return outcome;
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}
