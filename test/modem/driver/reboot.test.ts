import { describe, expect, test } from 'vitest';
import type { DriverFakeModem } from './DriverFakeModem.js';
import { makeHarness, started } from './driverHarness.js';

const INIT = /^AT(E0|\+CMEE=2|\+CMGF=0|\+CPMS="\w+","\w+","\w+"|\+CNMI=.*)$/;

function commandsSince(fake: DriverFakeModem, from: number): string[] {
  return fake.commands.slice(from);
}

describe('a modem that resets itself is detected and initialised again', () => {
  test.each([
    ['sim800', ['RDY', '+CFUN: 1', '+CPIN: READY', 'Call Ready', 'SMS Ready']],
    ['ec25', ['RDY', '+CFUN: 1', '+CPIN: READY', '+QUSIM: 1', '+QIND: SMS DONE']],
    ['huawei', ['^SYSSTART']],
  ] as const)('%s boot lines while ready → re-init, then a sweep', async (vendor, lines) => {
    const h = await started({ fake: { vendor } });
    h.driver.onInbound(async () => undefined);
    await h.advance(10);
    const mark = h.fake.commands.length;
    h.fake.reboot(lines);
    await h.advance(10);
    expect(h.driver.state).toBe('initialising');
    expect(h.fake.cnmi).toBeUndefined(); // the modem forgot it
    await h.advance(1_000);
    expect(h.driver.state).toBe('ready');
    expect(h.of('reboot-detected')).toEqual([{ line: lines[0] }]); // one burst, one re-init
    const again = commandsSince(h.fake, mark);
    expect(again.filter((c) => INIT.test(c)).length).toBeGreaterThanOrEqual(5);
    expect(h.fake.cmgf).toBe('0');
    expect(h.fake.cnmi).toBeDefined();
    expect(again).toContain('AT+CMGL=4');
    expect(h.of('state').slice(-2)).toEqual(['initialising', 'ready']);
  });

  test('Huawei ^BOOT is a heartbeat (every 30 s on E-series), not a reboot', async () => {
    const h = await started({ fake: { vendor: 'huawei' } });
    const mark = h.fake.commands.length;
    h.fake.modem.reply('^BOOT:35323129,0,0,0,26');
    h.fake.modem.reply('^RSSI:14');
    await h.advance(2_000);
    expect(h.of('reboot-detected')).toEqual([]);
    expect(commandsSince(h.fake, mark)).toEqual([]);
    expect(h.driver.state).toBe('ready');
  });

  test('after a reboot the SIM asks for its PIN again: a PIN that was accepted is entered again', async () => {
    const h = await started({ fake: { pin: '1234' }, driver: { pin: '1234' } });
    expect(h.fake.pinEntries).toBe(1);
    h.fake.simState = 'pin';
    h.fake.reboot();
    await h.advance(2_000);
    expect(h.driver.state).toBe('ready');
    expect(h.fake.pinEntries).toBe(2);
  });

  test('a SIM gone after the reboot: failed, with the typed error', async () => {
    const h = await started();
    h.fake.simState = 'missing';
    h.fake.reboot();
    await h.advance(2_000);
    expect(h.driver.state).toBe('failed');
    expect(h.of('failed')).toMatchObject([{ code: 'MODEM_SIM_MISSING' }]);
  });

  test('boot lines during start (SMS Ready after PDU mode is set) are not a reboot', async () => {
    const h = makeHarness();
    h.fake.modem.urcMidCommand('AT+CMGF=0', ['Call Ready', 'SMS Ready']);
    await h.settle(h.driver.start());
    await h.advance(2_000);
    expect(h.of('reboot-detected')).toEqual([]);
    expect(h.fake.sent(/^ATE0$/)).toHaveLength(1);
  });
});
