import { describe, expect, test } from 'vitest';
import {
  AtLineClassifier,
  commandPrefixes,
  type Classified,
  type CommandContext,
} from '../../../device/modem/at/AtLineClassifier.js';

function classify(lines: string[], context?: CommandContext): Classified[] {
  const classifier = new AtLineClassifier();
  return lines.flatMap((text) => classifier.classify({ type: 'line', text }, context));
}

const cmgs: CommandContext = { command: 'AT+CMGS=23', payload: '0011000B91' };

describe('AtLineClassifier', () => {
  test('final results are classified with their parsed form', () => {
    expect(classify(['OK', '+CMS ERROR: 500'], cmgs)).toEqual([
      { kind: 'final', line: 'OK', result: { type: 'ok' } },
      {
        kind: 'final',
        line: '+CMS ERROR: 500',
        result: {
          type: 'cms',
          code: 500,
          meaning: 'unknown error',
          transient: true,
          verbose: false,
        },
      },
    ]);
  });

  test('+CMGS: 12 is information for AT+CMGS, +CMTI: "SM",3 is a URC', () => {
    expect(classify(['+CMGS: 12', '+CMTI: "SM",3'], cmgs)).toEqual([
      { kind: 'info', line: '+CMGS: 12' },
      {
        kind: 'urc',
        event: { type: 'newMessage', line: '+CMTI: "SM",3', storage: 'SM', index: 3 },
      },
    ]);
  });

  test('+CREG: is information for AT+CREG? and a URC for any other command', () => {
    expect(classify(['+CREG: 0,1'], { command: 'AT+CREG?' })).toEqual([
      { kind: 'info', line: '+CREG: 0,1' },
    ]);
    expect(classify(['+CREG: 1'], { command: 'AT+CSQ' })).toMatchObject([
      { kind: 'urc', event: { type: 'registration', domain: 'CREG', stat: 1 } },
    ]);
  });

  test('the echo of the command and of the PDU is recognised', () => {
    expect(classify(['AT+CMGS=23', '0011000B91'], cmgs).map((c) => c.kind)).toEqual([
      'echo',
      'echo',
    ]);
  });

  test('final results with no command in flight are stray', () => {
    expect(classify(['OK'])).toEqual([{ kind: 'stray', line: 'OK' }]);
  });

  test('unknown lines with no command in flight are vendor URCs; with one, information', () => {
    expect(classify(['+QFOO: 1'])).toEqual([
      { kind: 'urc', event: { type: 'vendor', line: '+QFOO: 1' } },
    ]);
    expect(classify(['862771076566085'], { command: 'AT+CGSN' })).toEqual([
      { kind: 'info', line: '862771076566085' },
    ]);
  });

  test('Huawei ^ lines are URCs mid-command unless the command is their own', () => {
    expect(classify(['^RSSI:14'], { command: 'AT+CSQ' })).toMatchObject([{ kind: 'urc' }]);
    expect(classify(['^SYSINFO:2,3,0,5,1'], { command: 'AT^SYSINFO' })).toMatchObject([
      { kind: 'info' },
    ]);
  });

  test('boot lines are URCs even mid-command', () => {
    expect(classify(['RDY', 'SMS Ready', '+QIND: SMS DONE'], { command: 'AT' })).toMatchObject([
      { kind: 'urc', event: { type: 'boot' } },
      { kind: 'urc', event: { type: 'boot' } },
      { kind: 'urc', event: { type: 'boot' } },
    ]);
  });

  test('+CDS: header and PDU line make one status report, even mid-command', () => {
    expect(classify(['+CDS: 6', '0006C3', 'OK'], { command: 'AT+CSQ' })).toEqual([
      { kind: 'urc', event: { type: 'statusReport', line: '+CDS: 6', length: 6, pdu: '0006C3' } },
      { kind: 'final', line: 'OK', result: { type: 'ok' } },
    ]);
  });

  test('+CMT: [alpha],length and its PDU make one direct message', () => {
    expect(
      classify([
        '+CMT: ,30',
        '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07',
      ]),
    ).toMatchObject([{ kind: 'urc', event: { type: 'directMessage', length: 30 } }]);
  });

  test('a two-line header whose PDU never came is passed on, and the next line classified normally', () => {
    expect(classify(['+CDS: 25', 'OK'], { command: 'AT' })).toEqual([
      { kind: 'urc', event: { type: 'vendor', line: '+CDS: 25' } },
      { kind: 'final', line: 'OK', result: { type: 'ok' } },
    ]);
  });

  test('a custom isFinal matcher wins over the standard results, and a throwing one is ignored', () => {
    const ctx: CommandContext = { command: 'AT+CIPSHUT', isFinal: (l) => l === 'SHUT OK' };
    expect(classify(['SHUT OK'], ctx)).toMatchObject([
      { kind: 'final', result: { type: 'custom' } },
    ]);
    const throwing: CommandContext = {
      command: 'AT',
      isFinal: () => {
        throw new Error('bug');
      },
    };
    expect(classify(['OK'], throwing)).toMatchObject([{ kind: 'final', result: { type: 'ok' } }]);
  });

  test('a prompt with no command in flight is stray', () => {
    expect(new AtLineClassifier().classify({ type: 'prompt' }, undefined)).toEqual([
      { kind: 'stray', line: '>' },
    ]);
  });

  test('command prefixes cover compound and vendor commands', () => {
    expect(commandPrefixes('AT+CSUB;+CVERSION')).toEqual(['+CSUB', '+CVERSION']);
    expect(commandPrefixes('AT^SYSINFO')).toEqual(['^SYSINFO']);
    expect(commandPrefixes('AT+CPMS="SM","SM","SM"')).toEqual(['+CPMS']);
    expect(commandPrefixes('ATE0')).toEqual([]);
  });
});
