import { describe, expect, test } from 'vitest';
import type { PowerControl } from '../../../device/modem/power/PowerControl.js';
import { failure, makeHarness, type Harness } from './driverHarness.js';

/** A switch that makes the fake modem ignore every command (a hung firmware). */
function mute(h: Harness): { on: () => void; off: () => void } {
  let muted = false;
  h.fake.modem.use({ name: 'mute', matches: () => muted, respond: () => undefined });
  return { on: () => (muted = true), off: () => (muted = false) };
}

async function recoverable(setup: Parameters<typeof makeHarness>[0] = {}): Promise<Harness> {
  const h = makeHarness({
    ...setup,
    driver: { recovery: { random: () => 0.5 }, ...setup.driver },
    options: { commandTimeoutMs: 2_000, simCommandTimeoutMs: 2_000, ...setup.options },
  });
  await h.settle(h.driver.start());
  return h;
}

describe('recovery: the ladder runs when the modem stops answering', () => {
  test('two timeouts in a row → ESC + AT works → initialised again → ready', async () => {
    const h = await recoverable();
    // Hung in text input (a half-written AT+CMGS): deaf until ESC arrives (27.005 §3.5.1).
    const escapes = h.fake.modem.escapes;
    h.fake.modem.use({
      name: 'deaf until ESC',
      matches: () => h.fake.modem.escapes === escapes,
      respond: () => undefined,
    });
    await failure(h, h.driver.readHealth());
    await failure(h, h.driver.readHealth());
    await h.advance(10_000);
    expect(h.driver.state).toBe('ready');
    expect(h.of('recovery')).toMatchObject([
      { phase: 'started', reason: 'timeouts' },
      { phase: 'succeeded', rung: 'escapeAndProbe' },
    ]);
    expect(h.fake.modem.escapes).toBeGreaterThanOrEqual(1);
    expect(h.of('state')).toContain('recovering');
  });

  test('sends are refused while recovering, with MODEM_NOT_READY', async () => {
    const h = await recoverable();
    const modem = mute(h);
    modem.on();
    await failure(h, h.driver.readHealth());
    await failure(h, h.driver.readHealth());
    expect(h.driver.state).toBe('recovering');
    const error = await failure(h, h.driver.sendPdu({ hex: `00${'11'.repeat(12)}`, length: 12 }));
    expect(error).toMatchObject({ code: 'MODEM_NOT_READY', context: { state: 'recovering' } });
  });

  test('no rung helps → failed (MODEM_UNRECOVERABLE); the ladder retries and brings it back', async () => {
    const h = await recoverable();
    const modem = mute(h);
    modem.on();
    await failure(h, h.driver.readHealth());
    await failure(h, h.driver.readHealth());
    await h.advance(150_000); // every rung runs out (no power control: that rung is skipped)
    expect(h.driver.state).toBe('failed');
    expect(h.of('failed')).toMatchObject([{ code: 'MODEM_UNRECOVERABLE' }]);
    modem.off();
    await h.advance(60_000); // the ladder's retry (30 s with jitter) finds it answering
    expect(h.driver.state).toBe('ready');
    expect(h.of('recovery').at(-1)).toMatchObject({ phase: 'succeeded', reason: 'retry' });
  });

  test('the port vanishing (USB unplugged) → reopened through the transport factory', async () => {
    const h = await recoverable();
    const first = h.fake.link;
    first?.drop(new Error('USB disconnected'));
    await h.advance(30_000);
    expect(h.driver.state).toBe('ready');
    expect(h.fake.link).not.toBe(first);
    expect(h.of('recovery')).toMatchObject([
      { phase: 'started', reason: 'closed' },
      { phase: 'succeeded', rung: 'reopenPort' },
    ]);
  });

  test('the power-cycle rung uses the PowerControl when it can', async () => {
    let cycles = 0;
    const power: PowerControl = {
      kind: 'gpio',
      canPowerCycle: true,
      powerCycle: async () => {
        cycles++;
        hang.modem?.off();
      },
      setStatusLed: async () => undefined,
      close: async () => undefined,
    };
    const hang: { modem?: { on: () => void; off: () => void } } = {};
    const h = await recoverable({ driver: { powerControl: power } });
    hang.modem = mute(h);
    hang.modem.on();
    await failure(h, h.driver.readHealth());
    await failure(h, h.driver.readHealth());
    await h.advance(150_000);
    expect(cycles).toBe(1);
    expect(h.driver.state).toBe('ready');
    expect(h.of('recovery').at(-1)).toMatchObject({ phase: 'succeeded', rung: 'powerCycle' });
  });

  test('with recovery off (the CLI), timeouts only fail the commands', async () => {
    const h = makeHarness({ options: { commandTimeoutMs: 2_000, simCommandTimeoutMs: 2_000 } });
    await h.settle(h.driver.start());
    const modem = mute(h);
    modem.on();
    await failure(h, h.driver.readHealth());
    await failure(h, h.driver.readHealth());
    expect(h.driver.state).toBe('ready');
    expect(h.of('recovery')).toEqual([]);
  });
});
