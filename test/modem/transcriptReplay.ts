/**
 * Reads a modem transcript from test/fixtures/modem/ and replays it through a MemoryTransport
 * into a real AtEngine: host commands are sent through the engine, modem bytes are emitted
 * chunk by chunk, and the outcome of every command and every URC is checked against the
 * transcript's expectations. The format is described at the top of sim800.txt.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { UrcEvent } from '../../device/modem/at/urcEvents.js';
import type { AtCommand } from '../../device/modem/engine/AtCommand.js';
import { AtEngine } from '../../device/modem/engine/AtEngine.js';
import { MemoryTransport } from '../../device/modem/transport/MemoryTransport.js';
import { ManualClock } from '../../device/policy/ManualClock.js';

export type Step =
  | { readonly kind: 'host'; readonly lineNo: number; readonly command: AtCommand }
  | { readonly kind: 'modem'; readonly lineNo: number; readonly bytes: string }
  | { readonly kind: 'result'; readonly lineNo: number; readonly expected: string[] }
  | { readonly kind: 'urc'; readonly lineNo: number; readonly expected: Partial<UrcEvent> };

export function parseTranscript(text: string): Step[] {
  const steps: Step[] = [];
  text.split('\n').forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/\r$/, '');
    const tag = line.slice(0, 2);
    const body = line.slice(3);
    if (line.trim() === '' || line.startsWith('#')) return;
    if (tag === '>>') {
      const [command = '', payload] = body.split(' | ');
      const prompt = payload === undefined ? {} : { expectPrompt: true, payload };
      steps.push({ kind: 'host', lineNo, command: { command, timeoutMs: 10_000, ...prompt } });
    } else if (tag === '<<') {
      steps.push({ kind: 'modem', lineNo, bytes: unescape(body) });
    } else if (tag === '==') {
      steps.push({ kind: 'result', lineNo, expected: body.split(' | ') });
    } else if (tag === '!!') {
      steps.push({ kind: 'urc', lineNo, expected: JSON.parse(body) as Partial<UrcEvent> });
    } else {
      throw new Error(`line ${lineNo}: unknown tag in ${JSON.stringify(line)}`);
    }
  });
  return steps;
}

/** C-style escapes: \r \n \t \\ \xHH. */
export function unescape(text: string): string {
  return text.replace(/\\(x[0-9A-Fa-f]{2}|[rnt\\])/g, (_, code: string) => {
    if (code.startsWith('x')) return String.fromCharCode(parseInt(code.slice(1), 16));
    return { r: '\r', n: '\n', t: '\t', '\\': '\\' }[code] ?? code;
  });
}

export function loadTranscript(name: string): Step[] {
  const url = new URL(`../fixtures/modem/${name}`, import.meta.url);
  return parseTranscript(readFileSync(url, 'utf8'));
}

/** Replays the steps; throws (via expect) on the first divergence. */
export async function replay(steps: Step[]): Promise<{ urcs: UrcEvent[]; writes: string[] }> {
  const clock = new ManualClock(0);
  const transport = new MemoryTransport();
  const engine = new AtEngine(transport, { clock });
  const urcs: UrcEvent[] = [];
  const expectedUrcs: Array<Partial<UrcEvent>> = [];
  engine.on('urc', (event) => urcs.push(event));
  let pending: { command: AtCommand; outcome: Outcome | undefined } | undefined;

  try {
    for (const step of steps) {
      const where = `transcript line ${step.lineNo}`;
      switch (step.kind) {
        case 'host': {
          const current: { command: AtCommand; outcome: Outcome | undefined } = {
            command: step.command,
            outcome: undefined,
          };
          engine.send(step.command).then(
            (value) => (current.outcome = { value }),
            (error: unknown) => (current.outcome = { error }),
          );
          pending = current;
          const data = `${step.command.command}\r`;
          await advanceUntil(
            clock,
            () => transport.writes.includes(data),
            `${where}: never wrote it`,
          );
          transport.clearWrites();
          break;
        }
        case 'modem':
          transport.emitData(step.bytes);
          await clock.advanceAsync(0); // let the engine react (e.g. write the PDU after "> ")
          break;
        case 'result': {
          if (pending === undefined) throw new Error(`${where}: == without a >> before it`);
          const settled = pending;
          await advanceUntil(clock, () => settled.outcome !== undefined, `${where}: still pending`);
          expect(describeOutcome(settled.outcome ?? {}), where).toEqual(step.expected.join(' | '));
          if (pending.command.payload !== undefined && step.expected[0] !== 'no-prompt') {
            expect(transport.writes, where).toContain(`${pending.command.payload}\x1a`);
          }
          pending = undefined;
          break;
        }
        case 'urc':
          expectedUrcs.push(step.expected);
          break;
      }
    }
    expect(urcs).toHaveLength(expectedUrcs.length);
    expect(urcs).toMatchObject(expectedUrcs);
    return { urcs, writes: [...transport.writes] };
  } finally {
    engine.dispose();
  }
}

interface Outcome {
  readonly value?: unknown;
  readonly error?: unknown;
}

/** Moves virtual time in small steps until `done()` (at most a minute of it). */
async function advanceUntil(clock: ManualClock, done: () => boolean, failure: string) {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > 60_000) throw new Error(failure);
    await clock.advanceAsync(5);
  }
}

/** The outcome in the transcript's own words: `ok | line…`, `cms 500`, `no-prompt`, … */
function describeOutcome(outcome: Outcome): string {
  if (outcome.error === undefined) {
    const { lines } = outcome.value as { lines: string[] };
    return ['ok', ...lines].join(' | ');
  }
  const error = outcome.error as { code?: string; context?: { atCode?: number } };
  switch (error.code) {
    case 'MODEM_CME_ERROR':
      return `cme ${error.context?.atCode}`;
    case 'MODEM_CMS_ERROR':
      return `cms ${error.context?.atCode}`;
    case 'MODEM_ERROR':
      return 'error';
    case 'MODEM_NO_PROMPT':
      return 'no-prompt';
    case 'MODEM_TIMEOUT':
      return 'timeout';
    default:
      return `unexpected ${String(error.code ?? outcome.error)}`;
  }
}
