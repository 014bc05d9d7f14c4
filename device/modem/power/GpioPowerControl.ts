/**
 * Power-cycles the modem through a relay on a Raspberry Pi GPIO line, with libgpiod's
 * `gpioset` (package `gpiod`), the supported way on current Raspberry Pi OS (the sysfs
 * interface is deprecated). See docs/modem-recovery.md for the wiring and the permissions.
 *
 * Power is cut by driving the line *active* (relay energised) for `offMs`, then released
 * to inactive. Wire the modem's supply through the relay's normally-closed contact: the
 * modem is then powered whenever the relay is idle, including while gsmgate is not running
 * and after gpioset has exited (libgpiod does not promise a line keeps its value then).
 */
import { systemClock, type Clock, type TimerHandle } from '../../policy/Clock.js';
import { safeLogger, type ModemLogger } from '../ModemLogger.js';
import { execFileRunner, type CommandResult, type CommandRunner } from './CommandRunner.js';
import { clip, runTool } from './runTool.js';
import {
  checkChip,
  checkLine,
  parseGpiofind,
  parseGpiosetVersion,
  pulseCalls,
  sameLine,
  setCall,
  type GpioLine,
  type GpioTarget,
  type GpiosetCall,
  type LibgpiodMajor,
} from './gpiosetArgs.js';
import type { PowerControl, StatusLedState } from './PowerControl.js';
import { checkMs, configError, powerError } from './powerErrors.js';

export interface GpioPowerOptions {
  /**
   * The GPIO chip of the header pins: `gpiochip0` on a Pi 1–4; on a Pi 5 it depends on the
   * kernel (`gpiochip4` on early ones): `gpioinfo` shows which chip has `GPIO17`.
   * @default 'gpiochip0'
   */
  readonly chip?: string;
  /** The relay's line: offset (17) or name (`GPIO17`). */
  readonly line: number | string;
  /** The relay energises on a low level (most opto-isolated relay boards). @default false */
  readonly activeLow?: boolean;
  /** How long power stays cut; modems need their capacitors drained. @default 3000 */
  readonly offMs?: number;
  /**
   * Extra wait after power is back before powerCycle() resolves. The driver already waits
   * for the boot (its own `bootWaitMs`) before probing; raise this only for a modem that
   * needs longer than that. @default 0
   */
  readonly bootWaitMs?: number;
  /** An LED showing the gateway's state (on: ok, blinking: degraded, off: down). */
  readonly statusLed?: { readonly line: number | string; readonly activeLow?: boolean };
  /** Half-period of the degraded blink. Each change runs gpioset once. @default 1000 */
  readonly blinkMs?: number;
  /** Bound of each gpioset run, on top of any hold. @default 5000 */
  readonly commandTimeoutMs?: number;
  /** Skip `gpioset --version` and use this major. @default detected once */
  readonly libgpiodVersion?: LibgpiodMajor;
}

export interface PowerDeps {
  /** @default execFileRunner (child_process.execFile, no shell) */
  readonly runner?: CommandRunner;
  /** @default systemClock */
  readonly clock?: Clock;
  /** @default silent */
  readonly logger?: ModemLogger;
}

const GPIOSET = 'gpioset';
const GPIOFIND = 'gpiofind';

interface LineConfig {
  readonly line: GpioLine;
  readonly activeLow: boolean;
}

export class GpioPowerControl implements PowerControl {
  readonly kind = 'gpio';
  readonly canPowerCycle = true;
  readonly #chip: string;
  readonly #power: LineConfig;
  readonly #led: LineConfig | undefined;
  readonly #offMs: number;
  readonly #bootWaitMs: number;
  readonly #blinkMs: number;
  readonly #timeoutMs: number;
  readonly #run: CommandRunner;
  readonly #clock: Clock;
  readonly #log: ModemLogger;
  #major: Promise<LibgpiodMajor> | undefined;
  readonly #targets = new Map<GpioLine, Promise<GpioTarget>>();
  #cycle: Promise<void> | undefined;
  #ledChain: Promise<void> = Promise.resolve();
  #ledBusy = false;
  #blink: { timer: TimerHandle; lit: boolean; failed: boolean } | undefined;
  #closed = false;

