import { describe, expect } from 'vitest';
import { AtEngine } from '../../device/modem/engine/AtEngine.js';
import {
  isCmeError,
  isCmsError,
  isModemBusy,
  isModemClosed,
  isModemNoPrompt,
  isModemTimeout,
  isModemWriteFailed,
} from '../../device/modem/engine/ModemErrors.js';
import { rejectionOf, runUntilSettled, test } from './engineFixture.js';
import { FakeModem } from './FakeModem.js';

const PDU = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';
const CMGS = {
  command: 'AT+CMGS=23',
  timeoutMs: 60_000,
  expectPrompt: true,
  payload: PDU,
} as const;

describe('AtEngine: error results', () => {
  test.for([
    ['numeric', '+CME ERROR: 10', 10, 'SIM not inserted', false],
    ['verbose (AT+CMEE=2)', '+CME ERROR: SIM PIN required', 11, 'SIM PIN required', true],
  ] as const)(
    '+CME ERROR %s rejects with MODEM_CME_ERROR carrying the code',
    async ([, line, code, meaning, verbose], { engine, modem }) => {
      modem.on('AT+CPIN?', [line]);
      const error = await rejectionOf(engine.send({ command: 'AT+CPIN?', timeoutMs: 5000 }));
      expect(isCmeError(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'MODEM_CME_ERROR',
        context: { atCode: code, meaning, verbose },
      });
    },
  );

  test.for([
    ['numeric, transient', '+CMS ERROR: 500', 500, 'unknown error', true],
    ['numeric, permanent', '+CMS ERROR: 304', 304, 'invalid PDU mode parameter', false],
    ['verbose', '+CMS ERROR: SMSC address unknown', 330, 'SMSC address unknown', true],
  ] as const)(
    '+CMS ERROR %s rejects with MODEM_CMS_ERROR and its class',
    async ([, line, code, meaning, transient], { engine, modem }) => {
      modem.answerCmgs({ error: line });
      const error = await rejectionOf(engine.send(CMGS));
      expect(isCmsError(error)).toBe(true);
      expect(error).toMatchObject({
        context: { atCode: code, meaning, transient, payloadSent: true },
      });
    },
  );

  test('+CMS ERROR before the prompt fails the send without writing the PDU', async ({
    engine,
    modem,
  }) => {
    modem.on(/^AT\+CMGS=/, ['+CMS ERROR: 302']);
    const error = await rejectionOf(engine.send(CMGS));
    expect(error).toMatchObject({
      code: 'MODEM_CMS_ERROR',
      context: { atCode: 302, payloadSent: false },
    });
    expect(modem.transport.writes).toEqual(['AT+CMGS=23\r']);
  });

  test('plain ERROR rejects with MODEM_ERROR', async ({ engine, modem }) => {
    void modem; // present so that unknown commands get ERROR
    const error = await rejectionOf(engine.send({ command: 'AT+NOPE', timeoutMs: 1000 }));
    expect(error).toMatchObject({
      code: 'MODEM_ERROR',
      context: { command: 'AT+NOPE', finalLine: 'ERROR' },
    });
  });

  test('a PIN never appears in an error', async ({ engine, modem }) => {
    modem.on(/^AT\+CPIN=/, ['+CME ERROR: 16']);
    const error = await rejectionOf(engine.send({ command: 'AT+CPIN="1234"', timeoutMs: 1000 }));
    expect(JSON.stringify(error)).not.toContain('1234');
    expect((error as Error).message).not.toContain('1234');
  });
});

