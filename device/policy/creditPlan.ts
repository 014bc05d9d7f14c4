import { balanceAt, type CreditBalance } from './creditBalance.js';
import { assertPositiveCredits } from './creditEvents.js';

/** One bucket a consumption draws from. */
export type CreditDraw =
  | { readonly bucket: 'monthly'; readonly credits: number }
  | { readonly bucket: 'pack'; readonly packId: string; readonly credits: number };

export type ConsumptionPlan =
  | { readonly ok: true; readonly draws: readonly CreditDraw[] }
  | {
      readonly ok: false;
      /** RULES.md §5: no credit, no send; the message waits with this reason, it is not lost. */
      readonly reason: 'no-credit';
      readonly available: number;
      readonly missing: number;
      /** When the monthly stock refills (`null`: no monthly stock; only a new pack helps). */
      readonly nextRefillAt: number | null;
    };

/**
 * Which buckets `credits` would come from at `at` (default: the balance's
 * own instant): the monthly stock first, then packs soonest-expiring first
 * (RULES.md §5), skipping expired ones. All or nothing: a shortfall draws
 * nothing, so the dispatcher can check a whole message before its first part
 * and never strand half of it for lack of credit.
 */
export function planConsumption(
  balance: CreditBalance,
  credits: number,
  at = balance.asOf,
): ConsumptionPlan {
  assertPositiveCredits(credits, 'a consumption');
  const now = balanceAt(balance, at);
  if (credits > now.total) {
    return {
      ok: false,
      reason: 'no-credit',
      available: now.total,
      missing: credits - now.total,
      nextRefillAt: now.monthly.stock > 0 ? now.monthly.periodEnd : null,
    };
  }
  const draws: CreditDraw[] = [];
  let left = credits;
  const fromMonthly = Math.min(left, now.monthly.remaining);
  if (fromMonthly > 0) {
    draws.push({ bucket: 'monthly', credits: fromMonthly });
    left -= fromMonthly;
  }
  for (const pack of now.packs) {
    if (left === 0) break;
    if (pack.status !== 'active' || pack.remaining === 0) continue;
    const take = Math.min(left, pack.remaining);
    draws.push({ bucket: 'pack', packId: pack.id, credits: take });
    left -= take;
  }
  return { ok: true, draws };
}
