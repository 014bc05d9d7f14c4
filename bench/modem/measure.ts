/**
 * Timed runs over the pty. A run opens its session, sends a few untimed messages (JIT
 * warm-up, first reads), then sends `count` messages one after the other, each awaited, as
 * the dispatcher sends them, and closes the port. Wall time and this process's CPU time
 * (`process.cpuUsage()`, user + system, every thread: serialport's reads and writes run on
 * libuv's pool) cover the timed messages only; the simulator's CPU is its own process's.
 *
 * Rounds interleave the contestants (the order rotating each round), so load from other
 * jobs on the machine lands on all of them alike; the median round is kept.
 */
import { median } from '../codec/timing.js';
import type { BenchPdu } from './messages.js';
import type { Session } from './sessions.js';
import type { SimProcess } from './simProcess.js';

export interface Contestant {
  readonly name: string;
  readonly open: (path: string) => Promise<Session>;
}

export interface RunResult {
  readonly messages: number;
  readonly ms: number;
  /** This process, user + system, µs. */
  readonly cpuUs: number;
  /** The simulator's process, µs. */
  readonly simCpuUs: number;
  readonly txBytes: number;
  readonly rxBytes: number;
}

export interface ContestantResult {
  readonly name: string;
  readonly runs: readonly RunResult[];
  /** Median messages per second over the rounds. */
  readonly rate: number;
  readonly minRate: number;
  readonly maxRate: number;
  /** Median CPU ms per message, this process. */
  readonly cpuMsPerMessage: number;
  readonly simCpuMsPerMessage: number;
  /** Bytes per exchange, host → modem and modem → host, over all its runs. */
  readonly txPerMessage: number;
  readonly rxPerMessage: number;
}

export interface RunPlan {
  readonly count: number;
  readonly warmup: number;
  /** Index of the first PDU: runs cycle through the set from different places. */
  readonly offset: number;
}

/** No exchange takes this long on a pty, even paced and loaded: the run is stuck. */
const STALL_MS = 15_000;

export async function timedRun(
  contestant: Contestant,
  sim: SimProcess,
  pdus: readonly BenchPdu[],
  plan: RunPlan,
): Promise<RunResult> {
  const session = await contestant.open(sim.path);
  try {
    const pick = (i: number): BenchPdu => pdus[(plan.offset + i) % pdus.length] as BenchPdu;
    await sendAll(session, plan.warmup, pick, contestant.name);
    await sim.take();
    const tx0 = session.txBytes;
    const rx0 = session.rxBytes;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await sendAll(session, plan.count, (i) => pick(plan.warmup + i), contestant.name);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const taken = await sim.take();
    if (taken.sent !== plan.count) {
      throw new Error(`${contestant.name}: the modem accepted ${taken.sent} of ${plan.count}`);
    }
    return {
      messages: plan.count,
      ms,
      cpuUs: cpu.user + cpu.system,
      simCpuUs: taken.cpuUs,
      txBytes: session.txBytes - tx0,
      rxBytes: session.rxBytes - rx0,
    };
  } finally {
    await session.close();
  }
}

/** Sends `count` messages in order; rejects if one takes longer than STALL_MS. */
async function sendAll(
  session: Session,
  count: number,
  pick: (i: number) => BenchPdu,
  name: string,
): Promise<void> {
  let done = 0;
  let seen = -1;
  let stalled: ((error: Error) => void) | undefined;
  const watchdog = setInterval(() => {
    if (done === seen) stalled?.(new Error(`${name}: no answer for ${STALL_MS} ms`));
    seen = done;
  }, STALL_MS);
  const stall = new Promise<never>((_, reject) => (stalled = reject));
  const loop = (async () => {
    for (; done < count; done++) await session.send(pick(done));
  })();
  try {
    await Promise.race([loop, stall]);
  } finally {
    clearInterval(watchdog);
  }
}

/** `rounds` rounds of every contestant, in an order that rotates from round to round. */
export async function measureRounds(
  contestants: readonly Contestant[],
  sim: SimProcess,
  pdus: readonly BenchPdu[],
  rounds: number,
  plan: (contestant: Contestant) => Omit<RunPlan, 'offset'>,
): Promise<ContestantResult[]> {
  const runs = new Map<string, RunResult[]>(contestants.map((c) => [c.name, []]));
  let offset = 0;
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contestants.length; k++) {
      const contestant = contestants[(round + k) % contestants.length] as Contestant;
      const settings = { ...plan(contestant), offset };
      // Every contestant of a round sends the same messages.
      (runs.get(contestant.name) as RunResult[]).push(
        await timedRun(contestant, sim, pdus, settings),
      );
    }
    offset += 997;
  }
  return contestants.map((c) => summarise(c.name, runs.get(c.name) as RunResult[]));
}

export function summarise(name: string, runs: readonly RunResult[]): ContestantResult {
  const rates = runs.map((r) => (r.messages * 1000) / r.ms);
  const messages = runs.reduce((sum, r) => sum + r.messages, 0);
  const perMessage = (bytes: number): number => (messages === 0 ? 0 : bytes / messages);
  return {
    name,
    runs,
    rate: median(rates),
    minRate: Math.min(...rates),
    maxRate: Math.max(...rates),
    cpuMsPerMessage: median(runs.map((r) => r.cpuUs / 1000 / r.messages)),
    simCpuMsPerMessage: median(runs.map((r) => r.simCpuUs / 1000 / r.messages)),
    txPerMessage: perMessage(runs.reduce((sum, r) => sum + r.txBytes, 0)),
    rxPerMessage: perMessage(runs.reduce((sum, r) => sum + r.rxBytes, 0)),
  };
}
