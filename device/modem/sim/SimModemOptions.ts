import { systemClock, type Clock } from '../../policy/Clock.js';
import { GatewayError } from '../../shared/GatewayError.js';
import {
  SIM_PROFILES,
  isSimProfileName,
  type SimProfile,
  type SimProfileName,
} from './SimProfiles.js';

/** Everything about the simulated modem a test or `gsmgate sim` may set, with the defaults. */
export interface SimulatedModemOptions {
  /** Vendor flavour: identity strings, boot lines, chatter. @default 'generic' */
  readonly profile?: SimProfileName;
  /** Time source for every delay the sim keeps. @default systemClock */
  readonly clock?: Clock;
  /** Think time before each reply and before the `> ` prompt. @default 0 */
  readonly latencyMs?: number;
  /** Line speed to pace bytes at, both ways (8N1: baud / 10 bytes/s); 0 = as fast as possible. @default 0 */
  readonly baudRate?: number;
  /** SIM PIN; when set the SIM starts locked (`+CPIN: SIM PIN`). @default undefined (no PIN) */
  readonly pin?: string;
  /** PUK that unlocks a SIM blocked by three wrong PINs. @default '12345678' */
  readonly puk?: string;
  /** SMS slots on the SIM. @default 30 */
  readonly simCapacity?: number;
  /** Silence between power-on and the first boot line. @default 1500 */
  readonly bootDelayMs?: number;
  /** From SIM ready to `+CREG: 1`. @default 0 */
  readonly registrationDelayMs?: number;
  /** From submit to the status report of a message sent with TP-SRR. @default 1000 */
  readonly statusReportDelayMs?: number;
  /** TP-ST of those reports (0 delivered, 0x46 expired…). @default 0 */
  readonly statusReportStatus?: number;
  /** How long the network waits before retrying a message the full SIM refused. @default 1000 */
  readonly networkRetryMs?: number;
  /** Period of the vendor's chatter (Huawei `^RSSI`); 0 = none. @default 10000 */
  readonly chatterIntervalMs?: number;
  /** Echo after power-on: V.250 factory default is on (ATE1). @default true */
  readonly initialEcho?: boolean;
  /** AT+CSQ `<rssi>` while registered (0–31). @default 20 */
  readonly rssi?: number;
  /** Start powered on (after `bootDelayMs`); false waits for `powerCycle()`. @default true */
  readonly powerOn?: boolean;
  readonly operator?: string;
  readonly imei?: string;
  readonly imsi?: string;
  readonly iccid?: string;
  /** What AT+CSCA? reports. @default '+33609001390' */
  readonly serviceCentre?: string;
}

export interface ResolvedSimOptions {
  readonly profile: SimProfile;
  readonly clock: Clock;
  readonly latencyMs: number;
  readonly baudRate: number;
  readonly pin: string | undefined;
  readonly puk: string;
  readonly simCapacity: number;
  readonly bootDelayMs: number;
  readonly registrationDelayMs: number;
  readonly statusReportDelayMs: number;
  readonly statusReportStatus: number;
  readonly networkRetryMs: number;
  readonly chatterIntervalMs: number;
  readonly initialEcho: boolean;
  readonly rssi: number;
  readonly powerOn: boolean;
  readonly operator: string;
  readonly imei: string;
  readonly imsi: string;
  readonly iccid: string;
  readonly serviceCentre: string;
}

function bad(option: string, value: unknown, expected: string): never {
  throw new GatewayError('MODEM_SIM_BAD_OPTION', `sim option ${option} must be ${expected}`, {
    option,
    value,
  });
}

function nonNegative(option: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < 0) bad(option, value, 'a number ≥ 0');
  return result;
}

/** Fills in the defaults; refuses nonsense with MODEM_SIM_BAD_OPTION. */
export function resolveSimOptions(options: SimulatedModemOptions = {}): ResolvedSimOptions {
  const profileName = options.profile ?? 'generic';
  if (!isSimProfileName(profileName))
    bad('profile', profileName, 'generic, sim800, quectel or huawei');
  const simCapacity = nonNegative('simCapacity', options.simCapacity, 30);
  if (!Number.isInteger(simCapacity) || simCapacity < 1 || simCapacity > 255) {
    bad('simCapacity', simCapacity, 'an integer 1–255');
  }
  const rssi = nonNegative('rssi', options.rssi, 20);
  if (!Number.isInteger(rssi) || rssi > 31) bad('rssi', rssi, 'an integer 0–31');
  const status = nonNegative('statusReportStatus', options.statusReportStatus, 0);
  if (!Number.isInteger(status) || status > 255)
    bad('statusReportStatus', status, 'an integer 0–255');
  if (options.pin !== undefined && !/^[0-9]{4,8}$/.test(options.pin))
    bad('pin', '****', '4–8 digits');
  return {
    profile: SIM_PROFILES[profileName],
    clock: options.clock ?? systemClock,
    latencyMs: nonNegative('latencyMs', options.latencyMs, 0),
    baudRate: nonNegative('baudRate', options.baudRate, 0),
    pin: options.pin,
    puk: options.puk ?? '12345678',
    simCapacity,
    bootDelayMs: nonNegative('bootDelayMs', options.bootDelayMs, 1_500),
    registrationDelayMs: nonNegative('registrationDelayMs', options.registrationDelayMs, 0),
    statusReportDelayMs: nonNegative('statusReportDelayMs', options.statusReportDelayMs, 1_000),
    statusReportStatus: status,
    networkRetryMs: nonNegative('networkRetryMs', options.networkRetryMs, 1_000),
    chatterIntervalMs: nonNegative('chatterIntervalMs', options.chatterIntervalMs, 10_000),
    initialEcho: options.initialEcho ?? true,
    rssi,
    powerOn: options.powerOn ?? true,
    operator: options.operator ?? 'gsmgate SIM',
    imei: options.imei ?? '356938035643809',
    imsi: options.imsi ?? '208150123456789',
    iccid: options.iccid ?? '8933150319050123456',
    serviceCentre: options.serviceCentre ?? '+33609001390',
  };
}
