import { describe, expect, test } from 'vitest';
import type { InboundMessage } from '../../../device/modem/driver/ModemDriverEvents.js';
import { deliverVectors, statusReportVectors } from '../../sms/pdu/pduFixtures.js';
import { makeHarness, started } from './driverHarness.js';

function vector(name: string, list = deliverVectors): string {
  const found = list.find((v) => v.name.startsWith(name));
  if (found === undefined) throw new Error(`no vector ${name}`);
  return found.hex;
}

const HELLO = vector('dreamfabric');
const HOW_ARE_YOU = vector('oFono simple deliver');
const PART_1 = vector('Android multipart part 1 of 2');
const PART_2 = vector('Android multipart part 2 of 2');
const REPORT = vector('HeboTech: the same report with an SCA', statusReportVectors);
/** A stored SMS-SUBMIT (stat 3, "stored sent"): the SIM's sent box. */
const STORED_SUBMIT = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('inbound SMS', () => {
  test('+CMTI → AT+CMGR → handler → AT+CMGD, and the delete only after the handler resolved', async () => {
    const h = await started();
    const seen: InboundMessage[] = [];
    const gate = deferred();
    h.driver.onInbound(async (message) => {
      seen.push(message);
      await gate.promise;
    });
    await h.advance(10);
    const index = h.fake.deliver(HELLO);
    await h.advance(10);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      storage: 'SM',
      index,
      pdu: HELLO,
      message: { type: 'deliver', sender: '27838890001', text: 'hellohello' },
    });
    expect(h.fake.sent(/^AT\+CMGR=/)).toEqual([`AT+CMGR=${index}`]);
    expect(h.fake.sent(/^AT\+CMGD=/)).toEqual([]); // the handler has not finished
    gate.resolve();
    await h.advance(10);
    expect(h.fake.sent(/^AT\+CMGD=/)).toEqual([`AT+CMGD=${index}`]);
    expect(h.fake.memory('SM').size).toBe(0);
    expect(h.of('inbound')).toHaveLength(1);
  });

  test('a handler that rejects leaves the message stored; the next sweep offers it again', async () => {
    const h = await started({ options: { sweepIntervalMs: 60_000 } });
    let calls = 0;
    h.driver.onInbound(async () => {
      calls++;
      if (calls === 1) throw new Error('database locked');
    });
    await h.advance(10);
    h.fake.deliver(HELLO);
    await h.advance(10);
    expect(calls).toBe(1);
    expect(h.fake.sent(/^AT\+CMGD=/)).toEqual([]);
    expect(h.fake.memory('SM').size).toBe(1);

    await h.advance(60_000); // the periodic sweep
    expect(h.fake.sent(/^AT\+CMGL=4$/).length).toBeGreaterThanOrEqual(1);
    expect(calls).toBe(2);
    expect(h.fake.sent(/^AT\+CMGD=/)).toEqual(['AT+CMGD=0']);
    expect(h.fake.memory('SM').size).toBe(0);
  });

  test('at start, what is stored is swept with AT+CMGL=4: delivers handled, reports emitted, sent box left', async () => {
    const h = makeHarness();
    const sm = h.fake.memory('SM');
    sm.set(0, { stat: 1, pdu: HELLO });
    sm.set(1, { stat: 3, pdu: STORED_SUBMIT });
    sm.set(2, { stat: 0, pdu: REPORT });
    sm.set(3, { stat: 0, pdu: HOW_ARE_YOU });
    const texts: string[] = [];
    h.driver.onInbound(async (m) => void texts.push(m.message.text ?? ''));
    await h.settle(h.driver.start());
    await h.advance(10);
    expect(h.fake.sent(/^AT\+CMGL=4$/)).toHaveLength(1);
    expect(texts).toEqual(['hellohello', 'How are you?']);
    expect(h.of('statusReport')).toMatchObject([
      {
        source: 'stored',
        storage: 'SM',
        index: 2,
        messageReference: 214,
        recipient: '+31628870634',
      },
    ]);
    expect([...sm.keys()]).toEqual([1]);
  });

  test('both parts of a concatenated SMS go to the handler, each deleted after it', async () => {
    const h = await started();
    const seqs: number[] = [];
    h.driver.onInbound(async (m) => void seqs.push(m.message.concat?.seq ?? 0));
    await h.advance(10);
    h.fake.deliver(PART_1);
    h.fake.deliver(PART_2);
    await h.advance(10);
    expect(seqs).toEqual([1, 2]);
    expect(h.fake.sent(/^AT\+CMGD=/)).toEqual(['AT+CMGD=0', 'AT+CMGD=1']);
  });

  test('a handler that never settles is given up after inboundHandlerTimeoutMs; the inbox goes on', async () => {
    const h = await started({ options: { inboundHandlerTimeoutMs: 5_000 } });
    let calls = 0;
    h.driver.onInbound((m) => {
      calls++;
      return m.index === 0 ? new Promise<void>(() => undefined) : Promise.resolve();
    });
    await h.advance(10);
    h.fake.deliver(HELLO);
    h.fake.deliver(HOW_ARE_YOU);
    await h.advance(4_000);
    expect(calls).toBe(1);
    await h.advance(1_100);
    expect(calls).toBe(2);
    expect(h.fake.sent(/^AT\+CMGD=/)).toEqual(['AT+CMGD=1']);
  });

  test('without a handler nothing is read; registering one sweeps what waited', async () => {
    const h = await started();
    h.fake.deliver(HELLO);
    await h.advance(10);
    expect(h.fake.sent(/^AT\+CMGR=/)).toEqual([]);
    const texts: string[] = [];
    h.driver.onInbound(async (m) => void texts.push(m.message.text ?? ''));
    await h.advance(10);
    expect(texts).toEqual(['hellohello']);
  });

  test('an undecodable stored PDU is reported and left on the SIM', async () => {
    const h = await started();
    h.driver.onInbound(async () => undefined);
    await h.advance(10);
    h.fake.memory('SM').set(0, { stat: 0, pdu: '07917283010010F504' });
    h.fake.modem.reply('+CMTI: "SM",0');
    await h.advance(10);
    expect(h.of('undecodable')).toMatchObject([{ storage: 'SM', index: 0 }]);
    expect(h.fake.sent(/^AT\+CMGD=/)).toEqual([]);
  });

  test('a full SIM whose messages cannot be handled raises storage-full at the health poll', async () => {
    const h = await started({
      fake: { capacity: 3 },
      options: { healthIntervalMs: 30_000 },
    });
    h.driver.onInbound(async () => {
      throw new Error('outbox unavailable');
    });
    await h.advance(10);
    for (const pdu of [HELLO, HOW_ARE_YOU, PART_1]) h.fake.deliver(pdu, { announce: false });
    await h.advance(30_000);
    expect(h.fake.sent(/^AT\+CMGL=4$/).length).toBeGreaterThanOrEqual(2); // the watch swept
    expect(h.of('storage-full')).toEqual([{ storage: 'SM', used: 3, total: 3, unhandled: 3 }]);
  });

  test('a nearly full SIM is swept at the health poll, which frees it', async () => {
    const h = await started({ fake: { capacity: 4 }, options: { healthIntervalMs: 30_000 } });
    const handled: number[] = [];
    h.driver.onInbound(async (m) => void handled.push(m.index));
    await h.advance(10);
    for (const pdu of [HELLO, HOW_ARE_YOU, PART_1, PART_2]) {
      h.fake.deliver(pdu, { announce: false }); // +CMTI lost (e.g. during a reconnect)
    }
    await h.advance(30_000);
    expect(handled).toEqual([0, 1, 2, 3]);
    expect(h.fake.memory('SM').size).toBe(0);
    expect(h.of('storage-full')).toEqual([]);
  });
});
