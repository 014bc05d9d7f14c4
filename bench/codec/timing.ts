/**
 * Interleaved timing: every contestant runs in the same process, and each
 * round is cut into chunks that the contestants take in turn (the order
 * rotating from chunk to chunk), so a noisy neighbour, a frequency change or a
 * GC pause lands on all of them alike. The figure kept is the median of the
 * rounds.
 */

/** One function timed over its own list of messages. */
export interface Contestant {
  readonly name: string;
  readonly messages: readonly string[];
  /**
   * Does the work for one message and returns a small integer summarising the
   * result (segments × 2 + 1 for UCS-2). Stored, it keeps the JIT from
   * dropping the work and feeds the disagreement analysis.
   */
  readonly fn: (text: string) => number;
}

export interface Timing {
  readonly name: string;
  readonly messages: number;
  /** Messages per second, one value per round. */
  readonly perRound: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** The value `fn` returned for each message (last round; rounds must agree). */
  readonly results: Int32Array;
  /** False when a later round returned something else than the first for some message. */
  readonly deterministic: boolean;
}

export interface TimingOptions {
  readonly rounds: number;
  /** Messages each contestant runs, untimed, before round 1 (JIT warm-up). */
  readonly warmup: number;
  /** Chunks per round; more chunks interleave more finely. */
  readonly chunks: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function runChunk(c: Contestant, from: number, to: number, out: Int32Array): number {
  const { messages, fn } = c;
  const start = performance.now();
  for (let i = from; i < to; i++) out[i] = fn(messages[i] as string);
  return performance.now() - start;
}

export function measureInterleaved(
  contestants: readonly Contestant[],
  options: TimingOptions,
): Timing[] {
  const n = contestants.length;
  const results = contestants.map((c) => new Int32Array(c.messages.length));
  const first = contestants.map((c) => new Int32Array(c.messages.length));
  const elapsed = contestants.map(() => [] as number[]);

  const scratch = new Int32Array(options.warmup);
  for (const c of contestants) runChunk(c, 0, Math.min(options.warmup, c.messages.length), scratch);

  for (let round = 0; round < options.rounds; round++) {
    const spent = new Array<number>(n).fill(0);
    for (let chunk = 0; chunk < options.chunks; chunk++) {
      for (let k = 0; k < n; k++) {
        const index = (k + chunk + round) % n;
        const c = contestants[index] as Contestant;
        const size = c.messages.length;
        const from = Math.floor((size * chunk) / options.chunks);
        const to = Math.floor((size * (chunk + 1)) / options.chunks);
        const out = round === 0 ? (first[index] as Int32Array) : (results[index] as Int32Array);
        spent[index] = (spent[index] as number) + runChunk(c, from, to, out);
      }
    }
    spent.forEach((ms, index) => (elapsed[index] as number[]).push(ms));
  }

  return contestants.map((c, index) => {
    const perRound = (elapsed[index] as number[]).map(
      (ms) => (c.messages.length * 1000) / Math.max(ms, 1e-3),
    );
    const last = options.rounds > 1 ? (results[index] as Int32Array) : (first[index] as Int32Array);
    const deterministic = last.every((value, i) => value === (first[index] as Int32Array)[i]);
    return {
      name: c.name,
      messages: c.messages.length,
      perRound,
      median: median(perRound),
      min: Math.min(...perRound),
      max: Math.max(...perRound),
      results: last,
      deterministic,
    };
  });
}

/** Packs a count for storage in `Timing.results`. */
export function pack(segments: number, ucs2: boolean): number {
  return segments * 2 + (ucs2 ? 1 : 0);
}

export function unpack(value: number): { segments: number; encoding: 'gsm7' | 'ucs2' } {
  return { segments: value >> 1, encoding: (value & 1) === 1 ? 'ucs2' : 'gsm7' };
}

/** 1234567 → "1,234,567"; used for every figure so columns line up. */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
