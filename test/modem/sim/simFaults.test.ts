import { describe, expect, test } from 'vitest';
import { codeOf, createMemorySim } from './memorySim.js';

/** Every fault on the in-memory wire with a ManualClock; ptyFaults.test.ts repeats them through a real pty. */
describe('simulated modem faults, in memory', () => {
  test('latencyMs delays every reply and the prompt by that long', async () => {
    const { sim, engine, clock, sendSms } = createMemorySim();
    sim.faults.latencyMs = 750;
    let settled = false;
    const pending = engine.send({ command: 'AT', timeoutMs: 5_000 }).then(() => (settled = true));
    await clock.advanceAsync(749);
    expect(settled).toBe(false);
    await clock.advanceAsync(1);
    await pending;
    expect(settled).toBe(true);
    const started = clock.now();
    await sendSms('slow');
    expect(clock.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  test('nextCmsError makes the next AT+CMGS fail with that code, once', async () => {
    const { sim, sendSms } = createMemorySim();
    sim.faults.nextCmsError(42);
    const error = (await sendSms('x')).error as { context?: { transient?: boolean } };
    expect(codeOf(error)).toEqual({ code: 'MODEM_CMS_ERROR', atCode: 42 });
    expect(error.context?.transient).toBe(true);
    expect((await sendSms('x')).value?.lines).toEqual(['+CMGS: 0']);
    expect(sim.sent).toHaveLength(1);
  });

  test('silentUntilPowerCycle: no echo, no reply, no URC until powerCycle(), then boot lines and answers', async () => {
    const { sim, at, urcs, transport, clock } = createMemorySim({
      profile: 'quectel',
      bootDelayMs: 2_000,
    });
    await clock.advanceAsync(2_000);
    await at('ATE0');
    sim.faults.silentUntilPowerCycle();
    const writes = transport.writes.length;
    expect(codeOf((await at('AT')).error).code).toBe('MODEM_TIMEOUT');
    sim.deliver({ from: '+33600000001', text: 'unseen' });
    expect(urcs.filter((u) => u.type === 'newMessage')).toEqual([]);
    expect(transport.writes.length).toBe(writes + 1);
    const bootsBefore = urcs.filter((u) => u.type === 'boot').length;
    await sim.powerCycle();
    // Booting: input is ignored until the boot lines.
    expect(codeOf((await at('AT', { timeoutMs: 1_000 })).error).code).toBe('MODEM_TIMEOUT');
    const booted = sim.whenBooted();
    await clock.advanceAsync(1_000);
    await booted;
    expect((await at('AT')).value).toBeDefined();
    expect(urcs.filter((u) => u.type === 'boot').length - bootsBefore).toBe(6);
  });

  test('loseRegistration: +CREG: 2, AT+CMGS fails with 331 (transient); regainRegistration: +CREG: 1', async () => {
    const { sim, at, sendSms, urcs, clock } = createMemorySim();
    await at('AT+CREG=1');
    sim.faults.loseRegistration();
    expect(urcs.at(-1)).toMatchObject({ type: 'registration', stat: 2 });
    expect((await at('AT+CREG?')).value?.lines).toEqual(['+CREG: 1,2']);
    expect((await at('AT+COPS?')).value?.lines).toEqual(['+COPS: 0']);
    expect(codeOf((await sendSms('x')).error)).toEqual({ code: 'MODEM_CMS_ERROR', atCode: 331 });
    sim.faults.regainRegistration();
    await clock.advanceAsync(0);
    expect(urcs.at(-1)).toMatchObject({ type: 'registration', stat: 1 });
    expect((await sendSms('x')).value?.lines).toEqual(['+CMGS: 0']);
  });

  test('emitGarbage puts noise on the line; the next command still gets its answer', async () => {
    const { sim, at } = createMemorySim();
    sim.faults.emitGarbage();
    sim.faults.emitGarbage('\x00\x00ZZ\xff');
    expect((await at('AT+CSQ')).value?.lines).toEqual(['+CSQ: 20,99']);
  });

  test('urcInsideNextResponse: a +CMTI between the information line and OK goes to listeners', async () => {
    const { sim, at, urcs } = createMemorySim();
    sim.faults.urcInsideNextResponse('+CMTI: "SM",7');
    expect((await at('AT+CSQ')).value?.lines).toEqual(['+CSQ: 20,99']);
    expect(urcs.at(-1)).toMatchObject({ type: 'newMessage', index: 7 });
    expect((await at('AT+CSQ')).value?.lines).toEqual(['+CSQ: 20,99']);
  });

  test('echo(true) turns echo back on behind ATE0; the engine copes', async () => {
    const { sim, at, transport } = createMemorySim();
    await at('ATE0');
    sim.faults.echo(true);
    const received: string[] = [];
    transport.on('data', (bytes) => received.push(Buffer.from(bytes).toString('latin1')));
    expect((await at('AT+CGMI')).value?.lines).toEqual(['gsmgate']);
    expect(received.join('')).toBe('AT+CGMI\r\r\ngsmgate\r\n\r\nOK\r\n');
  });

  test('latePrompt within the prompt timeout still sends; beyond it the host gets MODEM_NO_PROMPT', async () => {
    const { sim, sendSms, at } = createMemorySim();
    sim.faults.latePrompt(4_000);
    expect((await sendSms('late')).value?.lines).toEqual(['+CMGS: 0']);
    sim.faults.latePrompt(6_000);
    expect(codeOf((await sendSms('too late')).error).code).toBe('MODEM_NO_PROMPT');
    expect(sim.sent).toHaveLength(1);
    expect(await at('AT')).toMatchObject({ value: { final: 'OK' } });
  });

  test('reboot(): silence for bootDelayMs, the vendor boot lines, settings back to factory', async () => {
    const { sim, at, urcs, clock } = createMemorySim({ profile: 'sim800', bootDelayMs: 3_000 });
    await clock.advanceAsync(3_000);
    await at('ATE0');
    await at('AT+CMEE=1');
    const before = urcs.length;
    sim.faults.reboot();
    expect(sim.power).toBe('booting');
    await clock.advanceAsync(3_000);
    expect(urcs.slice(before).map((u) => u.line)).toEqual([
      'RDY',
      '+CFUN: 1',
      '+CPIN: READY',
      'Call Ready',
      'SMS Ready',
    ]);
    expect((await at('AT+CMEE?')).value?.lines).toEqual(['+CMEE: 0']);
  });

  test('AT+CFUN=1,1 answers OK, then reboots with boot lines', async () => {
    const { sim, at, urcs, clock } = createMemorySim({ profile: 'huawei', bootDelayMs: 1_000 });
    await clock.advanceAsync(1_000);
    expect(await at('AT+CFUN=1,1')).toMatchObject({ value: { final: 'OK' } });
    expect(sim.power).toBe('booting');
    await clock.advanceAsync(1_000);
    expect(urcs.at(-2)?.line).toBe('^BOOT:35323129,0,0,0,26');
  });
});
