import { describe, expect } from 'vitest';
import { test } from './engineFixture.js';

const PDU = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';
const CMGS = {
  command: 'AT+CMGS=23',
  timeoutMs: 60_000,
  expectPrompt: true,
  payload: PDU,
} as const;

describe('AtEngine: commands and responses', () => {
  test('a plain AT command resolves with OK and no information lines', async ({
    engine,
    modem,
  }) => {
    const response = await engine.send({ command: 'AT', timeoutMs: 1000 });
    expect(response).toEqual({ command: 'AT', lines: [], final: 'OK' });
    expect(modem.transport.writes).toEqual(['AT\r']);
  });

  test('information lines come back in order', async ({ engine, modem }) => {
    modem.on('AT+CPMS?', ['+CPMS: "SM",3,30,"SM",3,30,"SM",3,30', 'OK']);
    modem.on('ATI', ['Quectel', 'EC25', 'Revision: EC25EFAR06A03M4G', 'OK']);
    expect((await engine.send({ command: 'AT+CPMS?', timeoutMs: 1000 })).lines).toEqual([
      '+CPMS: "SM",3,30,"SM",3,30,"SM",3,30',
    ]);
    expect((await engine.send({ command: 'ATI', timeoutMs: 1000 })).lines).toEqual([
      'Quectel',
      'EC25',
      'Revision: EC25EFAR06A03M4G',
    ]);
  });

  test('with echo on, the echoed command is tolerated and left out of the response', async ({
    engine,
    modem,
  }) => {
    modem.echo = true;
    modem.on('AT+CSQ', ['+CSQ: 17,0', 'OK']);
    const response = await engine.send({ command: 'AT+CSQ', timeoutMs: 1000 });
    expect(response.lines).toEqual(['+CSQ: 17,0']);
  });

  test('echo ending in a lone CR before the response CRLF (AT\\r\\r\\nOK) is handled', async ({
    engine,
    modem,
  }) => {
    // Huawei E1752 in gammu issue #138: "41 54 0D 0D 0A 4F 4B 0D 0A".
    modem.use({
      name: 'raw',
      matches: (c) => c === 'AT+CGMI',
      respond: (_, m) => m.sendRaw('AT+CGMI\r\r\nhuawei\r\n\r\nOK\r\n'),
    });
    expect((await engine.send({ command: 'AT+CGMI', timeoutMs: 1000 })).lines).toEqual(['huawei']);
  });

  test('a custom isFinal ends a command on a line other than OK', async ({ engine, modem }) => {
    // SIM800 answers AT+CIPSHUT with "SHUT OK" instead of OK (SIM800 AT manual, AT+CIPSHUT).
    modem.on('AT+CIPSHUT', ['SHUT OK']);
    const response = await engine.send({
      command: 'AT+CIPSHUT',
      timeoutMs: 10_000,
      isFinal: (l) => l === 'SHUT OK',
    });
    expect(response).toEqual({ command: 'AT+CIPSHUT', lines: [], final: 'SHUT OK' });
  });

  test('overlapping submissions are serialised: one command on the wire at a time', async ({
    engine,
    modem,
  }) => {
    const order: string[] = [];
    modem.use({
      name: 'slow CSQ',
      matches: (c) => c === 'AT+CSQ',
      respond: (_, m) => queueMicrotask(() => m.reply('+CSQ: 20,0', 'OK')),
    });
    modem.on('AT+CREG?', ['+CREG: 0,1', 'OK']);
    const all = Promise.all([
      engine.send({ command: 'AT+CSQ', timeoutMs: 1000 }).then(() => order.push('CSQ done')),
      engine.send({ command: 'AT+CREG?', timeoutMs: 1000 }).then(() => order.push('CREG done')),
      engine.send({ command: 'AT', timeoutMs: 1000 }).then(() => order.push('AT done')),
    ]);
    expect(engine.queueLength).toBe(3);
    await all;
    expect(order).toEqual(['CSQ done', 'CREG done', 'AT done']);
    expect(modem.transport.writes).toEqual(['AT+CSQ\r', 'AT+CREG?\r', 'AT\r']);
  });

  test('a response owned by the command is not mistaken for a URC (+CREG: during AT+CREG?)', async ({
    engine,
    modem,
    urcs,
  }) => {
    modem.on('AT+CREG?', ['+CREG: 2,1,"1A2B","00C3D4E5",7', 'OK']);
    const response = await engine.send({ command: 'AT+CREG?', timeoutMs: 1000 });
    expect(response.lines).toEqual(['+CREG: 2,1,"1A2B","00C3D4E5",7']);
    expect(urcs).toEqual([]);
  });
  test('the fake modem sees exactly the command the engine wrote', async ({ engine, modem }) => {
    modem.on('AT+CMGF=0', ['OK']);
    const seen = modem.expectHostCommand(/^AT\+CMGF=/, 1000);
    await engine.send({ command: 'AT+CMGF=0', timeoutMs: 1000 });
    expect(await seen).toBe('AT+CMGF=0');
  });

  test('expectHostCommand fails when the host never sends the command', async ({
    modem,
    clock,
  }) => {
    const seen = modem.expectHostCommand('AT+CNMI=2,1,0,1,0', 1000).catch((e: Error) => e.message);
    await clock.advanceAsync(1000);
    expect(await seen).toMatch(/did not send AT\+CNMI/);
  });
});

