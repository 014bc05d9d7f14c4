/**
 * The modem suite: single-part SMS-SUBMITs through a real pty to the simulated modem (in a
 * child process), gsmgate's send path (`ModemDriver.sendPdu` → `AtEngine` →
 * `SerialTransport`) against a bare serialport loop doing the same AT+CMGS exchanges, in the
 * same run:
 *
 * 1. unpaced, zero simulated latency: messages per second, CPU per message, ÷ bare;
 * 2. what the engine's `commandGapMs` costs, value by value;
 * 3. paced at 115,200 baud: the share of the serial line's theoretical limit reached.
 *
 * The driver runs with the production defaults (AtEngineOptions.ts, ModemDriverOptions.ts)
 * and with `commandGapMs: 0`, which isolates gsmgate's own cost from the pause the engine
 * keeps between commands on purpose. The engine alone (gap 0) runs in step 1 too, to tell
 * the engine's cost from the driver's.
 */
import { integerOption } from '../benchOptions.js';
import { AT_ENGINE_DEFAULTS } from '../../device/modem/engine/AtEngineOptions.js';
import { DEFAULT_SEED } from '../codec/corpus.js';
// Types only: run.js is the entry module, and importing its code from a suite it is loading
// would be a cycle through its top-level await.
import type { BenchContext, SuiteReport, TargetResult } from '../run.js';
import { buildPdus, type PduSet } from './messages.js';
import { measureRounds, type Contestant, type ContestantResult } from './measure.js';
import {
  formatPaced,
  formatSweep,
  formatTargetLines,
  formatUnpaced,
  lineShare,
  type SweepPoint,
} from './report.js';
import { BareSession, DriverSession, EngineSession } from './sessions.js';
import { SimProcess } from './simProcess.js';

export interface ModemSettings {
  /** Unpaced run, bare loop and gap 0: messages per run. */
  readonly messages: number;
  /** Unpaced run, driver with the default gap (20 ms a message: kept small). */
  readonly defaultGapMessages: number;
  /** Paced run, bare loop and driver with gap 0. */
  readonly pacedMessages: number;
  /** Paced run, driver with the default gap. */
  readonly pacedDefaultGapMessages: number;
  /** commandGapMs values timed once each, unpaced (0 and the default come from step 1). */
  readonly sweepGaps: readonly number[];
  readonly sweepMessages: number;
  readonly rounds: number;
  /** Untimed messages before each run (unpaced; paced runs take a fifth). */
  readonly warmup: number;
  readonly baudRate: number;
  /** Distinct PDUs, cycled. */
  readonly pduCount: number;
  readonly seed: number;
}

export const FULL_SETTINGS: ModemSettings = {
  messages: 1_500,
  defaultGapMessages: 120,
  pacedMessages: 120,
  pacedDefaultGapMessages: 50,
  sweepGaps: [1, 2, 5, 10],
  sweepMessages: 150,
  rounds: 3,
  warmup: 50,
  baudRate: 115_200,
  pduCount: 500,
  seed: DEFAULT_SEED,
};

export const QUICK_SETTINGS: ModemSettings = {
  ...FULL_SETTINGS,
  messages: 300,
  defaultGapMessages: 40,
  pacedMessages: 40,
  pacedDefaultGapMessages: 20,
  sweepGaps: [1, 5],
  sweepMessages: 50,
  rounds: 1,
};

/** The targets. */
export const PTY_RATIO_TARGET = 0.5;
export const LINE_SHARE_TARGET = 0.9;
export const CPU_BUDGET_MS = 0.5;

/** The driver as shipped, and with no pause between commands (gsmgate's own cost). */
export interface GapConfig {
  readonly label: string;
  readonly commandGapMs: number;
}

export const GAP_CONFIGS: readonly GapConfig[] = [
  {
    label: `defaults (gap ${AT_ENGINE_DEFAULTS.commandGapMs} ms)`,
    commandGapMs: AT_ENGINE_DEFAULTS.commandGapMs,
  },
  { label: 'commandGapMs 0', commandGapMs: 0 },
];

export interface ModemReport extends SuiteReport {
  readonly settings: ModemSettings;
  readonly pdus: Omit<PduSet, 'pdus'> & { readonly count: number };
  readonly unpaced: readonly ContestantResult[];
  readonly sweep: readonly SweepPoint[];
  readonly paced: readonly ContestantResult[];
  readonly baudRate: number;
}

export function settingsFor(context: Pick<BenchContext, 'quick' | 'options'>): ModemSettings {
  const base = context.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  return {
    ...base,
    messages: integerOption(context.options, 'messages', base.messages),
    rounds: integerOption(context.options, 'rounds', base.rounds),
    seed: integerOption(context.options, 'seed', base.seed),
  };
}

export const BARE = 'bare serialport loop';
export const ENGINE_ONLY = 'AtEngine alone, commandGapMs 0';
export const driverName = (config: GapConfig): string => `ModemDriver, ${config.label}`;

function bare(): Contestant {
  return { name: BARE, open: (path) => BareSession.open(path) };
}

function driver(name: string, commandGapMs: number): Contestant {
  return { name, open: (path) => DriverSession.open(path, { commandGapMs }) };
}

function engineOnly(): Contestant {
  return { name: ENGINE_ONLY, open: (path) => EngineSession.open(path, { commandGapMs: 0 }) };
}

