import {
  DEFAULT_MONTHLY_STOCK,
  DEFAULT_PACK_VALIDITY_YEARS,
  assertMonthlyStock,
} from './creditEvents.js';
import { assertInstant, policyError } from './policyErrors.js';
import { startOfLocalMonth, startOfNextLocalMonth, zoneNamed } from './zoneTime.js';

/** How a ledger reads time and fills gaps. */
export interface CreditLedgerOptions {
  /**
   * The zone whose calendar months the monthly stock follows: it resets at
   * 00:00 on the 1st, local time. Default `Europe/Paris` (Cely serves France).
   */
  readonly timeZone?: string;
  /** The monthly stock before any `set-monthly-stock` event. Default 1,000 (Cely art. 4). */
  readonly monthlyStock?: number;
  /** Validity of a pack granted without `expiresAt`. Default 2 years (SMS4less art. 6.2). */
  readonly packValidityYears?: number;
}

export interface MonthlyBalance {
  readonly stock: number;
  /** Drawn from the stock this month. */
  readonly used: number;
  /** Operator corrections for this month (may be negative). */
  readonly adjustment: number;
  /** `max(0, stock + adjustment − used)`. */
  readonly remaining: number;
  /** First instant of the current local month. */
  readonly periodStart: number;
  /** First instant of the next one, when `used` and `adjustment` go back to 0. */
  readonly periodEnd: number;
}

export interface PackBalance {
  readonly id: string;
  readonly granted: number;
  readonly remaining: number;
  readonly grantedAt: number;
  /** Usable while `now < expiresAt`. */
  readonly expiresAt: number;
  /** `expired`: past its expiry or cancelled; its leftover is in `lapsed`. */
  readonly status: 'active' | 'expired';
  readonly lapsed: number;
}

/** A ledger's state at `asOf`. Plain data: safe to log, compare, send as JSON. */
export interface CreditBalance {
  readonly asOf: number;
  readonly timeZone: string;
  readonly packValidityYears: number;
  readonly monthly: MonthlyBalance;
  /** Every pack ever granted, in draw order: soonest expiry first, then oldest grant, then id. */
  readonly packs: readonly PackBalance[];
  /** Credits usable now: the monthly remaining plus every active pack's remaining. */
  readonly total: number;
  /** Credits lost to pack expiry so far. */
  readonly expired: number;
}

/** A ledger with no events yet, starting at `at`. */
export function emptyBalance(at: number, options: CreditLedgerOptions = {}): CreditBalance {
  assertInstant(at, 'at');
  const timeZone = options.timeZone ?? 'Europe/Paris';
  const zone = zoneNamed(timeZone);
  const stock = options.monthlyStock ?? DEFAULT_MONTHLY_STOCK;
  assertMonthlyStock(stock);
  const packValidityYears = options.packValidityYears ?? DEFAULT_PACK_VALIDITY_YEARS;
  if (!Number.isSafeInteger(packValidityYears) || packValidityYears < 1) {
    throw policyError('POLICY_CREDIT_EXPIRY', `packValidityYears must be a whole number ≥ 1`, {
      packValidityYears: String(packValidityYears),
    });
  }
  return withTotals({
    asOf: at,
    timeZone,
    packValidityYears,
    monthly: monthly(stock, 0, 0, startOfLocalMonth(zone, at), startOfNextLocalMonth(zone, at)),
    packs: [],
    expired: 0,
  });
}

/**
 * The same ledger later on, with no new events: a new month resets the
 * monthly use, packs whose expiry has come lapse. Time only moves forward.
 */
export function balanceAt(balance: CreditBalance, at: number): CreditBalance {
  assertInstant(at, 'at');
  if (at < balance.asOf) {
    throw policyError('POLICY_CREDIT_EVENT', 'a credit ledger only moves forward in time', {
      asOf: balance.asOf,
      at,
    });
  }
  const zone = zoneNamed(balance.timeZone);
  let { monthly: month, expired } = balance;
  if (at >= month.periodEnd) {
    month = monthly(
      month.stock,
      0,
      0,
      startOfLocalMonth(zone, at),
      startOfNextLocalMonth(zone, at),
    );
  }
  const packs = balance.packs.map((pack) => {
    if (pack.status === 'active' && at >= pack.expiresAt) {
      expired += pack.remaining;
      return lapse(pack);
    }
    return pack;
  });
  return withTotals({ ...balance, asOf: at, monthly: month, packs, expired });
}

export function monthly(
  stock: number,
  used: number,
  adjustment: number,
  periodStart: number,
  periodEnd: number,
): MonthlyBalance {
  const remaining = Math.max(0, stock + adjustment - used);
  return { stock, used, adjustment, remaining, periodStart, periodEnd };
}

export function lapse(pack: PackBalance): PackBalance {
  return { ...pack, status: 'expired', remaining: 0, lapsed: pack.lapsed + pack.remaining };
}

/** Puts packs in draw order and recomputes `total`. */
export function withTotals(balance: Omit<CreditBalance, 'total'>): CreditBalance {
  const packs = [...balance.packs].sort(
    (a, b) =>
      a.expiresAt - b.expiresAt ||
      a.grantedAt - b.grantedAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const inPacks = packs.reduce((sum, p) => sum + (p.status === 'active' ? p.remaining : 0), 0);
  return { ...balance, packs, total: balance.monthly.remaining + inPacks };
}
