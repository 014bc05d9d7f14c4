import { createGsm7Charset } from '../gsm7Alphabet.js';
import { countSegments } from '../segmenter.js';
import { GatewayError } from '../../shared/GatewayError.js';
import type { PhoneNumber } from '../phone/PhoneNumber.js';
import type { DestinationVerdict, SmsProfile } from './SmsProfile.js';

/**
 * Characters Cely's annex lists as allowed although GSM 03.38 has no septet
 * for them, with the septet they go out as. `ç` is the one that matters
 * (reçu, ça, leçon): the alphabet only has `Ç` (0x09), which is what phones of
 * the 03.38 era display for it anyway. The capitals with a grave accent lose it,
 * as French capitals commonly do; `‘ » –` are the annex's typographic
 * renderings of `' " -`. Each counts one septet, so none forces UCS-2.
 */
export const CELY_SUBSTITUTES: ReadonlyMap<string, string> = new Map([
  ['ç', 'Ç'],
  ['À', 'A'],
  ['È', 'E'],
  ['Ù', 'U'],
  ['‘', "'"],
  ['»', '"'],
  ['–', '-'],
]);

const CELY_CHARSET = createGsm7Charset('cely', CELY_SUBSTITUTES);

/** Cely "SMS": 10 of the 160 characters are reserved for the unsubscribe mention. */
export const CELY_FOOTER_MAX_UNITS = 10;

/** The default mention, 9 septets: "Rép STOP" on its own line. */
export const CELY_DEFAULT_FOOTER = '\nRép STOP';

export interface CelyProfileOptions {
  /**
   * The unsubscribe mention appended to every text, counted with it; at most
   * 10 GSM-7 septets. Default `"\nRép STOP"`.
   */
  readonly footer?: string;
  /**
   * Accept metropolitan fixed-line numbers. Cely art. 3 bills them without
   * guaranteeing delivery, so the default (false) refuses them.
   */
  readonly allowFixedLine?: boolean;
}

function celyDestination(allowFixedLine: boolean) {
  return (phone: PhoneNumber): DestinationVerdict => {
    // Cely art. 3: the French metropolitan numbering plan only. Overseas
    // departments have their own regions (RE, GP, MQ, GF, YT…) and codes.
    if (phone.country !== 'FR') {
      return {
        reason: 'not-metropolitan-france',
        message: `Cely only delivers to metropolitan French numbers; ${phone.e164} is ${phone.country ?? 'of no known region'}`,
      };
    }
    const mobile = phone.type === 'mobile' || phone.type === 'fixed-line-or-mobile';
    if (mobile || (allowFixedLine && phone.type === 'fixed-line')) return undefined;
    return {
      reason: 'not-mobile',
      message: `Cely delivers to mobile numbers; ${phone.e164} is a ${phone.type} number`,
    };
  };
}

/** Cely (Networth Telecom, FR): GSM-7 only, 1,224 characters, STOP mention, French mobiles. */
export function createCelyProfile(options: CelyProfileOptions = {}): SmsProfile {
  const footer = options.footer ?? CELY_DEFAULT_FOOTER;
  const footerCount = countSegments(footer, CELY_CHARSET);
  if (footerCount.encoding !== 'gsm7' || footerCount.units > CELY_FOOTER_MAX_UNITS) {
    throw new GatewayError(
      'PROFILE_FOOTER',
      `the Cely STOP mention must be at most ${CELY_FOOTER_MAX_UNITS} GSM-7 characters`,
      { profile: 'cely', footer, units: footerCount.units, encoding: footerCount.encoding },
    );
  }
  return {
    name: 'cely',
    description:
      'Cely (FR): GSM-7 characters only, at most 1,224 characters (8 × 153), a STOP mention of up to 10 characters, metropolitan French mobiles.',
    charset: CELY_CHARSET,
    allowUcs2: false,
    maxSegments: 8,
    maxUnits: 1224,
    footer,
    footerMaxUnits: CELY_FOOTER_MAX_UNITS,
    filtersSenderNames: true,
    checkDestination: celyDestination(options.allowFixedLine ?? false),
  };
}