describe('AtEngine: timeouts and recovery', () => {
  test('a command whose final line never comes times out, and the engine recovers', async ({
    engine,
    modem,
    clock,
  }) => {
    modem.dropNextReply('AT+CSQ');
    const first = engine.send({ command: 'AT+CSQ', timeoutMs: 2000 });
    const outcome = await runUntilSettled(clock, first);
    expect(isModemTimeout(outcome.error)).toBe(true);
    expect(clock.now()).toBe(2000);
    await expect(engine.send({ command: 'AT', timeoutMs: 1000 })).resolves.toMatchObject({
      final: 'OK',
    });
  });

  test('no prompt: ESC is sent, MODEM_NO_PROMPT is raised, and the next queued command still runs', async ({
    engine,
    modem,
    clock,
  }) => {
    modem.answerCmgs({ noPrompt: true });
    const send = engine.send({ ...CMGS, promptTimeoutMs: 3000 });
    const next = engine.send({ command: 'AT', timeoutMs: 1000 });
    const outcome = await runUntilSettled(clock, send);
    expect(isModemNoPrompt(outcome.error)).toBe(true);
    expect(outcome.error).toMatchObject({ context: { timeoutMs: 3000, payloadSent: false } });
    await expect(next).resolves.toMatchObject({ final: 'OK' });
    expect(modem.transport.writes).toEqual(['AT+CMGS=23\r', '\x1b', 'AT\r']);
    expect(modem.escapes).toBe(1);
    expect(modem.payloads).toEqual([]);
  });

  test('a prompt that comes after the timeout is reported as stray, not taken by the next command', async ({
    engine,
    modem,
    clock,
    diagnostics,
  }) => {
    modem.answerCmgs({ promptDelayMs: 8000 });
    const send = engine.send({ ...CMGS, promptTimeoutMs: 5000 });
    expect((await runUntilSettled(clock, send)).error).toMatchObject({ code: 'MODEM_NO_PROMPT' });
    await clock.advanceAsync(5000);
    expect(diagnostics).toContainEqual({ kind: 'stray', line: '>' });
    await expect(engine.send({ command: 'AT', timeoutMs: 1000 })).resolves.toMatchObject({
      final: 'OK',
    });
  });

  test('a timeout after the PDU went out says so: the message may have been sent', async ({
    engine,
    modem,
    clock,
  }) => {
    modem.answerCmgs({ error: undefined });
    modem.use({
      name: 'silent after PDU',
      matches: (c) => c.startsWith('AT+CMGS'),
      respond: (_, m) => m.sendRaw('\r\n> '),
    });
    const outcome = await runUntilSettled(clock, engine.send({ ...CMGS, timeoutMs: 60_000 }), {
      stepMs: 1000,
    });
    expect(outcome.error).toMatchObject({
      code: 'MODEM_TIMEOUT',
      context: { payloadSent: true, timeoutMs: 60_000 },
    });
    expect(modem.escapes).toBe(0);
  });

  test('a timeout error points at the code that queued the command', async ({
    engine,
    modem,
    clock,
  }) => {
    modem.dropNextReply();
    const outcome = await runUntilSettled(clock, queueFromANamedCaller(engine));
    expect((outcome.error as Error).stack).toContain('queueFromANamedCaller');
  });

  test('after a timeout, a late reply lands in the recovery gap as stray instead of answering the next command', async ({
    transport,
    clock,
  }) => {
    const engine = new AtEngine(transport, { clock, commandGapMs: 20, recoveryGapMs: 500 });
    const modem = new FakeModem(transport, { clock });
    const strays: string[] = [];
    engine.on('diagnostic', (d) => d.kind === 'stray' && strays.push(d.line));
    modem.dropNextReply('AT+CSQ');
    expect(
      (await runUntilSettled(clock, engine.send({ command: 'AT+CSQ', timeoutMs: 1000 }))).error,
    ).toBeDefined();
    const next = engine.send({ command: 'AT', timeoutMs: 1000 });
    await clock.advanceAsync(100);
    modem.reply('+CSQ: 17,0', 'OK'); // the abandoned command's answer, late
    expect(modem.transport.writes).toEqual(['AT+CSQ\r']);
    expect((await runUntilSettled(clock, next)).value).toMatchObject({ lines: [], final: 'OK' });
    expect(strays).toEqual(['OK']);
    engine.dispose();
  });
});

describe('AtEngine: queue and link', () => {
  test.override('engineOptions', { commandGapMs: 20, recoveryGapMs: 500, maxQueueLength: 2 });

  test('the next command waits for the gap after the previous one settles', async ({
    engine,
    modem,
    clock,
  }) => {
    await engine.send({ command: 'AT', timeoutMs: 1000 });
    const second = engine.send({ command: 'AT', timeoutMs: 1000 });
    await clock.advanceAsync(19);
    expect(modem.transport.writes).toHaveLength(1);
    await clock.advanceAsync(1);
    await second;
    expect(modem.transport.writes).toHaveLength(2);
  });

  test('commands beyond maxQueueLength are refused with MODEM_BUSY', async ({
    engine,
    modem,
    clock,
  }) => {
    modem.dropNextReply();
    const inFlight = engine.send({ command: 'AT', timeoutMs: 1000 });
    await clock.advanceAsync(0);
    const queued = [
      engine.send({ command: 'AT', timeoutMs: 1000 }),
      engine.send({ command: 'AT', timeoutMs: 1000 }),
    ];
    expect(engine.queueLength).toBe(2);
    const refused = await rejectionOf(engine.send({ command: 'AT', timeoutMs: 1000 }));
    expect(isModemBusy(refused)).toBe(true);
    expect((await runUntilSettled(clock, inFlight)).error).toMatchObject({ code: 'MODEM_TIMEOUT' });
    for (const send of queued)
      expect((await runUntilSettled(clock, send)).value).toMatchObject({ final: 'OK' });
  });

  test('the link closing fails the command in flight and the queued ones; later sends are refused', async ({
    engine,
    modem,
    transport,
  }) => {
    modem.dropNextReply();
    const inFlight = engine.send({ command: 'AT+CSQ', timeoutMs: 1000 });
    const queued = engine.send({ command: 'AT', timeoutMs: 1000 });
    await Promise.resolve();
    transport.drop(new Error('USB unplugged'));
    expect(isModemClosed(await rejectionOf(inFlight))).toBe(true);
    expect(isModemClosed(await rejectionOf(queued))).toBe(true);
    expect(isModemClosed(await rejectionOf(engine.send({ command: 'AT', timeoutMs: 1000 })))).toBe(
      true,
    );
  });

  test('a failed write fails that command with MODEM_WRITE_FAILED and the queue moves on', async ({
    engine,
    modem,
    transport,
    clock,
  }) => {
    void modem;
    transport.failNextWrite();
    const first = engine.send({ command: 'AT+CSQ', timeoutMs: 1000 });
    const second = engine.send({ command: 'AT', timeoutMs: 1000 });
    expect(isModemWriteFailed(await rejectionOf(first))).toBe(true);
    expect((await runUntilSettled(clock, second)).value).toMatchObject({ final: 'OK' });
  });

  test('a malformed command is refused before it reaches the wire', async ({
    engine,
    transport,
  }) => {
    const error = await rejectionOf(engine.send({ command: 'AT+CSQ\rAT', timeoutMs: 1000 }));
    expect(error).toMatchObject({ code: 'MODEM_INVALID_COMMAND' });
    expect(transport.writes).toEqual([]);
  });
});

function queueFromANamedCaller(engine: AtEngine) {
  return engine.send({ command: 'AT+CSQ', timeoutMs: 500 });
}
