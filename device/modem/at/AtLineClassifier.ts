/**
 * Classifies every token from the splitter exactly once: final result, information response
 * for the command in flight, echo, URC, or the `> ` prompt.
 *
 * The rules, in order (atat's digester and zjs handleUnsolicited do the same split):
 * 1. The second line of a two-line URC (+CMT, +CDS: 27.005 §3.4.1) belongs to that URC,
 *    even mid-command; a non-hex line there means the PDU never came, and the header is
 *    passed on as a vendor event so nothing is silently lost.
 * 2. The command's own `isFinal` matcher, then the V.250/27.007/27.005 final results.
 * 3. Echo of the command line or of the PDU written after the prompt (ATE1 is tolerated).
 * 4. Known URCs (+CMTI, +CREG, RING, RDY, ^RSSI, …), unless the command in flight owns the
 *    prefix: `+CREG: 0,1` answers AT+CREG?, `+CMGS: 12` answers AT+CMGS, while `+CMTI: "SM",3`
 *    during AT+CMGS is a URC.
 * 5. Anything else is information for the command in flight, or, with none in flight, an
 *    unknown URC reported as a vendor event.
 *
 * Pure: no I/O, no timers. The only state is a pending two-line URC header.
 */
import { parseFinalResult, type FinalResult } from './AtErrors.js';
import type { AtToken } from './AtLineSplitter.js';
import {
  completeTwoLine,
  linePrefix,
  matchUrc,
  type TwoLineHeader,
  type UrcEvent,
} from './urcEvents.js';

/** What the classifier needs to know about the command in flight. */
export interface CommandContext {
  /** The command line as written, without the trailing CR (e.g. `AT+CMGS=23`). */
  readonly command: string;
  /** Text written after the prompt (the PDU); its echo is tolerated. */
  readonly payload?: string;
  /** Extra end-of-command matcher, checked before the standard final results. */
  readonly isFinal?: (line: string) => boolean;
}

/** A final line: a standard result, or one the command's own matcher accepted. */
export type FinalLine = FinalResult | { readonly type: 'custom' };

export type Classified =
  | { readonly kind: 'final'; readonly line: string; readonly result: FinalLine }
  | { readonly kind: 'info'; readonly line: string }
  | { readonly kind: 'echo'; readonly line: string }
  | { readonly kind: 'urc'; readonly event: UrcEvent }
  | { readonly kind: 'prompt' }
  /** A final result or prompt with no command waiting for it (late reply after a timeout). */
  | { readonly kind: 'stray'; readonly line: string }
  /** The splitter dropped an over-long line. */
  | { readonly kind: 'overflow'; readonly discarded: number };

export class AtLineClassifier {
  private pendingHeader: TwoLineHeader | undefined;

  /**
   * Classify one token. `context` is the command in flight, or undefined when idle.
   * Usually returns one item; none for a two-line URC header, two when a header is flushed.
   */
  classify(token: AtToken, context: CommandContext | undefined): Classified[] {
    const out: Classified[] = [];
    const header = this.pendingHeader;
    if (header !== undefined) {
      this.pendingHeader = undefined;
      const event = token.type === 'line' ? completeTwoLine(header, token.text) : undefined;
      if (event !== undefined) return [{ kind: 'urc', event }];
      out.push({ kind: 'urc', event: { type: 'vendor', line: header.line } });
    }
    switch (token.type) {
      case 'prompt':
        out.push(context === undefined ? { kind: 'stray', line: '>' } : { kind: 'prompt' });
        return out;
      case 'overflow':
        out.push({ kind: 'overflow', discarded: token.discarded });
        return out;
      case 'line': {
        const item = this.classifyLine(token.text, context);
        if (item !== undefined) out.push(item);
        return out;
      }
    }
  }

  /** Drop a pending two-line header (after a reconnect or reset). */
  reset(): void {
    this.pendingHeader = undefined;
  }

  private classifyLine(line: string, context: CommandContext | undefined): Classified | undefined {
    if (context !== undefined && safeMatch(context.isFinal, line)) {
      return { kind: 'final', line, result: { type: 'custom' } };
    }
    const final = parseFinalResult(line);
    if (final !== undefined) {
      return context === undefined
        ? { kind: 'stray', line }
        : { kind: 'final', line, result: final };
    }
    if (context !== undefined && isEcho(line, context)) return { kind: 'echo', line };

    const urc = matchUrc(line);
    if (urc !== undefined && !(context !== undefined && owns(context.command, urc.prefix))) {
      if (urc.kind === 'header') {
        this.pendingHeader = urc.header;
        return undefined;
      }
      return { kind: 'urc', event: urc.event };
    }
    if (context !== undefined) return { kind: 'info', line };
    return { kind: 'urc', event: { type: 'vendor', line } };
  }
}

/**
 * Prefixes a command line answers with: `AT+CSUB;+CVERSION` → [+CSUB, +CVERSION],
 * `AT^SYSINFO` → [^SYSINFO]. V.250 §5.2.1 allows several commands on one line after one `AT`.
 */
export function commandPrefixes(command: string): string[] {
  const body = command.replace(/^\s*AT/i, '');
  const prefixes: string[] = [];
  for (const part of body.split(';')) {
    const prefix = linePrefix(part.trim().replace(/[=?].*$/, ''));
    if (prefix !== undefined) prefixes.push(prefix);
  }
  return prefixes;
}

function owns(command: string, prefix: string | undefined): boolean {
  return prefix !== undefined && commandPrefixes(command).includes(prefix);
}

function isEcho(line: string, context: CommandContext): boolean {
  const squeezed = squeeze(line);
  if (squeezed === squeeze(context.command)) return true;
  // With ATE1 the PDU is echoed too; the splitter has already stripped our Ctrl-Z from it.
  return context.payload !== undefined && squeezed === squeeze(context.payload);
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** A throwing matcher must not break classification; it simply does not match. */
function safeMatch(isFinal: ((line: string) => boolean) | undefined, line: string): boolean {
  if (isFinal === undefined) return false;
  try {
    return isFinal(line);
  } catch {
    return false;
  }
}
