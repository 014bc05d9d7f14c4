import { describe, expect, test } from 'vitest';
import {
  createPowerControl,
  parsePowerConfig,
} from '../../../device/modem/power/createPowerControl.js';
import { GpioPowerControl } from '../../../device/modem/power/GpioPowerControl.js';
import { JohnnyFivePowerControl } from '../../../device/modem/power/JohnnyFivePowerControl.js';
import { NoPowerControl } from '../../../device/modem/power/NoPowerControl.js';
import { isPowerError } from '../../../device/modem/power/powerErrors.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { FakeCommandRunner, VERSION_V2, enoent } from './FakeCommandRunner.js';
import { fakeJohnnyFive } from './FakeJohnnyFive.js';

describe('createPowerControl', () => {
  test('no configuration, or kind none, gives a control the ladder skips', async () => {
    for (const config of [undefined, { kind: 'none' }]) {
      const power = await createPowerControl(config);
      expect(power).toBeInstanceOf(NoPowerControl);
      expect(power.canPowerCycle).toBe(false);
      await expect(power.setStatusLed('down')).resolves.toBeUndefined();
      await expect(power.powerCycle()).rejects.toMatchObject({ code: 'MODEM_POWER_FAILED' });
    }
  });

  test('gpio: builds the control and detects libgpiod at once', async () => {
    const runner = new FakeCommandRunner(new ManualClock());
    runner.version = VERSION_V2;
    const power = await createPowerControl(
      { kind: 'gpio', chip: 'gpiochip0', line: 'GPIO17', activeLow: true, statusLed: { line: 27 } },
      { runner: runner.run },
    );
    expect(power).toBeInstanceOf(GpioPowerControl);
    expect(runner.calls.map((c) => `${c.file} ${c.args.join(' ')}`)).toEqual(['gpioset --version']);
    expect(await (power as GpioPowerControl).libgpiodVersion()).toBe(2);
  });

  test('gpio without gpioset installed fails at startup with MODEM_POWER_COMMAND_MISSING', async () => {
    const runner = new FakeCommandRunner(new ManualClock());
    runner.override = (file) => enoent(file);
    await expect(
      createPowerControl({ kind: 'gpio', line: 17 }, { runner: runner.run }),
    ).rejects.toMatchObject({
      code: 'MODEM_POWER_COMMAND_MISSING',
    });
  });

  test('johnny-five: loads the module through the loader and connects', async () => {
    const fake = fakeJohnnyFive();
    const power = await createPowerControl(
      { kind: 'johnny-five', port: '/dev/ttyACM0', relayPin: 7, ledPin: 13 },
      { loadJohnnyFive: async () => fake.module, clock: new ManualClock() },
    );
    expect(power).toBeInstanceOf(JohnnyFivePowerControl);
    expect(fake.log).toContain('relay 7 close');
  });

  test('johnny-five not installed fails at startup with MODEM_POWER_MODULE_MISSING', async () => {
    const missing = Object.assign(new Error('not found'), { code: 'ERR_MODULE_NOT_FOUND' });
    await expect(
      createPowerControl(
        { kind: 'johnny-five', port: '/dev/ttyACM0', relayPin: 7 },
        { loadJohnnyFive: () => Promise.reject(missing) },
      ),
    ).rejects.toMatchObject({ code: 'MODEM_POWER_MODULE_MISSING' });
  });
});

describe('parsePowerConfig', () => {
  test.each([
    [null, 'power'],
    ['gpio', 'power'],
    [[], 'power'],
    [{}, 'kind'],
    [{ kind: 'relay' }, 'kind'],
    [{ kind: 'gpio', line: 17, activelow: true }, 'activelow'],
    [{ kind: 'gpio', line: 17, activeLow: 'yes' }, 'activeLow'],
    [{ kind: 'gpio', line: 17, port: '/dev/ttyACM0' }, 'port'],
    [{ kind: 'gpio', line: 17, statusLed: 27 }, 'statusLed'],
    [{ kind: 'gpio', line: 17, statusLed: { line: 27, activeLow: 1 } }, 'statusLed.activeLow'],
    [{ kind: 'none', line: 17 }, 'line'],
    [{ kind: 'johnny-five', port: '/dev/ttyACM0', relayPin: 7, chip: 'gpiochip0' }, 'chip'],
  ])('refuses %j with MODEM_POWER_CONFIG naming %s', (config, field) => {
    let error: unknown;
    try {
      parsePowerConfig(config);
    } catch (e) {
      error = e;
    }
    expect(isPowerError(error, 'MODEM_POWER_CONFIG')).toBe(true);
    expect(error).toMatchObject({ context: { field } });
  });

  test('bad values are refused by the control they configure, before anything runs', async () => {
    await expect(createPowerControl({ kind: 'gpio', line: '17; reboot' })).rejects.toMatchObject({
      code: 'MODEM_POWER_CONFIG',
      context: { field: 'line' },
    });
  });
});
