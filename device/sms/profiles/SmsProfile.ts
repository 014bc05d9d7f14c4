import type { Gsm7Charset } from '../gsm7Alphabet.js';
import type { PhoneNumber } from '../phone/PhoneNumber.js';

export const PROFILE_NAMES = ['generic', 'cely', 'sms4less'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Why a destination was refused; `undefined` when it is accepted. */
export type DestinationVerdict =
  | undefined
  | { readonly reason: 'not-metropolitan-france' | 'not-mobile'; readonly message: string };

/**
 * A provider's rules for the text and the recipient (RULES.md §1 and §3).
 * Pure data plus two small predicates, so the queue and the gateway can apply
 * the same profile without knowing which provider it stands for.
 */
export interface SmsProfile {
  readonly name: ProfileName;
  readonly description: string;
  /** The GSM-7 characters this provider carries, including any look-alike substitutes. */
  readonly charset: Gsm7Charset;
  /** False when any character outside `charset` makes the SMS fail (Cely art. 1). */
  readonly allowUcs2: boolean;
  /** Most segments one message may use. */
  readonly maxSegments: number;
  /** Most septets (or UTF-16 units) one message may use, when the provider counts characters. */
  readonly maxUnits: number | undefined;
  /** Appended to every text and counted with it (Cely's reserved STOP mention). */
  readonly footer: string;
  /** Most units the footer may take. */
  readonly footerMaxUnits: number;
  /** Whether sender names go through the provider's OADC filter. */
  readonly filtersSenderNames: boolean;
  readonly checkDestination: (phone: PhoneNumber) => DestinationVerdict;
}

/**
 * 3GPP TS 23.040 §9.2.3.24.1: the concatenation header counts segments in one
 * octet, so no message can have more than 255 parts whatever the provider.
 */
export const PROTOCOL_MAX_SEGMENTS = 255;
