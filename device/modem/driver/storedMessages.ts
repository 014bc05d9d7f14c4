/**
 * Reading and deleting stored messages in PDU mode (27.005 §3.4.2 AT+CMGR, §3.4.2 AT+CMGL,
 * §3.5.4 AT+CMGD) and decoding what was read.
 *
 * `+CMGR: <stat>,[<alpha>],<length>` and `+CMGL: <index>,<stat>,[<alpha>],<length>` are each
 * followed by the PDU line; <length> counts TPDU octets, so a PDU longer than that by some
 * octets starts with the SCA and one exactly that long does not (some modems leave the SCA
 * out). An empty slot answers a bare OK (SIM800) or +CMS ERROR 321 (invalid index).
 */
import {
  decodePdu,
  type DecodedPdu,
  type DeliverPdu,
  type StatusReportPdu,
} from '../../sms/pdu/index.js';
import { isGatewayError } from '../../shared/GatewayError.js';
import { infoValue, splitFields, toInt } from './atResponse.js';
import type { AtSend } from './DriverContext.js';
import { isCmsError } from '../engine/ModemErrors.js';
import { selectReadStorage } from './storage.js';

/** <stat> in PDU mode: 0 received unread, 1 received read, 2 stored unsent, 3 stored sent. */
export const STAT_RECEIVED_UNREAD = 0;
export const STAT_RECEIVED_READ = 1;

export interface StoredPdu {
  readonly storage: string;
  readonly index: number;
  readonly stat: number | null;
  /** TPDU octets as the modem gave them. */
  readonly length: number;
  /** Upper-case hex. */
  readonly pdu: string;
}

export type DecodedStored =
  | { readonly kind: 'deliver'; readonly deliver: DeliverPdu }
  | { readonly kind: 'status-report'; readonly report: StatusReportPdu }
  | { readonly kind: 'submit' }
  | { readonly kind: 'undecodable'; readonly code: string };

const HEX = /^(?:[0-9A-Fa-f]{2})+$/;

/** Whether the hex starts with an SCA, judged by <length> (see the file comment). */
export function hasSca(pdu: string, length: number): boolean {
  return pdu.length / 2 !== length;
}

export function decodeStored(pdu: string, length: number): DecodedStored {
  let decoded: DecodedPdu;
  try {
    decoded = decodePdu(pdu, { hasSca: hasSca(pdu, length) });
  } catch (error) {
    // The decoder throws PDU_* GatewayErrors; anything else is a bug, reported as such.
    return { kind: 'undecodable', code: isGatewayError(error) ? error.code : 'decoder-bug' };
  }
  switch (decoded.type) {
    case 'deliver':
      return { kind: 'deliver', deliver: decoded };
    case 'status-report':
      return { kind: 'status-report', report: decoded };
    case 'submit':
      return { kind: 'submit' };
  }
}

export function parseCmgr(
  lines: readonly string[],
  storage: string,
  index: number,
): StoredPdu | undefined {
  const at = lines.findIndex((line) => /^\+CMGR\s*:/i.test(line));
  if (at < 0) return undefined;
  const fields = splitFields(infoValue([lines[at] as string], '+CMGR') ?? '');
  const length = toInt(fields[fields.length - 1]);
  const pdu = lines[at + 1]?.trim();
  if (length === undefined || pdu === undefined || !HEX.test(pdu)) return undefined;
  return { storage, index, stat: toInt(fields[0]) ?? null, length, pdu: pdu.toUpperCase() };
}

export function parseCmgl(lines: readonly string[], storage: string): StoredPdu[] {
  const out: StoredPdu[] = [];
  for (let i = 0; i < lines.length; i++) {
    const value = infoValue([lines[i] as string], '+CMGL');
    if (value === undefined) continue;
    const fields = splitFields(value);
    const index = toInt(fields[0]);
    const length = toInt(fields[fields.length - 1]);
    const pdu = lines[i + 1]?.trim();
    if (index === undefined || length === undefined || pdu === undefined || !HEX.test(pdu))
      continue;
    out.push({ storage, index, stat: toInt(fields[1]) ?? null, length, pdu: pdu.toUpperCase() });
    i++;
  }
  return out;
}

export interface StoreAccess {
  readonly at: AtSend;
  /** The read/delete memory selected by init (mem1). */
  readonly currentStorage: () => string;
  readonly timeoutMs: number;
  readonly listTimeoutMs: number;
}

/**
 * Runs `fn` with `storage` as the read/delete memory, switching mem1 there and back when it
 * is not the current one (a +CDSI in "SR", a +CMTI naming another memory).
 */
export async function withReadStorage<T>(
  store: StoreAccess,
  storage: string,
  fn: () => Promise<T>,
): Promise<T> {
  const current = store.currentStorage();
  if (storage.toUpperCase() === current.toUpperCase()) return fn();
  await selectReadStorage(store.at, storage, store.timeoutMs);
  try {
    return await fn();
  } finally {
    await selectReadStorage(store.at, current, store.timeoutMs).catch(() => undefined);
  }
}

/** AT+CMGR=<index> in the current read memory; undefined for an empty or invalid slot. */
export async function readStored(
  store: StoreAccess,
  storage: string,
  index: number,
): Promise<StoredPdu | undefined> {
  try {
    const { lines } = await store.at({ command: `AT+CMGR=${index}`, timeoutMs: store.timeoutMs });
    return parseCmgr(lines, storage, index);
  } catch (error) {
    if (isCmsError(error) && error.context.atCode === 321) return undefined; // invalid index
    throw error;
  }
}

/** AT+CMGL=4 (all messages, PDU mode) in the current read memory. */
export async function listStored(store: StoreAccess): Promise<StoredPdu[]> {
  const { lines } = await store.at({ command: 'AT+CMGL=4', timeoutMs: store.listTimeoutMs });
  return parseCmgl(lines, store.currentStorage());
}

export async function deleteStored(store: StoreAccess, index: number): Promise<void> {
  await store.at({ command: `AT+CMGD=${index}`, timeoutMs: store.timeoutMs });
}
