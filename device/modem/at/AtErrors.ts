/**
 * Final result codes (V.250 §5.7.1, 27.007 §9.2, 27.005 §3.2.5) parsed into typed values.
 * `+CME ERROR`/`+CMS ERROR` come numeric (AT+CMEE=1) or verbose (AT+CMEE=2); both are
 * turned into the spec number so callers branch on codes, never on text.
 */
import { CME_ERRORS, CME_VERBOSE_ALIASES } from './cmeErrorTable.js';
import { CMS_ERRORS, unlistedCmsError, type CmsErrorInfo } from './cmsErrorTable.js';

export { CME_ERRORS } from './cmeErrorTable.js';
export { CMS_ERRORS, type CmsErrorInfo } from './cmsErrorTable.js';

/** Code used when a verbose error text matches no table entry. */
export const UNKNOWN_VERBOSE_CODE = -1;

/** V.250 call-related final results; an SMS gateway only sees them from a confused modem. */
export const CALL_RESULTS = ['NO CARRIER', 'BUSY', 'NO ANSWER', 'NO DIALTONE'] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

export type FinalResult =
  | { readonly type: 'ok' }
  | { readonly type: 'error' }
  | {
      readonly type: 'cme';
      readonly code: number;
      readonly meaning: string;
      /** The modem printed text (AT+CMEE=2) rather than a number. */
      readonly verbose: boolean;
    }
  | {
      readonly type: 'cms';
      readonly code: number;
      readonly meaning: string;
      readonly verbose: boolean;
      /** Retry later (true) or fail the message (false); see cmsErrorTable.ts. */
      readonly transient: boolean;
    }
  | { readonly type: 'call'; readonly text: CallResult };

const CME_PREFIX = '+CME ERROR:';
const CMS_PREFIX = '+CMS ERROR:';

/** The final result `line` stands for, or undefined when it is not one. */
export function parseFinalResult(line: string): FinalResult | undefined {
  const upper = line.toUpperCase();
  if (upper === 'OK') return { type: 'ok' };
  if (upper === 'ERROR') return { type: 'error' };
  if (upper.startsWith(CME_PREFIX)) return parseCme(line.slice(CME_PREFIX.length));
  if (upper.startsWith(CMS_PREFIX)) return parseCms(line.slice(CMS_PREFIX.length));
  const call = CALL_RESULTS.find((text) => text === upper);
  return call === undefined ? undefined : { type: 'call', text: call };
}

/** Spec meaning of a +CME ERROR number. */
export function describeCmeError(code: number): string {
  return (
    CME_ERRORS.get(code) ??
    (code >= 256 ? `manufacturer-specific error ${code}` : `reserved error ${code}`)
  );
}

/** Meaning and transient/permanent class of a +CMS ERROR number. */
export function describeCmsError(code: number): CmsErrorInfo {
  return CMS_ERRORS.get(code) ?? unlistedCmsError(code);
}

/** True when a failed send with this +CMS ERROR should be retried later. */
export function isTransientCmsError(code: number): boolean {
  return describeCmsError(code).transient;
}

/** The +CME ERROR number for a verbose text, if it is a known one. */
export function cmeCodeFromVerbose(text: string): number | undefined {
  const key = normaliseVerbose(text);
  return CME_BY_TEXT.get(key) ?? CME_VERBOSE_ALIASES.get(key);
}

/** The +CMS ERROR number for a verbose text, if it is a known one. */
export function cmsCodeFromVerbose(text: string): number | undefined {
  const key = normaliseVerbose(text);
  return CMS_BY_TEXT.get(key) ?? CMS_VERBOSE_ALIASES.get(key);
}

/**
 * Verbose texts differ between vendors in case, punctuation and the "(U)" of USIM, so they
 * are compared reduced to lower-case letters and digits.
 */
export function normaliseVerbose(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(u\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

function parseCme(rest: string): FinalResult {
  const { code, verbose, text } = parseErrorValue(rest, cmeCodeFromVerbose);
  const meaning = code === UNKNOWN_VERBOSE_CODE ? text : describeCmeError(code);
  return { type: 'cme', code, meaning, verbose };
}

function parseCms(rest: string): FinalResult {
  const { code, verbose, text } = parseErrorValue(rest, cmsCodeFromVerbose);
  const info =
    code === UNKNOWN_VERBOSE_CODE ? { meaning: text, transient: true } : describeCmsError(code);
  return { type: 'cms', code, meaning: info.meaning, transient: info.transient, verbose };
}

function parseErrorValue(
  rest: string,
  fromVerbose: (text: string) => number | undefined,
): { code: number; verbose: boolean; text: string } {
  const text = rest.trim().replace(/^"(.*)"$/, '$1');
  if (/^\d{1,5}$/.test(text)) return { code: Number(text), verbose: false, text };
  return { code: fromVerbose(text) ?? UNKNOWN_VERBOSE_CODE, verbose: true, text };
}

function invert(table: ReadonlyMap<number, string>): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const [code, meaning] of table) {
    const key = normaliseVerbose(meaning);
    if (!out.has(key)) out.set(key, code);
  }
  return out;
}

const CME_BY_TEXT = invert(CME_ERRORS);
const CMS_BY_TEXT = invert(new Map([...CMS_ERRORS].map(([code, info]) => [code, info.meaning])));

/** Verbose CMS texts seen from real firmware that differ from the 27.005 wording. */
const CMS_VERBOSE_ALIASES: ReadonlyMap<string, number> = new Map([
  ['nonetwork', 331], // u-blox and atat's table
  ['smsservicereserved', 301],
  ['invalidpduparameter', 304],
  ['invalidtextparameter', 305],
  ['invalidindex', 321],
]);
