/**
 * What the driver's helpers (init, SIM, registration, inbox, …) need from the driver: a way
 * to send a command, the clock, the options, a logger and the stop signal. Passing this
 * instead of the driver keeps each helper testable on its own (STYLE.md §7: split
 * responsibility, not just files).
 */
import type { Clock } from '../../policy/Clock.js';
import type { AtCommand, AtResponse } from '../engine/AtCommand.js';
import type { ResolvedModemDriverOptions } from './ModemDriverOptions.js';
import type { ModemLogger } from '../ModemLogger.js';

export type AtSend = (command: AtCommand) => Promise<AtResponse>;

export interface DriverContext {
  readonly at: AtSend;
  readonly clock: Clock;
  readonly options: ResolvedModemDriverOptions;
  readonly logger: ModemLogger;
  /** Aborted by `stop()`: every wait ends with MODEM_STOPPED. */
  readonly signal: AbortSignal;
}

/** Modem families whose quirks the driver knows, from AT+CGMI. */
export type ModemVendor = 'simcom' | 'quectel' | 'huawei' | 'generic';

export function vendorOf(manufacturer: string | undefined): ModemVendor {
  const name = manufacturer?.toLowerCase() ?? '';
  if (name.includes('simcom')) return 'simcom';
  if (name.includes('quectel')) return 'quectel';
  if (name.includes('huawei')) return 'huawei';
  return 'generic';
}
