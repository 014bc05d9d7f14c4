/**
 * A modem's sending cap, per minute and per day, set by the operator to the SIM contract
 * (RULES.md §6: automated mass sending through a SIM is misuse and gets the line suspended;
 * the cloud cannot lift the cap). The dispatcher asks before each message:
 *
 *     const verdict = cap.tryTake(parts.length);   // all the parts of a message, or none
 *     if (!verdict.ok) requeue(message, verdict.retryAt, verdict.reason);
 *
 * Windows, chosen to match what an operator reads in a contract:
 * - per minute: a rolling 60 s window. Never more than `perMinute` parts in any 60 s, so a
 *   burst straddling a minute boundary cannot reach twice the cap (a fixed window would
 *   allow that, and bursts are what operators' anti-spam systems look at).
 * - per day: the local calendar day in `timeZone` (Europe/Paris by default), reset at local
 *   midnight, including the 23-hour and 25-hour days of the DST changes. Contracts and the
 *   operator's own counting are per day, not per rolling 24 h; a rolling day would also
 *   leave the operator wondering why the morning reminders wait for yesterday's 10:00.
 *
 * The clock going backwards (an NTP step on a Pi without an RTC) never frees a send: a
 * minute entry "in the future" counts as taken now, and a day counter whose day is later
 * than today carries over to today instead of resetting. At worst sending pauses for a
 * minute, or until the next local midnight.
 *
 * Usage survives restarts through the RateCapStore, saved before tryTake() returns.
 */
import { systemClock, type Clock } from '../../policy/Clock.js';
import { formatDayNumber } from '../../policy/civilDate.js';
import { localPositionOf, localToInstant, zoneNamed, type Zone } from '../../policy/zoneTime.js';
import { GatewayError } from '../../shared/GatewayError.js';
import {
  MAX_RATE_LIMIT,
  isRateCapState,
  isRateLimit,
  type RateCapState,
  type RateCapStore,
} from './RateCapStore.js';

export type { RateCapState, RateCapStore } from './RateCapStore.js';
export { MemoryRateCapStore, isRateCapState } from './RateCapStore.js';

export interface RateLimits {
  readonly perMinute: number;
  readonly perDay: number;
}

export interface RateCapOptions {
  /** The operator's limits from the SIM contract; nothing at runtime goes above them. */
  readonly ceilings: RateLimits;
  /** Where the usage lives across restarts (the SQLite queue in production). */
  readonly store: RateCapStore;
  /** Time zone of the per-day calendar day. @default 'Europe/Paris' */
  readonly timeZone?: string;
  /** @default systemClock */
  readonly clock?: Clock;
}

export type RateCapReason = 'per-minute' | 'per-day';

export type RateCapVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryAt: number; readonly reason: RateCapReason };

export interface SetLimitsResult {
  /** The limits now in force. */
  readonly limits: RateLimits;
  /** Fields asked above their ceiling and held at it (the cloud cannot lift the cap). */
  readonly clamped: readonly (keyof RateLimits)[];
}

export interface RateCapSnapshot {
  readonly timeZone: string;
  readonly ceilings: RateLimits;
  readonly limits: RateLimits;
  readonly day: string;
  readonly usedToday: number;
  readonly usedLastMinute: number;
  readonly remainingToday: number;
  readonly remainingThisMinute: number;
  /** When the per-day count resets (the next local midnight). */
  readonly dayResetsAt: number;
}

export const RATE_CAP_ERROR_CODES = [
  /** Bad ceilings, limits or time zone. */
  'MODEM_RATE_CAP_CONFIG',
  /** `parts` not a positive whole number, or above a limit outright. */
  'MODEM_RATE_CAP_PARTS',
  /** The store returned something that is not a saved state. */
  'MODEM_RATE_CAP_STATE',
] as const;
export type RateCapErrorCode = (typeof RATE_CAP_ERROR_CODES)[number];

export const MINUTE_MS = 60_000;

