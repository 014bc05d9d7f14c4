/**
 * AT+CSQ (3GPP TS 27.007 §8.5): `+CSQ: <rssi>,<ber>`.
 *
 * <rssi>: 0 → -113 dBm or less, 1 → -111 dBm, 2…30 → -109…-53 dBm in steps of 2,
 * 31 → -51 dBm or more, 99 → not known or not detectable. LTE modules (EC25) derive it from
 * RSSI too, so the same scale holds.
 *
 * Bars are 0–4, like a phone's status bar, with the thresholds Android uses for GSM
 * (`CellSignalStrengthGsm`: ASU ≤ 2 or 99 none, ≥ 5 moderate, ≥ 8 good, ≥ 12 great, where
 * ASU is this <rssi>): 0 = none/unknown, 1 = poor (rssi 3–4, -107…-105 dBm), 2 = moderate
 * (5–7), 3 = good (8–11), 4 = great (≥ 12, -89 dBm and up). SMS gets through down to 1 bar.
 */
import { infoValue, splitFields, toInt } from './atResponse.js';

export interface SignalQuality {
  /** The raw <rssi> (0–31, 99). */
  readonly rssi: number;
  /** dBm; null when the modem does not know (99). At the ends of the scale it is a bound. */
  readonly dbm: number | null;
  /** 0–4. */
  readonly bars: 0 | 1 | 2 | 3 | 4;
  /** The raw <ber> (0–7, 99 unknown). */
  readonly ber: number | null;
}

export const UNKNOWN_SIGNAL: SignalQuality = { rssi: 99, dbm: null, bars: 0, ber: null };

/** <rssi> → dBm per 27.007 §8.5; null for 99 and for values outside the scale. */
export function rssiToDbm(rssi: number): number | null {
  if (!Number.isInteger(rssi) || rssi < 0 || rssi > 31) return null;
  return -113 + 2 * rssi;
}

/** <rssi> → 0–4 bars (Android GSM thresholds). */
export function rssiToBars(rssi: number): SignalQuality['bars'] {
  if (rssiToDbm(rssi) === null || rssi <= 2) return 0;
  if (rssi >= 12) return 4;
  if (rssi >= 8) return 3;
  if (rssi >= 5) return 2;
  return 1;
}

export function signalFromRssi(rssi: number, ber: number | null = null): SignalQuality {
  const dbm = rssiToDbm(rssi);
  return { rssi: dbm === null ? 99 : rssi, dbm, bars: rssiToBars(rssi), ber };
}

/** The answer to AT+CSQ; UNKNOWN_SIGNAL when the line is missing or malformed. */
export function parseCsq(lines: readonly string[]): SignalQuality {
  const value = infoValue(lines, '+CSQ');
  if (value === undefined) return UNKNOWN_SIGNAL;
  const [rssiField, berField] = splitFields(value);
  const rssi = toInt(rssiField);
  if (rssi === undefined) return UNKNOWN_SIGNAL;
  const ber = toInt(berField);
  return signalFromRssi(rssi, ber === undefined || ber === 99 ? null : ber);
}
