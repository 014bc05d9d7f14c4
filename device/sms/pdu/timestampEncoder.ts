import { pduError } from './pduError.js';

/**
 * Writes TP-SCTS / TP-DT (TS 23.040 §9.2.3.11), the inverse of `readTimestamp`: seven
 * octets of swapped BCD in the centre's local time, then the zone in quarters of an hour
 * with the sign in bit 3. Pure: the caller says which instant and which offset.
 */

export interface SmsTime {
  /** The instant, epoch milliseconds (seconds are truncated: the field has no fraction). */
  readonly epochMs: number;
  /** The centre's offset from UTC in minutes, a multiple of 15 within ±18:00. @default 0 */
  readonly offsetMinutes?: number;
}

/** `readTimestamp` reads 90–99 as 19xx and the rest as 20xx. */
const FIRST_YEAR = 1990;
const LAST_YEAR = 2089;
const MAX_ZONE_QUARTERS = 72;

function swapped(value: number): number {
  return ((value % 10) << 4) | Math.floor(value / 10);
}

/** Seven octets for `time`; PDU_BAD_TIMESTAMP when the field cannot say it. */
export function encodeTimestamp(time: SmsTime, field = 'TP-SCTS'): Uint8Array {
  const offsetMinutes = time.offsetMinutes ?? 0;
  if (!Number.isFinite(time.epochMs)) {
    throw pduError('PDU_BAD_TIMESTAMP', `${field} needs a finite instant`, {
      field,
      part: 'instant',
    });
  }
  const quarters = Math.abs(offsetMinutes) / 15;
  if (!Number.isInteger(quarters) || quarters > MAX_ZONE_QUARTERS) {
    throw pduError(
      'PDU_BAD_TIMESTAMP',
      `${field} zone must be whole quarters of an hour within ±18:00`,
      {
        field,
        part: 'time zone',
        offsetMinutes,
      },
    );
  }
  // The fields are the centre's wall clock: shift the instant, then read it as UTC.
  const local = new Date(Math.floor(time.epochMs / 1000) * 1000 + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw pduError('PDU_BAD_TIMESTAMP', `${field} holds years ${FIRST_YEAR}–${LAST_YEAR} only`, {
      field,
      part: 'year',
      year,
    });
  }
  const zone = swapped(quarters) | (offsetMinutes < 0 ? 0x08 : 0);
  return Uint8Array.of(
    swapped(year % 100),
    swapped(local.getUTCMonth() + 1),
    swapped(local.getUTCDate()),
    swapped(local.getUTCHours()),
    swapped(local.getUTCMinutes()),
    swapped(local.getUTCSeconds()),
    zone,
  );
}
