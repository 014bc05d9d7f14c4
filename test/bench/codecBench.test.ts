/**
 * The codec benchmark's plumbing and its disagreement analysis. No timing is
 * asserted here (STYLE.md §9: speed targets are benchmarks, never timed
 * assertions); only the report's shape, and that the analysis blames each
 * peer's known mistakes on crafted texts.
 */
import { describe, expect, test } from 'vitest';
import { buildCorpus, describeCorpus } from '../../bench/codec/corpus.js';
import { analysePeer, checkAgainstReference } from '../../bench/codec/disagreements.js';
import {
  runCodec,
  settingsFor,
  QUICK_SETTINGS,
  type CodecSettings,
} from '../../bench/codec/index.js';
import { checkFidelity, gsmgateEncoder } from '../../bench/codec/pduBench.js';
import { nodePduParts, pduPeer, segmentPeers, type Peer } from '../../bench/codec/peers.js';
import { gsmgateCount } from '../../bench/codec/segmentBench.js';
import { commandLine, formatTargets, parseBenchArgs, type BenchContext } from '../../bench/run.js';

const a = (n: number) => 'a'.repeat(n);
const FAMILY = '👨‍👩‍👧'; // 8 UTF-16 units, one grapheme cluster

/** Texts on which a peer's known mistake changes its answer. */
const CRAFTED = {
  /** 100 × '€' = 200 septets: 2 segments, not 1. */
  euros: '€'.repeat(100),
  /** An escape pair on septets 153–154 moves whole: 3 segments, not ceil(306/153) = 2. */
  escapeOnBoundary: `${a(152)}€${a(152)}`,
  /** A surrogate pair on units 67–68 moves whole: 3 segments, not ceil(134/67) = 2. */
  emojiOnBoundary: `${a(66)}😀${a(66)}`,
  /** The page break is GSM-7 extension 0x0A. */
  pageBreak: 'Page 1\fPage 2',
  /** A cluster straddling units 67|68: only its surrogate pairs need to stay whole. */
  clusterOnBoundary: `${a(65)}${FAMILY}${a(61)}`,
  /** GSM-7 French, 20 characters. */
  frenchGsm: 'Rappel : RDV à 14h30',
  /** 140 GSM-7 characters fit one SMS. */
  fits: a(140),
  /** « and » are not GSM-7, yet below U+00C0. */
  guillemets: '« Centre medical »',
  /** Plain. */
  plain: 'Hello world',
};

function results(texts: readonly string[], run: (text: string) => number): Int32Array {
  return Int32Array.from(texts, run);
}

function causesOf(peer: Peer, texts: readonly string[]) {
  const report = analysePeer(peer, texts, results(texts, gsmgateCount), results(texts, peer.run));
  return { report, keys: report.causes.map((c) => c.key) };
}

const texts = Object.values(CRAFTED);
const peers = new Map(segmentPeers().map((p) => [p.name, p]));
const peer = (name: string) => peers.get(name) as Peer;

describe('disagreement analysis on crafted texts', () => {
  test('sms-counter counts extension characters once and splits emoji pairs', () => {
    const { report, keys } = causesOf(peer('sms-counter'), texts);
    expect(keys).toEqual(expect.arrayContaining(['ext-once', 'surrogate-split', 'no-form-feed']));
    expect(keys).not.toContain('unexplained');
    expect(keys).not.toContain('gsmgate');
    const ext = report.causes.find((c) => c.key === 'ext-once');
    expect(ext?.example.ours).toEqual({ segments: 2, encoding: 'gsm7' });
    expect(ext?.example.theirs).toEqual({ segments: 1, encoding: 'gsm7' });
    expect(report.under).toBeGreaterThan(0);
    expect(report.over).toBe(0);
  });

  test('sms-length lets escape pairs and surrogate pairs straddle a boundary', () => {
    const { report, keys } = causesOf(peer('sms-length'), texts);
    expect(keys).toEqual(
      expect.arrayContaining(['escape-split', 'surrogate-split', 'no-form-feed']),
    );
    expect(keys).not.toContain('unexplained');
    const escape = report.causes.find((c) => c.key === 'escape-split');
    expect(escape?.example.evidence).toContain("'€' would straddle units 153|154");
  });

  test('sms-segments-calculator keeps a whole grapheme cluster in one segment', () => {
    const { report, keys } = causesOf(peer('sms-segments-calculator'), texts);
    expect(keys).toEqual(['graphemes-whole']);
    expect(report.causes[0]?.example.ours).toEqual({ segments: 2, encoding: 'ucs2' });
    expect(report.causes[0]?.example.theirs).toEqual({ segments: 3, encoding: 'ucs2' });
  });

  test('@trt2/gsm-charset-utils and split-sms agree with gsmgate on every crafted text', () => {
    expect(causesOf(peer('@trt2/gsm-charset-utils'), texts).report.differ).toBe(0);
    expect(causesOf(peer('split-sms'), texts).report.differ).toBe(0);
  });

  test('node-pdu picks the alphabet by code point and cuts every 133 characters', () => {
    const node = pduPeer();
    const ours = results(texts, gsmgateEncoder().run);
    const report = analysePeer(node, texts, ours, results(texts, node.run));
    const keys = report.causes.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['alphabet-by-code-point', 'fixed-split']));
    expect(keys).not.toContain('unexplained');
    expect(report.over).toBeGreaterThan(0);
  });

  test('gsmgate agrees with the reference model on every crafted text', () => {
    expect(checkAgainstReference(texts, results(texts, gsmgateCount)).differ).toBe(0);
  });
});

