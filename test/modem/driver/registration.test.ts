import { describe, expect, test } from 'vitest';
import { parseRegistrationAnswer } from '../../../device/modem/driver/registration.js';
import { failure, makeHarness, started } from './driverHarness.js';

describe('registration wait', () => {
  test('searching, then registered: start resolves once the modem is home', async () => {
    const h = makeHarness({ fake: { registration: [2, 2, 2, 1] } });
    await h.settle(h.driver.start());
    expect(h.driver.registration).toMatchObject({ status: 'home', stat: 1, domain: 'CREG' });
    expect(h.of('registration').map((r) => r.status)).toEqual(['searching', 'home']);
  });

  test('roaming counts as registered', async () => {
    const h = await started({ fake: { registration: [5] } });
    expect(h.driver.registration.status).toBe('roaming');
  });

  test.each([
    ['denied', 3],
    ['searching', 2],
  ])(
    '%s forever: MODEM_NOT_REGISTERED once registrationTimeoutMs has passed',
    async (status, stat) => {
      const h = makeHarness({
        fake: { registration: [stat] },
        options: { registrationTimeoutMs: 5_000 },
      });
      const started = h.clock.now();
      const error = await failure(h, h.driver.start());
      expect(error).toMatchObject({
        code: 'MODEM_NOT_REGISTERED',
        context: { status, stat, timeoutMs: 5_000 },
      });
      const waited = h.clock.now() - started;
      expect(waited).toBeGreaterThanOrEqual(5_000);
      expect(waited).toBeLessThan(6_000);
      expect(h.driver.state).toBe('failed');
    },
  );

  test('an LTE modem registered on CEREG while CREG says not registered is registered', async () => {
    const h = makeHarness({ fake: { vendor: 'ec25' } });
    h.fake.modem.on('AT+CREG?', ['+CREG: 0,0', 'OK']);
    h.fake.modem.on('AT+CEREG?', ['+CEREG: 0,1', 'OK']);
    await h.settle(h.driver.start());
    expect(h.driver.registration).toMatchObject({ status: 'home', domain: 'CEREG' });
  });

  test('a modem without AT+CEREG is asked once, then only AT+CREG?', async () => {
    const h = makeHarness({ fake: { vendor: 'sim800', registration: [2, 2, 2, 1] } });
    await h.settle(h.driver.start());
    expect(h.fake.sent(/^AT\+CEREG\?$/)).toHaveLength(1);
    expect(h.fake.sent(/^AT\+CREG\?$/).length).toBeGreaterThan(3);
  });

  test('registration URCs while ready are emitted as changes', async () => {
    const h = await started();
    h.fake.modem.reply('+CREG: 2');
    h.fake.modem.reply('+CREG: 1, E006B, ABE0016'); // Huawei's unquoted form (gammu #126)
    await h.advance(10);
    expect(h.of('registration').map((r) => r.status)).toEqual(['home', 'searching', 'home']);
    expect(h.driver.registration).toMatchObject({ lac: 'E006B', ci: 'ABE0016' });
  });

  test.each([
    ['+CREG: 0,1', { status: 'home', stat: 1 }],
    ['+CREG: 2,5,"1A2B","01A2B3C4",7', { status: 'roaming', lac: '1A2B', ci: '01A2B3C4', act: 7 }],
    ['+CREG: 0,3', { status: 'denied' }],
    ['+CREG: 0,6', { status: 'home' }],
    ['+CREG: 1', { status: 'home' }],
    ['+CREG: 0,8', { status: 'emergency-only' }],
    ['+CREG: 0,x', undefined],
  ])('parses %s', (line, expected) => {
    const parsed = parseRegistrationAnswer([line], 'CREG');
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject(expected);
  });
});
