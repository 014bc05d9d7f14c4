import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { started } from './driverHarness.js';

const PDU = { hex: '0011000B916407281553F80000AA0AE8329BFD4697D9EC37', length: 23 };

/** Lines a modem may print that the driver has never heard of, and cut-up real ones. */
const ODD_LINES = [
  '+QIURC: "recv",0',
  '^DSFLOWRPT:00000123,00000000,00000000',
  '+CMT: ,2', // header whose PDU never comes
  '+CDS: 25', // same
  '+CMTI: "SM"', // truncated
  '+CMTI: "SM",abc',
  '+CREG: x',
  '+CSQ: 1',
  'UNDER-VOLTAGE WARNNING',
  '\x00\x00\xff\xfe',
  '> ',
  'OK',
  'ERROR',
];

describe('bad input from the modem never crashes the driver or wedges its queue', () => {
  test('random bytes while idle, then a send still works', async () => {
    const h = await started();
    let mr = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        h.fake.modem.garbage(bytes);
        h.fake.modem.sendRaw('\r\n'); // a real answer starts a new line
        await h.advance(1_500); // a stray boot-like line would re-initialise: let it finish
        expect(h.driver.state).toBe('ready');
        h.fake.nextMr = ++mr;
        expect(await h.settle(h.driver.sendPdu(PDU))).toEqual({ mr });
      }),
      { seed: 20250310, numRuns: 40 },
    );
  });

  test('random bytes in the middle of commands: the next command still works', async () => {
    const h = await started();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 120 }), async (bytes) => {
        h.fake.modem.use({
          name: 'noise before the answer',
          matches: (c) => c === 'AT+CSQ',
          respond: (_, m) => {
            m.garbage(bytes);
            m.reply('+CSQ: 20,99', 'OK');
          },
          once: true,
        });
        await h.settle(h.driver.readHealth()).catch(() => undefined); // may fail; must not hang
        await h.advance(1_500);
        const mr = h.fake.nextMr;
        expect(await h.settle(h.driver.sendPdu(PDU))).toEqual({ mr });
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  test('unknown URCs, truncated lines and stray finals between and inside commands', async () => {
    const h = await started();
    h.driver.onInbound(async () => undefined);
    for (const line of ODD_LINES) h.fake.modem.reply(line);
    h.fake.modem.answerCmgs({ mr: 12, between: ODD_LINES.slice(0, 3) });
    expect(await h.settle(h.driver.sendPdu(PDU))).toEqual({ mr: 12 });
    h.fake.modem.sendRaw('+CMTI: "S'); // cut mid-line, never finished
    await h.advance(100);
    expect((await h.settle(h.driver.readHealth())).signal.rssi).toBe(20);
    expect(h.driver.state).toBe('ready');
  });

  test('a listener that throws does not break the driver', async () => {
    const h = await started();
    h.driver.on('statusReport', () => {
      throw new Error('listener bug');
    });
    h.fake.modem.reply(
      '+CDS: 25',
      '079144777907065206C30B914477127163F5211011019425402110110194254000',
    );
    await h.advance(10);
    expect(await h.settle(h.driver.sendPdu(PDU))).toHaveProperty('mr');
  });
});
