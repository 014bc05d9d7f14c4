import { pduError } from './pduError.js';
import type { PduReader } from './PduReader.js';

/**
 * TP-SCTS, TP-DT and the absolute TP-VP (TS 23.040 §9.2.3.11): seven octets
 * of swapped BCD (year, month, day, hour, minute, second, zone). The zone is
 * in quarters of an hour; bit 3 of its first semi-octet is the sign, so 0x8A
 * reads as -28 quarters, i.e. -07:00.
 */

export interface SmsTimestamp {
  /** ISO 8601 with the sender's offset, e.g. `2026-11-21T14:03:05+01:00`. */
  readonly iso: string;
  /** Minutes east of UTC, e.g. 60 for +01:00, -420 for -07:00. */
  readonly offsetMinutes: number;
}

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
/**
 * The octet carries two digits of the year and no century. Everything a
 * running gateway receives is from this century; 90–99 are read as 19xx only
 * so the 1999 textbook examples keep their date.
 */
const CENTURY_PIVOT = 90;
/** ±18:00 is the widest offset ISO 8601 libraries accept; TS 23.040 zones stay well inside. */
const MAX_ZONE_QUARTERS = 72;

function bad(field: string, offset: number, part: string, octet: number): never {
  throw pduError(
    'PDU_BAD_TIMESTAMP',
    `${field} has an invalid ${part} (octet 0x${octet.toString(16).padStart(2, '0')})`,
    {
      field,
      offset,
      part,
      octet,
    },
  );
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads seven octets as a timestamp; bad BCD or an impossible date is PDU_BAD_TIMESTAMP. */
export function readTimestamp(reader: PduReader, field: string): SmsTimestamp {
  const offset = reader.offset;
  const octets = reader.take(7, field);
  const values = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 6; i++) {
    const octet = octets[i] as number;
    const tens = octet & 0x0f;
    const units = octet >> 4;
    if (tens > 9 || units > 9) bad(field, offset + i, FIELDS[i] as string, octet);
    values[i] = tens * 10 + units;
  }
  const [yy, month, day, hour, minute, second] = values as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const year = yy < CENTURY_PIVOT ? 2000 + yy : 1900 + yy;
  if (month < 1 || month > 12) bad(field, offset + 1, 'month', octets[1] as number);
  if (day < 1 || day > daysInMonth(year, month)) bad(field, offset + 2, 'day', octets[2] as number);
  if (hour > 23) bad(field, offset + 3, 'hour', octets[3] as number);
  if (minute > 59) bad(field, offset + 4, 'minute', octets[4] as number);
  if (second > 59) bad(field, offset + 5, 'second', octets[5] as number);

  const zone = octets[6] as number;
  const zoneUnits = zone >> 4;
  if (zoneUnits > 9) bad(field, offset + 6, 'time zone', zone);
  const quarters = (zone & 0x07) * 10 + zoneUnits;
  if (quarters > MAX_ZONE_QUARTERS) bad(field, offset + 6, 'time zone', zone);
  const negative = (zone & 0x08) !== 0 && quarters !== 0;
  const offsetMinutes = negative ? -quarters * 15 : quarters * 15;
  const zoneText = `${negative ? '-' : '+'}${twoDigits(Math.floor((quarters * 15) / 60))}:${twoDigits((quarters * 15) % 60)}`;
  const iso =
    `${year}-${twoDigits(month)}-${twoDigits(day)}T` +
    `${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(second)}${zoneText}`;
  return { iso, offsetMinutes };
}