export class RateCap {
  readonly ceilings: RateLimits;
  readonly timeZone: string;
  readonly #zone: Zone;
  readonly #clock: Clock;
  readonly #store: RateCapStore;
  #minute: number[];
  #day: string;
  #dayCount: number;
  #lowered: { perMinute?: number; perDay?: number };

  constructor(options: RateCapOptions) {
    this.ceilings = {
      perMinute: checkLimit('ceilings.perMinute', options.ceilings?.perMinute),
      perDay: checkLimit('ceilings.perDay', options.ceilings?.perDay),
    };
    this.timeZone = options.timeZone ?? 'Europe/Paris';
    try {
      this.#zone = zoneNamed(this.timeZone);
    } catch (cause) {
      const message = `"${this.timeZone}" is not an IANA time zone (e.g. Europe/Paris)`;
      throw rateCapError('MODEM_RATE_CAP_CONFIG', message, { field: 'timeZone' }, cause);
    }
    this.#clock = options.clock ?? systemClock;
    this.#store = options.store;
    const state = this.#store.load();
    // A store holding something else than what we saved is reported, not guessed around.
    if (state !== undefined && !isRateCapState(state)) {
      throw rateCapError('MODEM_RATE_CAP_STATE', 'the saved rate-cap state is not readable', {
        state: JSON.stringify(state)?.slice(0, 200),
      });
    }
    this.#minute = state ? [...state.minute].sort((a, b) => a - b) : [];
    this.#day = state?.day ?? this.#dayOf(this.#clock.now());
    this.#dayCount = state?.dayCount ?? 0;
    this.#lowered = {};
    // A ceiling lowered in the configuration since the save wins over a saved lowering.
    for (const field of ['perMinute', 'perDay'] as const) {
      const value = state?.lowered[field];
      if (value !== undefined && value < this.ceilings[field]) this.#lowered[field] = value;
    }
  }

  /** The limits in force: the lowered ones, else the ceilings. */
  get limits(): RateLimits {
    return {
      perMinute: this.#lowered.perMinute ?? this.ceilings.perMinute,
      perDay: this.#lowered.perDay ?? this.ceilings.perDay,
    };
  }

