/**
 * `npm run bench [-- [--quick] [--seed=N] [--size=N] [--rounds=N] [suite…]]`
 *
 * Runs every benchmark suite found next to this file (a folder with an
 * `index` module exporting `run(context)`), or only the ones named. Prints the
 * command, the machine and the date first (STYLE.md §9), then each suite's
 * report, then a summary of the targets. A missed target is reported as FAIL;
 * it never throws and never changes the exit code: speed targets are
 * benchmarks, not assertions.
 */
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A speed goal, measured as a ratio against a reference run in the same process. */
export interface TargetResult {
  readonly suite: string;
  /** What is compared, e.g. "segment counting vs fastest peer (sms-counter)". */
  readonly name: string;
  /** gsmgate's throughput divided by the reference's. */
  readonly ratio: number;
  /** The ratio the issue asks for. */
  readonly goal: number;
  readonly pass: boolean;
}

export interface SuiteReport {
  readonly suite: string;
  readonly targets: readonly TargetResult[];
}

/** What the runner hands each suite. */
export interface BenchContext {
  /** `--quick`: a small corpus and a single round, for a smoke run. */
  readonly quick: boolean;
  /** `--key=value` options, for the suites that understand them (`seed`, `size`, `rounds`). */
  readonly options: ReadonlyMap<string, string>;
  /** Where report lines go (stdout for `npm run bench`, an array in tests). */
  readonly log: (line?: string) => void;
}

/** The contract of `bench/<suite>/index.ts`. */
export interface BenchSuiteModule {
  run(context: BenchContext): Promise<SuiteReport>;
}

export interface BenchArgs {
  readonly quick: boolean;
  readonly options: ReadonlyMap<string, string>;
  readonly suites: readonly string[];
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  const options = new Map<string, string>();
  const suites: string[] = [];
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq < 0) options.set(arg.slice(2), 'true');
      else options.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else suites.push(arg);
  }
  return { quick, options, suites };
}

/**
 * The command as the user typed it when npm ran us (`npm run bench -- codec`),
 * and the node command line that actually ran.
 */
export function commandLine(argv: readonly string[] = process.argv): string {
  const args = argv.slice(2);
  const script = argv[1] === undefined ? 'bench/run.js' : relativeToCwd(argv[1]);
  const node = ['node', script, ...args].join(' ');
  if (process.env.npm_lifecycle_event === 'bench') {
    return `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}  (${node})`;
  }
  return node;
}

function relativeToCwd(path: string): string {
  const cwd = process.cwd();
  return path.startsWith(cwd + '/') ? path.slice(cwd.length + 1) : path;
}

/** Lines describing this machine, so a figure is never read without its context. */
export function machineLines(now: Date = new Date()): string[] {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => cpu.model.trim()))].join(' / ') || 'unknown CPU';
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return [
    `node      ${process.version} (V8 ${process.versions.v8}) on ${os.platform()} ${os.arch()}, ${os.release()}`,
    `cpu       ${models} × ${cpus.length} (os.cpus())`,
    `memory    ${gib} GiB total, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `date      ${now.toISOString()}`,
  ];
}

/** Suite folders next to this module that hold an `index.js` (built) or `index.ts` (tsx). */
export function findSuites(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of ['index.js', 'index.ts']) {
      const path = join(dir, entry.name, file);
      if (existsSync(path)) {
        found.set(entry.name, path);
        break;
      }
    }
  }
  return found;
}

function isSuiteModule(value: unknown): value is BenchSuiteModule {
  return typeof (value as Partial<BenchSuiteModule> | null)?.run === 'function';
}

export function formatTargets(targets: readonly TargetResult[]): string[] {
  if (targets.length === 0) return ['(no targets)'];
  const width = Math.max(...targets.map((t) => t.name.length));
  return targets.map(
    (t) =>
      `${t.pass ? 'PASS' : 'FAIL'}  ${t.suite.padEnd(7)} ${t.name.padEnd(width)}  ` +
      `${t.ratio.toFixed(2)}× (target ≥ ${t.goal}×)`,
  );
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const args = parseBenchArgs(argv.slice(2));
  const log = (line = ''): void => console.log(line);
  const here = dirname(fileURLToPath(import.meta.url));
  const available = findSuites(here);
  const wanted = args.suites.length > 0 ? args.suites : [...available.keys()].sort();
  const unknown = wanted.filter((name) => !available.has(name));
  if (unknown.length > 0) {
    console.error(
      `unknown suite(s): ${unknown.join(', ')}; available: ${[...available.keys()].join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }

  log(`gsmgate benchmarks${args.quick ? ' (quick)' : ''}`);
  log(`command   ${commandLine(argv)}`);
  for (const line of machineLines()) log(line);
  log(`suites    ${wanted.join(', ')}`);

  const context: BenchContext = { quick: args.quick, options: args.options, log };
  const targets: TargetResult[] = [];
  const started = performance.now();
  for (const name of wanted) {
    const module: unknown = await import(pathToFileURL(available.get(name) as string).href);
    if (!isSuiteModule(module)) throw new Error(`bench/${name}/index does not export run(context)`);
    log();
    log(`=== ${name} ${'='.repeat(Math.max(0, 72 - name.length))}`);
    const report = await module.run(context);
    targets.push(...report.targets);
  }
  log();
  log(`=== summary (${((performance.now() - started) / 1000).toFixed(1)} s) ${'='.repeat(56)}`);
  for (const line of formatTargets(targets)) log(line);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  await main();
}