describe('AtEngine: URCs', () => {
  test('a URC in the middle of a command is emitted as an event and kept out of the response', async ({
    engine,
    modem,
    urcs,
  }) => {
    modem.urcMidCommand('AT+CSQ', ['+CMTI: "SM",3'], ['+CSQ: 17,0', 'OK']);
    const response = await engine.send({ command: 'AT+CSQ', timeoutMs: 1000 });
    expect(response.lines).toEqual(['+CSQ: 17,0']);
    expect(urcs).toEqual([{ type: 'newMessage', line: '+CMTI: "SM",3', storage: 'SM', index: 3 }]);
  });

  test('typed events are also emitted under their own name', async ({ engine, modem }) => {
    const seen: number[] = [];
    engine.on('newMessage', (event) => seen.push(event.index));
    modem.reply('+CMTI: "ME",12');
    expect(seen).toEqual([12]);
  });

  test('URCs while idle are emitted: registration, ring, boot lines', async ({ modem, urcs }) => {
    modem.reply(
      'RDY',
      '+CFUN: 1',
      '+CPIN: READY',
      'Call Ready',
      'SMS Ready',
      '+CREG: 5,"00AB","0001F2C3",7',
      'RING',
    );
    expect(urcs.map((u) => u.type)).toEqual([
      'boot',
      'boot',
      'boot',
      'boot',
      'boot',
      'registration',
      'ring',
    ]);
    expect(urcs[5]).toMatchObject({ domain: 'CREG', stat: 5, lac: '00AB', ci: '0001F2C3', act: 7 });
  });

  test('unknown URCs are emitted as vendor events, idle or mid-command', async ({
    engine,
    modem,
    urcs,
  }) => {
    modem.reply('+XYZZY: 1,2');
    modem.urcMidCommand('AT', ['^RSSI:14', '^MODE:5,4']);
    await engine.send({ command: 'AT', timeoutMs: 1000 });
    expect(urcs).toEqual([
      { type: 'vendor', line: '+XYZZY: 1,2' },
      { type: 'vendor', line: '^RSSI:14' },
      { type: 'vendor', line: '^MODE:5,4' },
    ]);
  });

  test('a two-line +CDS status report mid-command is emitted with its PDU', async ({
    engine,
    modem,
    urcs,
  }) => {
    const report = '079144777907065206C30B914477127163F5211011019425402110110194254000';
    modem.urcMidCommand('AT+CSQ', ['+CDS: 25', report], ['+CSQ: 20,0', 'OK']);
    const response = await engine.send({ command: 'AT+CSQ', timeoutMs: 1000 });
    expect(response.lines).toEqual(['+CSQ: 20,0']);
    expect(urcs).toEqual([{ type: 'statusReport', line: '+CDS: 25', length: 25, pdu: report }]);
  });

  test('a throwing URC listener does not stop the engine', async ({
    engine,
    modem,
    diagnostics,
  }) => {
    engine.on('urc', () => {
      throw new Error('listener bug');
    });
    modem.urcMidCommand('AT', ['RING']);
    await expect(engine.send({ command: 'AT', timeoutMs: 1000 })).resolves.toMatchObject({
      final: 'OK',
    });
    expect(diagnostics).toContainEqual({ kind: 'listenerError', error: new Error('listener bug') });
  });
});

describe('AtEngine: AT+CMGS and the prompt', () => {
  test('the PDU is written after the prompt, followed by Ctrl-Z, and the message reference comes back', async ({
    engine,
    modem,
  }) => {
    modem.answerCmgs({ mr: 42 });
    const response = await engine.send(CMGS);
    expect(response.lines).toEqual(['+CMGS: 42']);
    expect(modem.transport.writes).toEqual(['AT+CMGS=23\r', `${PDU}\x1a`]);
    expect(modem.payloads).toEqual([PDU]);
  });

  test.for([
    ['with the trailing space', '> '],
    ['without the trailing space', '>'],
  ])('the prompt is recognised %s', async ([, prompt], { engine, modem }) => {
    modem.answerCmgs({ prompt, mr: 7 });
    expect((await engine.send(CMGS)).lines).toEqual(['+CMGS: 7']);
  });

  test('+CMTI arriving between the prompt and +CMGS: is an event, and the send still succeeds', async ({
    engine,
    modem,
    urcs,
  }) => {
    modem.answerCmgs({ mr: 12, between: ['+CMTI: "SM",4'] });
    const response = await engine.send(CMGS);
    expect(response.lines).toEqual(['+CMGS: 12']);
    expect(urcs).toEqual([{ type: 'newMessage', line: '+CMTI: "SM",4', storage: 'SM', index: 4 }]);
  });

  test('a URC in the same chunk right after the prompt still counts as a URC', async ({
    engine,
    modem,
    urcs,
  }) => {
    modem.answerCmgs({ prompt: '> \r\n+CMTI: "SM",5\r\n', mr: 3 });
    expect((await engine.send(CMGS)).lines).toEqual(['+CMGS: 3']);
    expect(urcs).toMatchObject([{ type: 'newMessage', index: 5 }]);
  });

  test('with echo on, the echoed PDU is not taken as an information line', async ({
    engine,
    modem,
  }) => {
    modem.echo = true;
    modem.answerCmgs({ mr: 9 });
    expect((await engine.send(CMGS)).lines).toEqual(['+CMGS: 9']);
  });
});
