import { describe, expect, test } from 'vitest';
import { checkSenderName } from '../../device/sms/senderName.js';
import { getProfile } from '../../device/sms/profiles/profiles.js';
import type { GatewayError } from '../../device/shared/GatewayError.js';

const cely = getProfile('cely');
const generic = getProfile('generic');

function reasonOf(name: unknown, profile = cely): string {
  try {
    checkSenderName(name, profile);
    return 'accepted';
  } catch (error) {
    expect((error as GatewayError).code).toBe('PROFILE_SENDER');
    return (error as GatewayError).context.reason as string;
  }
}

describe('sender names (OADC)', () => {
  test.each(['Cabinet Dr', 'CLINIQUE', 'Dentiste 13', 'Kine Lyon', 'Cafe Sante', 'Enfants 2'])(
    'cely accepts %j',
    (name) => {
      expect(reasonOf(name)).toBe('accepted');
    },
  );

  test.each([
    ['A1234', 'letter-and-four-digits'],
    ['1234B', 'letter-and-four-digits'],
    ['12A34', 'letter-and-four-digits'],
    ['0612345678', 'digits-only'],
    ['36111', 'digits-only'],
    ['Orange', 'sensitive-name'],
    ['ImpotsGouv', 'sensitive-name'],
    ['impots.gouv', 'sensitive-name'],
    ['IMPOTS Info', 'sensitive-name'],
    ['AMELI', 'sensitive-name'],
    ['Mon CPF', 'sensitive-name'],
    ['BRED', 'sensitive-name'],
    ['Pay-Pal', 'sensitive-name'],
    ['EDF Info', 'sensitive-name'],
    ['COLISSIMO', 'sensitive-name'],
    ['LaPoste', 'sensitive-name'],
  ])('cely refuses %j (%s)', (name, reason) => {
    expect(reasonOf(name)).toBe(reason);
  });

  test('every profile refuses names a network cannot carry', () => {
    expect(reasonOf('', generic)).toBe('empty');
    expect(reasonOf('Cabinet Medical', generic)).toBe('too-long');
    expect(reasonOf('Santé✓', generic)).toBe('charset');
    expect(reasonOf(42, generic)).toBe('empty');
  });

  test('generic does not apply the phishing filter', () => {
    expect(reasonOf('A1234', generic)).toBe('accepted');
  });
});
