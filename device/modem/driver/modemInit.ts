/**
 * The initialisation sequence, run at start, after a detected reboot and after recovery
 * (a modem that resets forgets everything set here):
 *
 * 1. `AT` until it answers (SIM800 autobauds on the first `AT`s).
 * 2. `ATE0` (echo off; the engine tolerates echo anyway), `AT+CMEE=2` (verbose errors; the
 *    engine maps both forms to numbers) or `AT+CMEE=1`.
 * 3. Identity (AT+CGMI… works without a SIM), then the SIM and its PIN (simPin.ts).
 * 4. `AT+CMGF=0` (PDU mode), `AT+CPMS` (storages in order), `AT+CNMI` (modes in order).
 *    These may answer "SIM busy" / "operation not allowed" until the SMS stack is up (SIM800
 *    `SMS Ready`, EC25 `+QIND: SMS DONE`), so they are retried for `smsReadyTimeoutMs`.
 * 5. Best effort: `AT+CREG=1` (registration URCs), `AT+COPS=3,0` (long operator names).
 *
 * AT+CSMS is left at its default, service 0: with service 1, +CDS/+CMT must be acknowledged
 * with AT+CNMA or the ME reports a failure to the network and stops routing (27.005 §3.4.1,
 * Telit/Siemens manuals); with 0 the ME acknowledges by itself. SIM800 and EC25 deliver
 * `+CDS` in PDU mode under CSMS 0 (python-gsmmodem #44, #60).
 */
import type { DriverContext } from './DriverContext.js';
import { readDeviceIdentity, readSimIdentity, type ModemIdentity } from './identity.js';
import { driverError } from './ModemDriverErrors.js';
import { isCmeError, isCmsError, isModemError } from '../engine/ModemErrors.js';
import { unlockSim } from './simPin.js';
import { selectStorage, type StorageUsage } from './storage.js';
import { delay } from './timing.js';

/** How status reports reach us under the AT+CNMI setting the modem accepted. */
export type StatusReportRouting = 'direct' | 'stored' | 'none';

export interface InitResult {
  readonly identity: ModemIdentity;
  readonly storage: StorageUsage;
  readonly cnmi: string;
  readonly statusReports: StatusReportRouting;
  readonly pinEntered: boolean;
}

export interface InitOptions {
  readonly pin?: string;
  readonly pinRejectedBefore?: boolean;
}

export async function probe(
  ctx: DriverContext,
  attempts: number,
  timeoutMs: number,
): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    try {
      await ctx.at({ command: 'AT', timeoutMs });
      return true;
    } catch (error) {
      if (isModemError(error) && error.code === 'MODEM_CLOSED') return false;
      if (i + 1 < attempts) await delay(ctx.clock, ctx.options.probeIntervalMs, ctx.signal);
    }
  }
  return false;
}

export async function initialiseModem(ctx: DriverContext, init: InitOptions): Promise<InitResult> {
  const { options } = ctx;
  const t = options.commandTimeoutMs;
  if (!(await probe(ctx, options.probeAttempts, options.probeTimeoutMs))) {
    throw driverError(
      'MODEM_NOT_RESPONDING',
      `no answer to AT after ${options.probeAttempts} probes`,
      {
        attempts: options.probeAttempts,
      },
    );
  }
  await bestEffort(ctx, 'ATE0');
  if (!(await bestEffort(ctx, 'AT+CMEE=2'))) await bestEffort(ctx, 'AT+CMEE=1');
  const device = await readDeviceIdentity(ctx.at, t);
  const pinEntered = await unlockSim(ctx, { ...init, vendor: device.vendor });

  await required(ctx, 'AT+CMGF=0', () => ctx.at({ command: 'AT+CMGF=0', timeoutMs: t }));
  const storage = await firstAccepted(ctx, 'AT+CPMS', options.storages, (s) =>
    selectStorage(ctx.at, s, options.simCommandTimeoutMs),
  );
  const cnmi = await firstAccepted(ctx, 'AT+CNMI', options.cnmiModes, async (mode) => {
    await ctx.at({ command: `AT+CNMI=${mode}`, timeoutMs: t });
    return mode;
  });
  await bestEffort(ctx, 'AT+CREG=1');
  await bestEffort(ctx, 'AT+COPS=3,0');
  const sim = await readSimIdentity(ctx.at, device.vendor, t);
  return {
    identity: { ...device, ...sim },
    storage: storage.value,
    cnmi: cnmi.value,
    statusReports: routingOf(cnmi.value),
    pinEntered,
  };
}

