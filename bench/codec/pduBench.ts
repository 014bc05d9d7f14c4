/**
 * PDU encoding: from text to the hex strings written after AT+CMGS, for every
 * part. gsmgate segments (`segmentText`) then encodes (`encodeSubmit`);
 * node-pdu does both inside `new Submit(…).getPartStrings()`. Then a fidelity
 * check: each encoder's PDUs, decoded by a TS 23.038/23.040 decoder, must give
 * the text back.
 */
import { decodePdu, encodeSubmit } from '../../device/sms/pdu/index.js';
import { segmentText } from '../../device/sms/segmenter.js';
import { CORPUS_CLASSES, type Corpus } from './corpus.js';
import { analysePeer, excerpt, type PeerDisagreement } from './disagreements.js';
import { nodePduParts, PDU_RECIPIENT, type Peer } from './peers.js';
import { formatPhases, formatRatio } from './segmentBench.js';
import { formatRate, measureInterleaved, pack, type Timing } from './timing.js';

/** The issue's target: PDU encoding at least 3× node-pdu. */
export const PDU_TARGET = 3;

export const GSMGATE_PDU_CALL = `encodeSubmit({ recipient: '${PDU_RECIPIENT}', segmentation: segmentText(text), concatRef })`;

export interface PduBenchOptions {
  readonly rounds: number;
  readonly warmup: number;
  readonly chunks: number;
  /** The fidelity check decodes every n-th message. */
  readonly fidelityEvery: number;
}

export interface Fidelity {
  readonly encoder: string;
  readonly checked: number;
  /** Messages whose decoded text differs from the input. */
  readonly altered: number;
  /** Messages with a part the decoder refuses, by error code. */
  readonly invalid: ReadonlyMap<string, number>;
  /** Messages with a surrogate pair cut between two parts. */
  readonly splitPairs: number;
  /** `input → decoded` character replacements, with how many messages show each. */
  readonly replacements: ReadonlyMap<string, number>;
  readonly example?: string;
}

export interface PduBenchResult {
  readonly gsmgate: Timing;
  readonly peer: Timing;
  readonly peerName: string;
  readonly peerVersion: string;
  readonly peerCall: string;
  readonly ratio: number;
  readonly pass: boolean;
  readonly disagreement: PeerDisagreement;
  readonly fidelity: readonly Fidelity[];
  readonly deterministic: boolean;
  readonly phases: Readonly<Record<string, number>>;
}

