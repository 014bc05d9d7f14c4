/**
 * The codec suite: segment counting (gsmgate vs five npm counters) and PDU
 * encoding (gsmgate vs node-pdu) on one seeded corpus, with the list of
 * messages where each peer disagrees with gsmgate and why.
 */
import { integerOption } from '../benchOptions.js';
import type { BenchContext, SuiteReport, TargetResult } from '../run.js';
import {
  buildCorpus,
  CORPUS_CLASSES,
  DEFAULT_SEED,
  describeCorpus,
  type CorpusStats,
} from './corpus.js';
import { formatDisagreements } from './disagreements.js';
import { formatPduBench, PDU_TARGET, runPduBench, type PduBenchResult } from './pduBench.js';
import { pduPeer, segmentPeers } from './peers.js';
import {
  formatSegmentBench,
  runSegmentBench,
  SEGMENT_TARGET,
  type SegmentBenchResult,
} from './segmentBench.js';
import { formatRate } from './timing.js';

export interface CodecSettings {
  /** Messages in the corpus. */
  readonly size: number;
  readonly seed: number;
  /** Timed rounds of segment counting (median kept). */
  readonly rounds: number;
  /** Timed rounds of PDU encoding; node-pdu takes ~10 s a round on 100,000 messages. */
  readonly pduRounds: number;
  /** Untimed messages per contestant before round 1. */
  readonly warmup: number;
  /** Interleaving: chunks per round. */
  readonly chunks: number;
  /** The PDU fidelity check decodes every n-th message. */
  readonly fidelityEvery: number;
}

export const FULL_SETTINGS: CodecSettings = {
  size: 100_000,
  seed: DEFAULT_SEED,
  rounds: 3,
  pduRounds: 3,
  warmup: 2_000,
  chunks: 10,
  fidelityEvery: 10,
};

export const QUICK_SETTINGS: CodecSettings = {
  ...FULL_SETTINGS,
  size: 10_000,
  rounds: 1,
  pduRounds: 1,
  warmup: 500,
  chunks: 4,
};

export interface CodecReport extends SuiteReport {
  readonly settings: CodecSettings;
  readonly corpus: CorpusStats;
  readonly segments: SegmentBenchResult;
  readonly pdu: PduBenchResult;
}

export function settingsFor(context: Pick<BenchContext, 'quick' | 'options'>): CodecSettings {
  const base = context.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  return {
    ...base,
    size: integerOption(context.options, 'size', base.size),
    seed: integerOption(context.options, 'seed', base.seed),
    rounds: integerOption(context.options, 'rounds', base.rounds),
    pduRounds: integerOption(context.options, 'rounds', base.pduRounds),
  };
}

export async function run(context: BenchContext): Promise<SuiteReport> {
  return runCodec(context, settingsFor(context));
}

export async function runCodec(
  context: BenchContext,
  settings: CodecSettings,
): Promise<CodecReport> {
  const { log } = context;
  const started = performance.now();
  const built = buildCorpus(settings.size, settings.seed);
  // As a request body gives them: JSON.parse returns flat strings. The ropes
  // that concatenation makes are measured on their own, below.
  const corpus = { ...built, messages: JSON.parse(JSON.stringify(built.messages)) as string[] };
  const stats = describeCorpus(corpus);
  log(
    `corpus    ${formatRate(stats.messages)} messages, seed ${settings.seed} (0x${settings.seed.toString(16)}), ` +
      `built in ${((performance.now() - started) / 1000).toFixed(1)} s; lengths ${stats.minLength}–${stats.maxLength} ` +
      `UTF-16 units (median ${stats.medianLength}), ${formatRate(stats.codeUnits)} units in all`,
  );
  log(
    `          ${CORPUS_CLASSES.map((c) => `${c} ${formatRate(stats.perClass[c])}`).join(' · ')}`,
  );
  log(
    `timing    warm-up ${formatRate(settings.warmup)} messages each, then ${settings.rounds} round(s) ` +
      `(PDU: ${settings.pduRounds}) of ${settings.chunks} interleaved chunks; the median round is kept`,
  );

  log();
  log('--- segment counting ---');
  const segments = runSegmentBench(corpus, segmentPeers(), settings);
  log(`gsmgate finds ${(segments.ucs2Share * 100).toFixed(1)}% of the corpus UCS-2`);
  for (const line of formatSegmentBench(segments)) log(line);
  log();
  log('disagreements with gsmgate (segments and encoding):');
  for (const line of formatDisagreements(segments.disagreements)) log(line);

  log();
  log('--- PDU encoding ---');
  const pdu = runPduBench(corpus, pduPeer(), { ...settings, rounds: settings.pduRounds });
  for (const line of formatPduBench(pdu)) log(line);
  log();
  log('disagreements with gsmgate (parts and encoding):');
  for (const line of formatDisagreements([pdu.disagreement], 'parts')) log(line);

  const targets: TargetResult[] = [
    {
      suite: 'codec',
      name: `segment counting ÷ fastest peer (${segments.fastestPeer})`,
      ratio: segments.ratioToFastest,
      goal: SEGMENT_TARGET,
      pass: segments.pass,
    },
    {
      suite: 'codec',
      name: `PDU encoding ÷ ${pdu.peerName}`,
      ratio: pdu.ratio,
      goal: PDU_TARGET,
      pass: pdu.pass,
    },
  ];
  log();
  log(`codec suite done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { suite: 'codec', targets, settings, corpus: stats, segments, pdu };
}
