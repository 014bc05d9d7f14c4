import { describe, expect, test } from 'vitest';
import { deliverVectors, statusReportVectors } from '../../sms/pdu/pduFixtures.js';
import { started } from './driverHarness.js';

const REPORT =
  statusReportVectors.find((v) => v.name.startsWith('HeboTech: the same report'))?.hex ?? '';
const HELLO = deliverVectors[0]?.hex ?? '';
/** SIM800L +CDS PDU from test/fixtures/modem/sim800.txt (python-gsmmodem #60 behaviour). */
const SIM800_CDS = '079144777907065206C30B914477127163F5211011019425402110110194254000';

describe('status reports', () => {
  test('+CDS (CNMI ds=1) is decoded into a statusReport event; nothing to read or delete', async () => {
    const h = await started({ fake: { vendor: 'sim800' } });
    h.fake.modem.reply('+CDS: 25');
    h.fake.modem.sendRaw(`${SIM800_CDS.slice(0, 30)}`); // the PDU line in two pieces
    h.fake.modem.sendRaw(`${SIM800_CDS.slice(30)}\r\n`);
    await h.advance(10);
    expect(h.of('statusReport')).toMatchObject([
      {
        source: 'cds',
        messageReference: 0xc3,
        recipient: '+44772117365',
        status: { category: 'delivered' },
      },
    ]);
    expect(h.fake.sent(/^AT\+CMG[RD]/)).toEqual([]);
  });

  test('a +CDS during AT+CMGS is still a status report', async () => {
    const h = await started({ fake: { vendor: 'sim800' } });
    h.fake.nextMr = 3;
    h.fake.modem.answerCmgs({ mr: 3, between: ['+CDS: 25', SIM800_CDS] });
    expect(await h.settle(h.driver.sendPdu({ hex: `00${'11'.repeat(12)}`, length: 12 }))).toEqual({
      mr: 3,
    });
    expect(h.of('statusReport')).toHaveLength(1);
  });

  test('+CDSI (CNMI ds=2, Huawei) → AT+CMGR → statusReport event → AT+CMGD', async () => {
    const h = await started({ fake: { vendor: 'huawei' } });
    h.fake.statusReport(REPORT);
    await h.advance(10);
    expect(h.of('statusReport')).toMatchObject([
      {
        source: 'stored',
        storage: 'SM',
        index: 0,
        messageReference: 214,
        recipient: '+31628870634',
      },
    ]);
    expect(h.fake.sent(/^AT\+CMG[RD]/)).toEqual(['AT+CMGR=0', 'AT+CMGD=0']);
  });

  test('EC25 announcing "SM" for a report stored in "SR": the SR slot is read, then SM restored', async () => {
    const h = await started({ fake: { vendor: 'ec25' }, options: { cnmiModes: ['2,1,0,2,0'] } });
    h.fake.statusReport(REPORT);
    await h.advance(10);
    expect(h.of('statusReport')).toMatchObject([
      { storage: 'SR', index: 0, messageReference: 214 },
    ]);
    expect(h.fake.sent(/^AT\+(CMG[RD]|CPMS="\w+"$)/)).toEqual([
      'AT+CMGR=0',
      'AT+CPMS="SR"',
      'AT+CMGR=0',
      'AT+CMGD=0',
      'AT+CPMS="SM"',
    ]);
    expect(h.fake.memory('SR').size).toBe(0);
    expect(h.fake.readMemory).toBe('SM');
  });

  test('a +CDSI slot that holds an SMS-DELIVER is not deleted as a report', async () => {
    const h = await started({ fake: { vendor: 'huawei' } });
    h.fake.memory('SM').set(4, { stat: 0, pdu: HELLO });
    h.fake.modem.reply('+CDSI: "SM",4');
    await h.advance(10);
    expect(h.of('statusReport')).toEqual([]);
    expect(h.fake.sent(/^AT\+CMGD/)).toEqual([]);
    expect(h.fake.memory('SM').has(4)).toBe(true);
  });
});
