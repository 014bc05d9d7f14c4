import {
  balanceAt,
  emptyBalance,
  lapse,
  monthly,
  withTotals,
  type CreditBalance,
  type CreditLedgerOptions,
  type PackBalance,
} from './creditBalance.js';
import { assertMonthlyStock, assertPositiveCredits, type CreditEvent } from './creditEvents.js';
import { planConsumption } from './creditPlan.js';
import { assertInstant, isPolicyError, policyError } from './policyErrors.js';
import { addLocalYears, zoneNamed } from './zoneTime.js';

/**
 * Applies one event to a balance and returns the new balance; the input is
 * not changed. Throws a POLICY_CREDIT_* error for an event that must not be
 * appended (bad amount, unknown or duplicate pack, consumption beyond the
 * balance, an event older than the balance): the queue calls this before it
 * writes the event, in the same transaction, so the stored log stays valid.
 */
export function applyCreditEvent(balance: CreditBalance, event: CreditEvent): CreditBalance {
  if (typeof event !== 'object' || event === null) {
    throw policyError('POLICY_CREDIT_EVENT', 'a credit event must be an object');
  }
  assertInstant(event.at, 'event.at');
  const now = balanceAt(balance, event.at);
  switch (event.type) {
    case 'grant-pack':
      return grantPack(now, event.packId, event.credits, event.expiresAt);
    case 'set-monthly-stock': {
      assertMonthlyStock(event.stock);
      const m = now.monthly;
      return withTotals({
        ...now,
        monthly: monthly(event.stock, m.used, m.adjustment, m.periodStart, m.periodEnd),
      });
    }
    case 'consume':
      return consume(now, event.credits);
    case 'expire-pack': {
      const pack = findPack(now, event.packId);
      if (pack.status === 'expired') return now;
      return replacePack({ ...now, expired: now.expired + pack.remaining }, lapse(pack));
    }
    case 'adjust':
      return adjust(now, event.credits, event.target);
    default:
      throw policyError(
        'POLICY_CREDIT_EVENT',
        `unknown credit event type "${String((event as { type?: unknown }).type)}"`,
        {
          type: String((event as { type?: unknown }).type),
        },
      );
  }
}

/**
 * The balance at `asOf`, derived from the event log. Events after `asOf` are
 * ignored; events are taken in time order (ties in log order). Throws like
 * applyCreditEvent, with the failing event's index in `context.index`.
 */
export function creditBalance(
  events: readonly CreditEvent[],
  asOf: number,
  options: CreditLedgerOptions = {},
): CreditBalance {
  assertInstant(asOf, 'asOf');
  events.forEach((event, index) => {
    if (typeof event !== 'object' || event === null || !Number.isFinite(event.at)) {
      throw policyError('POLICY_CREDIT_EVENT', `credit event #${index} has no valid "at" instant`, {
        index,
      });
    }
  });
  const ordered = events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => event.at <= asOf)
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index);
  let balance = emptyBalance(ordered[0]?.event.at ?? asOf, options);
  for (const { event, index } of ordered) {
    try {
      balance = applyCreditEvent(balance, event);
    } catch (error) {
      if (isPolicyError(error)) {
        throw policyError(error.code, `credit event #${index}: ${error.message}`, {
          ...error.context,
          index,
        });
      }
      throw error;
    }
  }
  return balanceAt(balance, asOf);
}

function grantPack(
  now: CreditBalance,
  packId: string,
  credits: number,
  expiresAt?: number,
): CreditBalance {
  if (typeof packId !== 'string' || packId === '') {
    throw policyError('POLICY_CREDIT_EVENT', 'a pack needs a non-empty packId');
  }
  if (now.packs.some((p) => p.id === packId)) {
    throw policyError('POLICY_CREDIT_PACK_DUPLICATE', `pack "${packId}" was already granted`, {
      packId,
    });
  }
  assertPositiveCredits(credits, `pack "${packId}"`);
  const expiry =
    expiresAt ?? addLocalYears(zoneNamed(now.timeZone), now.asOf, now.packValidityYears);
  assertInstant(expiry, 'expiresAt');
  if (expiry <= now.asOf) {
    throw policyError(
      'POLICY_CREDIT_EXPIRY',
      `pack "${packId}" would expire before it is granted`,
      {
        packId,
        at: now.asOf,
        expiresAt: expiry,
      },
    );
  }
  const pack: PackBalance = {
    id: packId,
    granted: credits,
    remaining: credits,
    grantedAt: now.asOf,
    expiresAt: expiry,
    status: 'active',
    lapsed: 0,
  };
  return withTotals({ ...now, packs: [...now.packs, pack] });
}

function consume(now: CreditBalance, credits: number): CreditBalance {
  const plan = planConsumption(now, credits);
  if (!plan.ok) {
    throw policyError(
      'POLICY_CREDIT_INSUFFICIENT',
      `cannot consume ${credits} credits: ${plan.available} available`,
      { credits, available: plan.available },
    );
  }
  let balance = now;
  for (const draw of plan.draws) {
    if (draw.bucket === 'monthly') {
      const m = balance.monthly;
      balance = withTotals({
        ...balance,
        monthly: monthly(m.stock, m.used + draw.credits, m.adjustment, m.periodStart, m.periodEnd),
      });
    } else {
      const pack = findPack(balance, draw.packId);
      balance = replacePack(balance, { ...pack, remaining: pack.remaining - draw.credits });
    }
  }
  return balance;
}

function adjust(
  now: CreditBalance,
  credits: number,
  target: 'monthly' | { readonly packId: string },
): CreditBalance {
  if (!Number.isSafeInteger(credits) || credits === 0) {
    throw policyError(
      'POLICY_CREDIT_AMOUNT',
      `an adjustment must be a non-zero whole number, not ${credits}`,
      {
        credits: String(credits),
      },
    );
  }
  if (target === 'monthly') {
    const m = now.monthly;
    if (m.stock + m.adjustment + credits - m.used < 0 && credits < 0) {
      throw policyError(
        'POLICY_CREDIT_AMOUNT',
        `adjustment ${credits} would take the monthly stock below 0`,
        {
          credits,
          remaining: m.remaining,
        },
      );
    }
    return withTotals({
      ...now,
      monthly: monthly(m.stock, m.used, m.adjustment + credits, m.periodStart, m.periodEnd),
    });
  }
  const pack = findPack(now, target?.packId);
  if (pack.status === 'expired') {
    throw policyError(
      'POLICY_CREDIT_EXPIRY',
      `pack "${pack.id}" has expired and cannot be adjusted`,
      {
        packId: pack.id,
      },
    );
  }
  if (pack.remaining + credits < 0) {
    throw policyError(
      'POLICY_CREDIT_AMOUNT',
      `adjustment ${credits} would take pack "${pack.id}" below 0`,
      {
        packId: pack.id,
        credits,
        remaining: pack.remaining,
      },
    );
  }
  return replacePack(now, { ...pack, remaining: pack.remaining + credits });
}

function findPack(balance: CreditBalance, packId: string | undefined): PackBalance {
  const pack = balance.packs.find((p) => p.id === packId);
  if (!pack) {
    throw policyError('POLICY_CREDIT_PACK_UNKNOWN', `no pack "${String(packId)}" in this ledger`, {
      packId: String(packId),
    });
  }
  return pack;
}

function replacePack(balance: CreditBalance, pack: PackBalance): CreditBalance {
  return withTotals({ ...balance, packs: balance.packs.map((p) => (p.id === pack.id ? pack : p)) });
}
