import { describe, expect, test } from 'vitest';
import { decodePdu } from '../../../device/sms/pdu/index.js';
import { codeOf, createMemorySim } from './memorySim.js';

describe('the simulated modem on a memory transport: SMS', () => {
  test('AT+CMGS decodes the PDU with our codec, records it and answers a message reference', async () => {
    const { sim, sendSms } = createMemorySim();
    const result = await sendSms('Rappel: RDV demain 9h');
    expect(result.value?.lines).toEqual(['+CMGS: 0']);
    expect(sim.sent).toHaveLength(1);
    expect(sim.sent[0]).toMatchObject({
      mr: 0,
      at: expect.any(Number),
      pdu: { type: 'submit', recipient: '+33612345678', text: 'Rappel: RDV demain 9h' },
    });
  });

  test('the message reference wraps from 255 to 0', async () => {
    const { sendSms } = createMemorySim({ initialEcho: false });
    const mrs: string[] = [];
    for (let i = 0; i < 258; i++) mrs.push(...((await sendSms(`n${i}`)).value?.lines ?? []));
    expect(mrs.slice(254)).toEqual(['+CMGS: 254', '+CMGS: 255', '+CMGS: 0', '+CMGS: 1']);
  });

  test('a length that does not match the PDU is +CMS ERROR: 304 and nothing is recorded', async () => {
    const { sim, sendSms } = createMemorySim();
    expect(codeOf((await sendSms('x', { lengthDelta: 1 })).error)).toEqual({
      code: 'MODEM_CMS_ERROR',
      atCode: 304,
    });
    expect(sim.sent).toEqual([]);
  });

  test('ESC instead of Ctrl-Z leaves PDU input without sending and the modem confirms with OK', async () => {
    const { sim, transport, at } = createMemorySim({ initialEcho: false });
    await transport.write('AT+CMGS=20\r');
    expect(transport.writes).toHaveLength(1);
    await transport.write('0011\x1b');
    expect(sim.sent).toEqual([]);
    expect(await at('AT')).toMatchObject({ value: { final: 'OK' } });
  });

  test('TP-SRR brings a +CDS status report after the delay when CNMI ds=1, matched by MR and recipient', async () => {
    const { sim, sendSms, at, clock, urcs } = createMemorySim({ statusReportDelayMs: 3_000 });
    await at('AT+CNMI=2,1,0,1,0');
    await sendSms('hello', { statusReport: true, to: '0612345678' });
    await clock.advanceAsync(2_900);
    expect(urcs.filter((u) => u.type === 'statusReport')).toEqual([]);
    await clock.advanceAsync(200);
    const report = urcs.find((u) => u.type === 'statusReport');
    if (report?.type !== 'statusReport') throw new Error('no +CDS');
    expect(decodePdu(report.pdu)).toMatchObject({
      type: 'status-report',
      messageReference: 0,
      recipient: '0612345678',
      status: { category: 'delivered' },
    });
    expect(sim.network.statusReports).toMatchObject([{ mr: 0, routed: 'cds', status: 0 }]);
  });

  test('status reports follow CNMI ds: dropped for 0, stored with +CDSI for 2, with the chosen TP-ST', async () => {
    const { sim, sendSms, at, clock, urcs } = createMemorySim({ statusReportDelayMs: 10 });
    sim.statusReportStatus = 0x46;
    await sendSms('a', { statusReport: true });
    await at('AT+CNMI=2,1,0,2,0');
    await sendSms('b', { statusReport: true });
    await clock.advanceAsync(20);
    expect(sim.network.statusReports.map((r) => [r.routed, r.status])).toEqual([
      ['dropped', 0x46],
      ['cdsi', 0x46],
    ]);
    expect(urcs.find((u) => u.type === 'statusReportIndex')).toMatchObject({
      storage: 'SM',
      index: 1,
    });
  });

  test('an injected SMS is stored with +CMTI, read with +CMGR, listed, then deleted', async () => {
    const { sim, at, urcs, clock } = createMemorySim();
    const result = sim.deliver({
      from: '+33698765432',
      text: 'STOP',
      at: clock.now(),
      offsetMinutes: 60,
    });
    expect(result).toEqual({ parts: 1, stored: [1], waiting: 0 });
    expect(urcs.at(-1)).toMatchObject({ type: 'newMessage', storage: 'SM', index: 1 });
    const read = (await at('AT+CMGR=1')).value?.lines ?? [];
    expect(read[0]).toMatch(/^\+CMGR: 0,,\d+$/);
    expect(decodePdu(read[1] ?? '')).toMatchObject({
      type: 'deliver',
      sender: '+33698765432',
      text: 'STOP',
    });
    expect((await at('AT+CMGL=0')).value?.lines).toEqual([]);
    expect((await at('AT+CMGL=1')).value?.lines?.[0]).toMatch(/^\+CMGL: 1,1,,\d+$/);
    await at('AT+CMGD=1');
    expect((await at('AT+CMGL=4')).value?.lines).toEqual([]);
    expect((await at('AT+CMGR=1')).value?.lines).toEqual([]);
    expect(codeOf((await at('AT+CMGR=31')).error).atCode).toBe(321);
  });

  test('a long injected SMS arrives as concatenated parts that reassemble', async () => {
    const { sim, at } = createMemorySim();
    const text = 'Bonjour, je ne pourrai pas venir au rendez-vous de jeudi. '.repeat(4);
    expect(sim.deliver({ from: 'Cabinet', text })).toMatchObject({ parts: 2, stored: [1, 2] });
    const lines = (await at('AT+CMGL=4')).value?.lines ?? [];
    const parts = [lines[1], lines[3]].map((hex) => decodePdu(hex ?? ''));
    expect(parts.map((p) => (p.type === 'deliver' ? p.concat : undefined))).toMatchObject([
      { total: 2, seq: 1 },
      { total: 2, seq: 2 },
    ]);
    expect(parts.map((p) => (p.type === 'deliver' ? p.text : '')).join('')).toBe(text);
  });

  test('CNMI mt=2 routes an SMS straight to the host with +CMT and stores nothing', async () => {
    const { sim, at, urcs } = createMemorySim();
    await at('AT+CNMI=2,2,0,0,0');
    sim.deliver({ from: '+33698765432', text: 'direct' });
    expect(urcs.at(-1)).toMatchObject({ type: 'directMessage' });
    expect(sim.storage.used).toBe(0);
  });

  test('a full SIM refuses new messages; the network retries once space frees', async () => {
    const { sim, at, urcs, clock } = createMemorySim({ simCapacity: 3, networkRetryMs: 500 });
    expect(sim.faults.fillSim()).toBe(3);
    expect((await at('AT+CPMS?')).value?.lines).toEqual(['+CPMS: "SM",3,3,"SM",3,3,"SM",3,3']);
    expect(sim.deliver({ from: '+33698765432', text: 'waiting' })).toEqual({
      parts: 1,
      stored: [],
      waiting: 1,
    });
    expect(sim.storage.refusedByFullSim).toBe(1);
    expect(urcs.filter((u) => u.type === 'newMessage')).toEqual([]);
    await at('AT+CMGD=2');
    await clock.advanceAsync(500);
    expect(urcs.filter((u) => u.type === 'newMessage')).toMatchObject([{ index: 2 }]);
    expect(sim.storage.networkQueue).toEqual([]);
  });

  test('while unregistered the network holds inbound SMS and delivers them on registration', async () => {
    const { sim, urcs, clock } = createMemorySim({ registrationDelayMs: 2_000 });
    await clock.advanceAsync(2_000);
    sim.faults.loseRegistration();
    expect(sim.deliver({ from: '+33698765432', text: 'later' }).waiting).toBe(1);
    sim.faults.regainRegistration();
    await clock.advanceAsync(1_999);
    expect(urcs.filter((u) => u.type === 'newMessage')).toEqual([]);
    await clock.advanceAsync(1);
    expect(urcs.filter((u) => u.type === 'newMessage')).toMatchObject([{ index: 1 }]);
  });
});
