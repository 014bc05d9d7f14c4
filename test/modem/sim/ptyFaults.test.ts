import { performance } from 'node:perf_hooks';
import { describe, expect, test } from 'vitest';
import { rejectionOf, startPtySim, withTimeout } from './ptySim.js';

/**
 * Every fault of the simulated modem through the real path: AtEngine → SerialTransport →
 * serialport → pty → sim. Durations are measured, never slept; waits are on events.
 */
describe('simulated modem faults through a real pty', () => {
  test('latency: the reply takes at least latencyMs', async () => {
    const { host, at } = await startPtySim();
    host.modem.faults.latencyMs = 250;
    const started = performance.now();
    await at('AT');
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
  });

  test('a chosen +CMS ERROR ends the next AT+CMGS, then sending works again', async () => {
    const { host, sendSms } = await startPtySim();
    host.modem.faults.nextCmsError(500);
    const error = await rejectionOf(sendSms('x'));
    expect(error.code).toBe('MODEM_CMS_ERROR');
    expect(error.context).toMatchObject({ atCode: 500, transient: true, payloadSent: true });
    expect((await sendSms('x')).lines).toEqual(['+CMGS: 0']);
    expect(host.modem.sent).toHaveLength(1);
  });

  test('silence until power-cycled: commands time out; after powerCycle the boot line comes and AT works', async () => {
    const { host, at, nextUrc } = await startPtySim({ bootDelayMs: 50 });
    host.modem.faults.silentUntilPowerCycle();
    expect((await rejectionOf(at('AT', { timeoutMs: 300 }))).code).toBe('MODEM_TIMEOUT');
    const boot = nextUrc((urc) => urc.type === 'boot');
    await host.modem.powerCycle();
    expect((await boot).line).toBe('RDY');
    expect((await at('AT')).lines).toEqual([]);
  });

  test('lost registration: +CREG: 2, sends fail with 331, then +CREG: 1 and sends succeed', async () => {
    const { host, at, sendSms, nextUrc } = await startPtySim();
    await at('AT+CREG=1');
    const lost = nextUrc((urc) => urc.type === 'registration');
    host.modem.faults.loseRegistration();
    expect(await lost).toMatchObject({ stat: 2 });
    expect((await rejectionOf(sendSms('x'))).context).toMatchObject({ atCode: 331 });
    const back = nextUrc((urc) => urc.type === 'registration');
    host.modem.faults.regainRegistration();
    expect(await back).toMatchObject({ stat: 1 });
    expect((await sendSms('x')).lines).toEqual(['+CMGS: 0']);
  });

  test('garbage bytes on the line do not break the next command', async () => {
    const { host, at, transport } = await startPtySim();
    // Garbage that arrives after a command is written is that command's information (a real
    // modem's noise is indistinguishable); wait until it is through, as a driver would see it.
    const through = withTimeout(
      new Promise<void>((resolve) =>
        transport.on('data', (chunk) => {
          if (chunk.includes(0x0a)) resolve();
        }),
      ),
      'garbage',
    );
    host.modem.faults.emitGarbage();
    await through;
    expect((await at('AT+CSQ')).lines).toEqual(['+CSQ: 20,99']);
  });

  test('a URC inside a response goes to listeners, the response keeps its lines', async () => {
    const { host, at, nextUrc } = await startPtySim();
    host.modem.faults.urcInsideNextResponse('+CMTI: "SM",4');
    const urc = nextUrc((u) => u.type === 'newMessage');
    expect((await at('AT+CSQ')).lines).toEqual(['+CSQ: 20,99']);
    expect(await urc).toMatchObject({ storage: 'SM', index: 4 });
  });

  test('echo left on: the engine takes the echo for what it is', async () => {
    const { host, at } = await startPtySim();
    host.modem.faults.echo(true);
    expect((await at('AT+CGMM')).lines).toEqual(['Simulated GSM modem']);
  });

  test('a late prompt within the prompt timeout still sends; a later one ends in MODEM_NO_PROMPT', async () => {
    const { host, sendSms, at } = await startPtySim();
    host.modem.faults.latePrompt(200);
    const started = performance.now();
    expect((await sendSms('late')).lines).toEqual(['+CMGS: 0']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    host.modem.faults.latePrompt(2_000);
    expect((await rejectionOf(sendSms('too late', { promptTimeoutMs: 300 }))).code).toBe(
      'MODEM_NO_PROMPT',
    );
    expect(host.modem.sent).toHaveLength(1);
    expect((await at('AT')).lines).toEqual([]);
  });

  test('a reboot prints the vendor boot lines, then the modem answers again', async () => {
    const { host, at, engine } = await startPtySim({ profile: 'sim800', bootDelayMs: 50 });
    const lines: string[] = [];
    const ready = withTimeout(
      new Promise<void>((resolve) =>
        engine.on('boot', ({ line }) => {
          lines.push(line);
          if (line === 'SMS Ready') resolve();
        }),
      ),
      'SMS Ready',
    );
    host.modem.faults.reboot();
    await ready;
    expect(lines).toEqual(['RDY', '+CFUN: 1', '+CPIN: READY', 'Call Ready', 'SMS Ready']);
    expect((await at('AT')).lines).toEqual([]);
  });

  test('a full SIM: the new SMS waits at the network and arrives once a message is deleted', async () => {
    const { host, at, nextUrc } = await startPtySim({ simCapacity: 5, networkRetryMs: 50 });
    host.modem.faults.fillSim();
    expect(host.modem.deliver({ from: '+33698765432', text: 'STOP' })).toMatchObject({
      stored: [],
      waiting: 1,
    });
    const arrived = nextUrc((urc) => urc.type === 'newMessage');
    await at('AT+CMGD=3');
    expect(await arrived).toMatchObject({ index: 3 });
  });
});
