/**
 * Where a peer's answer differs from gsmgate's, and why. A difference is
 * explained by the smallest set of the peer's known departures from RULES.md
 * §1 (referenceModel.ts) that reproduces the peer's answer exactly; a
 * difference nothing reproduces is reported as unexplained, and one the
 * reference itself reproduces is blamed on gsmgate.
 */
import {
  countReference,
  countWith,
  rulesWith,
  type Count,
  type Deviation,
  type Rules,
} from './referenceModel.js';
import { formatRate, unpack } from './timing.js';

export interface Example {
  /** Index in the analysed message list. */
  readonly index: number;
  /** Where the message comes from, e.g. `#4127 extension` (corpus index and class). */
  readonly label: string;
  readonly length: number;
  readonly ours: Count;
  readonly theirs: Count;
  /** What in the text triggers the difference. */
  readonly evidence: string;
  readonly excerpt: string;
}

export interface Cause {
  /** Deviation keys joined by `+`, or `unexplained`, or `gsmgate`. */
  readonly key: string;
  readonly title: string;
  readonly reason: string;
  readonly count: number;
  /** The shortest message with this cause (of 16 units or more, when there is one). */
  readonly example: Example;
}

export interface PeerDisagreement {
  readonly peer: string;
  readonly compared: number;
  /** Messages where segments or encoding differ. */
  readonly differ: number;
  readonly under: number;
  readonly over: number;
  readonly encodingDiffers: number;
  readonly causes: readonly Cause[];
}

export interface AnalysedPeer {
  readonly name: string;
  readonly deviations: readonly Deviation[];
}

interface Hypothesis {
  readonly deviations: readonly Deviation[];
  readonly rules: Rules;
}

/** Every subset of `deviations`, smallest first (a peer has at most a handful). */
function hypotheses(deviations: readonly Deviation[]): Hypothesis[] {
  const subsets: Deviation[][] = [];
  for (let mask = 1; mask < 1 << deviations.length; mask++) {
    subsets.push(deviations.filter((_, bit) => (mask & (1 << bit)) !== 0));
  }
  subsets.sort((a, b) => a.length - b.length);
  return subsets.map((subset) => ({ deviations: subset, rules: rulesWith(subset) }));
}

/** Examples under this length read as fragments; prefer the shortest one at least this long. */
const READABLE_EXAMPLE = 16;

function betterExample(candidate: number, current: number): boolean {
  const readable = (n: number) => n >= READABLE_EXAMPLE;
  if (readable(candidate) !== readable(current)) return readable(candidate);
  return candidate < current;
}

function same(a: Count, b: Count): boolean {
  return a.segments === b.segments && a.encoding === b.encoding;
}

export function excerpt(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}

/**
 * Compares `theirs` with `ours` (both `pack`ed, aligned with `messages`) and
 * groups the differences by cause.
 */
export function analysePeer(
  peer: AnalysedPeer,
  messages: readonly string[],
  ours: Int32Array,
  theirs: Int32Array,
  labelOf: (index: number) => string = (index) => `#${index}`,
): PeerDisagreement {
  const tries = hypotheses(peer.deviations);
  const causes = new Map<
    string,
    { title: string; reason: string; count: number; example: Example }
  >();
  let differ = 0;
  let under = 0;
  let over = 0;
  let encodingDiffers = 0;

  for (let i = 0; i < messages.length; i++) {
    if (ours[i] === theirs[i]) continue;
    const text = messages[i] as string;
    const o = unpack(ours[i] as number);
    const t = unpack(theirs[i] as number);
    differ++;
    if (t.segments < o.segments) under++;
    if (t.segments > o.segments) over++;
    if (t.encoding !== o.encoding) encodingDiffers++;

    const reference = countReference(text);
    const match = same(reference, t) ? null : tries.find((h) => same(countWith(text, h.rules), t));
    const key =
      match === null
        ? 'gsmgate'
        : match === undefined
          ? 'unexplained'
          : match.deviations.map((d) => d.key).join('+');
    const entry = causes.get(key);
    if (entry !== undefined) {
      entry.count++;
      if (!betterExample(text.length, entry.example.length)) continue;
    }
    let title: string;
    let reason: string;
    let evidence: string;
    if (match === null) {
      title = 'gsmgate departs from the reference model';
      reason = 'the peer agrees with RULES.md §1 here: a gsmgate bug to fix';
      evidence = `reference: ${describe(reference)}`;
    } else if (match === undefined) {
      title = 'no known departure reproduces this answer';
      reason = 'read the peer’s source again: an unlisted rule is at work';
      evidence = `reference: ${describe(reference)}`;
    } else {
      title = match.deviations.map((d) => d.title).join('; and ');
      reason = match.deviations.map((d) => d.reason).join(' | ');
      evidence = match.deviations.map((d) => d.locate(text)).join('; ');
    }
    const example: Example = {
      index: i,
      label: labelOf(i),
      length: text.length,
      ours: o,
      theirs: t,
      evidence,
      excerpt: excerpt(text),
    };
    if (entry === undefined) causes.set(key, { title, reason, count: 1, example });
    else entry.example = example;
  }

  return {
    peer: peer.name,
    compared: messages.length,
    differ,
    under,
    over,
    encodingDiffers,
    causes: [...causes.entries()]
      .map(([key, c]) => ({ key, ...c }))
      .sort((a, b) => b.count - a.count),
  };
}

