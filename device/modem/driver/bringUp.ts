/**
 * Bringing a modem into use: the initialisation sequence (modemInit.ts), then network
 * registration, waited for with a bound (start) or only read (after a reboot or a recovery,
 * when the modem registers again on its own and the `registration` event will say so).
 */
import type { DriverContext } from './DriverContext.js';
import { initialiseModem, type InitOptions, type InitResult } from './modemInit.js';
import {
  UNKNOWN_REGISTRATION,
  waitForRegistration,
  type RegistrationReader,
  type RegistrationState,
} from './registration.js';

export interface BringUpOptions extends InitOptions {
  readonly requireRegistration: boolean;
  readonly registration: RegistrationReader;
  readonly onRegistration: (state: RegistrationState) => void;
  /** Called as soon as initialisation succeeded, before the registration wait. */
  readonly onInitialised: (result: InitResult) => void;
}

export async function bringUp(ctx: DriverContext, options: BringUpOptions): Promise<InitResult> {
  const result = await initialiseModem(ctx, options);
  options.onInitialised(result);
  if (options.requireRegistration) {
    await waitForRegistration({
      reader: options.registration,
      clock: ctx.clock,
      signal: ctx.signal,
      timeoutMs: ctx.options.registrationTimeoutMs,
      pollIntervalMs: ctx.options.registrationPollIntervalMs,
      onState: options.onRegistration,
    });
  } else {
    options.onRegistration(await options.registration.read().catch(() => UNKNOWN_REGISTRATION));
  }
  return result;
}
