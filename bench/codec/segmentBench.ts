/**
 * Segment counting: gsmgate's `countSegments` against the npm peers, on the
 * same corpus, in the same process, interleaved (timing.ts). Also measures
 * the two things that explain gsmgate's figure: throughput per kind of
 * message, and the cost of an input string built by concatenation.
 */
import { countSegments } from '../../device/sms/segmenter.js';
import { CORPUS_CLASSES, type Corpus } from './corpus.js';
import { analysePeer, checkAgainstReference, type PeerDisagreement } from './disagreements.js';
import type { Peer } from './peers.js';
import {
  formatRate,
  measureInterleaved,
  median,
  pack,
  type Contestant,
  type Timing,
} from './timing.js';

/** The issue's target: segment counting at least 1.5× the fastest peer. */
export const SEGMENT_TARGET = 1.5;

export interface SegmentBenchOptions {
  readonly rounds: number;
  readonly warmup: number;
  readonly chunks: number;
}

export interface Figure {
  readonly name: string;
  readonly version: string;
  readonly call: string;
  readonly timing: Timing;
  /** 1 for the whole corpus, n for every n-th message. */
  readonly sampleEvery: number;
  /** gsmgate's messages/s on the same messages, divided by this contestant's. */
  readonly ratio: number;
  /** gsmgate's median on those same messages. */
  readonly gsmgateOnSame: number;
}

export interface ClassFigure {
  readonly corpusClass: string;
  readonly messages: number;
  readonly gsmgate: number;
  readonly peer: number;
  readonly ratio: number;
}

export interface SegmentBenchResult {
  readonly gsmgate: Figure;
  readonly peers: readonly Figure[];
  readonly fastestPeer: string;
  readonly ratioToFastest: number;
  readonly pass: boolean;
  readonly ucs2Share: number;
  readonly perClass: readonly ClassFigure[];
  /** gsmgate and the fastest peer on fresh `body + footer` strings (ropes, not flat). */
  readonly concatenated: {
    readonly gsmgate: number;
    readonly peer: number;
    readonly ratio: number;
  };
  readonly reference: {
    readonly compared: number;
    readonly differ: number;
    readonly example?: string;
  };
  readonly disagreements: readonly PeerDisagreement[];
  readonly deterministic: boolean;
  /** Seconds spent in each step, to keep the run inside its time budget. */
  readonly phases: Readonly<Record<string, number>>;
}

export const GSMGATE_CALL = 'countSegments(text)';

export function gsmgateCount(text: string): number {
  const r = countSegments(text);
  return pack(r.segments, r.encoding === 'ucs2');
}

function sample<T>(items: readonly T[], every: number): T[] {
  return every === 1 ? [...items] : items.filter((_, i) => i % every === 0);
}

