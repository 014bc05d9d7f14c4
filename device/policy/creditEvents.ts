import { policyError } from './policyErrors.js';

/**
 * The append-only facts a credit balance is derived from (RULES.md §5). The
 * queue stores them (and journals them for the cloud); this layer only folds
 * them. `at` is epoch ms from the Clock. Credits are whole SMS segments.
 */
export type CreditEvent =
  GrantPackEvent | SetMonthlyStockEvent | ConsumeEvent | ExpirePackEvent | AdjustEvent;

/** A prepaid pack was paid for (SMS4less art. 5.2, 8.1: credits are paid before use). */
export interface GrantPackEvent {
  readonly type: 'grant-pack';
  readonly at: number;
  /** Unique across the ledger, e.g. the invoice number. */
  readonly packId: string;
  readonly credits: number;
  /** Default: `at` + packValidityYears, same local wall time (SMS4less art. 6.2). */
  readonly expiresAt?: number;
}

/**
 * The monthly stock changes (Cely art. 4: 1,000 by default, up to 100,000 on
 * request). Product decision: it takes effect at once, for the current month
 * too: a customer who upgrades on the 15th can use it on the 15th.
 */
export interface SetMonthlyStockEvent {
  readonly type: 'set-monthly-stock';
  readonly at: number;
  readonly stock: number;
}

/** Credits taken when segments were handed to the modem (RULES.md §5). */
export interface ConsumeEvent {
  readonly type: 'consume';
  readonly at: number;
  readonly credits: number;
  /** The message or part it paid for, for audit only. */
  readonly ref?: string;
}

/** A pack's remaining credits are cancelled (SMS4less art. 6.3). Idempotent. */
export interface ExpirePackEvent {
  readonly type: 'expire-pack';
  readonly at: number;
  readonly packId: string;
}

/**
 * An operator correction, positive or negative. On `monthly` it counts for
 * the current month only (a refund, a goodwill gesture); on a pack it
 * changes that pack's remaining credits.
 */
export interface AdjustEvent {
  readonly type: 'adjust';
  readonly at: number;
  readonly credits: number;
  readonly target: 'monthly' | { readonly packId: string };
  readonly reason?: string;
}

/** Cely art. 4. */
export const DEFAULT_MONTHLY_STOCK = 1000;
/** Cely art. 4 ("jusqu'à 100 000 SMS par mois sur demande"). */
export const MAX_MONTHLY_STOCK = 100_000;
/** SMS4less art. 6.2–6.3: valid at least two years, may be cancelled after. */
export const DEFAULT_PACK_VALIDITY_YEARS = 2;

export function assertPositiveCredits(credits: number, what: string): void {
  if (!Number.isSafeInteger(credits) || credits <= 0) {
    throw policyError(
      'POLICY_CREDIT_AMOUNT',
      `${what} must be a whole number of credits ≥ 1, not ${credits}`,
      {
        what,
        credits: String(credits),
      },
    );
  }
}

export function assertMonthlyStock(stock: number): void {
  if (!Number.isSafeInteger(stock) || stock < 0 || stock > MAX_MONTHLY_STOCK) {
    throw policyError(
      'POLICY_CREDIT_STOCK',
      `the monthly stock must be a whole number from 0 to ${MAX_MONTHLY_STOCK}, not ${stock}`,
      { stock: String(stock), max: MAX_MONTHLY_STOCK },
    );
  }
}
