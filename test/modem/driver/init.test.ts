import { describe, expect, test } from 'vitest';
import { failure, makeHarness, started } from './driverHarness.js';

describe('ModemDriver start: the init sequence in each vendor style', () => {
  test('SIM800: echo off, verbose errors, PDU mode, SM storage, +CDS routing, no AT+CEREG', async () => {
    const h = await started({ fake: { vendor: 'sim800' } });
    expect(h.driver.state).toBe('ready');
    const core = h.fake.commands.filter((c) =>
      /^AT(E0|\+CMEE|\+CPIN\?|\+CMGF|\+CPMS=|\+CNMI)/.test(c),
    );
    expect(core).toEqual([
      'ATE0',
      'AT+CMEE=2',
      'AT+CPIN?',
      'AT+CMGF=0',
      'AT+CPMS="SM","SM","SM"',
      'AT+CNMI=2,1,0,1,0',
    ]);
    expect(h.driver.statusReportRouting).toBe('direct');
    expect(h.driver.identity).toMatchObject({
      manufacturer: 'SIMCOM_Ltd',
      model: 'SIMCOM_SIM800L',
      imei: '867856031234567',
      imsi: '208150123456789',
      iccid: '8933150319012345678',
      vendor: 'simcom',
    });
    expect(h.fake.cmgf).toBe('0');
    expect(h.driver.registration.status).toBe('home');
  });

  test('Quectel EC25: +QCCID for the ICCID, CNMI ds=1 accepted at once', async () => {
    const h = await started({ fake: { vendor: 'ec25' } });
    expect(h.fake.sent(/^AT\+CNMI=/)).toEqual(['AT+CNMI=2,1,0,1,0']);
    expect(h.fake.sent(/ICCID|CCID/)).toEqual(['AT+QCCID']);
    expect(h.driver.identity).toMatchObject({ vendor: 'quectel', iccid: '89860318740200123456' });
  });

  test('Huawei E173: ds=1 refused, so +CDSI routing (AT+CNMI=2,1,0,2,0), ^ICCID', async () => {
    const h = await started({ fake: { vendor: 'huawei' } });
    expect(h.fake.sent(/^AT\+CNMI=/)).toEqual(['AT+CNMI=2,1,0,1,0', 'AT+CNMI=2,1,0,2,0']);
    expect(h.driver.statusReportRouting).toBe('stored');
    expect(h.driver.identity).toMatchObject({ vendor: 'huawei', iccid: '89314404000012345678' });
  });

  test('a storage the modem lacks is skipped for the next one', async () => {
    const h = await started({ fake: { vendor: 'sim800' }, options: { storages: ['ME', 'SM'] } });
    expect(h.fake.sent(/^AT\+CPMS=/)).toEqual(['AT+CPMS="ME","ME","ME"', 'AT+CPMS="SM","SM","SM"']);
  });

  test('SMS commands answering "operation not allowed" before SMS Ready are retried', async () => {
    // SIM800 prints SMS Ready seconds after +CPIN: READY; until then AT+CMGF=0 gets +CMS ERROR 302.
    const h = makeHarness({ fake: { vendor: 'sim800' } });
    h.fake.modem.on('AT+CMGF=0', ['+CMS ERROR: 302'], true);
    h.fake.modem.on('AT+CMGF=0', ['+CMS ERROR: 302'], true);
    await h.settle(h.driver.start());
    expect(h.fake.sent(/^AT\+CMGF=0$/)).toHaveLength(3);
    expect(h.driver.state).toBe('ready');
  });

  test('a modem that never answers AT fails with MODEM_NOT_RESPONDING after the probes', async () => {
    const h = makeHarness();
    h.fake.modem.use({ name: 'mute', matches: () => true, respond: () => undefined });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({ code: 'MODEM_NOT_RESPONDING', context: { attempts: 3 } });
    expect(h.driver.state).toBe('failed');
    expect(h.fake.sent(/^AT$/)).toHaveLength(3);
  });

  test('PDU mode refused for good is MODEM_INIT_FAILED naming the step', async () => {
    const h = makeHarness();
    h.fake.modem.on('AT+CMGF=0', ['+CMS ERROR: 303']);
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({
      code: 'MODEM_INIT_FAILED',
      context: { step: 'AT+CMGF=0', atCode: 303 },
    });
  });

  test('a transport factory that hangs fails with MODEM_OPEN_FAILED within openTimeoutMs', async () => {
    const h = makeHarness({ driver: { transportFactory: () => new Promise(() => undefined) } });
    const before = h.clock.now();
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({ code: 'MODEM_OPEN_FAILED' });
    expect(h.clock.now() - before).toBeLessThanOrEqual(30_100);
  });

  test('stop() during start rejects start with MODEM_STOPPED and closes the port', async () => {
    const h = makeHarness({ fake: { registration: [2] } });
    const start = h.driver.start();
    await h.advance(1_000);
    await h.driver.stop();
    expect(await failure(h, start)).toMatchObject({ code: 'MODEM_STOPPED' });
    expect(h.driver.state).toBe('closed');
    expect(h.fake.link?.isOpen).toBe(false);
  });
});
