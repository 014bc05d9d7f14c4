/**
 * The argv of libgpiod's command-line tools, for both majors, as pure functions. The two
 * majors differ (checked against brgl/libgpiod `tools/gpioset.c` of v1.6 and v2.x):
 *
 * - v1 (Raspberry Pi OS Bookworm, Debian 12: libgpiod 1.6):
 *   `gpioset [-m exit|wait|time|signal] [-s SEC] [-u USEC] <chip> <offset>=<0|1>…`.
 *   Lines are offsets only (a name goes through `gpiofind NAME` → `gpiochip0 17`); the
 *   default mode `exit` sets the value and exits at once; `--mode=time` holds the line
 *   requested for SEC+USEC (a `select()` timeval, so USEC must stay below 1 000 000).
 * - v2 (Raspberry Pi OS Trixie, Debian 13: libgpiod 2.x):
 *   `gpioset [-c chip] [-t period[,period]…] <line>=<value>…`. By default it does NOT
 *   exit (it holds the line until killed). `-t P1,0` sets the value, holds it P1, toggles it
 *   once and exits (a final period of 0 means "exit"); `-t 0` sets and exits at once. A line
 *   is an offset or, with `-c`, a name. Periods without a unit are milliseconds; we always
 *   write the `ms` unit.
 *
 * Both majors write physical levels here (no `--active-low`): we compute the level from our
 * own `activeLow`, so one rule serves both and the argv shows the level on the wire.
 */
import { configError } from './powerErrors.js';

export type LibgpiodMajor = 1 | 2;

/** A line as configured: an offset on the chip, or its name (`GPIO17` on a Raspberry Pi). */
export type GpioLine = { readonly offset: number } | { readonly name: string };

/** A line resolved for one command: the chip and what goes left of `=`. */
export interface GpioTarget {
  readonly chip: string;
  readonly line: string;
}

export type Level = 0 | 1;

/** One gpioset invocation and how long it holds the line on purpose. */
export interface GpiosetCall {
  readonly args: readonly string[];
  readonly holdMs: number;
}

// Strict shapes: no leading '-' (an option), no '=' or quotes (gpioset's own syntax), no spaces.
const CHIP = /^(?:(?:\/dev\/)?gpiochip\d{1,3}|\d{1,3})$/;
const LINE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;
const MAX_OFFSET = 1023;

/** Validates a chip: `gpiochip0`, `/dev/gpiochip4` or `0`. Throws MODEM_POWER_CONFIG. */
export function checkChip(value: unknown, field = 'chip'): string {
  if (typeof value !== 'string' || !CHIP.test(value)) {
    throw configError(field, value, 'must look like gpiochip0, /dev/gpiochip0 or 0');
  }
  return value;
}

/** Validates a line: an offset (number or digits) or a name. Throws MODEM_POWER_CONFIG. */
export function checkLine(value: unknown, field = 'line'): GpioLine {
  const digits = typeof value === 'string' && /^\d{1,4}$/.test(value);
  if (typeof value === 'number' || digits) {
    const offset = Number(value);
    if (Number.isInteger(offset) && offset >= 0 && offset <= MAX_OFFSET) return { offset };
  } else if (typeof value === 'string' && LINE_NAME.test(value)) {
    return { name: value };
  }
  throw configError(field, value, `must be an offset 0–${MAX_OFFSET} or a line name like GPIO17`);
}

export function sameLine(a: GpioLine, b: GpioLine): boolean {
  return 'offset' in a ? 'offset' in b && a.offset === b.offset : 'name' in b && a.name === b.name;
}

/**
 * The libgpiod major from `gpioset --version`: `gpioset (libgpiod) v1.6.3`,
 * `gpioset (libgpiod) v2.1.3`, or since 2.2 `gpioset v2.2 (libgpiod v2.2.1)`.
 */
export function parseGpiosetVersion(stdout: string): LibgpiodMajor | undefined {
  const match = /libgpiod\)?\s+v(\d+)\./.exec(stdout) ?? /\bv(\d+)\.\d+/.exec(stdout);
  const major = Number(match?.[1]);
  return major === 1 || major === 2 ? major : undefined;
}

/** `gpiofind GPIO17` prints `gpiochip0 17`. */
export function parseGpiofind(stdout: string): GpioTarget | undefined {
  const match = /^\s*(gpiochip\d{1,3})\s+(\d{1,4})\s*$/.exec(stdout);
  return match ? { chip: match[1] as string, line: match[2] as string } : undefined;
}

/**
 * Drives the line to `level` for `holdMs`, then to the other level. The line stays
 * requested while it is held, so nothing else can change it in between.
 */
export function pulseCalls(
  major: LibgpiodMajor,
  target: GpioTarget,
  level: Level,
  holdMs: number,
): GpiosetCall[] {
  const other: Level = level === 1 ? 0 : 1;
  if (major === 1) {
    const sec = Math.floor(holdMs / 1000);
    const usec = (holdMs % 1000) * 1000;
    return [
      {
        args: [
          '--mode=time',
          `--sec=${sec}`,
          `--usec=${usec}`,
          target.chip,
          `${target.line}=${level}`,
        ],
        holdMs,
      },
      setCall(1, target, other),
    ];
  }
  // One process: set, hold, toggle back, exit.
  return [{ args: ['-c', target.chip, '-t', `${holdMs}ms,0`, `${target.line}=${level}`], holdMs }];
}

/** Sets the line to `level` and exits. */
export function setCall(major: LibgpiodMajor, target: GpioTarget, level: Level): GpiosetCall {
  const args =
    major === 1
      ? [target.chip, `${target.line}=${level}`]
      : ['-c', target.chip, '-t', '0', `${target.line}=${level}`];
  return { args, holdMs: 0 };
}
