/**
 * Stands in for child_process: records every argv and answers like libgpiod's tools would,
 * holding the line for the requested time on the test's ManualClock (v1 `--mode=time`,
 * v2 `-t <ms>ms,0`), so tests see when power came back without real GPIO or real time.
 */
import type { CommandResult, CommandRunner } from '../../../device/modem/power/CommandRunner.js';
import type { ManualClock } from '../../../device/policy/ManualClock.js';

export interface RecordedCall {
  readonly file: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly at: number;
}

/** What the fake does for one call: a result, a thrown error, or never answering. */
export type Answer = CommandResult | { readonly reject: unknown } | 'hang' | undefined;

export const VERSION_V1 =
  'gpioset (libgpiod) v1.6.3\nCopyright (C) 2017-2018 Bartosz Golaszewski\n';
export const VERSION_V2 =
  'gpioset (libgpiod) v2.1.3\nCopyright (C) 2017-2023 Bartosz Golaszewski\n';

export class FakeCommandRunner {
  readonly calls: RecordedCall[] = [];
  version = VERSION_V1;
  /** Consulted first; `undefined` falls through to the tool-like defaults. */
  override: (file: string, args: readonly string[]) => Answer = () => undefined;

  constructor(private readonly clock: ManualClock) {}

  readonly run: CommandRunner = (file, args, { timeoutMs }) => {
    this.calls.push({ file, args: [...args], timeoutMs, at: this.clock.now() });
    const answer = this.override(file, args) ?? this.#default(file, args);
    if (answer === 'hang') return new Promise(() => {});
    if ('reject' in answer) return Promise.reject(answer.reject);
    const holdMs = holdOf(args);
    if (holdMs === 0) return Promise.resolve(answer);
    return new Promise((resolve) => this.clock.setTimeout(() => resolve(answer), holdMs));
  };

  /** The gpioset calls other than `--version`, as argv strings. */
  gpiosetArgs(): string[] {
    return this.calls
      .filter((c) => c.file === 'gpioset' && c.args[0] !== '--version')
      .map((c) => c.args.join(' '));
  }

  #default(file: string, args: readonly string[]): CommandResult {
    if (file === 'gpioset' && args[0] === '--version') return ok(this.version);
    if (file === 'gpiofind') {
      return args[0] === 'GPIO17'
        ? ok('gpiochip0 17\n')
        : { code: 1, stdout: '', stderr: 'gpiofind: line not found\n' };
    }
    return ok('');
  }
}

export function ok(stdout: string): CommandResult {
  return { code: 0, stdout, stderr: '' };
}

/** An error like the one execFile gives for a missing program. */
export function enoent(file: string): { reject: unknown } {
  return { reject: Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' }) };
}

function holdOf(args: readonly string[]): number {
  if (args.includes('--mode=time')) {
    const sec = Number(args.find((a) => a.startsWith('--sec='))?.slice(6) ?? 0);
    const usec = Number(args.find((a) => a.startsWith('--usec='))?.slice(7) ?? 0);
    return sec * 1000 + usec / 1000;
  }
  const toggle = args.indexOf('-t');
  const periods = toggle === -1 ? undefined : args[toggle + 1];
  return periods === undefined ? 0 : Number.parseInt(periods, 10);
}

/** Runs the clock until the promise settles; returns its error, or undefined. */
export async function outcome(clock: ManualClock, promise: Promise<unknown>): Promise<unknown> {
  let result: { error?: unknown } | undefined;
  promise.then(
    () => (result = {}),
    (error: unknown) => (result = { error }),
  );
  for (let i = 0; i < 1000 && result === undefined; i++) await clock.advanceAsync(100);
  if (result === undefined) throw new Error('still pending');
  return result.error;
}
