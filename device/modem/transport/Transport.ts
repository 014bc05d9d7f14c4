/**
 * The byte pipe under the AT engine: a serial port, a pty to the simulated modem, or the
 * in-memory transport of the tests. Shaped after the parts of serialport's stream the engine
 * needs (sp `SerialPortStream`: `write`, `data`, `close`, `error`), so the serialport adapter
 * stays thin and tests mock at this seam rather than by module path (STYLE.md §5).
 */
export type TransportEvents = {
  /** Bytes from the modem, in arrival order, cut wherever the OS cut them. */
  data: [chunk: Uint8Array];
  /** The link is gone (port closed, USB unplugged); `cause` when it was not asked for. */
  close: [cause?: Error];
  /** A link error that does not by itself close the link. */
  error: [error: Error];
};

export type TransportEvent = keyof TransportEvents;

export interface Transport {
  /**
   * Write bytes to the modem; strings are sent as Latin-1 (AT commands are ASCII).
   * Resolves when the bytes are handed to the OS. Callers must not overlap writes (the
   * serialport bindings reject that); the engine serialises its own.
   */
  write(bytes: Uint8Array | string): Promise<void>;
  /** Close the link; `close` is emitted once. */
  close(): Promise<void>;
  // One overload per event (rather than one generic signature) so that a Node
  // `EventEmitter<Events>` subclass satisfies the interface as it is.
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'close', listener: (cause?: Error) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  off(event: 'close', listener: (cause?: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** Latin-1 bytes of an ASCII/Latin-1 string (one char, one byte). */
export function toBytes(data: Uint8Array | string): Uint8Array {
  if (typeof data !== 'string') return data;
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i) & 0xff;
  return bytes;
}

/** Latin-1 text of some bytes, for logs and test assertions. */
export function toLatin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
