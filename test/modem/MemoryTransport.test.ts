import { describe, expect, test } from 'vitest';
import { MemoryTransport } from '../../device/modem/transport/MemoryTransport.js';
import { toLatin1 } from '../../device/modem/transport/Transport.js';

describe('MemoryTransport', () => {
  test('records every write and exposes the last one', async () => {
    const transport = new MemoryTransport();
    await transport.write('AT\r');
    await transport.write(new Uint8Array([0x1b]));
    expect(transport.writes).toEqual(['AT\r', '\x1b']);
    expect(transport.lastWrite).toBe('\x1b');
  });

  test('rejects a write that overlaps the previous one, like the serialport bindings', async () => {
    const transport = new MemoryTransport();
    const first = transport.write('AT\r');
    await expect(transport.write('AT\r')).rejects.toMatchObject({ code: 'MODEM_WRITE_FAILED' });
    await first;
    await expect(transport.write('AT\r')).resolves.toBeUndefined();
  });

  test('emitData delivers bytes to data listeners', () => {
    const transport = new MemoryTransport();
    const seen: string[] = [];
    transport.on('data', (chunk) => seen.push(toLatin1(chunk)));
    transport.emitData('\r\nOK\r\n');
    expect(seen).toEqual(['\r\nOK\r\n']);
  });

  test('echo sends writes straight back', async () => {
    const transport = new MemoryTransport({ echo: true });
    const seen: string[] = [];
    transport.on('data', (chunk) => seen.push(toLatin1(chunk)));
    await transport.write('ATE1\r');
    expect(seen).toEqual(['ATE1\r']);
  });

  test('failNextWrite rejects exactly one write', async () => {
    const transport = new MemoryTransport();
    transport.failNextWrite();
    await expect(transport.write('AT\r')).rejects.toMatchObject({ code: 'MODEM_WRITE_FAILED' });
    await expect(transport.write('AT\r')).resolves.toBeUndefined();
  });

  test('close emits close once; later writes reject with MODEM_CLOSED', async () => {
    const transport = new MemoryTransport();
    let closes = 0;
    transport.on('close', () => closes++);
    await transport.close();
    transport.drop(new Error('again'));
    expect(closes).toBe(1);
    expect(transport.isOpen).toBe(false);
    await expect(transport.write('AT\r')).rejects.toMatchObject({ code: 'MODEM_CLOSED' });
  });
});
