import { describe, expect, test } from 'vitest';
import { SIM_PROFILES, SimulatedModem } from '../../../device/modem/sim/index.js';
import { START, codeOf, createMemorySim } from './memorySim.js';

describe('the simulated modem on a memory transport: general commands', () => {
  test('boots with the SIM800 lines in the manual order, then answers AT with echo on', async () => {
    const { urcs, at, transport } = createMemorySim({ profile: 'sim800' });
    expect(urcs.filter((u) => u.type === 'boot').map((u) => u.line)).toEqual([
      'RDY',
      '+CFUN: 1',
      '+CPIN: READY',
      'Call Ready',
      'SMS Ready',
    ]);
    expect(await at('AT')).toEqual({ value: expect.objectContaining({ final: 'OK' }) });
    // V.250 factory default E1: the echo ends in a lone CR before the reply's CRLF.
    expect(transport.writes.at(-1)).toBe('AT\r');
    expect(await at('ATE0')).toMatchObject({ value: { final: 'OK' } });
  });

  test.each(Object.values(SIM_PROFILES))(
    '$name identity strings and its own ICCID command',
    async (profile) => {
      const { at } = createMemorySim({ profile: profile.name, iccid: '8933150319050123456' });
      expect((await at('AT+CGMI')).value?.lines).toEqual([profile.manufacturer]);
      expect((await at('AT+CGMM')).value?.lines).toEqual([profile.model]);
      expect((await at('AT+CGMR')).value?.lines).toEqual([profile.revision]);
      expect((await at('AT+CGSN')).value?.lines).toEqual(['356938035643809']);
      expect((await at('AT+CIMI')).value?.lines).toEqual(['208150123456789']);
      expect((await at(`AT${profile.iccidCommand}`)).value?.lines).toEqual([
        `${profile.iccidPrefix}8933150319050123456`,
      ]);
      const others = ['+CCID', '+QCCID', '^ICCID?'].filter((c) => c !== profile.iccidCommand);
      for (const other of others)
        expect(codeOf((await at(`AT${other}`)).error).code).toBe('MODEM_ERROR');
    },
  );

  test('AT+CMEE=0/1/2 picks plain ERROR, a number or the 27.007 text', async () => {
    const { at } = createMemorySim();
    expect(codeOf((await at('AT+CPIN=1234')).error).code).toBe('MODEM_ERROR');
    await at('AT+CMEE=1');
    expect(codeOf((await at('AT+CPIN=1234')).error)).toEqual({
      code: 'MODEM_CME_ERROR',
      atCode: 3,
    });
    await at('AT+CMEE=2');
    expect(codeOf((await at('AT+CPIN=1234')).error)).toEqual({
      code: 'MODEM_CME_ERROR',
      atCode: 3,
    });
    expect((await at('AT+CMEE?')).value?.lines).toEqual(['+CMEE: 2']);
  });

  test('a SIM PIN blocks SIM commands; three wrong PINs need the PUK', async () => {
    const { at, sim } = createMemorySim({ pin: '4321', profile: 'sim800' });
    await at('AT+CMEE=1');
    expect((await at('AT+CPIN?')).value?.lines).toEqual(['+CPIN: SIM PIN']);
    expect(codeOf((await at('AT+CIMI')).error)).toEqual({ code: 'MODEM_CME_ERROR', atCode: 11 });
    expect(codeOf((await at('AT+CMGR=1')).error)).toEqual({ code: 'MODEM_CMS_ERROR', atCode: 311 });
    for (let i = 0; i < 3; i++) {
      expect(codeOf((await at('AT+CPIN=0000')).error)).toEqual({
        code: 'MODEM_CME_ERROR',
        atCode: 16,
      });
    }
    expect((await at('AT+CPIN?')).value?.lines).toEqual(['+CPIN: SIM PUK']);
    expect(codeOf((await at('AT+CPIN=4321')).error).atCode).toBe(16);
    expect((await at('AT+CPIN="12345678","1111"')).value).toBeDefined();
    expect((await at('AT+CPIN?')).value?.lines).toEqual(['+CPIN: READY']);
    expect(sim.commands.some((c) => c.line.includes('4321'))).toBe(false);
    expect((await at('AT+CREG?')).value?.lines).toEqual(['+CREG: 0,1']);
  });

  test.each([
    ['generic', 'AT+CPINR="SIM PIN"', '+CPINR: SIM PIN,2,3'],
    ['generic', 'AT+CPINR="SIM PUK"', '+CPINR: SIM PUK,10,10'],
    ['sim800', 'AT+SPIC', '+SPIC: 2,10,3,10'],
    ['quectel', 'AT+QPINC="SC"', '+QPINC: "SC",2,10'],
    ['huawei', 'AT^CPIN?', '^CPIN: SIM PIN,2,10,2,10,3'],
  ] as const)('%s tells the attempts left with %s', async (profile, command, line) => {
    const { at } = createMemorySim({ pin: '4321', profile });
    await at('AT+CPIN=0000');
    expect((await at(command)).value?.lines).toEqual([line]);
  });

  test('the right PIN readies the SIM: vendor lines, then registration', async () => {
    const { at, urcs } = createMemorySim({ pin: '4321', profile: 'sim800' });
    await at('AT+CREG=1');
    expect((await at('AT+CREG?')).value?.lines).toEqual(['+CREG: 1,0']);
    await at('AT+CPIN=4321');
    expect(urcs.slice(-4).map((u) => u.line)).toEqual([
      '+CPIN: READY',
      'Call Ready',
      'SMS Ready',
      '+CREG: 1',
    ]);
  });

  test('signal, operator, registration with location, functionality, service centre, storage', async () => {
    const { at } = createMemorySim({ rssi: 17, operator: 'Orange F' });
    expect((await at('AT+CSQ')).value?.lines).toEqual(['+CSQ: 17,99']);
    expect((await at('AT+COPS=3,0')).value?.final).toBe('OK');
    expect((await at('AT+COPS?')).value?.lines).toEqual(['+COPS: 0,0,"Orange F",0']);
    await at('AT+CREG=2');
    expect((await at('AT+CREG?')).value?.lines).toEqual(['+CREG: 2,1,"1A2B","00C3D4E5"']);
    expect((await at('AT+CFUN?')).value?.lines).toEqual(['+CFUN: 1']);
    expect((await at('AT+CSCA?')).value?.lines).toEqual(['+CSCA: "+33609001390",145']);
    expect((await at('AT+CPMS?')).value?.lines).toEqual(['+CPMS: "SM",0,30,"SM",0,30,"SM",0,30']);
    expect((await at('AT+CPMS="SM","SM","SM"')).value?.lines).toEqual(['+CPMS: 0,30,0,30,0,30']);
    expect(codeOf((await at('AT+CPMS="ME"')).error)).toEqual({
      code: 'MODEM_CMS_ERROR',
      atCode: 302,
    });
    expect((await at('AT+CMGF=0;+CNMI=2,1,0,1,0;+CNMI?')).value?.lines).toEqual([
      '+CNMI: 2,1,0,1,0',
    ]);
  });

  test('AT+CFUN=0 drops registration and AT+CFUN=1 brings it back, with +CREG URCs', async () => {
    const { at, urcs } = createMemorySim();
    await at('AT+CREG=1');
    await at('AT+CFUN=0');
    expect((await at('AT+CSQ')).value?.lines).toEqual(['+CSQ: 99,99']);
    await at('AT+CFUN=1');
    expect(urcs.filter((u) => u.type === 'registration').map((u) => u.line)).toEqual([
      '+CREG: 0',
      '+CREG: 1',
    ]);
  });

  test.each(['AT+CMGF=1', 'AT+FOO', 'ATV0', 'AT+CMGF=0;+NOPE', 'AT+CMGS=0'])(
    '%s is refused',
    async (line) => {
      const { at } = createMemorySim();
      expect(codeOf((await at(line)).error).code).toMatch(/^MODEM_(ERROR|CMS_ERROR)$/);
    },
  );

  test('a line that does not start with AT is ignored, like line noise', async () => {
    const { at, transport, sim } = createMemorySim({ initialEcho: false });
    await transport.write('hello\r');
    expect(transport.writes).toEqual(['hello\r']);
    expect(sim.commands).toEqual([{ at: expect.any(Number), line: 'hello' }]);
    expect(await at('AT')).toMatchObject({ value: { final: 'OK' } });
  });

  test('the command log records every line with its time', async () => {
    const { at, sim, clock } = createMemorySim();
    await at('ATE0');
    await at('AT+CSQ');
    expect(sim.commands.map((c) => c.line)).toEqual(['ATE0', 'AT+CSQ']);
    expect(sim.commands.every((c) => c.at >= START && c.at <= clock.now())).toBe(true);
  });

  test('Huawei chatters ^RSSI and ^BOOT on its interval', async () => {
    const { clock, urcs } = createMemorySim({ profile: 'huawei', chatterIntervalMs: 2_000 });
    await clock.advanceAsync(4_000);
    expect(urcs.filter((u) => u.type === 'vendor').map((u) => u.line)).toEqual([
      '^BOOT:35323129,0,0,0,26',
      '^SIMST:1',
      '^RSSI:20',
      '^BOOT:35323129,0,0,0,26',
      '^RSSI:20',
      '^BOOT:35323129,0,0,0,26',
    ]);
  });

  test('options out of range are refused with MODEM_SIM_BAD_OPTION', () => {
    for (const options of [{ simCapacity: 0 }, { rssi: 40 }, { pin: '12' }, { latencyMs: -1 }]) {
      expect(() => new SimulatedModem(options)).toThrow(
        expect.objectContaining({ code: 'MODEM_SIM_BAD_OPTION' }),
      );
    }
  });
});
