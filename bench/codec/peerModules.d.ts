/**
 * Minimal typings for the peers that ship none: only what the adapters in
 * peers.ts call, as read from each package's source. (Not `peers.d.ts`: TypeScript would take that
 * for the declarations of peers.ts and ignore it.)
 */

declare module '@trt2/gsm-charset-utils' {
  export interface CharCount {
    charCount: number;
    msgCount: number;
    charsPerSegment: number;
    encoding: 'GSM' | 'UCS2';
  }
  export function getCharCount(text: string): CharCount;
}

declare module 'split-sms' {
  export interface SplitResult {
    characterSet: 'GSM' | 'Unicode';
    parts: { content?: string; length: number; bytes: number }[];
    bytes: number;
    length: number;
    remainingInPart: number;
  }
  export function split(
    message: string,
    options?: { summary?: boolean; characterset?: string },
  ): SplitResult;
}
