/**
 * Message storage (27.005 §3.2.2 AT+CPMS). The driver puts read/delete (mem1), write/send
 * (mem2) and receive (mem3) in the same memory, so the index of a +CMTI is the index AT+CMGR
 * and AT+CMGD take. Usage is watched at the health interval: a full receive memory makes the
 * network hold new messages ("memory capacity exceeded", 24.011), so it must never stay full.
 */
import { infoValue, splitFields, toInt } from './atResponse.js';
import type { AtSend } from './DriverContext.js';

export interface StorageUsage {
  readonly storage: string;
  readonly used: number;
  readonly total: number;
}

/** The three memories of AT+CPMS?: read/delete, write/send, receive. */
export interface StorageStatus {
  readonly read: StorageUsage | undefined;
  readonly write: StorageUsage | undefined;
  readonly receive: StorageUsage | undefined;
}

/** The answer to AT+CPMS=<m>,… : `+CPMS: <used1>,<total1>,<used2>,<total2>,<used3>,<total3>`. */
export function parseCpmsSet(lines: readonly string[], storage: string): StorageUsage | undefined {
  const value = infoValue(lines, '+CPMS');
  if (value === undefined) return undefined;
  const fields = splitFields(value);
  // The receive memory (mem3) is what inbound fills; fall back to mem1 if the answer is short.
  const used = toInt(fields[4]) ?? toInt(fields[0]);
  const total = toInt(fields[5]) ?? toInt(fields[1]);
  return used === undefined || total === undefined ? undefined : { storage, used, total };
}

/** The answer to AT+CPMS?: `+CPMS: "SM",3,30,"SM",3,30,"SM",3,30`. */
export function parseCpmsRead(lines: readonly string[]): StorageStatus {
  const value = infoValue(lines, '+CPMS');
  const fields = value === undefined ? [] : splitFields(value);
  const usage = (at: number): StorageUsage | undefined => {
    const storage = fields[at];
    const used = toInt(fields[at + 1]);
    const total = toInt(fields[at + 2]);
    if (storage === undefined || storage === '' || used === undefined || total === undefined) {
      return undefined;
    }
    return { storage, used, total };
  };
  return { read: usage(0), write: usage(3), receive: usage(6) };
}

/** Select `storage` for all three memories; resolves with the receive memory's usage. */
export async function selectStorage(
  at: AtSend,
  storage: string,
  timeoutMs: number,
): Promise<StorageUsage> {
  const name = JSON.stringify(storage);
  const { lines } = await at({ command: `AT+CPMS=${name},${name},${name}`, timeoutMs });
  return parseCpmsSet(lines, storage) ?? { storage, used: 0, total: 0 };
}

/** Only the read/delete memory (mem1), e.g. to reach a status report stored in "SR". */
export async function selectReadStorage(
  at: AtSend,
  storage: string,
  timeoutMs: number,
): Promise<void> {
  await at({ command: `AT+CPMS=${JSON.stringify(storage)}`, timeoutMs });
}

export async function readStorageStatus(at: AtSend, timeoutMs: number): Promise<StorageStatus> {
  return parseCpmsRead((await at({ command: 'AT+CPMS?', timeoutMs })).lines);
}

/** used/total of a memory, 0 when its size is unknown. */
export function fillRatio(usage: StorageUsage | undefined): number {
  return usage === undefined || usage.total <= 0 ? 0 : usage.used / usage.total;
}
