import { describe, expect, test } from 'vitest';
import { linePrefix, matchUrc } from '../../../device/modem/at/urcEvents.js';

const eventOf = (line: string) => {
  const match = matchUrc(line);
  return match?.kind === 'event' ? match.event : match;
};

describe('matchUrc', () => {
  test.for([
    ['+CMTI: "SM",3', { type: 'newMessage', storage: 'SM', index: 3 }],
    ['+CMTI: "ME", 0', { type: 'newMessage', storage: 'ME', index: 0 }],
    ['+CDSI: "SR",1', { type: 'statusReportIndex', storage: 'SR', index: 1 }],
    ['+CREG: 1', { type: 'registration', domain: 'CREG', stat: 1 }],
    [
      '+CREG: 1, E006B, ABE0016',
      { type: 'registration', domain: 'CREG', stat: 1, lac: 'E006B', ci: 'ABE0016' },
    ],
    [
      '+CGREG: 5,"2C4F","0A1B2C03",2,"01"',
      { type: 'registration', domain: 'CGREG', stat: 5, act: 2 },
    ],
    [
      '+CEREG: 3,"1A2B","01A2B3C4",7,0,15',
      { type: 'registration', domain: 'CEREG', stat: 3, act: 7 },
    ],
    ['RING', { type: 'ring' }],
    ['+CRING: VOICE', { type: 'ring' }],
    ['Call Ready', { type: 'boot' }],
    ['*ATREADY: 1', { type: 'boot' }],
    ['+QIND: PB DONE', { type: 'boot' }],
    ['+QIND: "csq",20,99', { type: 'vendor' }],
    ['^HCSQ:"LTE",48,43,135,23', { type: 'vendor' }],
    ['UNDER-VOLTAGE WARNNING', { type: 'vendor' }],
  ] as const)('%s', ([line, expected]) => {
    expect(eventOf(line)).toMatchObject({ ...expected, line });
  });

  test('malformed known URCs become vendor events instead of bad numbers', () => {
    for (const line of [
      '+CMTI: "SM",0x3',
      '+CMTI: "SM",1e3',
      '+CMTI: "SM"',
      '+CREG: x',
      '+CDS: 1,2,3',
    ]) {
      expect(eventOf(line)).toEqual({ type: 'vendor', line });
    }
  });

  test('+CMT and +CDS in PDU mode are headers of a two-line URC', () => {
    expect(matchUrc('+CDS: 25')).toMatchObject({
      kind: 'header',
      header: { type: 'statusReport', length: 25 },
    });
    expect(matchUrc('+CMT: "Alice",30')).toMatchObject({
      kind: 'header',
      header: { type: 'directMessage', length: 30 },
    });
  });

  test('lines that are not known URCs are left to the caller', () => {
    for (const line of ['+CSQ: 17,0', '+CMGS: 12', 'Quectel', '0791447758100650']) {
      expect(matchUrc(line)).toBeUndefined();
    }
  });

  test('linePrefix reads +, ^ and * prefixes', () => {
    expect(linePrefix('+cmti: "SM",1')).toBe('+CMTI');
    expect(linePrefix('^RSSI:14')).toBe('^RSSI');
    expect(linePrefix('*ATREADY: 1')).toBe('*ATREADY');
    expect(linePrefix('OK')).toBeUndefined();
  });
});
