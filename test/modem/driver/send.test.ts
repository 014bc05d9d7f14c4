import { describe, expect, test } from 'vitest';
import { MemoryRateCapStore, RateCap } from '../../../device/modem/rateCap/RateCap.js';
import { encodeSubmit } from '../../../device/sms/pdu/index.js';
import { prepareText } from '../../../device/sms/prepareText.js';
import { getProfile } from '../../../device/sms/profiles/profiles.js';
import { deliverVectors } from '../../sms/pdu/pduFixtures.js';
import { failure, started } from './driverHarness.js';

function pdus(text: string, concatRef = 7): { hex: string; length: number }[] {
  const prepared = prepareText(text, getProfile('generic'));
  return encodeSubmit({
    recipient: '+33612345678',
    segmentation: prepared.segmentation,
    charset: prepared.charset,
    concatRef,
  }).map(({ hex, length }) => ({ hex, length }));
}

const [ONE] = pdus('Rappel : rendez-vous demain à 9h30.');
const THREE = pdus('x'.repeat(400));
const one = ONE as { hex: string; length: number };

describe('sending', () => {
  test('a single PDU: AT+CMGS=<TPDU length>, the PDU after the prompt, the MR back', async () => {
    const h = await started();
    h.fake.nextMr = 42;
    expect(await h.settle(h.driver.sendPdu(one))).toEqual({ mr: 42 });
    expect(h.fake.sent(/^AT\+CMGS=/)).toEqual([`AT+CMGS=${one.length}`]);
    expect(h.fake.modem.payloads).toEqual([one.hex]);
  });

  test('a three-part message: parts in order, one MR each', async () => {
    const h = await started();
    h.fake.nextMr = 254;
    const result = await h.settle(h.driver.sendMessage(THREE));
    expect(result.parts).toEqual([
      { ok: true, mr: 254 },
      { ok: true, mr: 255 },
      { ok: true, mr: 0 },
    ]);
    expect(h.fake.modem.payloads).toEqual(THREE.map((p) => p.hex));
  });

  test('a transient +CMS ERROR (500) is MODEM_SEND_TRANSIENT; the next part still goes', async () => {
    const h = await started();
    h.fake.modem.use({
      name: 'first CMGS fails',
      matches: (c) => c.startsWith('AT+CMGS='),
      respond: (_, m) => m.reply('+CMS ERROR: 500'),
      once: true,
    });
    const result = await h.settle(h.driver.sendMessage(THREE));
    expect(result.parts[0]).toMatchObject({
      ok: false,
      outcome: 'transient',
      error: { code: 'MODEM_SEND_TRANSIENT', context: { atCode: 500, reason: 'cms-error' } },
    });
    expect(result.parts.slice(1).every((p) => p.ok)).toBe(true);
  });

  test('a permanent +CMS ERROR (unassigned number) fails the message: later parts are skipped', async () => {
    const h = await started();
    h.fake.modem.answerCmgs({ error: '+CMS ERROR: 1' });
    const result = await h.settle(h.driver.sendMessage(THREE));
    expect(result.parts.map((p) => (p.ok ? 'sent' : p.outcome))).toEqual([
      'permanent',
      'skipped',
      'skipped',
    ]);
    expect(result.parts[0]).toMatchObject({
      error: { code: 'MODEM_SEND_PERMANENT', context: { atCode: 1 } },
    });
    expect(h.fake.sent(/^AT\+CMGS=/)).toHaveLength(1);
  });

  test('a verbose +CMS ERROR is classified by its number', async () => {
    const h = await started({ fake: { vendor: 'ec25' } });
    h.fake.modem.answerCmgs({ error: '+CMS ERROR: unknown error' });
    const error = await failure(h, h.driver.sendPdu(one));
    expect(error).toMatchObject({ code: 'MODEM_SEND_TRANSIENT', context: { atCode: 500 } });
  });

  test('no prompt: ESC is sent and the send fails with a typed transient error', async () => {
    const h = await started();
    h.fake.modem.answerCmgs({ noPrompt: true });
    const error = await failure(h, h.driver.sendPdu(one));
    expect(error).toMatchObject({
      code: 'MODEM_SEND_TRANSIENT',
      context: { reason: 'no-prompt' },
      cause: { code: 'MODEM_NO_PROMPT' },
    });
    expect(h.fake.modem.escapes).toBe(1);
    expect(h.fake.modem.payloads).toEqual([]);
    // The modem is usable afterwards.
    h.fake.modem.answerCmgs({ mr: 9 });
    expect(await h.settle(h.driver.sendPdu(one))).toEqual({ mr: 9 });
  });

  test('a timeout after the PDU was written is an unknown outcome, not a failure', async () => {
    const h = await started();
    h.fake.modem.use({
      name: 'swallow the PDU',
      matches: (c) => c.startsWith('AT+CMGS='),
      respond: (_, m) => m.sendRaw('\r\n> '),
      once: true,
    });
    const result = await h.settle(h.driver.sendMessage(THREE));
    expect(result.parts[0]).toMatchObject({
      ok: false,
      outcome: 'unknown',
      error: {
        code: 'MODEM_SEND_UNKNOWN',
        context: { reason: 'timeout-after-pdu' },
        cause: { code: 'MODEM_TIMEOUT', context: { payloadSent: true } },
      },
    });
    expect(result.parts.slice(1).map((p) => (p.ok ? 'sent' : p.outcome))).toEqual([
      'skipped',
      'skipped',
    ]);
  });

  test('a late +CMGS after that timeout is reported as late-mr', async () => {
    const h = await started({ options: { engine: { commandGapMs: 0, recoveryGapMs: 500 } } });
    h.fake.modem.use({
      name: 'swallow the PDU',
      matches: (c) => c.startsWith('AT+CMGS='),
      respond: (_, m) => m.sendRaw('\r\n> '),
      once: true,
    });
    await failure(h, h.driver.sendPdu(one));
    h.fake.modem.reply('+CMGS: 77', 'OK');
    await h.advance(10);
    expect(h.of('late-mr')).toEqual([{ mr: 77 }]);
  });

  test('a +CMTI in the middle of AT+CMGS is handled after the send', async () => {
    const h = await started();
    const handled: number[] = [];
    h.driver.onInbound(async (m) => void handled.push(m.index));
    await h.advance(10);
    const pdu = (deliverVectors[0] as { hex: string }).hex;
    h.fake.memory('SM').set(0, { stat: 0, pdu });
    h.fake.modem.answerCmgs({ mr: 5, between: ['+CMTI: "SM",0'] });
    expect(await h.settle(h.driver.sendPdu(one))).toEqual({ mr: 5 });
    await h.advance(10);
    expect(handled).toEqual([0]);
    const cmds = h.fake.commands;
    expect(cmds.indexOf('AT+CMGR=0')).toBeGreaterThan(cmds.lastIndexOf(`AT+CMGS=${one.length}`));
    expect(h.fake.memory('SM').size).toBe(0);
  });

  test('a malformed PDU is refused before anything is written', async () => {
    const h = await started();
    const error = await failure(h, h.driver.sendPdu({ hex: '00ZZ', length: 1 }));
    expect(error).toMatchObject({ code: 'MODEM_SEND_PERMANENT', context: { reason: 'bad-pdu' } });
    expect(h.fake.sent(/^AT\+CMGS/)).toEqual([]);
  });

  test('not ready: MODEM_NOT_READY, nothing written', async () => {
    const h = await started();
    await h.driver.stop();
    expect(await failure(h, h.driver.sendPdu(one))).toMatchObject({ code: 'MODEM_NOT_READY' });
    const result = await h.settle(h.driver.sendMessage(THREE));
    expect(result.parts.map((p) => (p.ok ? 'sent' : p.error.code))).toEqual([
      'MODEM_NOT_READY',
      'MODEM_SEND_TRANSIENT',
      'MODEM_SEND_TRANSIENT',
    ]);
  });
});

