import type { ResolvedSimOptions } from './SimModemOptions.js';
import type { SimStorage } from './SimStorage.js';

/**
 * What the command handlers see of the simulated modem: its settings (what AT commands
 * change), its SIM, and the few actions a command can trigger. The handlers return what to
 * print; SimulatedModem decides when and how it goes on the wire.
 */

export type PinState = 'READY' | 'SIM PIN' | 'SIM PUK';

/** 27.007 §7.2 `<stat>`: 0 not registered, 1 home, 2 searching, 3 denied, 5 roaming. */
export type RegistrationStat = 0 | 1 | 2 | 3 | 5;

/** The settings AT commands read and write; power-on resets them (V.250 factory defaults). */
export interface SimSettings {
  echo: boolean;
  cmee: 0 | 1 | 2;
  pinState: PinState;
  pinAttempts: number;
  pukAttempts: number;
  cregMode: 0 | 1 | 2;
  cgregMode: 0 | 1 | 2;
  registration: RegistrationStat;
  radioOn: boolean;
  /** AT+CNMI `<mode>,<mt>,<bm>,<ds>,<bfr>` (27.005 §3.4.1). */
  cnmi: [number, number, number, number, number];
  serviceCentre: string;
  rssi: number;
}

export type FinalResult =
  | { readonly type: 'ok' }
  | { readonly type: 'error' }
  | { readonly type: 'cme'; readonly code: number }
  | { readonly type: 'cms'; readonly code: number };

export type CommandOutcome =
  | { readonly kind: 'done'; readonly lines: readonly string[]; readonly final: FinalResult }
  /** AT+CMGS=<length>: print `> ` and read a PDU of `length` TPDU octets. */
  | { readonly kind: 'prompt'; readonly length: number };

export interface SimCommandContext {
  readonly settings: SimSettings;
  readonly options: ResolvedSimOptions;
  readonly storage: SimStorage;
  /** Runs `action` once the reply to the current command line is on its way (reboot after OK). */
  afterReply(action: () => void): void;
  reboot(): void;
  /** The SIM became ready (correct PIN or PUK): vendor lines, then registration. */
  simReady(): void;
  setRadio(on: boolean): void;
  /** Space was freed on the SIM: the network may retry what it holds. */
  spaceFreed(): void;
}

export const OK: FinalResult = { type: 'ok' };
export const ERROR: FinalResult = { type: 'error' };

export function done(lines: readonly string[] = [], final: FinalResult = OK): CommandOutcome {
  return { kind: 'done', lines, final };
}

export function cme(code: number): CommandOutcome {
  return done([], { type: 'cme', code });
}

export function cms(code: number): CommandOutcome {
  return done([], { type: 'cms', code });
}

export function error(): CommandOutcome {
  return done([], ERROR);
}

/** `+CME ERROR` while the SIM is locked: 11 SIM PIN required, 12 SIM PUK required (27.007 §9.2.1). */
export function simLockedCme(settings: SimSettings): number | undefined {
  if (settings.pinState === 'SIM PIN') return 11;
  if (settings.pinState === 'SIM PUK') return 12;
  return undefined;
}

/** The same as `+CMS ERROR`: 311 SIM PIN required, 316 SIM PUK required (27.005 §3.2.5). */
export function simLockedCms(settings: SimSettings): number | undefined {
  if (settings.pinState === 'SIM PIN') return 311;
  if (settings.pinState === 'SIM PUK') return 316;
  return undefined;
}

export function isRegistered(settings: SimSettings): boolean {
  return settings.registration === 1 || settings.registration === 5;
}

/** A non-negative integer parameter, or undefined when it is not one. */
export function intArg(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Settings after power-on (V.250 factory defaults, CNMI as SIM800 ships it). The SIM keeps its
 * PIN state across a power cycle only when blocked: an unlocked SIM asks for the PIN again.
 */
export function factorySettings(options: ResolvedSimOptions, previous?: SimSettings): SimSettings {
  const blocked = previous?.pinState === 'SIM PUK';
  return {
    echo: options.initialEcho,
    cmee: 0,
    pinState: options.pin === undefined ? 'READY' : blocked ? 'SIM PUK' : 'SIM PIN',
    // Counters live on the SIM: a power cycle does not reset them.
    pinAttempts: previous?.pinAttempts ?? 3,
    pukAttempts: previous?.pukAttempts ?? 10,
    cregMode: 0,
    cgregMode: 0,
    registration: 0,
    radioOn: true,
    cnmi: [2, 1, 0, 0, 0],
    serviceCentre: options.serviceCentre,
    rssi: options.rssi,
  };
}
