/**
 * The driver against the simulated modem (device/modem/sim/) in memory, on a ManualClock:
 * a second, independently written modem model, so the driver is not only right about the
 * fake it was written with.
 */
import { describe, expect, onTestFinished, test } from 'vitest';
import { MemoryTransport } from '../../../device/modem/transport/MemoryTransport.js';
import { ModemDriver } from '../../../device/modem/driver/ModemDriver.js';
import type {
  InboundMessage,
  StatusReportEvent,
} from '../../../device/modem/driver/ModemDriverEvents.js';
import {
  SimulatedModem,
  connectMemoryTransport,
  type SimProfileName,
  type SimulatedModemOptions,
} from '../../../device/modem/sim/index.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { encodeSubmit } from '../../../device/sms/pdu/index.js';
import { prepareText } from '../../../device/sms/prepareText.js';
import { getProfile } from '../../../device/sms/profiles/profiles.js';
import { runUntilSettled } from '../engineFixture.js';
import { FAST_OPTIONS } from './driverHarness.js';

function setup(options: SimulatedModemOptions & { pin?: string } = {}) {
  const clock = new ManualClock(Date.parse('2026-11-21T10:00:00Z'));
  const sim = new SimulatedModem({ clock, bootDelayMs: 0, chatterIntervalMs: 0, ...options });
  let disconnect: (() => void) | undefined;
  const driver = new ModemDriver({
    clock,
    ...(options.pin === undefined ? {} : { pin: options.pin }),
    transportFactory: async () => {
      disconnect?.();
      const transport = new MemoryTransport();
      disconnect = connectMemoryTransport(sim, transport);
      return transport;
    },
    recovery: false,
    options: FAST_OPTIONS,
  });
  onTestFinished(async () => {
    await driver.stop();
    disconnect?.();
    sim.stop();
  });
  const settle = async <T>(promise: Promise<T>): Promise<T> => {
    const outcome = await runUntilSettled(clock, promise, { stepMs: 50, maxMs: 120_000 });
    if ('error' in outcome) throw outcome.error;
    return outcome.value as T;
  };
  return { clock, sim, driver, settle };
}

function submitPdus(text: string, statusReport = false): { hex: string; length: number }[] {
  const prepared = prepareText(text, getProfile('generic'));
  return encodeSubmit({
    recipient: '+33612345678',
    segmentation: prepared.segmentation,
    charset: prepared.charset,
    statusReport,
    concatRef: 3,
  }).map(({ hex, length }) => ({ hex, length }));
}

describe.each(['sim800', 'quectel', 'huawei', 'generic'] as SimProfileName[])(
  'ModemDriver on the simulated %s',
  (profile) => {
    test('starts with the SIM PIN, sends a multipart message, gets its status reports', async () => {
      const { sim, driver, settle, clock } = setup({
        profile,
        pin: '4321',
        statusReportDelayMs: 1_000,
      });
      const identity = await settle(driver.start());
      expect(identity.manufacturer).toBe(sim.options.profile.manufacturer);
      const reports: StatusReportEvent[] = [];
      driver.on('statusReport', (r) => reports.push(r));
      const result = await settle(driver.sendMessage(submitPdus('y'.repeat(300), true)));
      expect(result.parts.map((p) => p.ok)).toEqual([true, true]);
      expect(result.parts.map((p) => (p.ok ? p.mr : -1))).toEqual(sim.sent.map((s) => s.mr));
      await clock.advanceAsync(2_000);
      await settle(Promise.resolve());
      expect(reports.map((r) => r.messageReference).sort()).toEqual(
        sim.sent.map((s) => s.mr).sort(),
      );
      expect(reports.every((r) => r.status.category === 'delivered')).toBe(true);
    });

    test('inbound SMS reach the handler and leave the SIM; a reboot is followed by re-init', async () => {
      const { sim, driver, settle, clock } = setup({ profile });
      await settle(driver.start());
      const seen: InboundMessage[] = [];
      driver.onInbound(async (m) => void seen.push(m));
      sim.deliver({ from: '+33698765432', text: 'STOP' });
      await clock.advanceAsync(100);
      expect(seen.map((m) => m.message.text)).toEqual(['STOP']);
      expect(sim.storage.used).toBe(0);

      const reboots: string[] = [];
      driver.on('reboot-detected', ({ line }) => reboots.push(line));
      sim.reboot();
      await clock.advanceAsync(5_000);
      expect(reboots).toHaveLength(1);
      expect(driver.state).toBe('ready');
      sim.deliver({ from: '+33698765432', text: 'START' });
      await clock.advanceAsync(100);
      expect(seen.map((m) => m.message.text)).toEqual(['STOP', 'START']);
    });
  },
);