export function formatPhases(phases: Readonly<Record<string, number>>): string {
  return Object.entries(phases)
    .map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`)
    .join(', ');
}

/** Ratio with enough digits to read, whatever its size. */
export function formatRatio(ratio: number): string {
  return ratio >= 100 ? `${Math.round(ratio).toLocaleString('en-US')}×` : `${ratio.toFixed(2)}×`;
}

/**
 * Fresh ropes each round: `head + tail`, the shape prepareText gives a text
 * (`body + profile.footer`). V8 flattens a rope in place on first read, so
 * each contestant gets its own copies and each round new ones.
 */
function measureConcatenated(
  messages: readonly string[],
  contestants: readonly { name: string; fn: (text: string) => number }[],
  options: SegmentBenchOptions,
): number[] {
  // Flat halves, made once: JSON.parse returns sequential strings.
  const halves = JSON.parse(JSON.stringify(messages.map((m) => splitFooter(m)))) as [
    string,
    string,
  ][];
  const rates = contestants.map(() => [] as number[]);
  for (let round = 0; round < Math.max(1, options.rounds); round++) {
    const timed: Contestant[] = contestants.map((c) => ({
      name: c.name,
      fn: c.fn,
      messages: halves.map(([head, tail]) => head + tail),
    }));
    const result = measureInterleaved(timed, { rounds: 1, warmup: 0, chunks: options.chunks });
    result.forEach((t, i) => (rates[i] as number[]).push(t.median));
  }
  return rates.map((r) => median(r));
}

/** The last 20 units (a STOP footer's length), never cutting a surrogate pair. */
function splitFooter(text: string): [string, string] {
  let cut = Math.max(0, text.length - 20);
  const code = text.charCodeAt(cut);
  if (cut > 0 && code >= 0xdc00 && code <= 0xdfff) cut--;
  return [text.slice(0, cut), text.slice(cut)];
}

export function runSegmentBench(
  corpus: Corpus,
  peers: readonly Peer[],
  options: SegmentBenchOptions,
): SegmentBenchResult {
  const messages = corpus.messages;
  const strides = [...new Set([1, ...peers.map((p) => p.sampleEvery)])];
  const samples = new Map(strides.map((k) => [k, sample(messages, k)]));

  // gsmgate once per distinct sample, so every ratio compares the same messages.
  const contestants: Contestant[] = [
    ...strides.map((k) => ({
      name: k === 1 ? 'gsmgate' : `gsmgate@1/${k}`,
      messages: samples.get(k) as string[],
      fn: gsmgateCount,
    })),
    ...peers.map((p) => ({
      name: p.name,
      messages: samples.get(p.sampleEvery) as string[],
      fn: p.run,
    })),
  ];
  const phases: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    phases[name] = (now - clock) / 1000;
    clock = now;
  };
  const timings = measureInterleaved(contestants, options);
  lap('rounds');
  const byName = new Map(timings.map((t) => [t.name, t]));
  const gsmgateOn = (k: number): Timing =>
    byName.get(k === 1 ? 'gsmgate' : `gsmgate@1/${k}`) as Timing;
  const ours = gsmgateOn(1);

  const peerFigures: Figure[] = peers.map((p) => {
    const timing = byName.get(p.name) as Timing;
    const base = gsmgateOn(p.sampleEvery);
    return {
      name: p.name,
      version: p.version,
      call: p.call,
      timing,
      sampleEvery: p.sampleEvery,
      ratio: base.median / timing.median,
      gsmgateOnSame: base.median,
    };
  });
  const fastest = peerFigures.reduce((a, b) => (b.timing.median > a.timing.median ? b : a));
  const fastestPeer = peers.find((p) => p.name === fastest.name) as Peer;

  // Where the time goes: gsmgate and the fastest peer on each kind of message.
  const classContestants: Contestant[] = [];
  CORPUS_CLASSES.forEach((name, index) => {
    const subset = messages.filter((_, i) => corpus.classes[i] === index);
    classContestants.push({ name: `gsmgate ${name}`, messages: subset, fn: gsmgateCount });
    classContestants.push({ name: `peer ${name}`, messages: subset, fn: fastestPeer.run });
  });
  const classTimings = new Map(
    measureInterleaved(classContestants, { ...options, rounds: Math.min(options.rounds, 3) }).map(
      (t) => [t.name, t],
    ),
  );
  const perClass: ClassFigure[] = CORPUS_CLASSES.map((name) => {
    const g = classTimings.get(`gsmgate ${name}`) as Timing;
    const p = classTimings.get(`peer ${name}`) as Timing;
    return {
      corpusClass: name,
      messages: g.messages,
      gsmgate: g.median,
      peer: p.median,
      ratio: g.median / p.median,
    };
  });
  lap('per kind');

  // Last, because ropes change the JIT feedback of everything that reads them.
  const [ropeOurs, ropePeer] = measureConcatenated(
    messages,
    [
      { name: 'gsmgate', fn: gsmgateCount },
      { name: fastestPeer.name, fn: fastestPeer.run },
    ],
    { ...options, rounds: Math.min(options.rounds, 3) },
  ) as [number, number];
  lap('concatenated');

  const labelOf = (sampleEvery: number) => (i: number) =>
    `#${i * sampleEvery} ${CORPUS_CLASSES[corpus.classes[i * sampleEvery] as number] as string}`;
  const disagreements = peers.map((p) =>
    analysePeer(
      p,
      samples.get(p.sampleEvery) as string[],
      gsmgateOn(p.sampleEvery).results,
      (byName.get(p.name) as Timing).results,
      labelOf(p.sampleEvery),
    ),
  );

  const reference = checkAgainstReference(messages, ours.results);
  lap('analysis');
  let ucs2 = 0;
  for (const value of ours.results) ucs2 += value & 1;

  return {
    gsmgate: {
      name: 'gsmgate',
      version: 'this tree',
      call: GSMGATE_CALL,
      timing: ours,
      sampleEvery: 1,
      ratio: 1,
      gsmgateOnSame: ours.median,
    },
    peers: peerFigures,
    fastestPeer: fastest.name,
    ratioToFastest: fastest.ratio,
    pass: fastest.ratio >= SEGMENT_TARGET,
    ucs2Share: messages.length === 0 ? 0 : ucs2 / messages.length,
    perClass,
    concatenated: { gsmgate: ropeOurs, peer: ropePeer, ratio: ropeOurs / ropePeer },
    reference,
    disagreements,
    deterministic: timings.every((t) => t.deterministic),
    phases,
  };
}

