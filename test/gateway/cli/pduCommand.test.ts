import { describe, expect, test } from 'vitest';
import { defaultConcatRef } from '../../../device/gateway/cli/pduCommand.js';
import { decodePdu } from '../../../device/sms/pdu/index.js';
import { runCliInProcess } from '../../helpers/cliHarness.js';

/** dreamfabric / oFono SMS-SUBMIT "hellohello" to +46708251358 with the 4-day validity. */
const HELLO_SUBMIT = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';
/** dreamfabric SMS-DELIVER "hellohello". */
const HELLO_DELIVER = '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37';
/** python-gsmmodem / HeboTech status report, MR 214, delivered. */
const STATUS_REPORT = '0006D60B911326880736F4111011719551401110117195714000';

describe('gsmgate pdu encode', () => {
  test('prints {"pdus": [{hex, length}]} with the textbook PDU', async () => {
    const run = await runCliInProcess([
      'pdu',
      'encode',
      '--to',
      '+46708251358',
      '--json',
      'hellohello',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`{"pdus":[{"hex":"${HELLO_SUBMIT}","length":23}]}\n`);
  });

  test('--srr sets TP-SRR in the first octet', async () => {
    const run = await runCliInProcess([
      'pdu',
      'encode',
      '--to',
      '+46708251358',
      '--srr',
      '--json',
      'hellohello',
    ]);
    expect(run.json).toEqual([{ pdus: [{ hex: `0031${HELLO_SUBMIT.slice(4)}`, length: 23 }] }]);
  });

  test('a long text gives one PDU per segment with the --ref reference', async () => {
    const run = await runCliInProcess([
      'pdu',
      'encode',
      '--to',
      '0612345678',
      '--ref',
      '7',
      '--json',
      'x'.repeat(200),
    ]);
    expect(run.status).toBe(0);
    const { pdus } = run.json[0] as { pdus: { hex: string; length: number }[] };
    expect(pdus.map((p) => decodePdu(p.hex))).toMatchObject([
      { type: 'submit', recipient: '+33612345678', concat: { ref: 7, total: 2, seq: 1 } },
      { type: 'submit', recipient: '+33612345678', concat: { ref: 7, total: 2, seq: 2 } },
    ]);
    expect(pdus.every((p) => p.length === p.hex.length / 2 - 1)).toBe(true);
  });

  test('without --ref the reference is derived from number and text, so a rerun prints the same PDUs', async () => {
    const argv = ['pdu', 'encode', '--to', '+33612345678', '--json', 'é'.repeat(300)];
    const first = await runCliInProcess(argv);
    const second = await runCliInProcess(argv);
    expect(first.stdout).toBe(second.stdout);
    const { pdus } = first.json[0] as { pdus: { hex: string }[] };
    expect(decodePdu(pdus[0]?.hex ?? '')).toMatchObject({
      concat: { ref: defaultConcatRef('+33612345678', 'é'.repeat(300)) },
    });
  });

  test('without --json it prints the AT+CMGS length and the hex', async () => {
    const run = await runCliInProcess(['pdu', 'encode', '--to', '+46708251358', 'hellohello']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`AT+CMGS=23\n${HELLO_SUBMIT}\n`);
  });

  test.each([
    ['a --ref above 255', ['--to', '+33612345678', '--ref', '256'], 'CLI_BAD_OPTION'],
    ['a --ref that is not a number', ['--to', '+33612345678', '--ref', '1e2'], 'CLI_BAD_OPTION'],
    ['an unparseable --to', ['--to', 'x'], 'PHONE_INVALID'],
    ['a --to of 21 digits', ['--to', '1'.repeat(21)], 'PHONE_INVALID'],
    ['a missing --to', [], 'CLI_BAD_OPTION'],
    ['an unknown profile', ['--to', '+33612345678', '--profile', 'nope'], 'PROFILE_UNKNOWN'],
    [
      'a Belgian number under cely',
      ['--to', '+32470123456', '--profile', 'cely'],
      'PROFILE_DESTINATION',
    ],
    [
      'a text cely cannot carry',
      ['--to', '+33612345678', '--profile', 'cely'],
      'PROFILE_CHARSET',
      'fête',
    ],
  ])(
    '%s is refused with exit status 2 and an error object',
    async (_, options, code, text = 'hello') => {
      const run = await runCliInProcess(['pdu', 'encode', ...options, '--json', text]);
      expect(run.status).toBe(2);
      expect(run.json).toEqual([{ error: expect.objectContaining({ code }) }]);
    },
  );

  test('applies the profile: cely appends its STOP mention and sends ç as Ç in GSM-7', async () => {
    const run = await runCliInProcess([
      'pdu',
      'encode',
      '--to',
      '06 12 34 56 78',
      '--profile',
      'cely',
      '--json',
      'Reçu',
    ]);
    expect(run.status).toBe(0);
    const { pdus } = run.json[0] as { pdus: { hex: string }[] };
    expect(pdus.map((p) => decodePdu(p.hex))).toMatchObject([
      { type: 'submit', recipient: '+33612345678', encoding: 'gsm7', text: 'ReÇu\nRép STOP' },
    ]);
  });

  test('a refusal without --json goes to stderr with its code', async () => {
    const run = await runCliInProcess(['pdu', 'encode', '--to', 'x', 'hello']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('PHONE_INVALID');
  });
});

describe('gsmgate pdu decode', () => {
  test('prints every field of an SMS-DELIVER as one JSON object', async () => {
    const run = await runCliInProcess(['pdu', 'decode', '--json', HELLO_DELIVER]);
    expect(run.status).toBe(0);
    expect(run.json).toEqual([
      {
        type: 'deliver',
        serviceCentre: '+27381000015',
        sender: '27838890001',
        senderType: 'subscriber',
        timestamp: '1999-03-29T15:16:59+02:00',
        timezoneOffsetMinutes: 120,
        moreMessagesToSend: false,
        statusReportIndication: false,
        pid: 0,
        dcs: 0,
        encoding: 'gsm7',
        text: 'hellohello',
        udh: [],
        replyPath: false,
      },
    ]);
  });

  test('prints a status report with its classified status', async () => {
    const run = await runCliInProcess(['pdu', 'decode', '--json', STATUS_REPORT]);
    expect(run.json).toEqual([
      {
        type: 'status-report',
        messageReference: 214,
        recipient: '+31628870634',
        recipientType: 'international',
        serviceCentreTimestamp: '2011-01-11T17:59:15+01:00',
        dischargeTimestamp: '2011-01-11T17:59:17+01:00',
        status: { code: 0, category: 'delivered', meaning: 'received by the recipient' },
        reportsCommand: false,
        moreMessagesToSend: false,
      },
    ]);
  });

  test('--no-sca reads a PDU that starts at the first TPDU octet', async () => {
    const run = await runCliInProcess([
      'pdu',
      'decode',
      '--no-sca',
      '--json',
      HELLO_SUBMIT.slice(2),
    ]);
    expect(run.json[0]).toMatchObject({
      type: 'submit',
      recipient: '+46708251358',
      text: 'hellohello',
    });
    expect(run.json[0]).not.toHaveProperty('serviceCentre');
  });

  test('a malformed PDU prints {"error": …} and exits 2', async () => {
    const run = await runCliInProcess(['pdu', 'decode', '--json', HELLO_DELIVER.slice(0, 40)]);
    expect(run.status).toBe(2);
    expect(run.json).toEqual([
      { error: expect.objectContaining({ code: 'PDU_TRUNCATED', field: 'TP-SCTS', offset: 19 }) },
    ]);
  });

  test('without --json it prints key: value lines', async () => {
    const run = await runCliInProcess(['pdu', 'decode', HELLO_DELIVER]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('type: "deliver"\n');
    expect(run.stdout).toContain('sender: "27838890001"\n');
    expect(run.stdout).toContain('text: "hellohello"\n');
  });

  test('a malformed PDU without --json is reported on stderr with exit 2', async () => {
    const run = await runCliInProcess(['pdu', 'decode', 'ZZ']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PDU_BAD_HEX');
  });

  test('without HEX it decodes one PDU per stdin line and prints one JSON line each', async () => {
    const run = await runCliInProcess(
      ['pdu', 'decode'],
      `${HELLO_DELIVER}\n\n  ${STATUS_REPORT.toLowerCase()}  \r\n`,
    );
    expect(run.status).toBe(0);
    expect(run.json).toMatchObject([
      { type: 'deliver', text: 'hellohello' },
      { type: 'status-report', messageReference: 214 },
    ]);
  });

  test('in stdin mode a bad line prints its error with the line number, the rest go on, and the exit is 2', async () => {
    const run = await runCliInProcess(
      ['pdu', 'decode', '--no-sca'],
      `${HELLO_SUBMIT.slice(2)}\n03\n${HELLO_SUBMIT.slice(2)}\n`,
    );
    expect(run.status).toBe(2);
    expect(run.json).toMatchObject([
      { type: 'submit' },
      { error: { code: 'PDU_UNSUPPORTED_TYPE', line: 2 } },
      { type: 'submit' },
    ]);
  });
});
