import { describe, expect, test } from 'vitest';
import { failure, makeHarness } from './driverHarness.js';

describe('ModemDriver start: SIM and PIN', () => {
  test('SIM PIN with a configured PIN: entered once, then the modem is ready', async () => {
    const h = makeHarness({ fake: { pin: '1234' }, driver: { pin: '1234' } });
    await h.settle(h.driver.start());
    expect(h.driver.state).toBe('ready');
    expect(h.fake.pinEntries).toBe(1);
    expect(h.fake.sent(/^AT\+CPIN=/)).toEqual(['AT+CPIN="1234"']);
  });

  test('a wrong PIN stops with MODEM_WRONG_PIN after one entry and is never retried', async () => {
    const h = makeHarness({ fake: { pin: '1234' }, driver: { pin: '9999' } });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({
      code: 'MODEM_WRONG_PIN',
      context: { pinRejected: true, certain: true, pinAttemptsLeft: 2 },
    });
    expect(h.fake.pinEntries).toBe(1);
    expect(h.driver.state).toBe('failed');

    // Starting the same driver again (a supervisor restarting it) enters nothing.
    const again = await failure(h, h.driver.start());
    expect(again).toMatchObject({ code: 'MODEM_WRONG_PIN', context: { previouslyRejected: true } });
    expect(h.fake.pinEntries).toBe(1);
    expect(h.fake.pinAttempts).toBe(2);
  });

  test('a PIN rejected in an earlier run (persisted by the gateway) is not entered at all', async () => {
    const h = makeHarness({
      fake: { pin: '1234' },
      driver: { pin: '1234', pinRejectedBefore: true },
    });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({ code: 'MODEM_WRONG_PIN', context: { previouslyRejected: true } });
    expect(h.fake.pinEntries).toBe(0);
  });

  test('SIM PUK: MODEM_SIM_PUK_LOCKED and nothing is sent to the SIM', async () => {
    const h = makeHarness({ fake: { simState: 'puk' }, driver: { pin: '1234' } });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({ code: 'MODEM_SIM_PUK_LOCKED', context: { pukAttemptsLeft: 10 } });
    expect(h.fake.sent(/^AT\+CPIN=/)).toEqual([]);
    expect(h.fake.sent(/^AT\+CMGF/)).toEqual([]);
  });

  test('SIM PIN without a configured PIN: MODEM_SIM_PIN_REQUIRED', async () => {
    const h = makeHarness({ fake: { pin: '1234' } });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({
      code: 'MODEM_SIM_PIN_REQUIRED',
      context: { pinConfigured: false },
    });
    expect(h.fake.pinEntries).toBe(0);
  });

  test('one attempt left: the PIN is not risked, a person must enter it', async () => {
    const h = makeHarness({ fake: { pin: '1234', pinAttempts: 1 }, driver: { pin: '1234' } });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({
      code: 'MODEM_SIM_PIN_REQUIRED',
      context: { pinAttemptsLeft: 1 },
    });
    expect(h.fake.pinEntries).toBe(0);
  });

  test('a malformed configured PIN is refused without being sent', async () => {
    const h = makeHarness({ fake: { pin: '1234' }, driver: { pin: '12a4' } });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({
      code: 'MODEM_WRONG_PIN',
      context: { malformed: true, pinRejected: false },
    });
    expect(h.fake.pinEntries).toBe(0);
  });

  test('no SIM (+CME ERROR: 10): MODEM_SIM_MISSING', async () => {
    const h = makeHarness({ fake: { simState: 'missing' } });
    const error = await failure(h, h.driver.start());
    expect(error).toMatchObject({ code: 'MODEM_SIM_MISSING', context: { said: '+CME ERROR: 10' } });
  });

  test('a SIM busy at boot (+CME ERROR: 14) is waited for', async () => {
    const h = makeHarness();
    h.fake.modem.on('AT+CPIN?', ['+CME ERROR: 14'], true);
    h.fake.modem.on('AT+CPIN?', ['+CPIN: NOT READY', 'OK'], true);
    await h.settle(h.driver.start());
    expect(h.fake.sent(/^AT\+CPIN\?$/)).toHaveLength(3);
  });

  test('the PIN never appears in an error or a log line', async () => {
    const lines: string[] = [];
    const log = (o: object, m: string): void => void lines.push(JSON.stringify(o) + m);
    const h = makeHarness({
      fake: { pin: '1234' },
      driver: { pin: '8765', logger: { debug: log, info: log, warn: log, error: log } },
    });
    const error = await failure(h, h.driver.start());
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain('8765');
    expect(lines.join('\n')).not.toContain('8765');
  });
});
