import { describe, expect, test as base } from 'vitest';
import {
  GpioPowerControl,
  type GpioPowerOptions,
} from '../../../device/modem/power/GpioPowerControl.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { FakeCommandRunner, VERSION_V2, enoent, outcome } from './FakeCommandRunner.js';

interface Fixture {
  clock: ManualClock;
  runner: FakeCommandRunner;
  make: (options?: Partial<GpioPowerOptions>) => GpioPowerControl;
}

const test = base.extend<Fixture>({
  clock: async ({ task: _task }, use) => {
    await use(new ManualClock(0));
  },
  runner: async ({ clock }, use) => {
    await use(new FakeCommandRunner(clock));
  },
  make: async ({ clock, runner }, use) => {
    await use(
      (options = {}) =>
        new GpioPowerControl({ line: 17, ...options }, { clock, runner: runner.run }),
    );
  },
});

describe('GpioPowerControl with libgpiod 1.6 (Bookworm)', () => {
  test('detects the version once with gpioset --version', async ({ make, runner, clock }) => {
    const power = make();
    await outcome(clock, power.powerCycle());
    await outcome(clock, power.powerCycle());
    expect(runner.calls.filter((c) => c.args[0] === '--version')).toHaveLength(1);
    expect(await power.libgpiodVersion()).toBe(1);
  });

  test('holds the relay energised with --mode=time, then releases it with a second call', async ({
    make,
    runner,
    clock,
  }) => {
    expect(await outcome(clock, make().powerCycle())).toBeUndefined();
    expect(runner.gpiosetArgs()).toEqual([
      '--mode=time --sec=3 --usec=0 gpiochip0 17=1',
      'gpiochip0 17=0',
    ]);
    const [hold, release] = runner.calls.slice(1);
    expect(release!.at - hold!.at).toBe(3000);
    expect(hold!.timeoutMs).toBe(3000 + 5000);
  });

  test('active-low relay boards get the inverted levels', async ({ make, runner, clock }) => {
    await outcome(clock, make({ activeLow: true }).powerCycle());
    expect(runner.gpiosetArgs()).toEqual([
      '--mode=time --sec=3 --usec=0 gpiochip0 17=0',
      'gpiochip0 17=1',
    ]);
  });

  test('splits an off time into whole seconds and microseconds below one second', async ({
    make,
    runner,
    clock,
  }) => {
    await outcome(clock, make({ offMs: 2500 }).powerCycle());
    expect(runner.gpiosetArgs()[0]).toBe('--mode=time --sec=2 --usec=500000 gpiochip0 17=1');
  });

  test('resolves a line name with gpiofind once, since v1 gpioset takes offsets only', async ({
    make,
    runner,
    clock,
  }) => {
    const power = make({ line: 'GPIO17', chip: 'gpiochip4' });
    await outcome(clock, power.powerCycle());
    await outcome(clock, power.powerCycle());
    expect(runner.calls.filter((c) => c.file === 'gpiofind').map((c) => c.args)).toEqual([
      ['GPIO17'],
    ]);
    expect(runner.gpiosetArgs()[0]).toBe('--mode=time --sec=3 --usec=0 gpiochip0 17=1');
  });

  test('a name gpiofind does not know is a MODEM_POWER_CONFIG error', async ({ make, clock }) => {
    const error = await outcome(clock, make({ line: 'RELAY' }).powerCycle());
    expect(error).toMatchObject({
      code: 'MODEM_POWER_CONFIG',
      context: { field: 'line', value: 'RELAY' },
    });
  });
});

describe('GpioPowerControl with libgpiod 2.x (Trixie)', () => {
  test('one gpioset sets, holds for offMs, toggles back and exits (-t <off>ms,0)', async ({
    make,
    runner,
    clock,
  }) => {
    runner.version = VERSION_V2;
    await outcome(clock, make().powerCycle());
    expect(runner.gpiosetArgs()).toEqual(['-c gpiochip0 -t 3000ms,0 17=1']);
  });

  test('active-low and line names go straight into the argv', async ({ make, runner, clock }) => {
    runner.version = VERSION_V2;
    await outcome(clock, make({ line: 'GPIO17', activeLow: true, offMs: 1500 }).powerCycle());
    expect(runner.gpiosetArgs()).toEqual(['-c gpiochip0 -t 1500ms,0 GPIO17=0']);
    expect(runner.calls.some((c) => c.file === 'gpiofind')).toBe(false);
  });

  test('a configured libgpiodVersion skips the detection', async ({ make, runner, clock }) => {
    await outcome(clock, make({ libgpiodVersion: 2 }).powerCycle());
    expect(runner.calls.map((c) => c.args.join(' '))).toEqual(['-c gpiochip0 -t 3000ms,0 17=1']);
  });
});

describe('GpioPowerControl timing and concurrency', () => {
  test('waits the extra boot time, when one is set, before resolving', async ({ make, clock }) => {
    const power = make({ libgpiodVersion: 2, bootWaitMs: 5000 });
    let done = false;
    void power.powerCycle().then(() => (done = true));
    await clock.advanceAsync(7999);
    expect(done).toBe(false);
    await clock.advanceAsync(1);
    expect(done).toBe(true);
  });

  test('two callers at once get one pulse, not two', async ({ make, runner, clock }) => {
    const power = make({ libgpiodVersion: 2 });
    const first = power.powerCycle();
    expect(power.powerCycle()).toBe(first);
    await outcome(clock, first);
    expect(runner.gpiosetArgs()).toHaveLength(1);
  });
});

