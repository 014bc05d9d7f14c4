/**
 * TP-DCS (TS 23.038 §4): which alphabet the user data uses, plus the message
 * class and message-waiting indication some coding groups carry.
 */

export type UserDataEncoding = 'gsm7' | '8bit' | 'ucs2';

export type MessageClass = 0 | 1 | 2 | 3;

export interface MessageWaiting {
  /** Indication sense: true sets the indicator, false clears it. */
  readonly active: boolean;
  readonly kind: 'voicemail' | 'fax' | 'email' | 'other';
  /** False for the "discard message" group (1100): the phone may drop the text. */
  readonly store: boolean;
}

export interface DataCodingScheme {
  readonly encoding: UserDataEncoding;
  /** TS 23.042 compression (bit 5 of the general groups); we refuse to decode it. */
  readonly compressed: boolean;
  /** Class 0 = flash, 1 = phone, 2 = SIM, 3 = terminal equipment; undefined when not given. */
  readonly messageClass: MessageClass | undefined;
  /** Group 01xx: "marked for automatic deletion" once read. */
  readonly autoDelete: boolean;
  readonly messageWaiting: MessageWaiting | undefined;
}

const WAITING_KINDS = ['voicemail', 'fax', 'email', 'other'] as const;

/** Alphabet bits 3–2 of the general groups; 11 is reserved and read as GSM-7 (see below). */
const ALPHABETS: readonly UserDataEncoding[] = ['gsm7', '8bit', 'ucs2', 'gsm7'];

/**
 * Decodes a TP-DCS octet. Reserved groups (1000–1011) and the reserved
 * alphabet are read as the GSM 7-bit default alphabet, as TS 23.038 §4 asks
 * of a receiving entity.
 */
export function parseDcs(dcs: number): DataCodingScheme {
  const group = dcs >> 4;
  if (group < 0b1000) {
    return {
      encoding: ALPHABETS[(dcs >> 2) & 0x03] as UserDataEncoding,
      compressed: (dcs & 0x20) !== 0,
      messageClass: (dcs & 0x10) !== 0 ? ((dcs & 0x03) as MessageClass) : undefined,
      autoDelete: (group & 0b0100) !== 0,
      messageWaiting: undefined,
    };
  }
  if (group === 0b1111) {
    return {
      encoding: (dcs & 0x04) !== 0 ? '8bit' : 'gsm7',
      compressed: false,
      messageClass: (dcs & 0x03) as MessageClass,
      autoDelete: false,
      messageWaiting: undefined,
    };
  }
  if (group >= 0b1100) {
    return {
      encoding: group === 0b1110 ? 'ucs2' : 'gsm7',
      compressed: false,
      messageClass: undefined,
      autoDelete: false,
      messageWaiting: {
        active: (dcs & 0x08) !== 0,
        kind: WAITING_KINDS[dcs & 0x03] as MessageWaiting['kind'],
        store: group !== 0b1100,
      },
    };
  }
  return {
    encoding: 'gsm7',
    compressed: false,
    messageClass: undefined,
    autoDelete: false,
    messageWaiting: undefined,
  };
}

/** The DCS octet we send: 0x00 (GSM-7, no class) or 0x08 (UCS-2, no class). */
export function dcsFor(encoding: 'gsm7' | 'ucs2'): number {
  return encoding === 'ucs2' ? 0x08 : 0x00;
}
