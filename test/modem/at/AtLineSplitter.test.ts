import { describe, expect, test } from 'vitest';
import { AtLineSplitter, type AtToken } from '../../../device/modem/at/AtLineSplitter.js';

function split(...chunks: Array<string | Uint8Array>): AtToken[] {
  const splitter = new AtLineSplitter();
  return chunks.flatMap((chunk) => splitter.push(chunk));
}

const line = (text: string): AtToken => ({ type: 'line', text });

describe('AtLineSplitter', () => {
  test('V.250 framing <CR><LF>text<CR><LF> yields the text, empty lines dropped', () => {
    expect(split('\r\n+CSQ: 17,0\r\n\r\nOK\r\n')).toEqual([line('+CSQ: 17,0'), line('OK')]);
  });

  test('echo ending in a lone CR before the CRLF of the response (\\r\\r\\n) gives two lines', () => {
    // Telit GE865 and Huawei E1752 logs: "ATE0<0D><0D><0A>OK<0D><0A>".
    expect(split('ATE0\r\r\nOK\r\n')).toEqual([line('ATE0'), line('OK')]);
  });

  test('bare LF and bare CR line ends are accepted too', () => {
    expect(split('RDY\nCall Ready\rSMS Ready\r\n')).toEqual([
      line('RDY'),
      line('Call Ready'),
      line('SMS Ready'),
    ]);
  });

  test('a line split across chunks, even inside the CRLF, comes out once and whole', () => {
    expect(split('\r\n+CM', 'TI: "SM",', '3\r', '\n')).toEqual([line('+CMTI: "SM",3')]);
  });

  test('bytes and strings are handled alike', () => {
    expect(split(new TextEncoder().encode('\r\nOK\r\n'))).toEqual([line('OK')]);
  });

  test('the prompt "> " is recognised at once, without a line ending', () => {
    expect(split('\r\n> ')).toEqual([{ type: 'prompt' }]);
  });

  test('a bare ">" at the end of a chunk is the prompt too', () => {
    expect(split('\r\n>')).toEqual([{ type: 'prompt' }]);
  });

  test('a late space after a bare ">" prompt does not produce a second token', () => {
    expect(split('\r\n>', ' ', '\r\n+CMGS: 5\r\n')).toEqual([{ type: 'prompt' }, line('+CMGS: 5')]);
  });

  test('a URC in the same chunk right after the prompt is its own line', () => {
    expect(split('\r\n> \r\n+CMTI: "SM",2\r\n')).toEqual([
      { type: 'prompt' },
      line('+CMTI: "SM",2'),
    ]);
  });

  test('">" inside a line is text, not a prompt', () => {
    expect(split('+CUSD: 0,"Balance > 5 EUR",15\r\n')).toEqual([
      line('+CUSD: 0,"Balance > 5 EUR",15'),
    ]);
  });

  test('control characters (our echoed Ctrl-Z, ESC, NUL) are dropped from lines', () => {
    expect(split('\x000791AB\x1a\r\n\x1bOK\r\n')).toEqual([line('0791AB'), line('OK')]);
  });

  test('garbage without a line end is bounded: overflow is reported and the next line is clean', () => {
    const splitter = new AtLineSplitter({ maxLineLength: 16 });
    const tokens = [...splitter.push('x'.repeat(40)), ...splitter.push('yyy\r\nOK\r\n')];
    expect(tokens).toEqual([{ type: 'overflow', discarded: 17 }, line('OK')]);
    expect(splitter.pending).toBe('');
  });

  test('reset forgets a partial line', () => {
    const splitter = new AtLineSplitter();
    splitter.push('+CMT');
    splitter.reset();
    expect(splitter.push('OK\r\n')).toEqual([line('OK')]);
  });
});
