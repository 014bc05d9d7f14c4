import { pduError } from './pduError.js';
import type { PduReader } from './PduReader.js';
import { bytesToHex } from './hex.js';
import { readTimestamp } from './timestamp.js';

/**
 * TP-VP (TS 23.040 §9.2.3.12). We send the relative format (TP-VPF = 10),
 * one octet in four ranges:
 *   0–143   (VP + 1) × 5 minutes           5 min … 12 h
 *   144–167 12 h + (VP − 143) × 30 minutes  12 h 30 … 24 h
 *   168–196 (VP − 166) days                2 … 30 days
 *   197–255 (VP − 192) weeks               5 … 63 weeks
 */

/** 4 days: the validity most modems and the textbook PDUs use (0xAA). */
export const DEFAULT_VALIDITY_MINUTES = 4 * 24 * 60;

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MAX_MINUTES = 63 * WEEK;

/**
 * The TP-VP octet for `minutes`, rounded up to the next value the format can
 * say, so a message is never dropped earlier than asked (25 h becomes 2 days).
 */
export function encodeRelativeValidity(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_MINUTES) {
    throw pduError(
      'PDU_BAD_VALIDITY',
      'the validity period must be more than 0 and at most 63 weeks (635040 minutes)',
      {
        field: 'TP-VP',
        minutes,
      },
    );
  }
  if (minutes <= 12 * HOUR) return Math.max(0, Math.ceil(minutes / 5) - 1);
  if (minutes <= DAY) return 143 + Math.ceil((minutes - 12 * HOUR) / 30);
  if (minutes <= 30 * DAY) return 166 + Math.ceil(minutes / DAY);
  return 192 + Math.ceil(minutes / WEEK);
}

/** Minutes a relative TP-VP octet stands for. */
export function relativeValidityMinutes(vp: number): number {
  if (vp <= 143) return (vp + 1) * 5;
  if (vp <= 167) return 12 * HOUR + (vp - 143) * 30;
  if (vp <= 196) return (vp - 166) * DAY;
  return (vp - 192) * WEEK;
}

export type ValidityPeriod =
  | { readonly format: 'relative'; readonly minutes: number; readonly raw: number }
  | {
      readonly format: 'absolute';
      readonly timestamp: string;
      readonly timezoneOffsetMinutes: number;
    }
  /** §9.2.3.12.3: seven octets whose first says how to read the rest; kept as hex. */
  | { readonly format: 'enhanced'; readonly hex: string };

/** Reads TP-VP of an SMS-SUBMIT for TP-VPF (bits 4–3 of the first octet); undefined when absent. */
export function readValidityPeriod(reader: PduReader, vpf: number): ValidityPeriod | undefined {
  switch (vpf) {
    case 0b10: {
      const raw = reader.u8('TP-VP');
      return { format: 'relative', minutes: relativeValidityMinutes(raw), raw };
    }
    case 0b11: {
      const { iso, offsetMinutes } = readTimestamp(reader, 'TP-VP');
      return { format: 'absolute', timestamp: iso, timezoneOffsetMinutes: offsetMinutes };
    }
    case 0b01:
      return { format: 'enhanced', hex: bytesToHex(reader.take(7, 'TP-VP')) };
    default:
      return undefined;
  }
}