describe('PDU fidelity check', () => {
  test('node-pdu loses characters below U+00C0 and writes an odd-length PDU for many escapes', () => {
    const lossy = ['Hello § and « ok »', '{'.repeat(140)];
    const theirs = checkFidelity('node-pdu', lossy, nodePduParts);
    expect(theirs.altered).toBe(1);
    expect([...theirs.replacements.keys()]).toEqual(
      expect.arrayContaining(['"§" → " "', '"«" → " "']),
    );
    expect(theirs.invalid.get('PDU_BAD_HEX')).toBe(1);
    const ours = checkFidelity('gsmgate', lossy, gsmgateEncoder().parts);
    expect(ours).toMatchObject({ altered: 0, splitPairs: 0 });
    expect(ours.invalid.size).toBe(0);
  });
});

describe('corpus', () => {
  test('is the same for the same seed and spans 1 to 1,200 units', () => {
    const one = buildCorpus(500, 7);
    expect(buildCorpus(500, 7).messages).toEqual(one.messages);
    expect(buildCorpus(500, 8).messages).not.toEqual(one.messages);
    const stats = describeCorpus(one);
    expect(stats.messages).toBe(500);
    expect(stats.minLength).toBeGreaterThanOrEqual(1);
    expect(stats.maxLength).toBeLessThanOrEqual(1200);
    expect(Object.values(stats.perClass).every((n) => n > 0)).toBe(true);
    // No message ends in half a surrogate pair.
    expect(one.messages.some((m) => /[\ud800-\udbff]$/.test(m))).toBe(false);
  });
});

describe('codec suite in quick mode on a tiny corpus', () => {
  test('produces a complete report and the log a reader needs', async () => {
    const lines: string[] = [];
    const context: BenchContext = {
      quick: true,
      options: new Map(),
      log: (line = '') => lines.push(line),
    };
    const settings: CodecSettings = { ...QUICK_SETTINGS, size: 200, warmup: 20, chunks: 2 };
    const report = await runCodec(context, settings);

    expect(report.suite).toBe('codec');
    expect(report.corpus.messages).toBe(200);
    expect(report.targets.map((t) => t.goal)).toEqual([1.5, 3]);
    for (const target of report.targets) {
      expect(Number.isFinite(target.ratio)).toBe(true);
      expect(target.pass).toBe(target.ratio >= target.goal);
    }
    expect(report.segments.peers.map((p) => p.name)).toEqual([
      'sms-counter',
      'sms-length',
      '@trt2/gsm-charset-utils',
      'split-sms',
      'sms-segments-calculator',
    ]);
    expect(report.segments.disagreements).toHaveLength(5);
    expect(report.segments.reference.differ).toBe(0);
    expect(report.segments.perClass).toHaveLength(5);
    expect(report.segments.deterministic).toBe(true);
    expect(report.pdu.peerName).toBe('node-pdu');
    expect(report.pdu.disagreement.compared).toBe(200);
    expect(report.pdu.fidelity.map((f) => f.encoder)).toEqual(['gsmgate', 'node-pdu']);
    expect(report.pdu.fidelity[0]).toMatchObject({ altered: 0, splitPairs: 0 });

    const text = lines.join('\n');
    expect(text).toContain('--- segment counting ---');
    expect(text).toContain('--- PDU encoding ---');
    expect(text).toMatch(/(PASS|FAIL) {2}gsmgate ÷ fastest peer/);
    expect(text).toContain('disagreements with gsmgate');
  });
});

describe('runner', () => {
  test('reads --quick, --key=value options and suite names', () => {
    const args = parseBenchArgs(['--quick', '--seed=42', 'codec']);
    expect(args).toEqual({ quick: true, options: new Map([['seed', '42']]), suites: ['codec'] });
    expect(settingsFor({ quick: true, options: args.options })).toMatchObject({
      size: 10_000,
      rounds: 1,
      seed: 42,
    });
    expect(() => settingsFor({ quick: false, options: new Map([['size', '0']]) })).toThrow(
      RangeError,
    );
  });

  test('prints the command and marks each target', () => {
    expect(commandLine(['node', '/x/dist/bench/run.js', 'codec'])).toContain(
      'dist/bench/run.js codec',
    );
    const [line] = formatTargets([
      { suite: 'codec', name: 'x', ratio: 1.2, goal: 1.5, pass: false },
    ]);
    expect(line).toMatch(/^FAIL {2}codec/);
  });
});
