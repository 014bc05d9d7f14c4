import { describe, expect, test } from 'vitest';
import { parseCommandLine } from '../../../device/modem/sim/parseCommandLine.js';

describe('parseCommandLine (V.250 §5.2–5.4)', () => {
  test('basic commands follow one another; case does not matter', () => {
    expect(parseCommandLine('ate0v1&f')).toEqual([
      { name: 'E', op: 'exec', args: ['0'] },
      { name: 'V', op: 'exec', args: ['1'] },
      { name: '&F', op: 'exec', args: [] },
    ]);
  });

  test('extended commands: exec, read, test and set with quoted parameters', () => {
    expect(parseCommandLine('AT+CMGF=0;+CPMS="SM","ME";+CREG?;+CNMI=?;+CGMI')).toEqual([
      { name: '+CMGF', op: 'set', args: ['0'] },
      { name: '+CPMS', op: 'set', args: ['SM', 'ME'] },
      { name: '+CREG', op: 'read', args: [] },
      { name: '+CNMI', op: 'test', args: [] },
      { name: '+CGMI', op: 'exec', args: [] },
    ]);
  });

  test('a semicolon inside quotes belongs to the parameter', () => {
    expect(parseCommandLine('AT+CSCA="+33;1",145')).toEqual([
      { name: '+CSCA', op: 'set', args: ['+33;1', '145'] },
    ]);
  });

  test('vendor prefixes and S-registers', () => {
    expect(parseCommandLine('AT^ICCID?')).toEqual([{ name: '^ICCID', op: 'read', args: [] }]);
    expect(parseCommandLine('ATS0=0S3?')).toEqual([
      { name: 'S0', op: 'set', args: ['0'] },
      { name: 'S3', op: 'read', args: [] },
    ]);
  });

  test.each(['hello', 'AT+CPIN="1234', 'AT+', 'AT!'])('%s does not parse', (line) => {
    expect(parseCommandLine(line)).toBeUndefined();
  });

  test('a bare AT is an empty command list', () => {
    expect(parseCommandLine('AT')).toEqual([]);
  });
});
