/**
 * A ModemDriver on a DriverFakeModem over a MemoryTransport, all on one ManualClock, with
 * every event the driver emits recorded in order. Options are shortened so the bounded waits
 * end within a few virtual seconds; tests never sleep (STYLE.md §8).
 */
import { ModemDriver, type ModemDriverConfig } from '../../../device/modem/driver/ModemDriver.js';
import type { ModemDriverEvents } from '../../../device/modem/driver/ModemDriverEvents.js';
import type { ModemDriverOptions } from '../../../device/modem/driver/ModemDriverOptions.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { runUntilSettled } from '../engineFixture.js';
import { DriverFakeModem, type DriverFakeModemOptions } from './DriverFakeModem.js';

export const FAST_OPTIONS: ModemDriverOptions = {
  engine: { commandGapMs: 0, recoveryGapMs: 0, promptTimeoutMs: 1_000 },
  probeAttempts: 3,
  probeIntervalMs: 100,
  simPollIntervalMs: 100,
  simReadyTimeoutMs: 2_000,
  smsReadyTimeoutMs: 2_000,
  smsRetryIntervalMs: 100,
  registrationTimeoutMs: 5_000,
  registrationPollIntervalMs: 500,
  sendTimeoutMs: 10_000,
  rebootSettleMs: 500,
  healthIntervalMs: 60_000,
  sweepIntervalMs: 600_000,
  inboundHandlerTimeoutMs: 5_000,
  bootWaitMs: 500,
};

export type RecordedEvent = {
  [K in keyof ModemDriverEvents]: { name: K; args: ModemDriverEvents[K] };
}[keyof ModemDriverEvents];

export interface Harness {
  readonly clock: ManualClock;
  readonly fake: DriverFakeModem;
  readonly driver: ModemDriver;
  readonly events: RecordedEvent[];
  /** Payloads of one event type, in order. */
  of<K extends keyof ModemDriverEvents>(name: K): ModemDriverEvents[K][0][];
  /** Advance virtual time until `promise` settles; returns its value or throws its error. */
  settle<T>(promise: Promise<T>, maxMs?: number): Promise<T>;
  /** Advance virtual time by `ms`, letting promise callbacks run between timers. */
  advance(ms: number): Promise<void>;
}

export interface HarnessOptions {
  readonly fake?: Omit<DriverFakeModemOptions, 'clock'>;
  readonly driver?: Partial<Omit<ModemDriverConfig, 'options'>>;
  readonly options?: ModemDriverOptions;
}

const EVENT_NAMES: readonly (keyof ModemDriverEvents)[] = [
  'state',
  'health',
  'registration',
  'inbound',
  'statusReport',
  'reboot-detected',
  'storage-full',
  'undecodable',
  'late-mr',
  'recovery',
  'failed',
];

export function makeHarness(setup: HarnessOptions = {}): Harness {
  const clock = new ManualClock(Date.parse('2025-03-10T09:00:00Z'));
  const fake = new DriverFakeModem({ clock, ...setup.fake });
  const driver = new ModemDriver({
    transportFactory: async () => fake.open(),
    clock,
    recovery: false,
    ...setup.driver,
    options: { ...FAST_OPTIONS, ...setup.options },
  });
  const events: RecordedEvent[] = [];
  for (const name of EVENT_NAMES) {
    driver.on(name, (...args: unknown[]) => events.push({ name, args } as RecordedEvent));
  }
  return {
    clock,
    fake,
    driver,
    events,
    of: (name) => events.filter((e) => e.name === name).map((e) => e.args[0]) as never[],
    async settle<T>(promise: Promise<T>, maxMs = 120_000): Promise<T> {
      const outcome = await runUntilSettled(clock, promise, { stepMs: 50, maxMs });
      if ('error' in outcome) throw outcome.error;
      return outcome.value as T;
    },
    async advance(ms: number): Promise<void> {
      await clock.advanceAsync(ms);
    },
  };
}

/** Start the driver and wait for `ready`. */
export async function started(setup: HarnessOptions = {}): Promise<Harness> {
  const h = makeHarness(setup);
  await h.settle(h.driver.start());
  return h;
}

/** The error a promise rejects with (driven by the harness clock). */
export async function failure(h: Harness, promise: Promise<unknown>): Promise<unknown> {
  try {
    await h.settle(promise);
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
