import { closeSync, constants as fs, existsSync, openSync, realpathSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ReadStream } from 'node:tty';
import { describe, expect, test, vi } from 'vitest';
import { AtEngine } from '../../../device/modem/engine/AtEngine.js';
import { SerialTransport } from '../../../device/modem/transport/SerialTransport.js';
import { PtyModemHost } from '../../../device/modem/sim/index.js';
import { SAFETY_MS, startPtySim, withTimeout } from './ptySim.js';

const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Collects `count` bytes from a stream-like source. */
function collect(
  on: (listener: (chunk: Uint8Array) => void) => void,
  count: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  return withTimeout(
    new Promise((resolve) =>
      on((chunk) => {
        chunks.push(Uint8Array.from(chunk));
        total += chunk.length;
        if (total >= count) resolve(Buffer.concat(chunks));
      }),
    ),
    `${count} bytes`,
  );
}

describe('PtyModemHost: the simulated modem as a real serial device', () => {
  test('the pty is raw: all 256 byte values (Ctrl-Z, ESC, CR, LF, XON…) pass unchanged both ways for a client that sets nothing', async () => {
    const host = await PtyModemHost.start({ initialEcho: false, bootDelayMs: 0 });
    try {
      const received = collect(
        (listener) => vi.spyOn(host.modem, 'receive').mockImplementation(listener as never),
        256,
      );
      // A plain fd, no termios of its own: what the client sees is the host's raw setting.
      const fd = openSync(host.path, fs.O_RDWR | fs.O_NOCTTY);
      const client = new ReadStream(fd);
      try {
        writeSync(fd, EVERY_BYTE);
        expect([...(await received)]).toEqual([...EVERY_BYTE]);
        const back = collect((listener) => client.on('data', listener), 256);
        host.modem.emitRaw(EVERY_BYTE);
        expect([...(await back)]).toEqual([...EVERY_BYTE]);
      } finally {
        client.destroy();
      }
    } finally {
      await host.stop();
    }
  });

  test('the same bytes pass unchanged through serialport and SerialTransport', async () => {
    const { host, transport, engine } = await startPtySim();
    engine.dispose();
    const received = collect(
      (listener) => vi.spyOn(host.modem, 'receive').mockImplementation(listener as never),
      256,
    );
    await transport.write(EVERY_BYTE);
    expect([...(await received)]).toEqual([...EVERY_BYTE]);
    const back = collect((listener) => transport.on('data', listener), 256);
    host.modem.emitRaw(EVERY_BYTE);
    expect([...(await back)]).toEqual([...EVERY_BYTE]);
  });

  test('the port vanishes and comes back under the same path: close event, waitForPath, reopen, AT', async () => {
    // A hung-up tty reads as EOF, which serialport never reports: the presence check notices.
    const { host, transport } = await startPtySim({ bootDelayMs: 20 }, {}, { presenceCheckMs: 20 });
    const firstDevice = host.devicePath;
    expect(realpathSync(host.path)).toBe(firstDevice);
    const closed = withTimeout(
      new Promise<Error | undefined>((resolve) => transport.on('close', resolve)),
      'close',
    );
    await host.vanishPort();
    expect(await closed).toMatchObject({ code: 'MODEM_PORT_LOST' });
    expect(existsSync(host.path)).toBe(false);
    await expect(SerialTransport.open({ path: host.path })).rejects.toMatchObject({
      code: 'MODEM_PORT_NOT_FOUND',
    });

    const back = SerialTransport.waitForPath(host.path, { timeoutMs: SAFETY_MS, intervalMs: 10 });
    await host.restorePort();
    await back;
    await withTimeout(host.modem.whenBooted(), 'reboot');
    const again = await SerialTransport.open({ path: host.path });
    const engine = new AtEngine(again);
    try {
      expect((await engine.send({ command: 'AT', timeoutMs: SAFETY_MS })).final).toBe('OK');
    } finally {
      engine.dispose();
      await again.close();
    }
  });

  test('stop() removes the symlink and its temporary directory', async () => {
    const host = await PtyModemHost.start({ bootDelayMs: 0 });
    expect(existsSync(host.path)).toBe(true);
    await host.stop();
    expect(existsSync(host.path)).toBe(false);
    expect(existsSync(host.path.replace(/\/modem$/, ''))).toBe(false);
  });

  test('with baudRate 115200 the sim paces its bytes at 11,520 bytes/s', async () => {
    const { host, transport, engine } = await startPtySim({ baudRate: 115_200 });
    engine.dispose();
    const bytes = new Uint8Array(5_760).fill(0x41);
    const arrived = collect((listener) => transport.on('data', listener), bytes.length);
    const started = performance.now();
    host.modem.emitRaw(bytes);
    await arrived;
    // 0.5 s at line rate; an unpaced pty moves this in well under 50 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  test('closing the fd of a raw client and reopening keeps the pty usable', async () => {
    const host = await PtyModemHost.start({ bootDelayMs: 0, initialEcho: false });
    try {
      closeSync(openSync(host.path, fs.O_RDWR | fs.O_NOCTTY));
      const transport = await SerialTransport.open({ path: host.path });
      const engine = new AtEngine(transport);
      try {
        expect((await engine.send({ command: 'AT', timeoutMs: SAFETY_MS })).final).toBe('OK');
      } finally {
        engine.dispose();
        await transport.close();
      }
    } finally {
      await host.stop();
    }
  });
});