/** gsmgate against the reference model, message by message. */
export function checkAgainstReference(
  messages: readonly string[],
  ours: Int32Array,
): { compared: number; differ: number; example?: string } {
  let differ = 0;
  let example: string | undefined;
  for (let i = 0; i < messages.length; i++) {
    const text = messages[i] as string;
    const o = unpack(ours[i] as number);
    const r = countReference(text);
    if (!same(o, r)) {
      differ++;
      if (example === undefined || text.length < example.length) {
        example = `${excerpt(text)}: gsmgate ${o.segments} × ${o.encoding}, reference ${r.segments} × ${r.encoding}`;
      }
    }
  }
  return { compared: messages.length, differ, ...(example === undefined ? {} : { example }) };
}

const percent = (part: number, whole: number): string =>
  whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(part * 1000 < whole ? 3 : 2)}%`;

function describe(c: Count): string {
  return `${c.segments} × ${c.encoding}`;
}

export function formatDisagreements(
  list: readonly PeerDisagreement[],
  what = 'segments',
): string[] {
  const lines: string[] = [];
  const width = Math.max(...list.map((d) => d.peer.length), 4);
  lines.push(
    `${'peer'.padEnd(width)}  ${'compared'.padStart(8)}  ${'differ'.padStart(7)}  ${'share'.padStart(7)}  ` +
      `${'under'.padStart(6)}  ${'over'.padStart(6)}  ${'encoding'.padStart(8)}`,
  );
  for (const d of list) {
    lines.push(
      `${d.peer.padEnd(width)}  ${formatRate(d.compared).padStart(8)}  ${formatRate(d.differ).padStart(7)}  ` +
        `${percent(d.differ, d.compared).padStart(7)}  ${formatRate(d.under).padStart(6)}  ` +
        `${formatRate(d.over).padStart(6)}  ${formatRate(d.encodingDiffers).padStart(8)}`,
    );
  }
  lines.push(
    `(under/over: the peer gives fewer/more ${what} than gsmgate; encoding: it picks the other alphabet)`,
  );
  for (const d of list) {
    if (d.causes.length === 0) continue;
    lines.push('');
    lines.push(`${d.peer}: ${formatRate(d.differ)} of ${formatRate(d.compared)} differ`);
    for (const c of d.causes) {
      const e = c.example;
      lines.push(
        `  • ${formatRate(c.count)} (${percent(c.count, d.compared)}) [${c.key}] ${d.peer} ${c.title}`,
      );
      lines.push(`      why gsmgate is right: ${c.reason}`);
      lines.push(
        `      e.g. ${e.label}, ${e.length} chars: ` +
          `gsmgate ${describe(e.ours)}, ${d.peer} ${describe(e.theirs)}; ${e.evidence}`,
      );
      lines.push(`      ${e.excerpt}`);
    }
  }
  return lines;
}