/** <ds> of `<mode>,<mt>,<bm>,<ds>,<bfr>`: 1 → +CDS, 2 → +CDSI, else none. */
export function routingOf(cnmi: string): StatusReportRouting {
  const ds = cnmi.split(',')[3]?.trim();
  return ds === '1' ? 'direct' : ds === '2' ? 'stored' : 'none';
}

/** A command whose refusal is fine (the modem lacks it); true when it said OK. */
async function bestEffort(ctx: DriverContext, command: string): Promise<boolean> {
  try {
    await ctx.at({ command, timeoutMs: ctx.options.commandTimeoutMs });
    return true;
  } catch (error) {
    if (isModemError(error) && (error.code === 'MODEM_CLOSED' || error.code === 'MODEM_TIMEOUT')) {
      throw error;
    }
    return false;
  }
}

/** Errors that mean "the SMS stack is not up yet", which a later attempt may not get. */
export function isNotReadyYet(error: unknown): boolean {
  if (isCmsError(error)) {
    const code = error.context.atCode;
    return code === 302 || code === 314 || code === 500 || code === 310 || code === 320;
  }
  if (isCmeError(error)) {
    const code = error.context.atCode;
    return code === 3 || code === 14 || code === 100;
  }
  return isModemError(error) && error.code === 'MODEM_ERROR';
}

/** Run `attempt` until it succeeds or `smsReadyTimeoutMs` passes while it is "not ready". */
async function retryNotReady<T>(ctx: DriverContext, attempt: () => Promise<T>): Promise<T> {
  const deadline = ctx.clock.now() + ctx.options.smsReadyTimeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isNotReadyYet(error) || ctx.clock.now() >= deadline) throw error;
      await delay(ctx.clock, ctx.options.smsRetryIntervalMs, ctx.signal);
    }
  }
}

async function required<T>(ctx: DriverContext, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await retryNotReady(ctx, run);
  } catch (error) {
    throw initFailed(what, error);
  }
}

/** The first of `choices` the modem accepts, each retried while the SMS stack is not up. */
async function firstAccepted<T>(
  ctx: DriverContext,
  what: string,
  choices: readonly string[],
  run: (choice: string) => Promise<T>,
): Promise<{ choice: string; value: T }> {
  const tryAll = async (): Promise<{ choice: string; value: T }> => {
    let last: unknown;
    for (const choice of choices) {
      try {
        return { choice, value: await run(choice) };
      } catch (error) {
        if (!isRefusal(error)) throw error; // a timeout or a closed link refuses nothing
        last = error;
        ctx.logger.debug({ what, choice }, 'modem refused this setting; trying the next');
      }
    }
    throw last ?? new Error(`no ${what} choices configured`);
  };
  try {
    return await retryNotReady(ctx, tryAll);
  } catch (error) {
    throw initFailed(what, error, { tried: choices });
  }
}

function initFailed(what: string, error: unknown, extra: Record<string, unknown> = {}): Error {
  if (isModemError(error) && (error.code === 'MODEM_TIMEOUT' || error.code === 'MODEM_CLOSED')) {
    return error;
  }
  if (!isModemError(error)) return error instanceof Error ? error : new Error(String(error));
  return driverError(
    'MODEM_INIT_FAILED',
    `${what} was refused: ${error.message}`,
    {
      step: what,
      ...extra,
      atCode: error.context.atCode ?? null,
    },
    error,
  );
}

/** The modem answered "no" (ERROR, +CME ERROR, +CMS ERROR), as opposed to not answering. */
function isRefusal(error: unknown): boolean {
  return (
    isCmeError(error) || isCmsError(error) || (isModemError(error) && error.code === 'MODEM_ERROR')
  );
}