/** gsmgate's encoder with its own rolling concatenation reference, as the outbox keeps one. */
export function gsmgateEncoder(): {
  run: (text: string) => number;
  parts: (text: string) => string[];
} {
  let ref = 0;
  const encode = (text: string) => {
    const segmentation = segmentText(text);
    ref = (ref + 1) & 0xff;
    return {
      segmentation,
      pdus: encodeSubmit({ recipient: PDU_RECIPIENT, segmentation, concatRef: ref }),
    };
  };
  return {
    run: (text) => {
      const { segmentation, pdus } = encode(text);
      return pack(pdus.length, segmentation.encoding === 'ucs2');
    },
    parts: (text) => encode(text).pdus.map((p) => p.hex),
  };
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const show = (ch: string): string => JSON.stringify(ch);

/** Decodes `parts` in order and compares with `text`. */
export function checkFidelity(
  encoder: string,
  messages: readonly string[],
  encode: (text: string) => string[],
): Fidelity {
  let altered = 0;
  let splitPairs = 0;
  const invalid = new Map<string, number>();
  const replacements = new Map<string, number>();
  let example: string | undefined;
  for (const text of messages) {
    const texts: string[] = [];
    let refused: string | undefined;
    for (const hex of encode(text)) {
      try {
        const decoded = decodePdu(hex);
        texts.push(decoded.type === 'submit' ? (decoded.text ?? '') : '');
      } catch (error) {
        refused = (error as { code?: string }).code ?? 'error';
        break;
      }
    }
    if (refused !== undefined) {
      invalid.set(refused, (invalid.get(refused) ?? 0) + 1);
      continue;
    }
    if (texts.slice(0, -1).some((t) => t.length > 0 && isHigh(t.charCodeAt(t.length - 1))))
      splitPairs++;
    const back = texts.join('');
    if (back === text) continue;
    altered++;
    const seen = new Set<string>();
    if (back.length === text.length) {
      for (let i = 0; i < text.length; i++) {
        if (back[i] !== text[i]) seen.add(`${show(text.charAt(i))} → ${show(back.charAt(i))}`);
      }
    } else seen.add('length changed');
    for (const key of seen) replacements.set(key, (replacements.get(key) ?? 0) + 1);
    if (example === undefined || text.length < example.length) {
      example = `${excerpt(text, 50)} comes back as ${excerpt(back, 50)}`;
    }
  }
  return {
    encoder,
    checked: messages.length,
    altered,
    invalid,
    splitPairs,
    replacements,
    ...(example === undefined ? {} : { example }),
  };
}

export function runPduBench(corpus: Corpus, peer: Peer, options: PduBenchOptions): PduBenchResult {
  const gsmgate = gsmgateEncoder();
  let clock = performance.now();
  const phases: Record<string, number> = {};
  const lap = (name: string): void => {
    const now = performance.now();
    phases[name] = (now - clock) / 1000;
    clock = now;
  };
  const [ours, theirs] = measureInterleaved(
    [
      { name: 'gsmgate', messages: corpus.messages, fn: gsmgate.run },
      { name: peer.name, messages: corpus.messages, fn: peer.run },
    ],
    options,
  ) as [Timing, Timing];
  lap('rounds');
  const ratio = ours.median / theirs.median;
  const disagreement = analysePeer(
    peer,
    corpus.messages,
    ours.results,
    theirs.results,
    (i) => `#${i} ${CORPUS_CLASSES[corpus.classes[i] as number] as string}`,
  );
  lap('analysis');
  const checked = corpus.messages.filter((_, i) => i % options.fidelityEvery === 0);
  const fidelity = [
    checkFidelity('gsmgate', checked, gsmgate.parts),
    checkFidelity(peer.name, checked, nodePduParts),
  ];
  lap('fidelity');
  return {
    gsmgate: ours,
    peer: theirs,
    peerName: peer.name,
    peerVersion: peer.version,
    peerCall: peer.call,
    ratio,
    pass: ratio >= PDU_TARGET,
    disagreement,
    fidelity,
    deterministic: ours.deterministic && theirs.deterministic,
    phases,
  };
}

export function formatPduBench(result: PduBenchResult): string[] {
  const rows: [string, Timing, string][] = [
    ['gsmgate this tree', result.gsmgate, '—'],
    [`${result.peerName} ${result.peerVersion}`, result.peer, formatRatio(result.ratio)],
  ];
  const w = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `${'contestant'.padEnd(w)}  ${'msgs/s'.padStart(10)}  ${'min–max'.padStart(21)}  gsmgate ÷ peer`,
  ];
  for (const [label, t, ratio] of rows) {
    lines.push(
      `${label.padEnd(w)}  ${formatRate(t.median).padStart(10)}  ` +
        `${`${formatRate(t.min)}–${formatRate(t.max)}`.padStart(21)}  ${ratio}`,
    );
  }
  lines.push('calls timed:');
  lines.push(`  gsmgate   ${GSMGATE_PDU_CALL}`);
  lines.push(`  ${result.peerName}  ${result.peerCall}`);
  lines.push(
    `${result.pass ? 'PASS' : 'FAIL'}  gsmgate ÷ ${result.peerName} = ${formatRatio(result.ratio)}, target ≥ ${PDU_TARGET}×`,
  );
  lines.push('');
  lines.push(
    `fidelity: every PDU decoded by gsmgate's TS 23.040 decoder, parts joined, compared with the input`,
  );
  for (const f of result.fidelity) {
    const invalid = [...f.invalid.entries()].map(([code, n]) => `${n} ${code}`).join(', ') || '0';
    lines.push(
      `  ${f.encoder}: ${f.checked} messages checked, ${f.altered} altered, ${invalid} refused by the decoder, ` +
        `${f.splitPairs} with a surrogate pair cut between parts`,
    );
    const top = [...f.replacements.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (top.length > 0)
      lines.push(`    replacements (messages): ${top.map(([k, n]) => `${k} (${n})`).join(', ')}`);
    if (f.example !== undefined) lines.push(`    e.g. ${f.example}`);
  }
  if (!result.deterministic)
    lines.push('WARNING: an encoder answered differently from one round to the next');
  lines.push(`time spent: ${formatPhases(result.phases)}`);
  return lines;
}