describe('the rate cap on the send path (RULES.md §6)', () => {
  function cap(perMinute: number, perDay: number, clock: { now(): number }): RateCap {
    return new RateCap({
      ceilings: { perMinute, perDay },
      store: new MemoryRateCapStore(),
      clock: {
        now: () => clock.now(),
        setTimeout: () => ({}) as never,
        clearTimeout: () => undefined,
      },
    });
  }

  test('parts beyond the per-minute cap are refused with MODEM_RATE_LIMITED and retryAt', async () => {
    const holder: { now(): number } = { now: () => 0 };
    const h = await started({ driver: { rateCap: cap(2, 100, holder) } });
    holder.now = () => h.clock.now();
    const firstAt = h.clock.now();
    await h.settle(h.driver.sendPdu(one));
    await h.settle(h.driver.sendPdu(one));
    const error = await failure(h, h.driver.sendPdu(one));
    expect(error).toMatchObject({ code: 'MODEM_RATE_LIMITED', context: { limit: 'per-minute' } });
    // The first part leaves the rolling minute 60 s after it was taken.
    const retryAt = (error as { context: { retryAt: number } }).context.retryAt;
    expect(retryAt - firstAt).toBeGreaterThanOrEqual(60_000);
    expect(retryAt - firstAt).toBeLessThan(60_200);
    expect(h.fake.sent(/^AT\+CMGS=/)).toHaveLength(2);
  });

  test('a message takes all its parts or none', async () => {
    const holder: { now(): number } = { now: () => 0 };
    const h = await started({ driver: { rateCap: cap(4, 100, holder) } });
    holder.now = () => h.clock.now();
    await h.settle(h.driver.sendPdu(one));
    await h.settle(h.driver.sendPdu(one));
    const result = await h.settle(h.driver.sendMessage(THREE));
    expect(result.parts.map((p) => (p.ok ? 'sent' : p.error.code))).toEqual([
      'MODEM_RATE_LIMITED',
      'MODEM_SEND_TRANSIENT',
      'MODEM_SEND_TRANSIENT',
    ]);
    expect(h.fake.sent(/^AT\+CMGS=/)).toHaveLength(2);
  });

  test('a message larger than a limit outright fails permanently', async () => {
    const holder: { now(): number } = { now: () => 0 };
    const h = await started({ driver: { rateCap: cap(2, 100, holder) } });
    holder.now = () => h.clock.now();
    const result = await h.settle(h.driver.sendMessage(THREE));
    expect(result.parts[0]).toMatchObject({
      outcome: 'permanent',
      error: { code: 'MODEM_SEND_PERMANENT', context: { reason: 'exceeds-rate-cap' } },
    });
  });
});
