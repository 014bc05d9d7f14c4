/**
 * SIM state and PIN (27.007 §8.3 AT+CPIN). The rule: a configured PIN is entered at most
 * once per request; a refusal stops the driver with MODEM_WRONG_PIN and it is never tried
 * again automatically, so a wrong PIN in the config can never walk the SIM into its PUK
 * lock. A SIM asking for its PUK gets nothing at all. The gateway persists "a wrong PIN was
 * tried" (`pinRejected` in the error context) and passes it back as `pinRejectedBefore`.
 */
import { infoValue, splitFields, toInt } from './atResponse.js';
import type { AtSend, DriverContext, ModemVendor } from './DriverContext.js';
import { driverError } from './ModemDriverErrors.js';
import { isCmeError, isModemError } from '../engine/ModemErrors.js';
import { delay } from './timing.js';

export type SimState = 'ready' | 'pin' | 'puk' | 'other-lock' | 'missing' | 'busy';

export interface SimRead {
  readonly state: SimState;
  /** What the modem said (`SIM PIN`, `+CME ERROR: 10`, …), for the error context. */
  readonly said: string;
}

export interface PinAttempts {
  readonly pin?: number;
  readonly puk?: number;
}

export interface UnlockOptions {
  readonly pin?: string;
  /** A wrong PIN was tried before (persisted by the gateway): do not enter it. */
  readonly pinRejectedBefore?: boolean;
  readonly vendor: ModemVendor;
}

/** `+CPIN: <code>` → state (27.007 §8.3). */
export function simStateOf(code: string): SimState {
  const upper = code.trim().toUpperCase();
  if (upper === 'READY') return 'ready';
  if (upper === 'SIM PIN') return 'pin';
  if (upper === 'SIM PUK') return 'puk';
  if (upper.includes('NOT INSERTED') || upper.includes('REMOVED')) return 'missing';
  if (upper.includes('NOT READY') || upper === '') return 'busy';
  return 'other-lock'; // PH-SIM PIN, SIM PIN2, PH-NET PIN, …: a person must deal with it
}

export async function readSimState(at: AtSend, timeoutMs: number): Promise<SimRead> {
  try {
    const { lines } = await at({ command: 'AT+CPIN?', timeoutMs });
    const code = infoValue(lines, '+CPIN') ?? '';
    return { state: simStateOf(code), said: code };
  } catch (error) {
    if (!isCmeError(error)) {
      if (isModemError(error) && error.code === 'MODEM_ERROR')
        return { state: 'busy', said: 'ERROR' };
      throw error;
    }
    const code = error.context.atCode;
    const said = `+CME ERROR: ${code ?? '?'}`;
    if (code === 10 || code === 13 || code === 15) return { state: 'missing', said };
    if (code === 11) return { state: 'pin', said };
    if (code === 12) return { state: 'puk', said };
    return { state: 'busy', said }; // 14 SIM busy, 3 not allowed yet, …
  }
}

/**
 * Waits for the SIM, entering the PIN once when asked. Resolves when `+CPIN: READY`;
 * rejects with MODEM_SIM_MISSING, MODEM_SIM_PIN_REQUIRED, MODEM_SIM_PUK_LOCKED or
 * MODEM_WRONG_PIN. Returns whether the PIN was entered.
 */
export async function unlockSim(ctx: DriverContext, unlock: UnlockOptions): Promise<boolean> {
  const { clock, options } = ctx;
  const deadline = clock.now() + options.simReadyTimeoutMs;
  let entered = false;
  let last: SimRead = { state: 'busy', said: '' };
  while (clock.now() <= deadline) {
    last = await readSimState(ctx.at, options.commandTimeoutMs);
    switch (last.state) {
      case 'ready':
        return entered;
      case 'missing':
        throw driverError('MODEM_SIM_MISSING', `no usable SIM (${last.said})`, { said: last.said });
      case 'puk': {
        const attempts = await readPinAttempts(ctx.at, unlock.vendor, options.commandTimeoutMs);
        throw driverError('MODEM_SIM_PUK_LOCKED', 'the SIM asks for its PUK; nothing was sent', {
          pukAttemptsLeft: attempts.puk ?? null,
        });
      }
      case 'other-lock':
        throw driverError('MODEM_SIM_PIN_REQUIRED', `the SIM asks for ${last.said}`, {
          simState: last.said,
          pinConfigured: unlock.pin !== undefined,
        });
      case 'pin':
        if (entered) {
          // OK to AT+CPIN=, yet still asking: the PIN did not take. Never enter it again.
          throw wrongPin('the SIM still asks for its PIN after it was entered', { certain: false });
        }
        await enterPinOnce(ctx, unlock);
        entered = true;
        continue;
      case 'busy':
        break;
    }
    await delay(clock, options.simPollIntervalMs, ctx.signal);
  }
  throw driverError(
    'MODEM_SIM_MISSING',
    `the SIM was not ready within ${options.simReadyTimeoutMs} ms`,
    {
      said: last.said,
      timeoutMs: options.simReadyTimeoutMs,
    },
  );
}

