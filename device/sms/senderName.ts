import { GatewayError } from '../shared/GatewayError.js';
import { GSM7_DEFAULT } from './gsm7Alphabet.js';
import type { SmsProfile } from './profiles/SmsProfile.js';

/**
 * Names Cely's OADC filter blocks (art. 1 "Filtrage des OADC"): the listed
 * ones and "others of a similar nature", i.e. the brands and public bodies that
 * phishing campaigns impersonate (AF2M keeps the authoritative list). Matched
 * on the normalised name, so "ImpôtS-Gouv" and "a.m.e.l.i" are caught.
 */
export const SENSITIVE_SENDER_NAMES: readonly string[] = [
  'ORANGE', 'GOUV', 'IMPOT', 'AMELI', 'CPF', 'BRED', 'PAYPAL', 'EDF', 'COLISSIMO',
  // of a similar nature: public services, carriers, banks and operators
  'ANTAI', 'ANTS', 'URSSAF', 'CAF', 'CNAM', 'ASSURANCEMALADIE', 'POLEEMPLOI', 'FRANCETRAVAIL',
  'DGFIP', 'SERVICEPUBLIC', 'GENDARMERIE', 'POLICE', 'LAPOSTE', 'CHRONOPOST', 'DHL', 'UPS',
  'FEDEX', 'MONDIALRELAY', 'SFR', 'BOUYGUES', 'FREEMOBILE', 'CREDITAGRICOLE', 'BNP', 'LCL',
  'SOCGEN', 'SOCIETEGENERALE', 'CAISSEEPARGNE', 'BANQUEPOPULAIRE', 'BOURSORAMA', 'CIC',
  'LABANQUEPOSTALE', 'ENGIE', 'VITALE',
]; // prettier-ignore

/** 3GPP TS 23.040 §9.1.2.5: an alphanumeric originator is at most 11 GSM-7 characters. */
export const SENDER_NAME_MAX_LENGTH = 11;

function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toUpperCase();
}

/**
 * Short names (CAF, EDF, ANTS…) hide inside ordinary words ("Café", "Enfants"),
 * so they match whole words only; longer ones match anywhere in the name with
 * separators removed ("Pay-Pal", "impots.gouv"). GOUV is the stem of every
 * government domain and is matched anywhere despite its length.
 */
function findSensitiveName(name: string): string | undefined {
  const upper = normaliseName(name);
  const compact = upper.replace(/[^A-Z0-9]/g, '');
  const words = new Set(upper.split(/[^A-Z0-9]+/));
  return SENSITIVE_SENDER_NAMES.find((sensitive) =>
    sensitive.length <= 4 && sensitive !== 'GOUV'
      ? words.has(sensitive)
      : compact.includes(sensitive),
  );
}

function refuse(
  name: string,
  reason: string,
  message: string,
  extra: Record<string, unknown> = {},
): never {
  throw new GatewayError('PROFILE_SENDER', message, { sender: name, reason, ...extra });
}

/**
 * Checks an alphanumeric sender name (OADC). Every profile needs a name a
 * network can carry; Cely also refuses the shapes phishing uses.
 */
export function checkSenderName(name: unknown, profile: SmsProfile): string {
  if (typeof name !== 'string' || name.trim() === '') {
    return refuse(String(name), 'empty', 'the sender name is empty');
  }
  const trimmed = name.trim();
  if (trimmed.length > SENDER_NAME_MAX_LENGTH) {
    refuse(trimmed, 'too-long', `a sender name has at most ${SENDER_NAME_MAX_LENGTH} characters`);
  }
  for (const char of trimmed) {
    if (GSM7_DEFAULT.cost[char.charCodeAt(0)] !== 1 || char.length > 1) {
      refuse(
        trimmed,
        'charset',
        `"${char}" cannot appear in a sender name (GSM 7-bit letters, digits and spaces)`,
      );
    }
  }
  if (!profile.filtersSenderNames) return trimmed;
  const compact = trimmed.replace(/\s/g, '');
  if (/^[0-9+]+$/.test(compact)) {
    refuse(trimmed, 'digits-only', 'Cely refuses sender names made of digits only');
  }
  if (compact.length === 5 && /^[0-9]*[A-Za-z][0-9]*$/.test(compact)) {
    refuse(
      trimmed,
      'letter-and-four-digits',
      'Cely refuses sender names of one letter and four digits',
    );
  }
  const match = findSensitiveName(trimmed);
  if (match !== undefined) {
    refuse(trimmed, 'sensitive-name', `Cely refuses sender names that use "${match}"`, { match });
  }
  return trimmed;
}
