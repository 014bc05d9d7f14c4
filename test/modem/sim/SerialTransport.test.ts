import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SerialTransport } from '../../../device/modem/transport/SerialTransport.js';
import { rejectionOf, startPtySim } from './ptySim.js';

describe('SerialTransport over serialport (against the simulated modem)', () => {
  test('a missing device is MODEM_PORT_NOT_FOUND', async () => {
    const error = await rejectionOf(
      SerialTransport.open({ path: '/dev/serial/by-id/usb-gsmgate-none-if00' }),
    );
    expect(error).toMatchObject({
      code: 'MODEM_PORT_NOT_FOUND',
      context: { path: '/dev/serial/by-id/usb-gsmgate-none-if00' },
    });
  });

  test('a port another program holds is MODEM_PORT_BUSY (the exclusive lock)', async () => {
    const { host } = await startPtySim();
    expect(await rejectionOf(SerialTransport.open({ path: host.path }))).toMatchObject({
      code: 'MODEM_PORT_BUSY',
    });
  });

  test('something that is not a serial device is MODEM_PORT_OPEN_FAILED', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gsmgate-st-'));
    try {
      expect(await rejectionOf(SerialTransport.open({ path: dir }))).toMatchObject({
        code: 'MODEM_PORT_OPEN_FAILED',
      });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  test('close() emits close once without a cause; writes after it fail with MODEM_CLOSED', async () => {
    const { transport, engine } = await startPtySim();
    engine.dispose();
    const causes: unknown[] = [];
    transport.on('close', (cause) => causes.push(cause));
    await transport.close();
    await transport.close();
    expect(causes).toEqual([undefined]);
    expect(transport.isOpen).toBe(false);
    expect(await rejectionOf(transport.write('AT\r'))).toMatchObject({ code: 'MODEM_CLOSED' });
  });

  test('waitForPath gives up after its timeout with MODEM_PORT_NOT_FOUND, or when aborted', async () => {
    const path = join(tmpdir(), 'gsmgate-never-there');
    const error = await rejectionOf(
      SerialTransport.waitForPath(path, { timeoutMs: 60, intervalMs: 10 }),
    );
    expect(error).toMatchObject({ code: 'MODEM_PORT_NOT_FOUND', context: { path, timeoutMs: 60 } });
    const controller = new AbortController();
    const aborted = SerialTransport.waitForPath(path, {
      signal: controller.signal,
      intervalMs: 10,
    });
    controller.abort(new Error('shutdown'));
    await expect(aborted).rejects.toThrow('shutdown');
  });
});
