/**
 * Network registration: the answers to AT+CREG? (27.007 §7.2) and AT+CEREG? (§10.1.22), and
 * a bounded wait until the modem is registered.
 *
 * SMS needs the CS domain on GSM/UMTS (CREG) or, on LTE, a combined attach or IMS (CEREG,
 * including the "SMS only" states 6/7 of Rel-8+). A modem counts as registered when either
 * says home or roaming. Answers have `<n>` first: `+CREG: 0,1`, `+CREG: 2,5,"1A2B","01A2"`.
 */
import type { Clock } from '../../policy/Clock.js';
import { infoValue, splitFields, toInt } from './atResponse.js';
import type { AtSend } from './DriverContext.js';
import { driverError } from './ModemDriverErrors.js';
import { isCmeError, isModemError } from '../engine/ModemErrors.js';
import { delay } from './timing.js';

export type RegistrationStatus =
  'home' | 'roaming' | 'searching' | 'denied' | 'not-registered' | 'emergency-only' | 'unknown';

export interface RegistrationState {
  readonly status: RegistrationStatus;
  /** The raw <stat> that gave the status; null when nothing could be read. */
  readonly stat: number | null;
  /** Which answer gave it. */
  readonly domain: 'CREG' | 'CEREG' | null;
  readonly lac?: string;
  readonly ci?: string;
  readonly act?: number;
}

export const UNKNOWN_REGISTRATION: RegistrationState = {
  status: 'unknown',
  stat: null,
  domain: null,
};

/** <stat> → status (27.007 §7.2; 6/7 "SMS only", 9/10 "CSFB not preferred" count as registered). */
export function statToStatus(stat: number): RegistrationStatus {
  switch (stat) {
    case 1:
    case 6:
    case 9:
      return 'home';
    case 5:
    case 7:
    case 10:
      return 'roaming';
    case 2:
      return 'searching';
    case 3:
      return 'denied';
    case 0:
      return 'not-registered';
    case 8:
    case 11:
      return 'emergency-only';
    default:
      return 'unknown';
  }
}

export function isRegistered(state: RegistrationState): boolean {
  return state.status === 'home' || state.status === 'roaming';
}

/** The answer to AT+CREG? / AT+CEREG?; undefined when the line is missing or malformed. */
export function parseRegistrationAnswer(
  lines: readonly string[],
  domain: 'CREG' | 'CEREG',
): RegistrationState | undefined {
  const value = infoValue(lines, `+${domain}`);
  if (value === undefined) return undefined;
  const fields = splitFields(value);
  // The read form starts with <n>; a lone number is a firmware that dropped it.
  const statIndex = fields.length === 1 ? 0 : 1;
  const stat = toInt(fields[statIndex]);
  if (stat === undefined) return undefined;
  const lac = fields[statIndex + 1] || undefined;
  const ci = fields[statIndex + 2] || undefined;
  const act = toInt(fields[statIndex + 3]);
  return {
    status: statToStatus(stat),
    stat,
    domain,
    ...(lac === undefined ? {} : { lac }),
    ...(ci === undefined ? {} : { ci }),
    ...(act === undefined ? {} : { act }),
  };
}

/** Reads registration; remembers a modem without AT+CEREG (2G-only SIM800) so it asks once. */
export class RegistrationReader {
  private ceregSupported = true;

  constructor(
    private readonly at: AtSend,
    private readonly timeoutMs: number,
  ) {}

  async read(): Promise<RegistrationState> {
    const creg = await this.query('CREG');
    if (creg !== undefined && isRegistered(creg)) return creg;
    const cereg = this.ceregSupported ? await this.query('CEREG') : undefined;
    if (cereg !== undefined && isRegistered(cereg)) return cereg;
    return creg ?? cereg ?? UNKNOWN_REGISTRATION;
  }

  private async query(domain: 'CREG' | 'CEREG'): Promise<RegistrationState | undefined> {
    try {
      const { lines } = await this.at({ command: `AT+${domain}?`, timeoutMs: this.timeoutMs });
      return parseRegistrationAnswer(lines, domain);
    } catch (error) {
      // ERROR / +CME ERROR: the modem has no such command (SIM800 has no AT+CEREG).
      const refused = isCmeError(error) || (isModemError(error) && error.code === 'MODEM_ERROR');
      if (domain === 'CEREG' && refused) {
        this.ceregSupported = false;
        return undefined;
      }
      throw error;
    }
  }
}

export interface RegistrationWait {
  readonly reader: RegistrationReader;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly signal?: AbortSignal;
  /** Called with every state read, so the driver can emit `registration` changes. */
  readonly onState?: (state: RegistrationState) => void;
}

/**
 * Polls until registered; rejects with MODEM_NOT_REGISTERED (context: the last status and
 * stat) once `timeoutMs` have passed. Denied and searching are waited out too: a denial can
 * lift (a SIM just activated), and the bound keeps the wait finite either way.
 */
export async function waitForRegistration(wait: RegistrationWait): Promise<RegistrationState> {
  const deadline = wait.clock.now() + wait.timeoutMs;
  let last = UNKNOWN_REGISTRATION;
  for (;;) {
    last = await wait.reader.read();
    wait.onState?.(last);
    if (isRegistered(last)) return last;
    const left = deadline - wait.clock.now();
    if (left <= 0) break;
    await delay(wait.clock, Math.min(wait.pollIntervalMs, left), wait.signal);
  }
  throw driverError(
    'MODEM_NOT_REGISTERED',
    `not registered on a network after ${wait.timeoutMs} ms (last: ${last.status})`,
    { status: last.status, stat: last.stat, domain: last.domain, timeoutMs: wait.timeoutMs },
  );
}
