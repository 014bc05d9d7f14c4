/**
 * The modem's side of the line discipline: bytes from the host become command lines (ended
 * by CR, V.250 §5.2.1: S3) or, after AT+CMGS, the PDU ended by Ctrl-Z or abandoned by ESC
 * (27.005 §3.5.1). Echo, when on, returns every byte as it arrives, as a modem does while
 * the user types, so the echo of a command ends in a lone CR before the reply's CRLF.
 */

const CR = 0x0d;
const LF = 0x0a;
const BACKSPACE = 0x08;
const CTRL_Z = 0x1a;
const ESC = 0x1b;
/** V.250 §5.2.1 asks for at least 40 characters; modems take a few hundred. Longer is noise. */
const MAX_LINE = 1024;
/** 164 TPDU octets + 12 SCA octets, as hex, with room for stray whitespace. */
const MAX_PDU_TEXT = 512;

export interface SimInputHandlers {
  echo(bytes: Uint8Array): void;
  commandLine(line: string): void;
  pdu(text: string): void;
  cancel(): void;
}

export class SimInput {
  private mode: 'command' | 'pdu' = 'command';
  private buffer = '';

  constructor(private readonly handlers: SimInputHandlers) {}

  /** After AT+CMGS=<n> was accepted: what follows is the PDU. */
  expectPdu(): void {
    this.mode = 'pdu';
    this.buffer = '';
  }

  get awaitingPdu(): boolean {
    return this.mode === 'pdu';
  }

  reset(): void {
    this.mode = 'command';
    this.buffer = '';
  }

  feed(bytes: Uint8Array, echo: boolean): void {
    if (echo) this.handlers.echo(bytes);
    for (const byte of bytes) {
      if (this.mode === 'pdu') this.pduByte(byte);
      else this.commandByte(byte);
    }
  }

  private commandByte(byte: number): void {
    if (byte === CR) {
      const line = this.buffer;
      this.buffer = '';
      if (line.length > 0) this.handlers.commandLine(line);
      return;
    }
    if (byte === BACKSPACE) {
      this.buffer = this.buffer.slice(0, -1);
      return;
    }
    // LF after CR, NUL at power-up, bytes with the high bit set: noise the modem skips.
    if (byte === LF || byte < 0x20 || byte > 0x7e) return;
    this.buffer = this.buffer.length < MAX_LINE ? this.buffer + String.fromCharCode(byte) : '';
  }

  private pduByte(byte: number): void {
    if (byte === CTRL_Z || byte === ESC) {
      const text = this.buffer;
      this.reset();
      if (byte === CTRL_Z) this.handlers.pdu(text);
      else this.handlers.cancel();
      return;
    }
    if (byte < 0x20 || byte > 0x7e) return;
    if (this.buffer.length < MAX_PDU_TEXT) this.buffer += String.fromCharCode(byte);
  }
}
