/**
 * What the modem suite prints, and the serial line's theoretical limit.
 *
 * The limit. At 8N1 a byte takes 10 bits, so 115,200 baud carries 11,520 bytes/s in each
 * direction. The line is full duplex, but AT+CMGS is strictly request/response: the modem
 * prints `> ` only after it has read the whole command line, reads the PDU only after the
 * host has read the prompt, and answers `+CMGS: <mr>`/`OK` only after the Ctrl-Z; the host
 * writes the next command only after `OK`. No byte of one step can be on the wire while
 * another step's bytes are, so one exchange takes at least (bytes to the modem + bytes
 * from the modem) / 11,520 s, and the limit is 11,520 / (tx + rx) exchanges per second,
 * not 11,520 / max(tx, rx). (Echo, off here, would overlap with the host's own bytes and
 * add nothing; it is the driver's ATE0 that turns it off anyway.)
 */
import { formatRate } from '../codec/timing.js';
import type { TargetResult } from '../run.js';
import type { ContestantResult } from './measure.js';

export interface SweepPoint {
  readonly commandGapMs: number;
  readonly result: ContestantResult;
}

export interface LineShare {
  /** Bytes per exchange, both directions, as this contestant wrote and read them. */
  readonly bytesPerExchange: number;
  /** 8N1 bytes per second, each direction. */
  readonly bytesPerSecond: number;
  /** The most exchanges per second the line carries for those bytes. */
  readonly limit: number;
  /** rate ÷ limit. */
  readonly share: number;
}

export function lineShare(result: ContestantResult, baudRate: number): LineShare {
  const bytesPerSecond = baudRate / 10;
  const bytesPerExchange = result.txPerMessage + result.rxPerMessage;
  const limit = bytesPerExchange === 0 ? 0 : bytesPerSecond / bytesPerExchange;
  return { bytesPerExchange, bytesPerSecond, limit, share: limit === 0 ? 0 : result.rate / limit };
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);
const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`;
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
export const ratio = (value: number): string =>
  value >= 10 ? `${value.toFixed(1)}×` : `${value.toFixed(2)}×`;

/** Right-aligned columns after a left-aligned first one. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatUnpaced(results: readonly ContestantResult[], bareName: string): string[] {
  const bare = results.find((r) => r.name === bareName);
  const rows = results.map((r) => [
    r.name,
    formatRate(r.rate),
    `${formatRate(r.minRate)}–${formatRate(r.maxRate)}`,
    fixed(1000 / r.rate, 3),
    fixed(r.cpuMsPerMessage, 3),
    r === bare || bare === undefined ? '—' : signed(r.cpuMsPerMessage - bare.cpuMsPerMessage),
    fixed(r.simCpuMsPerMessage, 3),
    r === bare || bare === undefined ? '—' : ratio(r.rate / bare.rate),
  ]);
  return [
    ...table(
      [
        'contestant',
        'msgs/s',
        'min–max',
        'ms/msg',
        'CPU ms/msg',
        'CPU − bare',
        'sim CPU ms/msg',
        '÷ bare',
      ],
      rows,
    ),
    'ms/msg: wall time per exchange; CPU ms/msg: this process (user + system, all threads, ' +
      "median run); CPU − bare: gsmgate's own share; sim CPU: the simulator's process.",
  ];
}

export function formatSweep(points: readonly SweepPoint[], bareRate: number): string[] {
  const rows = points.map(({ commandGapMs, result }) => [
    String(commandGapMs),
    formatRate(result.rate),
    fixed(1000 / result.rate, 2),
    fixed(1000 / result.rate - commandGapMs, 2),
    fixed(result.cpuMsPerMessage, 3),
    ratio(result.rate / bareRate),
  ]);
  return [
    ...table(['commandGapMs', 'msgs/s', 'ms/msg', 'ms/msg − gap', 'CPU ms/msg', '÷ bare'], rows),
    'ms/msg − gap: what the exchange itself takes once the pause is taken off; a timer of n ms ' +
      'fires after n ms or later, so small gaps cost more than their value.',
  ];
}

export function formatPaced(
  results: readonly ContestantResult[],
  baudRate: number,
  bareName: string,
): string[] {
  const bare = results.find((r) => r.name === bareName);
  const reference = bare ?? results[0];
  const lines: string[] = [];
  if (reference !== undefined) {
    const { bytesPerExchange, bytesPerSecond, limit } = lineShare(reference, baudRate);
    lines.push(
      `line      ${formatRate(baudRate)} baud 8N1 = ${formatRate(bytesPerSecond)} bytes/s each way; ` +
        `an exchange moves ${fixed(reference.txPerMessage, 1)} bytes to the modem ` +
        `(AT+CMGS=<n>\\r, PDU hex, Ctrl-Z) and ${fixed(reference.rxPerMessage, 1)} back ` +
        `(\\r\\n> , +CMGS: <mr>, OK)`,
      `limit     request/response, so ≥ (tx + rx) / ${formatRate(bytesPerSecond)} s = ` +
        `${fixed((1000 * bytesPerExchange) / bytesPerSecond, 2)} ms an exchange: ` +
        `${fixed(limit, 1)} exchanges/s at most`,
    );
  }
  const rows = results.map((r) => {
    const share = lineShare(r, baudRate);
    return [
      r.name,
      fixed(r.rate, 1),
      `${fixed(r.minRate, 1)}–${fixed(r.maxRate, 1)}`,
      fixed(1000 / r.rate, 2),
      fixed(share.bytesPerExchange, 1),
      fixed(share.limit, 1),
      percent(share.share),
      r === bare || bare === undefined ? '—' : ratio(r.rate / bare.rate),
      fixed(r.cpuMsPerMessage, 3),
    ];
  });
  lines.push(
    ...table(
      [
        'contestant',
        'msgs/s',
        'min–max',
        'ms/msg',
        'bytes/msg',
        'limit/s',
        'share',
        '÷ bare',
        'CPU ms/msg',
      ],
      rows,
    ),
    'CPU ms/msg here includes waking up for every step of every exchange (the line is idle ' +
      'most of the time); the CPU target is read on the unpaced run.',
  );
  if (bare !== undefined) {
    lines.push(
      `the bare loop's ${percent(lineShare(bare, baudRate).share)} is this rig's ceiling: ` +
        'pty round trips plus the simulator releasing paced bytes on timers of ≥ 1 ms ' +
        '(docs/benchmarks.md, the modem suite).',
    );
  }
  return lines;
}

/** One PASS/FAIL line per target, as the runner's summary prints them. */
export function formatTargetLines(targets: readonly TargetResult[]): string[] {
  const width = Math.max(0, ...targets.map((t) => t.name.length));
  return targets.map(
    (t) =>
      `${t.pass ? 'PASS' : 'FAIL'}  ${t.name.padEnd(width)}  ${ratio(t.ratio)} (target ≥ ${t.goal}×)`,
  );
}