  /**
   * Takes `parts` sends if both windows have room for all of them, and saves before it
   * returns; otherwise takes nothing and says when to ask again. Throws MODEM_RATE_CAP_PARTS
   * when `parts` is not a positive whole number or exceeds a limit outright (such a message
   * can never go through this modem as the limits stand: waiting would not help).
   */
  tryTake(parts = 1): RateCapVerdict {
    const now = this.#refresh();
    const verdict = this.#check(parts, now);
    if (!verdict.ok) return verdict;
    const before = { minute: this.#minute, dayCount: this.#dayCount };
    this.#minute = [...this.#minute, ...Array<number>(parts).fill(now)];
    this.#dayCount += parts;
    try {
      this.#save();
    } catch (error) {
      // Not durable, not taken: the caller must not send on a count a power cut would lose.
      this.#minute = before.minute;
      this.#dayCount = before.dayCount;
      throw error;
    }
    return verdict;
  }

  /** What tryTake(parts) would answer now, without taking anything. */
  peek(parts = 1): RateCapVerdict {
    return this.#check(parts, this.#refresh());
  }

  /**
   * Lowers (or raises back, up to the ceiling) the limits given; the others stay. A value
   * above its ceiling is held at the ceiling and listed in `clamped`, so a `config/desired`
   * from the cloud is applied as far as allowed and reported as such.
   */
  setLimits(limits: Partial<RateLimits>): SetLimitsResult {
    const clamped: (keyof RateLimits)[] = [];
    const next = { ...this.#lowered };
    for (const field of ['perMinute', 'perDay'] as const) {
      const asked = limits[field];
      if (asked === undefined) continue;
      const value = checkLimit(field, asked);
      if (value > this.ceilings[field]) clamped.push(field);
      if (value >= this.ceilings[field]) delete next[field];
      else next[field] = value;
    }
    const previous = this.#lowered;
    this.#lowered = next;
    try {
      this.#save();
    } catch (error) {
      this.#lowered = previous;
      throw error;
    }
    return { limits: this.limits, clamped };
  }

  /** Back to the ceilings. */
  resetLimits(): RateLimits {
    return this.setLimits(this.ceilings).limits;
  }

  snapshot(): RateCapSnapshot {
    const now = this.#refresh();
    const limits = this.limits;
    return {
      timeZone: this.timeZone,
      ceilings: this.ceilings,
      limits,
      day: this.#day,
      usedToday: this.#dayCount,
      usedLastMinute: this.#minute.length,
      remainingToday: Math.max(0, limits.perDay - this.#dayCount),
      remainingThisMinute: Math.max(0, limits.perMinute - this.#minute.length),
      dayResetsAt: this.#nextMidnight(now),
    };
  }

  #check(parts: number, now: number): RateCapVerdict {
    const limits = this.limits;
    if (!Number.isInteger(parts) || parts < 1) {
      throw rateCapError('MODEM_RATE_CAP_PARTS', 'parts must be a positive whole number', {
        parts: String(parts),
      });
    }
    if (parts > limits.perMinute || parts > limits.perDay) {
      const message = `${parts} parts exceed this modem's rate cap outright`;
      throw rateCapError('MODEM_RATE_CAP_PARTS', message, { parts, ...limits });
    }
    const excess = this.#minute.length + parts - limits.perMinute;
    // Entries expire 60 s after they were taken; this one's expiry leaves room for all parts.
    const minuteFreeAt = excess > 0 ? (this.#minute[excess - 1] as number) + MINUTE_MS : undefined;
    if (this.#dayCount + parts > limits.perDay) {
      const retryAt = Math.max(this.#nextMidnight(now), minuteFreeAt ?? 0);
      return { ok: false, retryAt, reason: 'per-day' };
    }
    if (minuteFreeAt !== undefined)
      return { ok: false, retryAt: minuteFreeAt, reason: 'per-minute' };
    return { ok: true };
  }

  /** Brings the windows up to now; returns now. */
  #refresh(): number {
    const now = this.#clock.now();
    // Clock stepped back: an entry from "the future" counts as taken now, not as free.
    this.#minute = this.#minute.map((at) => Math.min(at, now)).filter((at) => at > now - MINUTE_MS);
    const today = this.#dayOf(now);
    if (today > this.#day) this.#dayCount = 0;
    // Later day saved than today (clock stepped back over midnight): the count carries over.
    this.#day = today;
    return now;
  }

  #save(): void {
    const state: RateCapState = {
      version: 1,
      minute: [...this.#minute],
      day: this.#day,
      dayCount: this.#dayCount,
      lowered: { ...this.#lowered },
    };
    this.#store.save(state);
  }

  #dayOf(instant: number): string {
    return formatDayNumber(localPositionOf(this.#zone, instant).day);
  }

  #nextMidnight(instant: number): number {
    return localToInstant(this.#zone, localPositionOf(this.#zone, instant).day + 1, 0);
  }
}

export function isRateCapError(value: unknown): value is GatewayError<RateCapErrorCode> {
  return (
    value instanceof GatewayError &&
    (RATE_CAP_ERROR_CODES as readonly string[]).includes(value.code)
  );
}

function rateCapError(
  code: RateCapErrorCode,
  message: string,
  context: Record<string, unknown>,
  cause?: unknown,
): GatewayError<RateCapErrorCode> {
  return new GatewayError(code, message, context, cause === undefined ? undefined : { cause });
}

function checkLimit(field: string, value: unknown): number {
  if (isRateLimit(value)) return value;
  const message = `${field} must be a whole number from 1 to ${MAX_RATE_LIMIT}`;
  throw rateCapError('MODEM_RATE_CAP_CONFIG', message, { field, value: String(value) });
}