async function enterPinOnce(ctx: DriverContext, unlock: UnlockOptions): Promise<void> {
  const { pin } = unlock;
  if (pin === undefined) {
    throw driverError('MODEM_SIM_PIN_REQUIRED', 'the SIM asks for its PIN and none is configured', {
      pinConfigured: false,
    });
  }
  if (unlock.pinRejectedBefore === true) {
    throw wrongPin('this PIN was refused before; it is not entered again', {
      previouslyRejected: true,
    });
  }
  if (!/^\d{4,8}$/.test(pin)) {
    // 27.007 / 31.102: a PIN is 4–8 digits. Sending anything else would only burn an attempt.
    throw wrongPin('the configured PIN is not 4 to 8 digits; it was not sent', {
      malformed: true,
      pinRejected: false,
    });
  }
  const attempts = await readPinAttempts(ctx.at, unlock.vendor, ctx.options.commandTimeoutMs);
  if (attempts.pin !== undefined && attempts.pin <= 1) {
    // Someone already used attempts; the last one is left to a person, not to a config file.
    throw driverError('MODEM_SIM_PIN_REQUIRED', 'only one PIN attempt is left; not risking it', {
      pinConfigured: true,
      pinAttemptsLeft: attempts.pin,
    });
  }
  try {
    await ctx.at({ command: `AT+CPIN="${pin}"`, timeoutMs: ctx.options.simCommandTimeoutMs });
  } catch (error) {
    const code = isCmeError(error) ? error.context.atCode : undefined;
    if (code === 16 || code === 12) {
      const after = await readPinAttempts(ctx.at, unlock.vendor, ctx.options.commandTimeoutMs);
      throw wrongPin(
        'the SIM refused the configured PIN',
        {
          certain: true,
          pukRequired: code === 12,
          pinAttemptsLeft: after.pin ?? null,
        },
        error,
      );
    }
    // Timeout or another error: whether the attempt counted is unknown. The next AT+CPIN?
    // decides: ready → fine; still SIM PIN → MODEM_WRONG_PIN (never a second try).
    ctx.logger.warn({ code: (error as { code?: string }).code }, 'PIN entry gave no clear answer');
  }
}

function wrongPin(message: string, context: Record<string, unknown>, cause?: unknown): Error {
  return driverError('MODEM_WRONG_PIN', message, { pinRejected: true, ...context }, cause);
}

/**
 * Remaining PIN/PUK attempts, where the modem says (optional: {} when it does not).
 * Quectel `AT+QPINC="SC"` → `+QPINC: "SC",<pin>,<puk>`; SIMCom `AT+SPIC` →
 * `+SPIC: <pin1>,<puk1>,<pin2>,<puk2>`; Huawei `AT^CPIN?` →
 * `^CPIN: <code>,[<times>],<puk>,<pin>,<puk2>,<pin2>`; 27.007 §8.65 `AT+CPINR="SIM PIN"` →
 * `+CPINR: SIM PIN,<retries>,<default>` (field orders as oFono's drivers/atmodem/sim.c reads them).
 */
export async function readPinAttempts(
  at: AtSend,
  vendor: ModemVendor,
  timeoutMs: number,
): Promise<PinAttempts> {
  const ask = async (command: string, prefix: string): Promise<string[] | undefined> => {
    try {
      const value = infoValue((await at({ command, timeoutMs })).lines, prefix);
      return value === undefined ? undefined : splitFields(value);
    } catch {
      return undefined; // not supported, or not now: the count is optional
    }
  };
  const counts = (pin: string | undefined, puk: string | undefined): PinAttempts => {
    const p = toInt(pin);
    const k = toInt(puk);
    return { ...(p === undefined ? {} : { pin: p }), ...(k === undefined ? {} : { puk: k }) };
  };
  if (vendor === 'quectel') {
    const f = await ask('AT+QPINC="SC"', '+QPINC');
    if (f !== undefined) return counts(f[1], f[2]);
  } else if (vendor === 'simcom') {
    const f = await ask('AT+SPIC', '+SPIC');
    if (f !== undefined) return counts(f[0], f[1]);
  } else if (vendor === 'huawei') {
    const f = await ask('AT^CPIN?', '^CPIN');
    if (f !== undefined) return counts(f[3], f[2]);
  }
  const pin = await ask('AT+CPINR="SIM PIN"', '+CPINR');
  const puk = pin === undefined ? undefined : await ask('AT+CPINR="SIM PUK"', '+CPINR');
  return counts(pin?.[1], puk?.[1]);
}
