import { parsePhoneNumber } from '../../sms/phone/PhoneNumber.js';

/**
 * The key every table stores a phone number under: E.164. A number written
 * `06 12 34 56 78`, `+33612345678` or `0033 6 12 34 56 78` is one person, so
 * an opt-out written one way blocks messages written another. Bad input
 * throws the phone parser's typed `PHONE_*` error.
 */
export function normaliseNumber(input: unknown, defaultRegion = 'FR'): string {
  return parsePhoneNumber(input as string, { defaultRegion }).e164;
}
