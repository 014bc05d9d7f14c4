import { GatewayError } from '../shared/GatewayError.js';
import { parsePhoneNumber, type ParsePhoneOptions, type PhoneNumber } from './phone/PhoneNumber.js';
import type { SmsProfile } from './profiles/SmsProfile.js';

/**
 * Parses a recipient and applies the profile's destination rule (RULES.md §3):
 * the number is refused whole if it does not parse or the provider does not
 * deliver there.
 */
export function checkRecipient(
  input: unknown,
  profile: SmsProfile,
  options: ParsePhoneOptions = {},
): PhoneNumber {
  const phone = parsePhoneNumber(input as string, options);
  const verdict = profile.checkDestination(phone);
  if (verdict !== undefined) {
    throw new GatewayError('PROFILE_DESTINATION', verdict.message, {
      profile: profile.name,
      reason: verdict.reason,
      e164: phone.e164,
      country: phone.country ?? null,
      type: phone.type,
    });
  }
  return phone;
}
