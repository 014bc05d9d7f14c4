import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import {
  JohnnyFivePowerControl,
  type JohnnyFivePowerOptions,
} from '../../../device/modem/power/JohnnyFivePowerControl.js';
import { loadJohnnyFive } from '../../../device/modem/power/johnnyFiveAdapter.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { fakeJohnnyFive, type FakeJohnnyFive } from './FakeJohnnyFive.js';

const PORT = '/dev/serial/by-id/usb-Arduino_Uno_7583-if00';

function setup(
  options: Partial<JohnnyFivePowerOptions> = {},
  fake: FakeJohnnyFive = fakeJohnnyFive(),
) {
  const clock = new ManualClock(0);
  const warnings: string[] = [];
  const logger = {
    debug() {},
    info() {},
    error() {},
    warn: (_o: object, msg: string) => void warnings.push(msg),
  };
  const power = new JohnnyFivePowerControl(
    { port: PORT, relayPin: 7, ...options },
    { clock, loader: async () => fake.module, logger },
  );
  return { clock, fake, power, warnings };
}

describe('loading johnny-five lazily', () => {
  test('a missing module is MODEM_POWER_MODULE_MISSING with the npm install hint', async () => {
    const missing = Object.assign(new Error("Cannot find package 'johnny-five'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const error = await loadJohnnyFive(() => Promise.reject(missing)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'MODEM_POWER_MODULE_MISSING',
      context: { module: 'johnny-five' },
    });
    expect((error as Error).message).toContain('npm install johnny-five');
    expect((error as Error).cause).toBe(missing);
  });

  test('a module that fails to load for another reason is MODEM_POWER_FAILED', async () => {
    const broken = new Error('The module was compiled against a different Node.js version');
    await expect(loadJohnnyFive(() => Promise.reject(broken))).rejects.toMatchObject({
      code: 'MODEM_POWER_FAILED',
    });
  });

  test('the API is found on the namespace or on its CommonJS default export', async () => {
    const { module } = fakeJohnnyFive();
    await expect(loadJohnnyFive(async () => module)).resolves.toBe(module);
    await expect(loadJohnnyFive(async () => ({ default: module }))).resolves.toBe(module);
    await expect(loadJohnnyFive(async () => ({ default: {} }))).rejects.toMatchObject({
      code: 'MODEM_POWER_FAILED',
    });
  });

  test('the real import, without johnny-five installed, reports it missing', async () => {
    // johnny-five is deliberately not in package.json; a developer may have installed it.
    let installed = true;
    try {
      createRequire(import.meta.url).resolve('johnny-five');
    } catch {
      installed = false;
    }
    const outcome = await loadJohnnyFive().then(
      () => 'loaded',
      (e: { code?: string }) => e.code,
    );
    expect(outcome).toBe(installed ? 'loaded' : 'MODEM_POWER_MODULE_MISSING');
  });

  test('constructing the control loads nothing; open() does', async () => {
    const { fake, power } = setup();
    expect(fake.log).toEqual([]);
    await power.open();
    expect(fake.log[0]).toBe(`board ${PORT}`);
  });
});

