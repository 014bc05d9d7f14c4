/**
 * TP-Status of an SMS-STATUS-REPORT (TS 23.040 §9.2.3.15). Bits 6–5 give the
 * outcome; we fold it into what the outbox needs to know:
 *
 * - `delivered`: 000xxxxx, "short message transaction completed".
 * - `pending`: 001xxxxx, "temporary error, SC still trying to transfer SM":
 *   another report will follow.
 * - `failed`: 010xxxxx (permanent error) and 011xxxxx (temporary error, SC
 *   no longer trying): no further attempt will be made.
 *
 * Values 0x80–0xFF are reserved; the SC sends none, so one arriving is
 * reported as `failed`: nothing in it says the message arrived.
 */

export type StatusCategory = 'delivered' | 'pending' | 'failed';

export interface TpStatus {
  readonly code: number;
  readonly category: StatusCategory;
  readonly meaning: string;
}

const MEANINGS: ReadonlyMap<number, string> = new Map([
  [0x00, 'received by the recipient'],
  [0x01, 'forwarded by the SC to the recipient, delivery not confirmed'],
  [0x02, 'replaced by the SC'],
  [0x20, 'congestion, still trying'],
  [0x21, 'recipient busy, still trying'],
  [0x22, 'no response from recipient, still trying'],
  [0x23, 'service rejected, still trying'],
  [0x24, 'quality of service not available, still trying'],
  [0x25, 'error in recipient, still trying'],
  [0x40, 'remote procedure error'],
  [0x41, 'incompatible destination'],
  [0x42, 'connection rejected by recipient'],
  [0x43, 'not obtainable'],
  [0x44, 'quality of service not available'],
  [0x45, 'no interworking available'],
  [0x46, 'validity period expired'],
  [0x47, 'deleted by the sender'],
  [0x48, 'deleted by SC administration'],
  [0x49, 'message does not exist in the SC'],
  [0x60, 'congestion, SC gave up'],
  [0x61, 'recipient busy, SC gave up'],
  [0x62, 'no response from recipient, SC gave up'],
  [0x63, 'service rejected, SC gave up'],
  [0x64, 'quality of service not available, SC gave up'],
  [0x65, 'error in recipient, SC gave up'],
]);

/** What an unlisted value in each 32-value range means: SC-specific (upper half) or reserved. */
const RANGE_MEANINGS = [
  'transaction completed',
  'temporary error, still trying',
  'permanent error',
  'temporary error, SC gave up',
] as const;

export function classifyStatus(code: number): TpStatus {
  const value = code & 0xff;
  if (value >= 0x80) return { code: value, category: 'failed', meaning: 'reserved status value' };
  const range = value >> 5;
  const category: StatusCategory = range === 0 ? 'delivered' : range === 1 ? 'pending' : 'failed';
  const listed = MEANINGS.get(value);
  if (listed !== undefined) return { code: value, category, meaning: listed };
  const kind = (value & 0x10) !== 0 ? 'SC-specific value' : 'reserved value';
  return { code: value, category, meaning: `${RANGE_MEANINGS[range] as string} (${kind})` };
}