export function formatSegmentBench(result: SegmentBenchResult): string[] {
  const rows = [result.gsmgate, ...result.peers];
  const label = (f: Figure): string => `${f.name} ${f.version}`;
  const w = Math.max(...rows.map((f) => label(f).length));
  const lines = [
    `${'contestant'.padEnd(w)}  ${'msgs/s'.padStart(10)}  ${'min–max'.padStart(21)}  ${'messages'.padStart(16)}  gsmgate ÷ peer`,
  ];
  for (const f of rows) {
    const sampled = f.sampleEvery === 1 ? '' : ` (1/${f.sampleEvery})`;
    const ratio =
      f === result.gsmgate
        ? '—'
        : `${formatRatio(f.ratio)}${f.sampleEvery === 1 ? '' : ` (gsmgate ${formatRate(f.gsmgateOnSame)}/s on the same sample)`}`;
    lines.push(
      `${label(f).padEnd(w)}  ${formatRate(f.timing.median).padStart(10)}  ` +
        `${`${formatRate(f.timing.min)}–${formatRate(f.timing.max)}`.padStart(21)}  ` +
        `${`${formatRate(f.timing.messages)}${sampled}`.padStart(16)}  ${ratio}`,
    );
  }
  lines.push('calls timed:');
  for (const f of rows) lines.push(`  ${f.name.padEnd(w)}  ${f.call}`);
  lines.push(
    `${result.pass ? 'PASS' : 'FAIL'}  gsmgate ÷ fastest peer (${result.fastestPeer}) = ` +
      `${formatRatio(result.ratioToFastest)}, target ≥ ${SEGMENT_TARGET}×`,
  );
  lines.push('');
  lines.push(`per kind of message, gsmgate vs ${result.fastestPeer} (msgs/s):`);
  const cw = Math.max(...result.perClass.map((c) => c.corpusClass.length));
  for (const c of result.perClass) {
    lines.push(
      `  ${c.corpusClass.padEnd(cw)}  ${formatRate(c.messages).padStart(7)} msgs  ` +
        `gsmgate ${formatRate(c.gsmgate).padStart(10)}  ${result.fastestPeer} ${formatRate(c.peer).padStart(10)}  ` +
        `${formatRatio(c.ratio)}`,
    );
  }
  const rope = result.concatenated;
  lines.push(
    `concatenated input (fresh body + footer ropes, as prepareText builds them): gsmgate ` +
      `${formatRate(rope.gsmgate)}/s, ${result.fastestPeer} ${formatRate(rope.peer)}/s, ${formatRatio(rope.ratio)}`,
  );
  lines.push(
    `gsmgate vs reference model (RULES.md §1, independent code): ${result.reference.differ} of ` +
      `${formatRate(result.reference.compared)} differ${result.reference.example === undefined ? '' : ` — e.g. ${result.reference.example}`}`,
  );
  if (!result.deterministic)
    lines.push('WARNING: a contestant answered differently from one round to the next');
  lines.push(`time spent: ${formatPhases(result.phases)}`);
  return lines;
}
