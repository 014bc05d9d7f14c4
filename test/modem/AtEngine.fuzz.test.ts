/**
 * Bad input from the modem (random bytes, truncated lines, half URCs, a flood without line
 * ends) must never throw out of the engine nor wedge its queue: after any garbage, a plain
 * `AT` still gets its `OK`. fast-check with a fixed seed keeps the run deterministic.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AtLineClassifier } from '../../device/modem/at/AtLineClassifier.js';
import { AtLineSplitter } from '../../device/modem/at/AtLineSplitter.js';
import { AtEngine } from '../../device/modem/engine/AtEngine.js';
import { MemoryTransport } from '../../device/modem/transport/MemoryTransport.js';
import { ManualClock } from '../../device/policy/ManualClock.js';
import { runUntilSettled } from './engineFixture.js';
import { FakeModem } from './FakeModem.js';

const SEED = 0x6a7e;

/** Pieces real modems send, to be cut and shuffled into nonsense. */
const FRAGMENTS = [
  '\r\n',
  '\r',
  '\n',
  '\r\r\n',
  '> ',
  '>',
  'OK',
  'ERROR',
  '+CME ERROR: ',
  '+CMS ERROR: 5',
  '+CMTI: "SM",',
  '+CMTI: ,x',
  '+CDS: 25\r\n',
  '+CMT: ,',
  '+CREG: ',
  '+CREG: "a",,,',
  '^RSSI:',
  'RDY',
  'SMS Ready',
  '+CMGS: ',
  '0791447758100650',
  '\x1a',
  '\x1b',
  '\x00',
  '\xff\xfe',
  'Z'.repeat(3000),
];

const chunk = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom(...FRAGMENTS),
  fc.string({ maxLength: 40 }),
);
const garbage = fc.array(chunk, { maxLength: 30 });

describe('AtEngine under garbage', () => {
  test('the splitter and classifier never throw, whatever the bytes', () => {
    fc.assert(
      fc.property(garbage, fc.boolean(), (chunks, inCommand) => {
        const splitter = new AtLineSplitter({ maxLineLength: 512 });
        const classifier = new AtLineClassifier();
        const context = inCommand ? { command: 'AT+CMGS=23', payload: '00' } : undefined;
        for (const piece of chunks) {
          for (const token of splitter.push(piece)) classifier.classify(token, context);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  test('random bytes and truncated lines never throw out of the engine nor wedge the queue', async () => {
    await fc.assert(
      fc.asyncProperty(garbage, garbage, async (idleNoise, midCommandNoise) => {
        const clock = new ManualClock(0);
        const transport = new MemoryTransport();
        const engine = new AtEngine(transport, { clock, commandGapMs: 20, recoveryGapMs: 200 });
        const modem = new FakeModem(transport, { clock });
        modem.on('AT+CSQ', []); // never answers: only the noise can end it, or its timeout
        const internalErrors: unknown[] = [];
        engine.on('diagnostic', (d) => d.kind === 'internalError' && internalErrors.push(d.error));
        try {
          for (const piece of idleNoise) modem.garbage(piece);
          const inFlight = engine.send({ command: 'AT+CSQ', timeoutMs: 1000 });
          await clock.advanceAsync(0);
          for (const piece of midCommandNoise) modem.garbage(piece);
          await runUntilSettled(clock, inFlight, { stepMs: 100, maxMs: 5000 });

          const after = await runUntilSettled(
            clock,
            engine.send({ command: 'AT', timeoutMs: 1000 }),
            {
              stepMs: 100,
              maxMs: 5000,
            },
          );
          expect(after.value).toMatchObject({ final: 'OK' });
          expect(internalErrors).toEqual([]);
        } finally {
          engine.dispose();
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('a partial line that began before a command was written is never taken as its answer', async () => {
    const clock = new ManualClock(0);
    const transport = new MemoryTransport();
    const engine = new AtEngine(transport, { clock, commandGapMs: 0 });
    const modem = new FakeModem(transport, { clock });
    const strays: string[] = [];
    engine.on('diagnostic', (d) => d.kind === 'stray' && strays.push(d.line));
    modem.garbage('ERROR'); // no line end yet
    await expect(engine.send({ command: 'AT', timeoutMs: 1000 })).resolves.toMatchObject({
      final: 'OK',
    });
    expect(strays).toEqual(['ERROR']);
    engine.dispose();
  });
});
