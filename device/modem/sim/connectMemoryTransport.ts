import type { MemoryTransport } from '../transport/MemoryTransport.js';
import type { SimulatedModem } from './SimulatedModem.js';

/**
 * Puts the simulated modem at the far end of a MemoryTransport: what the host writes reaches
 * the modem, what the modem prints arrives as the transport's data. No pty, no real time: the
 * fast tests drive it with a ManualClock. Returns a function that disconnects the two.
 */
export function connectMemoryTransport(
  modem: SimulatedModem,
  transport: MemoryTransport,
): () => void {
  const onWrite = (bytes: Uint8Array): void => modem.receive(bytes);
  transport.on('write', onWrite);
  modem.attach({ write: (bytes) => transport.emitData(bytes) });
  return () => {
    transport.off('write', onWrite);
    modem.detach();
  };
}
