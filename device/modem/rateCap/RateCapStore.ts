/**
 * Where a modem's rate-cap usage survives a restart (ARCHITECTURE.md, Durability: the usage
 * counters are not kept only in memory). The modem layer knows no SQL, so it takes this
 * interface; the gateway backs it with the SQLite queue, one row per modem. Synchronous,
 * like better-sqlite3: RateCap.tryTake() saves before it returns, so a part is never handed
 * to the modem on a count that a power cut could lose.
 */
export interface RateCapState {
  /** Shape version, for a future migration. */
  readonly version: 1;
  /** Instants (epoch ms) of the parts taken in the rolling minute, oldest first. */
  readonly minute: readonly number[];
  /** The local calendar day `dayCount` belongs to, `YYYY-MM-DD` in the cap's time zone. */
  readonly day: string;
  /** Parts taken on `day`. */
  readonly dayCount: number;
  /**
   * Limits lowered below the ceilings (by the operator or the cloud); an absent field
   * follows its ceiling, so raising a ceiling in the configuration takes effect.
   */
  readonly lowered: { readonly perMinute?: number; readonly perDay?: number };
}

export interface RateCapStore {
  /** The saved state, or undefined on first start. */
  load(): RateCapState | undefined;
  /** Replaces the saved state; must be durable when it returns. */
  save(state: RateCapState): void;
}

/** For tests and the simulated modem: survives a RateCap being rebuilt, not the process. */
export class MemoryRateCapStore implements RateCapStore {
  #state: RateCapState | undefined;
  /** How many times save() ran, for tests that check every take is persisted. */
  saves = 0;

  constructor(initial?: RateCapState) {
    this.#state = initial === undefined ? undefined : structuredClone(initial);
  }

  load(): RateCapState | undefined {
    return this.#state === undefined ? undefined : structuredClone(this.#state);
  }

  save(state: RateCapState): void {
    // A copy, as a database would keep: later changes by the caller do not leak in.
    this.#state = structuredClone(state);
    this.saves++;
  }
}

/** Far above any SIM contract; guards against a typo of three extra zeros. */
export const MAX_RATE_LIMIT = 1_000_000;

/** True when `value` has the shape RateCap saves (a store can check what it read). */
export function isRateCapState(value: unknown): value is RateCapState {
  const state = value as Partial<Record<keyof RateCapState, unknown>> | null;
  if (typeof state !== 'object' || state === null) return false;
  const lowered = state.lowered as Record<string, unknown> | null | undefined;
  return (
    state.version === 1 &&
    Array.isArray(state.minute) &&
    state.minute.length <= MAX_RATE_LIMIT &&
    state.minute.every((at) => typeof at === 'number' && Number.isFinite(at)) &&
    typeof state.day === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(state.day) &&
    typeof state.dayCount === 'number' &&
    Number.isInteger(state.dayCount) &&
    state.dayCount >= 0 &&
    typeof lowered === 'object' &&
    lowered !== null &&
    ['perMinute', 'perDay'].every(
      (field) => lowered[field] === undefined || isRateLimit(lowered[field]),
    )
  );
}

/** A limit or ceiling: a whole number of parts from 1 to MAX_RATE_LIMIT. */
export function isRateLimit(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_RATE_LIMIT
  );
}