export async function run(context: BenchContext): Promise<SuiteReport> {
  return runModem(context, settingsFor(context));
}

export async function runModem(
  context: BenchContext,
  settings: ModemSettings,
): Promise<ModemReport> {
  const { log } = context;
  const started = performance.now();
  const set = buildPdus(settings.pduCount, settings.seed);
  const { pdus } = set;
  log(
    `messages  ${pdus.length} distinct single-part SMS-SUBMITs from the codec corpus (seed ` +
      `0x${settings.seed.toString(16)}; ${set.ucs2} UCS-2), median ${set.medianHex / 2} PDU octets, cycled`,
  );
  log(
    'modem     simulated (generic profile, echo off, no latency) in a child process on a pty; ' +
      'this process runs only the contestant',
  );
  const [defaults, gap0] = GAP_CONFIGS as [GapConfig, GapConfig];
  const drivers = GAP_CONFIGS.map((c) => driver(driverName(c), c.commandGapMs));
  const isDefault = (c: Contestant): boolean => c.name === driverName(defaults);
  const sim = await SimProcess.start(0);
  try {
    log();
    log(
      `--- unpaced pty: ${settings.messages} messages a run (${settings.defaultGapMessages} ` +
        `with the default gap), ${settings.rounds} round(s), median ---`,
    );
    const unpacedContestants = [bare(), ...drivers, engineOnly()];
    const unpaced = await measureRounds(unpacedContestants, sim, pdus, settings.rounds, (c) => ({
      count: isDefault(c) ? settings.defaultGapMessages : settings.messages,
      warmup: settings.warmup,
    }));
    for (const line of formatUnpaced(unpaced, BARE)) log(line);

    log();
    log(
      `--- commandGapMs through the driver, unpaced: ${settings.sweepMessages} messages each, one run ---`,
    );
    const sweep: SweepPoint[] = [];
    for (const gap of settings.sweepGaps) {
      const [result] = await measureRounds([driver(`gap ${gap}`, gap)], sim, pdus, 1, () => ({
        count: settings.sweepMessages,
        warmup: Math.min(settings.warmup, 10),
      }));
      sweep.push({ commandGapMs: gap, result: result as ContestantResult });
    }
    const byName = (name: string): ContestantResult =>
      unpaced.find((r) => r.name === name) as ContestantResult;
    sweep.push({ commandGapMs: 0, result: byName(driverName(gap0)) });
    sweep.push({ commandGapMs: defaults.commandGapMs, result: byName(driverName(defaults)) });
    sweep.sort((a, b) => a.commandGapMs - b.commandGapMs);
    for (const line of formatSweep(sweep, byName(BARE).rate)) log(line);

    log();
    log(
      `--- paced at ${settings.baudRate.toLocaleString('en-US')} baud: ${settings.pacedMessages} ` +
        `messages a run (${settings.pacedDefaultGapMessages} with the default gap), ` +
        `${settings.rounds} round(s), median ---`,
    );
    await sim.setBaudRate(settings.baudRate);
    const paced = await measureRounds([bare(), ...drivers], sim, pdus, settings.rounds, (c) => ({
      count: isDefault(c) ? settings.pacedDefaultGapMessages : settings.pacedMessages,
      warmup: Math.max(2, Math.round(settings.warmup / 5)),
    }));
    for (const line of formatPaced(paced, settings.baudRate, BARE)) log(line);

    const targets = buildTargets(unpaced, paced, settings.baudRate);
    log();
    log('--- targets (the CPU target as budget ÷ CPU per message: ≥ 1× is within budget) ---');
    for (const line of formatTargetLines(targets)) log(line);
    log();
    log(`modem suite done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { pdus: _omit, ...pduStats } = set;
    return {
      suite: 'modem',
      targets,
      settings,
      pdus: { ...pduStats, count: pdus.length },
      unpaced,
      sweep,
      paced,
      baudRate: settings.baudRate,
    };
  } finally {
    await sim.stop();
  }
}

function buildTargets(
  unpaced: readonly ContestantResult[],
  paced: readonly ContestantResult[],
  baudRate: number,
): TargetResult[] {
  const find = (list: readonly ContestantResult[], name: string): ContestantResult =>
    list.find((r) => r.name === name) as ContestantResult;
  const bareRate = find(unpaced, BARE).rate;
  const targets: TargetResult[] = [];
  for (const config of GAP_CONFIGS) {
    const name = driverName(config);
    const fast = find(unpaced, name);
    const slow = find(paced, name);
    const ptyRatio = fast.rate / bareRate;
    const { share } = lineShare(slow, baudRate);
    const budget = CPU_BUDGET_MS / fast.cpuMsPerMessage;
    targets.push(
      {
        suite: 'modem',
        name: `pty msgs/s ÷ bare loop, ${config.label}`,
        ratio: ptyRatio,
        goal: PTY_RATIO_TARGET,
        pass: ptyRatio >= PTY_RATIO_TARGET,
      },
      {
        suite: 'modem',
        name: `share of the 115,200-baud limit, ${config.label}`,
        ratio: share,
        goal: LINE_SHARE_TARGET,
        pass: share >= LINE_SHARE_TARGET,
      },
      {
        suite: 'modem',
        name: `${CPU_BUDGET_MS} ms ÷ CPU per message, ${config.label}`,
        ratio: budget,
        goal: 1,
        pass: budget >= 1,
      },
    );
  }
  return targets;
}