  constructor(options: GpioPowerOptions, deps: PowerDeps = {}) {
    this.#chip = checkChip(options.chip ?? 'gpiochip0');
    this.#power = { line: checkLine(options.line), activeLow: options.activeLow === true };
    if (options.statusLed !== undefined) {
      const line = checkLine(options.statusLed.line, 'statusLed.line');
      if (sameLine(line, this.#power.line)) {
        throw configError(
          'statusLed.line',
          options.statusLed.line,
          'must differ from the relay line',
        );
      }
      this.#led = { line, activeLow: options.statusLed.activeLow === true };
    }
    this.#offMs = checkMs('offMs', options.offMs, 3000, 100);
    this.#bootWaitMs = checkMs('bootWaitMs', options.bootWaitMs, 0);
    this.#blinkMs = checkMs('blinkMs', options.blinkMs, 1000, 200);
    this.#timeoutMs = checkMs('commandTimeoutMs', options.commandTimeoutMs, 5000, 100);
    const version = options.libgpiodVersion;
    if (version !== undefined && version !== 1 && version !== 2) {
      throw configError('libgpiodVersion', version, 'must be 1 or 2');
    }
    if (version !== undefined) this.#major = Promise.resolve(version);
    this.#run = deps.runner ?? execFileRunner;
    this.#clock = deps.clock ?? systemClock;
    this.#log = safeLogger(deps.logger);
  }

  /** Detects libgpiod now, so a missing `gpioset` shows at startup rather than mid-recovery. */
  async open(): Promise<void> {
    await this.libgpiodVersion();
  }

  /** The libgpiod major, from `gpioset --version` once; a failed detection is retried next time. */
  libgpiodVersion(): Promise<LibgpiodMajor> {
    this.#major ??= this.#detect().catch((error: unknown) => {
      this.#major = undefined;
      throw error;
    });
    return this.#major;
  }

  powerCycle(): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    // Two callers asking at once get one pulse, not two back to back.
    this.#cycle ??= this.#pulse().finally(() => (this.#cycle = undefined));
    return this.#cycle;
  }

  async setStatusLed(state: StatusLedState): Promise<void> {
    if (this.#closed) throw closedError();
    if (!this.#led) return;
    this.#stopBlink();
    if (state === 'degraded') this.#startBlink();
    await this.#setLed(state === 'ok' || state === 'degraded');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#stopBlink();
    if (this.#led) await this.#setLed(false).catch(() => undefined);
    this.#closed = true;
  }

  async #pulse(): Promise<void> {
    const major = await this.libgpiodVersion();
    const target = await this.#target(major, this.#power.line);
    const cut = activeLevel(this.#power.activeLow);
    this.#log.info(
      { chip: target.chip, line: target.line, offMs: this.#offMs },
      'cutting modem power',
    );
    try {
      for (const call of pulseCalls(major, target, cut, this.#offMs)) await this.#gpioset(call);
    } catch (error) {
      // The line may have been left active (relay energised, modem off): release it once more.
      const release = setCall(major, target, cut === 1 ? 0 : 1);
      await this.#gpioset(release).catch((again: unknown) =>
        this.#log.error({ err: again }, 'could not release the relay line'),
      );
      throw error;
    }
    this.#log.info({ bootWaitMs: this.#bootWaitMs }, 'modem power restored');
    if (this.#bootWaitMs > 0) {
      await new Promise<void>((resolve) => this.#clock.setTimeout(resolve, this.#bootWaitMs));
    }
  }

  #setLed(lit: boolean): Promise<void> {
    const led = this.#led;
    if (!led) return Promise.resolve();
    const level = lit ? activeLevel(led.activeLow) : activeLevel(!led.activeLow);
    // One gpioset at a time on the LED line: a second would find it busy (EBUSY).
    const next = this.#ledChain.then(async () => {
      this.#ledBusy = true;
      try {
        const major = await this.libgpiodVersion();
        await this.#gpioset(setCall(major, await this.#target(major, led.line), level));
      } finally {
        this.#ledBusy = false;
      }
    });
    this.#ledChain = next.catch(() => undefined);
    return next;
  }

  #startBlink(): void {
    const tick = (): void => {
      const blink = this.#blink;
      if (!blink) return;
      blink.timer = this.#clock.setTimeout(tick, this.#blinkMs);
      // A slow gpioset skips a beat rather than queueing a backlog of toggles.
      if (this.#ledBusy) return;
      blink.lit = !blink.lit;
      this.#setLed(blink.lit).catch((error: unknown) => {
        if (!blink.failed) this.#log.warn({ err: error }, 'status LED blink failed');
        blink.failed = true;
      });
    };
    this.#blink = { timer: this.#clock.setTimeout(tick, this.#blinkMs), lit: true, failed: false };
  }

  #stopBlink(): void {
    if (this.#blink) this.#clock.clearTimeout(this.#blink.timer);
    this.#blink = undefined;
  }

  /** v2 takes names as they are; v1 only takes offsets, so a name goes through gpiofind once. */
  #target(major: LibgpiodMajor, line: GpioLine): Promise<GpioTarget> {
    if ('offset' in line) return Promise.resolve({ chip: this.#chip, line: String(line.offset) });
    if (major === 2) return Promise.resolve({ chip: this.#chip, line: line.name });
    let found = this.#targets.get(line);
    if (!found) {
      found = this.#exec(GPIOFIND, [line.name], this.#timeoutMs).then((result) => {
        const target = result.code === 0 ? parseGpiofind(result.stdout) : undefined;
        if (!target) {
          throw powerError(
            'MODEM_POWER_CONFIG',
            `gpiofind does not know a line named ${line.name}`,
            {
              field: 'line',
              value: line.name,
              exitCode: result.code,
              stderr: clip(result.stderr),
            },
          );
        }
        return target;
      });
      found.catch(() => this.#targets.delete(line));
      this.#targets.set(line, found);
    }
    return found;
  }

  async #detect(): Promise<LibgpiodMajor> {
    const result = await this.#exec(GPIOSET, ['--version'], this.#timeoutMs);
    const major = result.code === 0 ? parseGpiosetVersion(result.stdout) : undefined;
    if (major === undefined) {
      throw powerError(
        'MODEM_POWER_FAILED',
        'cannot tell the libgpiod version from `gpioset --version`; set libgpiodVersion to 1 or 2',
        { exitCode: result.code, stdout: clip(result.stdout), stderr: clip(result.stderr) },
      );
    }
    this.#log.debug({ libgpiod: major }, 'libgpiod detected');
    return major;
  }

  #exec(file: string, args: readonly string[], timeoutMs: number): Promise<CommandResult> {
    return runTool(this.#run, this.#clock, file, args, timeoutMs);
  }

  async #gpioset(call: GpiosetCall): Promise<void> {
    const result = await this.#exec(GPIOSET, call.args, call.holdMs + this.#timeoutMs);
    if (result.code !== 0) {
      throw powerError(
        'MODEM_POWER_FAILED',
        `gpioset exited with status ${result.code}: ${clip(result.stderr) || 'no message'}` +
          ' (check the chip and line, and that the gsmgate user is in group gpio)',
        { args: call.args.join(' '), exitCode: result.code, stderr: clip(result.stderr) },
      );
    }
  }
}

function activeLevel(activeLow: boolean): 0 | 1 {
  return activeLow ? 0 : 1;
}

function closedError() {
  return powerError('MODEM_POWER_CLOSED', 'the power control is closed');
}
