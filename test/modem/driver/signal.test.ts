import { describe, expect, test } from 'vitest';
import { parseCsq, rssiToBars, rssiToDbm } from '../../../device/modem/driver/signal.js';
import { started } from './driverHarness.js';

describe('AT+CSQ → dBm and bars (27.007 §8.5)', () => {
  test.each([
    [0, -113],
    [1, -111],
    [2, -109],
    [10, -93],
    [30, -53],
    [31, -51],
  ])('rssi %i is %i dBm', (rssi, dbm) => {
    expect(rssiToDbm(rssi)).toBe(dbm);
  });

  test.each([99, 32, -1, 1.5])('rssi %s is unknown', (rssi) => {
    expect(rssiToDbm(rssi)).toBeNull();
    expect(rssiToBars(rssi)).toBe(0);
  });

  test.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [4, 1],
    [5, 2],
    [7, 2],
    [8, 3],
    [11, 3],
    [12, 4],
    [31, 4],
  ])('rssi %i shows %i bars', (rssi, bars) => {
    expect(rssiToBars(rssi)).toBe(bars);
  });

  test('parseCsq reads the line, and 99 as unknown', () => {
    expect(parseCsq(['+CSQ: 18,0'])).toEqual({ rssi: 18, dbm: -77, bars: 4, ber: 0 });
    expect(parseCsq(['+CSQ: 99,99'])).toEqual({ rssi: 99, dbm: null, bars: 0, ber: null });
    expect(parseCsq(['+CSQ: junk'])).toEqual({ rssi: 99, dbm: null, bars: 0, ber: null });
    expect(parseCsq([])).toMatchObject({ dbm: null });
  });
});

describe('health', () => {
  test('polled every healthIntervalMs and emitted with signal, registration, operator, storage', async () => {
    const h = await started({ fake: { rssi: 9 }, options: { healthIntervalMs: 30_000 } });
    await h.advance(30_000);
    const [snapshot] = h.of('health');
    expect(snapshot).toMatchObject({
      signal: { rssi: 9, dbm: -95, bars: 3 },
      registration: { status: 'home' },
      operator: 'Orange F',
      storage: { receive: { storage: 'SM', used: 0, total: 30 } },
    });
    h.fake.rssi = 99;
    await h.advance(30_000);
    expect(h.of('health')[1]?.signal).toEqual({ rssi: 99, dbm: null, bars: 0, ber: null });
  });

  test('a refused query reads as unknown without hiding the others', async () => {
    const h = await started();
    h.fake.modem.on('AT+COPS?', ['+CME ERROR: 30']);
    const snapshot = await h.settle(h.driver.readHealth());
    expect(snapshot.operator).toBeNull();
    expect(snapshot.signal.dbm).toBe(-73);
  });
});
