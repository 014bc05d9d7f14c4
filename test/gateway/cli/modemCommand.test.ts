/**
 * `gsmgate modem …` end to end: the CLI in-process, the real serialport binding, and the
 * simulated modem on a pseudo-terminal (device/modem/sim/PtyModemHost.ts). Real time, but no
 * sleeps: every wait is for the modem's own answer, and the sim answers at once.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { PtyModemHost, type PtyModemHostOptions } from '../../../device/modem/sim/index.js';
import { decodePdu } from '../../../device/sms/pdu/index.js';
import { runCliInProcess } from '../../helpers/cliHarness.js';

const hosts: PtyModemHost[] = [];

async function sim(options: PtyModemHostOptions = {}): Promise<PtyModemHost> {
  const host = await PtyModemHost.start({ bootDelayMs: 0, chatterIntervalMs: 0, ...options });
  hosts.push(host);
  await host.modem.whenBooted();
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

describe('gsmgate modem info', () => {
  test.each(['sim800', 'quectel', 'huawei'] as const)(
    '--json prints identity, signal, registration and operator (%s)',
    async (profile) => {
      const host = await sim({ profile, rssi: 18, operator: 'Orange F' });
      const run = await runCliInProcess(['modem', 'info', '--port', host.path, '--json']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.json).toHaveLength(1);
      const info = run.json[0] as Record<string, unknown>;
      expect(Object.keys(info).sort()).toEqual(
        ['imei', 'manufacturer', 'model', 'operator', 'registration', 'signal'].sort(),
      );
      expect(info).toMatchObject({
        manufacturer: host.modem.options.profile.manufacturer,
        model: host.modem.options.profile.model,
        imei: host.modem.options.imei,
        signal: { dbm: -77, bars: 4 },
        registration: 'home',
        operator: 'Orange F',
      });
    },
  );

  test('a SIM PIN given with --pin is entered once', async () => {
    const host = await sim({ pin: '4321' });
    const run = await runCliInProcess([
      'modem',
      'info',
      '--port',
      host.path,
      '--pin',
      '4321',
      '--json',
    ]);
    expect(run.status).toBe(0);
    expect(host.modem.commands.filter((c) => c.line.startsWith('AT+CPIN=')).length).toBe(1);
  });

  test('a wrong --pin: MODEM_WRONG_PIN, exit 1, one attempt used', async () => {
    const host = await sim({ pin: '4321' });
    const run = await runCliInProcess([
      'modem',
      'info',
      '--port',
      host.path,
      '--pin',
      '1111',
      '--json',
    ]);
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject([{ error: { code: 'MODEM_WRONG_PIN', pinRejected: true } }]);
    expect(host.modem.commands.filter((c) => c.line.startsWith('AT+CPIN=')).length).toBe(1);
  });

  test('a port that does not exist: a typed error and exit 1, at once', async () => {
    const run = await runCliInProcess(['modem', 'info', '--port', '/dev/gsmgate-none', '--json']);
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject([{ error: { code: 'MODEM_PORT_NOT_FOUND' } }]);
  });
});

describe('gsmgate modem send', () => {
  test('--json prints {"parts": [{"mr"}]} and the sim received the PDU', async () => {
    const host = await sim({ profile: 'sim800' });
    const run = await runCliInProcess([
      'modem',
      'send',
      '--port',
      host.path,
      '--to',
      '+33612345678',
      '--json',
      'Rappel : RDV demain 9h',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [sent] = host.modem.sent;
    expect(run.json).toEqual([{ parts: [{ mr: sent?.mr }] }]);
    expect(sent?.pdu).toMatchObject({ recipient: '+33612345678', text: 'Rappel : RDV demain 9h' });
  });

  test('a long text goes as several parts, each with its MR; --srr asks for reports', async () => {
    const host = await sim();
    const text = 'Votre rendez-vous est confirmé. '.repeat(8);
    const run = await runCliInProcess([
      'modem',
      'send',
      '--port',
      host.path,
      '--to',
      '0612345678',
      '--srr',
      '--json',
      text,
    ]);
    expect(run.status).toBe(0);
    const { parts } = run.json[0] as { parts: { mr: number }[] };
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.mr)).toEqual(host.modem.sent.map((s) => s.mr));
    expect(host.modem.sent.every((s) => decodePdu(s.hex).type === 'submit')).toBe(true);
    expect(host.modem.sent.every((s) => s.pdu.statusReportRequest)).toBe(true);
  });

  test('a permanent +CMS ERROR: exit 1 with the typed error and the parts', async () => {
    const host = await sim();
    host.modem.faults.nextCmsError(1);
    const run = await runCliInProcess([
      'modem',
      'send',
      '--port',
      host.path,
      '--to',
      '+33612345678',
      '--json',
      'hello',
    ]);
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject([
      {
        error: {
          code: 'MODEM_SEND_PERMANENT',
          atCode: 1,
          parts: [{ error: 'MODEM_SEND_PERMANENT', outcome: 'permanent' }],
        },
      },
    ]);
  });

  test('a modem that hangs: exit 1 with a typed error within --timeout, never a hang', async () => {
    const host = await sim();
    host.modem.faults.silentUntilPowerCycle();
    const started = Date.now();
    const run = await runCliInProcess([
      'modem',
      'send',
      '--port',
      host.path,
      '--to',
      '+33612345678',
      '--timeout',
      '1500',
      '--json',
      'hello',
    ]);
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject([{ error: { code: 'CLI_TIMEOUT', timeoutMs: 1500 } }]);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  test('bad input is refused (exit 2) before the port is opened', async () => {
    const run = await runCliInProcess([
      'modem',
      'send',
      '--port',
      '/dev/gsmgate-none',
      '--to',
      'not a number',
      '--json',
      'hello',
    ]);
    expect(run.status).toBe(2);
    expect(run.json).toMatchObject([{ error: { code: 'PHONE_INVALID' } }]);
  });
});

describe('gsmgate modem inbox', () => {
  test('--json lists stored messages with long ones reassembled; --delete empties the SIM', async () => {
    const host = await sim({ profile: 'quectel' });
    const long = 'Bonjour, je ne pourrai pas venir au rendez-vous de mardi. '.repeat(4);
    host.modem.deliver({ from: '+33698765432', text: 'STOP' });
    host.modem.deliver({ from: '+33611112222', text: long });
    const list = await runCliInProcess(['modem', 'inbox', '--port', host.path, '--json']);
    expect(list.status).toBe(0);
    const { messages } = list.json[0] as { messages: Record<string, unknown>[] };
    expect(messages).toHaveLength(2);
    expect(messages).toContainEqual(
      expect.objectContaining({ sender: '+33698765432', text: 'STOP', complete: true }),
    );
    expect(messages).toContainEqual(
      expect.objectContaining({ sender: '+33611112222', text: long, complete: true }),
    );
    expect(host.modem.storage.used).toBeGreaterThan(2);

    const cleared = await runCliInProcess([
      'modem',
      'inbox',
      '--port',
      host.path,
      '--json',
      '--delete',
    ]);
    expect(cleared.status).toBe(0);
    expect(host.modem.storage.used).toBe(0);
    const after = await runCliInProcess(['modem', 'inbox', '--port', host.path, '--json']);
    expect((after.json[0] as { messages: unknown[] }).messages).toEqual([]);
  });
});
