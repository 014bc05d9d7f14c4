/**
 * One health reading: signal (AT+CSQ, 27.007 §8.5), registration (AT+CREG?/AT+CEREG?),
 * operator (AT+COPS?, §7.3) and storage use (AT+CPMS?, 27.005 §3.2.2). Polled at
 * `healthIntervalMs` and emitted as `health`; a part that fails to read is reported unknown
 * rather than failing the whole reading, so one refused query never hides the others.
 */
import { infoValue, printable, splitFields, toInt } from './atResponse.js';
import type { AtSend } from './DriverContext.js';
import { isModemError } from '../engine/ModemErrors.js';
import {
  UNKNOWN_REGISTRATION,
  type RegistrationReader,
  type RegistrationState,
} from './registration.js';
import { parseCsq, UNKNOWN_SIGNAL, type SignalQuality } from './signal.js';
import { readStorageStatus, type StorageStatus } from './storage.js';

export interface HealthSnapshot {
  /** Clock time of the reading, epoch ms. */
  readonly at: number;
  readonly signal: SignalQuality;
  readonly registration: RegistrationState;
  /** Operator name as the modem gives it (long alphanumeric after AT+COPS=3,0), or null. */
  readonly operator: string | null;
  readonly storage: StorageStatus;
}

/** `+COPS: <mode>[,<format>,<oper>[,<AcT>]]`; null when not registered to any. */
export function parseCops(lines: readonly string[]): string | null {
  const value = infoValue(lines, '+COPS');
  if (value === undefined) return null;
  const fields = splitFields(value);
  if (toInt(fields[1]) === undefined) return null;
  return printable(fields[2]) ?? null;
}

export interface HealthReaders {
  readonly at: AtSend;
  readonly registration: RegistrationReader;
  readonly timeoutMs: number;
  readonly now: () => number;
}

export async function readHealth(readers: HealthReaders): Promise<HealthSnapshot> {
  const { at, timeoutMs } = readers;
  const signal = await orDefault(
    async () => parseCsq((await at({ command: 'AT+CSQ', timeoutMs })).lines),
    UNKNOWN_SIGNAL,
  );
  const registration = await orDefault(() => readers.registration.read(), UNKNOWN_REGISTRATION);
  const operator = await orDefault(
    async () => parseCops((await at({ command: 'AT+COPS?', timeoutMs })).lines),
    null,
  );
  const storage = await orDefault<StorageStatus>(() => readStorageStatus(at, timeoutMs), {
    read: undefined,
    write: undefined,
    receive: undefined,
  });
  return { at: readers.now(), signal, registration, operator, storage };
}

/**
 * A refused query reads as unknown; a timeout or a closed link is rethrown so the driver
 * can count it toward recovery.
 */
async function orDefault<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isModemError(error) && (error.code === 'MODEM_TIMEOUT' || error.code === 'MODEM_CLOSED')) {
      throw error;
    }
    return fallback;
  }
}
