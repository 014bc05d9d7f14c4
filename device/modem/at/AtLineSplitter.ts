/**
 * Turns the modem's byte stream into AT response lines.
 *
 * V.250 §5.7.1 frames every result as `<CR><LF>text<CR><LF>`, but real modems stray from it:
 * echo ends in a lone `<CR>` followed by the response's own `<CR><LF>` (so `AT\r\r\nOK\r\n`,
 * seen on Huawei E17xx and Telit GE865), some firmware drops the leading `<CR><LF>`, and
 * the `AT+CMGS` prompt is `<CR><LF>> ` with no line ending at all (27.005 §3.5.1). So every
 * CR and LF ends a line, empty lines are dropped, and a `>` at the start of a line is the
 * prompt as soon as it is seen.
 *
 * Pure: no I/O, no timers. Bytes are decoded as Latin-1 (one byte, one char) so that a
 * chunk boundary can never split a character and garbage bytes survive as themselves.
 */

/** One unit out of the splitter. */
export type AtToken =
  | { readonly type: 'line'; readonly text: string }
  /** The `> ` prompt of AT+CMGS/AT+CMGW, recognised without a line ending. */
  | { readonly type: 'prompt' }
  /**
   * A line grew past `maxLineLength`: the `discarded` characters held so far are dropped,
   * and so is everything up to the next line end.
   */
  | { readonly type: 'overflow'; readonly discarded: number };

export interface AtLineSplitterOptions {
  /**
   * Longest line kept, in characters. Longer input (garbage without a line end) is
   * discarded up to the next CR/LF so memory stays bounded. The longest legitimate line in
   * PDU mode is a `+CMGL`/`+CMGR` PDU: 2 × (12 SMSC + 164 TPDU octets) = 352 hex chars.
   * @default 2048
   */
  readonly maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 2048;

const CR = 0x0d;
const LF = 0x0a;
const PROMPT = '>';

export class AtLineSplitter {
  private readonly maxLineLength: number;
  private partial = '';
  /** Characters dropped from the current over-long line, or -1 when not discarding. */
  private discarded = -1;

  constructor(options: AtLineSplitterOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  /** Feed a chunk; returns the tokens it completed, in order. */
  push(chunk: Uint8Array | string): AtToken[] {
    const out: AtToken[] = [];
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      const code = typeof chunk === 'string' ? chunk.charCodeAt(i) & 0xff : (chunk[i] ?? 0);
      this.pushCode(code, out);
    }
    // `>` with no space, at the end of what arrived: some firmware (SIM800 in some
    // releases) sends the bare `>`; the space, if any, is swallowed as blank later.
    if (this.discarded < 0 && this.partial.trim() === PROMPT) {
      this.partial = '';
      out.push({ type: 'prompt' });
    }
    return out;
  }

  /** Forget any partial line (after a reconnect or a modem reset). */
  reset(): void {
    this.partial = '';
    this.discarded = -1;
  }

  /** The incomplete line held so far (for diagnostics). */
  get pending(): string {
    return this.partial;
  }

  /** Some non-blank text is waiting for its line end. */
  get hasPartialLine(): boolean {
    return this.discarded < 0 && this.partial.trim() !== '';
  }

  private pushCode(code: number, out: AtToken[]): void {
    if (code === CR || code === LF) {
      this.endLine(out);
      return;
    }
    // Other control characters are never part of a result: they are our own Ctrl-Z/ESC
    // echoed back, NULs from a line glitch at power-up, or noise. Tab is kept as a space.
    if (code < 0x20 || code === 0x7f) {
      if (code === 0x09) this.append(' ', out);
      return;
    }
    this.append(String.fromCharCode(code), out);
  }

  private append(ch: string, out: AtToken[]): void {
    if (this.discarded >= 0) {
      this.discarded++;
      return;
    }
    this.partial += ch;
    // `> ` at the start of a line: the prompt is complete, nothing else is coming before
    // the host writes (27.005 §3.5.1), so report it now rather than at the next line end.
    if (ch === ' ' && this.partial.trimStart() === '> ') {
      this.partial = '';
      out.push({ type: 'prompt' });
      return;
    }
    if (this.partial.length > this.maxLineLength) {
      this.discarded = this.partial.length;
      this.partial = '';
      out.push({ type: 'overflow', discarded: this.discarded });
    }
  }

  private endLine(out: AtToken[]): void {
    if (this.discarded >= 0) {
      this.discarded = -1;
      return;
    }
    const text = this.partial.trim();
    this.partial = '';
    if (text === '') return;
    out.push(text === PROMPT ? { type: 'prompt' } : { type: 'line', text });
  }
}