describe('GpioPowerControl failures', () => {
  test('gpioset missing (ENOENT) is MODEM_POWER_COMMAND_MISSING saying apt install gpiod', async ({
    make,
    runner,
    clock,
  }) => {
    runner.override = (file) => enoent(file);
    const power = make();
    const error = await outcome(clock, power.open());
    expect(error).toMatchObject({
      code: 'MODEM_POWER_COMMAND_MISSING',
      context: { file: 'gpioset' },
    });
    expect((error as Error).message).toContain('apt install gpiod');
    runner.override = () => undefined; // installed meanwhile: detection is tried again
    expect(await outcome(clock, power.open())).toBeUndefined();
  });

  test('a non-zero exit is MODEM_POWER_FAILED carrying stderr', async ({ make, runner, clock }) => {
    runner.override = (_file, args) =>
      args[0] === '--version'
        ? undefined
        : {
            code: 1,
            stdout: '',
            stderr:
              "gpioset: unable to request lines on chip '/dev/gpiochip0': Permission denied\n",
          };
    const error = await outcome(clock, make().powerCycle());
    expect(error).toMatchObject({
      code: 'MODEM_POWER_FAILED',
      context: { exitCode: 1, stderr: expect.stringContaining('Permission denied') },
    });
    expect((error as Error).message).toContain('group gpio');
  });

  test('a gpioset that never returns times out after the hold plus the command timeout, then the line is released', async ({
    make,
    runner,
    clock,
  }) => {
    runner.override = (_file, args) => (args.includes('--mode=time') ? 'hang' : undefined);
    const power = make({ commandTimeoutMs: 2000 });
    let error: unknown;
    power.powerCycle().catch((e: unknown) => (error = e));
    await clock.advanceAsync(4999);
    expect(runner.gpiosetArgs()).toHaveLength(1);
    await clock.advanceAsync(1);
    expect(error).toMatchObject({ code: 'MODEM_POWER_TIMEOUT', context: { timeoutMs: 5000 } });
    expect(runner.gpiosetArgs().at(-1)).toBe('gpiochip0 17=0');
  });

  test('the runner killing gpioset for its timeout (ETIMEDOUT) is MODEM_POWER_TIMEOUT too', async ({
    make,
    runner,
    clock,
  }) => {
    runner.override = () => ({ reject: Object.assign(new Error('killed'), { code: 'ETIMEDOUT' }) });
    expect(await outcome(clock, make().open())).toMatchObject({ code: 'MODEM_POWER_TIMEOUT' });
  });

  test('unreadable version output asks for libgpiodVersion', async ({ make, runner, clock }) => {
    runner.version = 'gpioset: unknown\n';
    const error = await outcome(clock, make().open());
    expect(error).toMatchObject({ code: 'MODEM_POWER_FAILED' });
    expect((error as Error).message).toContain('libgpiodVersion');
  });

  test.each([
    { chip: '-c' },
    { chip: 'gpiochip0; rm -rf /' },
    { chip: '/dev/../dev/gpiochip0' },
    { chip: '$(reboot)' },
    { line: '17=0' },
    { line: '-t' },
    { line: '--mode=signal' },
    { line: 'GPIO17 18=1' },
    { line: '"GPIO17"' },
    { line: ' 17' },
    { line: 1024 },
    { line: -1 },
    { line: 1.5 },
    { line: Number.NaN },
    { line: {} as unknown as string },
    { offMs: 10 },
    { offMs: 3.5 },
    { statusLed: { line: 17 } },
    { libgpiodVersion: 3 as 2 },
  ])('refuses %o with MODEM_POWER_CONFIG before running anything', ({ ...bad }) => {
    const runner = new FakeCommandRunner(new ManualClock());
    expect(() => new GpioPowerControl({ line: 17, ...bad }, { runner: runner.run })).toThrow(
      expect.objectContaining({ code: 'MODEM_POWER_CONFIG' }),
    );
    expect(runner.calls).toEqual([]);
  });
});

describe('GpioPowerControl status LED', () => {
  test('on for ok, off for down; levels follow the LED activeLow', async ({
    make,
    runner,
    clock,
  }) => {
    const power = make({ libgpiodVersion: 2, statusLed: { line: 27 } });
    await power.setStatusLed('ok');
    await power.setStatusLed('down');
    const inverted = make({ libgpiodVersion: 1, statusLed: { line: 22, activeLow: true } });
    await inverted.setStatusLed('ok');
    expect(runner.gpiosetArgs()).toEqual([
      '-c gpiochip0 -t 0 27=1',
      '-c gpiochip0 -t 0 27=0',
      'gpiochip0 22=0',
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  test('blinks while degraded, one gpioset per change, and stops on the next state', async ({
    make,
    runner,
    clock,
  }) => {
    const power = make({ libgpiodVersion: 2, statusLed: { line: 27 }, blinkMs: 1000 });
    await power.setStatusLed('degraded');
    await clock.advanceAsync(3000);
    await power.setStatusLed('ok');
    await clock.advanceAsync(5000);
    expect(runner.gpiosetArgs().map((a) => a.slice(-4))).toEqual([
      '27=1',
      '27=0',
      '27=1',
      '27=0',
      '27=1',
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  test('without an LED configured, setStatusLed runs nothing', async ({ make, runner }) => {
    await make().setStatusLed('degraded');
    expect(runner.calls).toEqual([]);
  });

  test('close turns the LED off and later calls are refused with MODEM_POWER_CLOSED', async ({
    make,
    runner,
  }) => {
    const power = make({ libgpiodVersion: 2, statusLed: { line: 27 } });
    await power.setStatusLed('degraded');
    await power.close();
    expect(runner.gpiosetArgs().at(-1)).toBe('-c gpiochip0 -t 0 27=0');
    await expect(power.powerCycle()).rejects.toMatchObject({ code: 'MODEM_POWER_CLOSED' });
    await expect(power.setStatusLed('ok')).rejects.toMatchObject({ code: 'MODEM_POWER_CLOSED' });
  });
});