describe('JohnnyFivePowerControl', () => {
  test('opens the board quietly and feeds the modem from the start', async () => {
    const { fake, power } = setup({ ledPin: 13 });
    await power.open();
    expect(fake.boards[0]?.options).toEqual({
      port: PORT,
      repl: false,
      debug: false,
      sigint: false,
      timeout: 15_000,
    });
    expect(fake.log).toEqual([`board ${PORT}`, 'relay 7 type NC', 'relay 7 close', 'led 13']);
  });

  test('power cycle: opens the relay for offMs, then closes it', async () => {
    const { fake, power, clock } = setup({ offMs: 4000, relayType: 'NO' });
    await power.open();
    fake.log.length = 0;
    let done = false;
    void power.powerCycle().then(() => (done = true));
    await clock.advanceAsync(3999);
    expect(fake.log).toEqual(['relay 7 open']);
    await clock.advanceAsync(1);
    expect(fake.log).toEqual(['relay 7 open', 'relay 7 close']);
    expect(done).toBe(true);
  });

  test('a relay that throws is MODEM_POWER_FAILED and the relay is closed again', async () => {
    const { fake, power } = setup();
    await power.open();
    fake.log.length = 0;
    fake.failRelay = true;
    await expect(power.powerCycle()).rejects.toMatchObject({ code: 'MODEM_POWER_FAILED' });
    expect(fake.log).toEqual(['relay 7 close']);
  });

  test('status LED: on for ok, blinking for degraded, off for down', async () => {
    const { fake, power } = setup({ ledPin: 'A0', blinkMs: 250 });
    await power.setStatusLed('ok');
    await power.setStatusLed('degraded');
    await power.setStatusLed('down');
    expect(fake.log.slice(-6)).toEqual([
      'led A0 stop',
      'led A0 on',
      'led A0 stop',
      'led A0 blink 250',
      'led A0 stop',
      'led A0 off',
    ]);
  });

  test('without a LED pin, setStatusLed does not even connect', async () => {
    const { fake, power } = setup();
    await power.setStatusLed('ok');
    expect(fake.log).toEqual([]);
  });

  test('a board that never gets ready is MODEM_POWER_TIMEOUT; the next call waits for the same board', async () => {
    const fake = fakeJohnnyFive({ autoReady: false });
    const { power, clock } = setup({ connectTimeoutMs: 5000 }, fake);
    let error: unknown;
    power.open().catch((e: unknown) => (error = e));
    await clock.advanceAsync(5000);
    expect(error).toMatchObject({ code: 'MODEM_POWER_TIMEOUT', context: { port: PORT } });
    const retry = power.open();
    await clock.advanceAsync(0);
    fake.boards[0]?.emit('ready');
    await expect(retry).resolves.toBeUndefined();
    // Opening the port twice would find it busy: johnny-five cannot close the first board.
    expect(fake.boards).toHaveLength(1);
  });

  test('a board error while connecting is MODEM_POWER_FAILED and a new board is tried next; after ready an error is logged', async () => {
    const fake = fakeJohnnyFive({ autoReady: false });
    const { power, clock, warnings } = setup({}, fake);
    const opening = power.open();
    await clock.advanceAsync(0);
    fake.boards[0]?.emit('error', new Error('Error: Resource busy'));
    await expect(opening).rejects.toMatchObject({ code: 'MODEM_POWER_FAILED' });
    const second = power.open();
    await clock.advanceAsync(0);
    fake.boards[1]?.emit('ready');
    await second;
    expect(() => fake.boards[1]?.emit('error', new Error('unplugged'))).not.toThrow();
    expect(warnings).toEqual(['Firmata board error']);
  });

  test('close turns the LED off; later calls are refused with MODEM_POWER_CLOSED', async () => {
    const { fake, power } = setup({ ledPin: 13 });
    await power.setStatusLed('degraded');
    await power.close();
    expect(fake.log.slice(-2)).toEqual(['led 13 stop', 'led 13 off']);
    await expect(power.powerCycle()).rejects.toMatchObject({ code: 'MODEM_POWER_CLOSED' });
  });

  test.each([
    { port: '-rf' },
    { port: '/dev/../etc/passwd' },
    { port: 'ttyACM0' },
    { relayPin: 'D13' },
    { relayPin: '13; reboot' },
    { relayPin: 256 },
    { relayType: 'NX' as 'NO' },
    { ledPin: 7 },
    { offMs: -1 },
    { connectTimeoutMs: 10 },
  ])('refuses %o with MODEM_POWER_CONFIG', (bad) => {
    expect(() => setup(bad)).toThrow(expect.objectContaining({ code: 'MODEM_POWER_CONFIG' }));
  });
});
