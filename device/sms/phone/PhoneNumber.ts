import {
  parsePhoneNumberWithError,
  ParseError,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';
import { GatewayError } from '../../shared/GatewayError.js';

/** What a number is for, as far as the numbering plan tells. */
export type PhoneLineType =
  | 'mobile'
  | 'fixed-line'
  | 'fixed-line-or-mobile'
  | 'voip'
  | 'toll-free'
  | 'premium-rate'
  | 'shared-cost'
  | 'personal'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

export interface PhoneNumber {
  /** E.164, the only form gsmgate stores: `+33612345678`. */
  readonly e164: string;
  /** ISO 3166-1 alpha-2 region of the number (`FR`, `BE`, `RE` for Réunion…), when known. */
  readonly country: string | undefined;
  /** The country calling code without `+` (`33`). */
  readonly callingCode: string;
  readonly type: PhoneLineType;
  /** For display: `+33 6 12 34 56 78`. */
  readonly international: string;
}

export interface ParsePhoneOptions {
  /** Region assumed for numbers written without `+` or `00`. Default `FR`. */
  readonly defaultRegion?: string;
}

/** Longer input is refused before parsing: no real number is written this long. */
const MAX_INPUT_LENGTH = 40;

/** Digits and the separators people write between them: `+33 (0)6 12.34-56/78`. */
const WRITTEN_NUMBER = /^[+]?[0-9 ().\-/\u00a0]+$/;

const TYPE_NAMES: Record<NumberType & string, PhoneLineType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  VOIP: 'voip',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

function invalid(input: string, reason: string, message: string): GatewayError {
  return new GatewayError('PHONE_INVALID', message, { input, reason });
}

/**
 * Parses what a person or a practice database wrote (`06 12 34 56 78`,
 * `+33 (0)6…`, `0033…`) into E.164 with libphonenumber-js and its full
 * metadata, so the line type (mobile or fixed) is known for profile rules.
 * A number that does not parse, or parses but is not a valid number of its
 * plan, is refused whole: nothing half-valid is ever stored.
 */
export function parsePhoneNumber(input: string, options: ParsePhoneOptions = {}): PhoneNumber {
  if (typeof input !== 'string') {
    throw invalid(String(input), 'not-a-string', 'a phone number must be given as text');
  }
  const trimmed = input.trim();
  if (trimmed === '') throw invalid(input, 'empty', 'the phone number is empty');
  if (trimmed.length > MAX_INPUT_LENGTH) {
    throw invalid(input.slice(0, MAX_INPUT_LENGTH), 'too-long', 'the phone number is too long');
  }
  // libphonenumber-js extracts a number from surrounding text; a recipient
  // field holding anything else is a mistake upstream, so refuse it whole.
  if (!WRITTEN_NUMBER.test(trimmed)) {
    throw invalid(
      input,
      'bad-characters',
      `"${trimmed}" holds characters a phone number does not have`,
    );
  }
  const defaultRegion = (options.defaultRegion ?? 'FR').toUpperCase();
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(trimmed, { defaultCountry: defaultRegion as CountryCode });
  } catch (error) {
    // libphonenumber-js reports NOT_A_NUMBER, TOO_SHORT, TOO_LONG, INVALID_COUNTRY…
    const reason =
      error instanceof ParseError ? error.message.toLowerCase().replace(/_/g, '-') : 'unparseable';
    throw invalid(
      input,
      reason,
      `"${trimmed}" is not a phone number (${reason.replace(/-/g, ' ')})`,
    );
  }
  if (!parsed.isValid()) {
    throw invalid(
      input,
      'not-valid-in-plan',
      `"${trimmed}" is not a valid number in the numbering plan of +${parsed.countryCallingCode}`,
    );
  }
  const type = parsed.getType();
  return {
    e164: parsed.number,
    country: parsed.country,
    callingCode: parsed.countryCallingCode,
    type: type === undefined ? 'unknown' : TYPE_NAMES[type],
    international: parsed.formatInternational(),
  };
}

/** True for a line that can receive an SMS as far as the plan says. */
export function isMobileLike(phone: PhoneNumber): boolean {
  return phone.type === 'mobile' || phone.type === 'fixed-line-or-mobile';
}
