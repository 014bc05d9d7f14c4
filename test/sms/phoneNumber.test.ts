import { describe, expect, test } from 'vitest';
import { parsePhoneNumber } from '../../device/sms/phone/PhoneNumber.js';
import { checkRecipient } from '../../device/sms/recipient.js';
import { getProfile } from '../../device/sms/profiles/profiles.js';
import { createCelyProfile } from '../../device/sms/profiles/celyProfile.js';
import { GatewayError } from '../../device/shared/GatewayError.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return (error as GatewayError).code;
  }
  return 'accepted';
}

describe('phone numbers', () => {
  test.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+32 470 12 34 56', '+32470123456'],
  ])('%s is normalised to %s', (input, e164) => {
    expect(parsePhoneNumber(input).e164).toBe(e164);
  });

  test('classifies mobile, fixed-line and VoIP numbers and their country', () => {
    expect(parsePhoneNumber('0612345678')).toMatchObject({
      type: 'mobile',
      country: 'FR',
      callingCode: '33',
    });
    expect(parsePhoneNumber('01 42 68 53 00')).toMatchObject({ type: 'fixed-line', country: 'FR' });
    expect(parsePhoneNumber('09 70 00 00 00')).toMatchObject({ type: 'voip' });
    expect(parsePhoneNumber('+262 692 12 34 56')).toMatchObject({ type: 'mobile', country: 'RE' });
  });

  test('the default region is configurable', () => {
    expect(parsePhoneNumber('0470 12 34 56', { defaultRegion: 'BE' }).e164).toBe('+32470123456');
  });

  test.each([
    '',
    '   ',
    'abc',
    '+33 6',
    '123',
    '06 12 34 56 78 90 12',
    '+999 1234567',
    '1'.repeat(41),
    "0612345678'; DROP TABLE messages;--",
  ])('%j is refused as PHONE_INVALID', (input) => {
    expect(codeOf(() => parsePhoneNumber(input))).toBe('PHONE_INVALID');
  });

  test('a value that is not a string is refused, not thrown from inside the library', () => {
    for (const value of [undefined, null, 612345678, {}]) {
      expect(codeOf(() => parsePhoneNumber(value as unknown as string))).toBe('PHONE_INVALID');
    }
  });
});

describe('destination rules', () => {
  const cely = getProfile('cely');

  test('cely accepts metropolitan French mobiles', () => {
    expect(checkRecipient('07 81 23 45 67', cely).e164).toBe('+33781234567');
  });

  test.each([
    ['+32 470 12 34 56', 'not-metropolitan-france'],
    ['+262 692 12 34 56', 'not-metropolitan-france'],
    ['+590 690 00 12 34', 'not-metropolitan-france'],
    ['+44 7911 123456', 'not-metropolitan-france'],
    ['01 42 68 53 00', 'not-mobile'],
    ['09 70 00 00 00', 'not-mobile'],
  ])('cely refuses %s (%s)', (input, reason) => {
    try {
      checkRecipient(input, cely);
      expect.unreachable();
    } catch (error) {
      expect((error as GatewayError).code).toBe('PROFILE_DESTINATION');
      expect((error as GatewayError).context.reason).toBe(reason);
    }
  });

  test('cely can be told to accept fixed lines, which it bills without guaranteeing delivery', () => {
    const profile = createCelyProfile({ allowFixedLine: true });
    expect(checkRecipient('01 42 68 53 00', profile).type).toBe('fixed-line');
  });

  test('generic and sms4less accept any valid number', () => {
    expect(checkRecipient('+49 151 23456789', getProfile('generic')).country).toBe('DE');
    expect(checkRecipient('+32 470 12 34 56', getProfile('sms4less')).country).toBe('BE');
  });
});
