import { CME_ERRORS } from '../at/cmeErrorTable.js';
import { CMS_ERRORS } from '../at/cmsErrorTable.js';
import type { FinalResult } from './SimCommandContext.js';

/**
 * The bytes of a reply in verbose mode (ATV1, V.250 §5.7.1): each information line and the
 * final result framed as `CR LF text CR LF`. `urc` is the fault "a URC inside a response":
 * an unsolicited line between the information lines and the final result, as SIM800 and EC25
 * do when a +CMTI lands while a command runs.
 */
export function renderReply(
  lines: readonly string[],
  final: FinalResult,
  cmee: 0 | 1 | 2,
  urc?: string,
): string {
  let text = lines.length > 0 ? `\r\n${lines.join('\r\n')}\r\n` : '';
  if (urc !== undefined) text += `\r\n${urc}\r\n`;
  return `${text}\r\n${finalText(final, cmee)}\r\n`;
}

/**
 * 27.007 §9.1: with AT+CMEE=0 a +CME error is plain `ERROR`, 1 gives the number, 2 the text.
 * +CMS ERROR is a 27.005 final result and is always given; AT+CMEE=2 makes it verbose on the
 * modems we know (SIM800, EC25).
 */
export function finalText(final: FinalResult, cmee: 0 | 1 | 2): string {
  switch (final.type) {
    case 'ok':
      return 'OK';
    case 'error':
      return 'ERROR';
    case 'cme':
      if (cmee === 0) return 'ERROR';
      return `+CME ERROR: ${cmee === 2 ? (CME_ERRORS.get(final.code) ?? final.code) : final.code}`;
    case 'cms':
      return `+CMS ERROR: ${cmee === 2 ? (CMS_ERRORS.get(final.code)?.meaning ?? final.code) : final.code}`;
  }
}
