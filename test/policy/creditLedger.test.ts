import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ManualClock,
  applyCreditEvent,
  balanceAt,
  creditBalance,
  emptyBalance,
  planConsumption,
  type CreditEvent,
} from '../../device/policy/index.js';

const at = (iso: string): number => Date.parse(iso);
const JAN = at('2026-01-10T10:00:00+01:00');

describe('monthly stock (Cely art. 4)', () => {
  test('starts at 1,000 by default, and the period is the local calendar month', () => {
    const b = creditBalance([], JAN);
    expect(b.monthly).toEqual({
      stock: 1000,
      used: 0,
      adjustment: 0,
      remaining: 1000,
      periodStart: at('2026-01-01T00:00:00+01:00'),
      periodEnd: at('2026-02-01T00:00:00+01:00'),
    });
    expect(b.total).toBe(1000);
  });

  test('resets at local midnight on the 1st (Europe/Paris), not at UTC midnight', () => {
    const events: CreditEvent[] = [{ type: 'consume', at: JAN, credits: 1000 }];
    expect(creditBalance(events, at('2026-01-31T23:59:59.999+01:00')).monthly.remaining).toBe(0);
    const february = creditBalance(events, at('2026-02-01T00:00:00+01:00'));
    expect(february.monthly).toMatchObject({
      used: 0,
      remaining: 1000,
      periodStart: at('2026-01-31T23:00:00Z'),
    });
  });

  test('the month rollover also works with an injected clock and the summer offset', () => {
    const clock = new ManualClock('2026-03-31T21:59:00Z'); // 23:59 CEST
    let b = applyCreditEvent(emptyBalance(clock.now()), {
      type: 'consume',
      at: clock.now(),
      credits: 700,
    });
    expect(b.monthly.remaining).toBe(300);
    clock.advance(60_000); // 00:00 CEST on 1 April
    b = balanceAt(b, clock.now());
    expect(b.monthly).toMatchObject({
      used: 0,
      remaining: 1000,
      periodStart: at('2026-04-01T00:00:00+02:00'),
    });
  });

  test('a stock change takes effect at once, for the current month too', () => {
    const b = creditBalance(
      [
        { type: 'consume', at: JAN, credits: 800 },
        { type: 'set-monthly-stock', at: JAN + 1, stock: 5000 },
      ],
      JAN + 2,
    );
    expect(b.monthly).toMatchObject({ stock: 5000, used: 800, remaining: 4200 });
  });

  test('lowering the stock below what was used leaves 0 this month, not a negative balance', () => {
    const b = creditBalance(
      [
        { type: 'consume', at: JAN, credits: 800 },
        { type: 'set-monthly-stock', at: JAN + 1, stock: 500 },
      ],
      JAN + 2,
    );
    expect(b.monthly.remaining).toBe(0);
    expect(
      creditBalance(
        [{ type: 'set-monthly-stock', at: JAN, stock: 500 }],
        at('2026-02-02T00:00:00Z'),
      ).monthly.remaining,
    ).toBe(500);
  });

  test('the stock is a whole number from 0 to 100,000', () => {
    for (const stock of [-1, 100_001, 1.5, Number.NaN]) {
      expect(() => creditBalance([{ type: 'set-monthly-stock', at: JAN, stock }], JAN)).toThrow(
        expect.objectContaining({ code: 'POLICY_CREDIT_STOCK' }),
      );
    }
    expect(creditBalance([{ type: 'set-monthly-stock', at: JAN, stock: 100_000 }], JAN).total).toBe(
      100_000,
    );
    expect(() => emptyBalance(JAN, { monthlyStock: 200_000 })).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_STOCK' }),
    );
  });

  test('a profile without a monthly stock (packs only) starts at 0', () => {
    expect(creditBalance([], JAN, { monthlyStock: 0 }).total).toBe(0);
  });
});

describe('packs (SMS4less art. 5–6)', () => {
  test('a pack is valid two years by default, to the same local wall time', () => {
    const b = creditBalance([{ type: 'grant-pack', at: JAN, packId: 'P1', credits: 500 }], JAN);
    expect(b.packs[0]).toMatchObject({
      id: 'P1',
      remaining: 500,
      expiresAt: at('2028-01-10T10:00:00+01:00'),
      status: 'active',
    });
    expect(b.total).toBe(1500);
  });

  test('the monthly stock is used before packs, and packs soonest-expiring first', () => {
    const events: CreditEvent[] = [
      {
        type: 'grant-pack',
        at: JAN,
        packId: 'late',
        credits: 100,
        expiresAt: at('2027-12-31T00:00:00Z'),
      },
      {
        type: 'grant-pack',
        at: JAN,
        packId: 'soon',
        credits: 100,
        expiresAt: at('2026-06-30T00:00:00Z'),
      },
    ];
    const b = creditBalance(events, JAN);
    expect(planConsumption(b, 1150)).toEqual({
      ok: true,
      draws: [
        { bucket: 'monthly', credits: 1000 },
        { bucket: 'pack', packId: 'soon', credits: 100 },
        { bucket: 'pack', packId: 'late', credits: 50 },
      ],
    });
    const after = applyCreditEvent(b, { type: 'consume', at: JAN + 1, credits: 1150 });
    expect(after.packs.map((p) => [p.id, p.remaining])).toEqual([
      ['soon', 0],
      ['late', 50],
    ]);
    expect(after.total).toBe(50);
  });

  test('an expired pack is excluded from the balance and the plan, its leftover counted as expired', () => {
    const expiresAt = at('2026-03-01T00:00:00+01:00');
    const events: CreditEvent[] = [
      { type: 'set-monthly-stock', at: JAN, stock: 0 },
      { type: 'grant-pack', at: JAN, packId: 'P', credits: 300, expiresAt },
    ];
    expect(creditBalance(events, expiresAt - 1).total).toBe(300);
    const after = creditBalance(events, expiresAt);
    expect(after.total).toBe(0);
    expect(after.expired).toBe(300);
    expect(after.packs[0]).toMatchObject({ status: 'expired', remaining: 0, lapsed: 300 });
    expect(planConsumption(after, 1)).toMatchObject({ ok: false, reason: 'no-credit' });
  });

  test('expire-pack cancels what is left, once', () => {
    const events: CreditEvent[] = [
      { type: 'grant-pack', at: JAN, packId: 'P', credits: 300 },
      { type: 'expire-pack', at: JAN + 1, packId: 'P' },
      { type: 'expire-pack', at: JAN + 2, packId: 'P' },
    ];
    const b = creditBalance(events, JAN + 3);
    expect(b.expired).toBe(300);
    expect(b.total).toBe(1000);
  });

  test('packs are refused for a duplicate id, a bad amount or an expiry in the past', () => {
    const grant = { type: 'grant-pack', at: JAN, packId: 'P', credits: 10 } as const;
    expect(() => creditBalance([grant, grant], JAN)).toThrow(
      expect.objectContaining({
        code: 'POLICY_CREDIT_PACK_DUPLICATE',
        context: expect.objectContaining({ index: 1 }),
      }),
    );
    expect(() => creditBalance([{ ...grant, credits: 0 }], JAN)).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_AMOUNT' }),
    );
    expect(() => creditBalance([{ ...grant, credits: 2.5 }], JAN)).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_AMOUNT' }),
    );
    expect(() => creditBalance([{ ...grant, expiresAt: JAN }], JAN)).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_EXPIRY' }),
    );
    expect(() => creditBalance([{ type: 'expire-pack', at: JAN, packId: 'nope' }], JAN)).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_PACK_UNKNOWN' }),
    );
  });
});

describe('no credit, no send (RULES.md §5)', () => {
  test('a shortfall plans nothing and says what is missing and when the stock refills', () => {
    const b = creditBalance([{ type: 'consume', at: JAN, credits: 995 }], JAN + 1);
    expect(planConsumption(b, 8)).toEqual({
      ok: false,
      reason: 'no-credit',
      available: 5,
      missing: 3,
      nextRefillAt: at('2026-02-01T00:00:00+01:00'),
    });
  });

  test('without a monthly stock only a new pack helps: nextRefillAt is null', () => {
    expect(planConsumption(creditBalance([], JAN, { monthlyStock: 0 }), 1)).toMatchObject({
      ok: false,
      nextRefillAt: null,
    });
  });

  test('planning at a later instant accounts for the month rollover', () => {
    const b = creditBalance([{ type: 'consume', at: JAN, credits: 1000 }], JAN);
    expect(planConsumption(b, 1).ok).toBe(false);
    expect(planConsumption(b, 1, at('2026-02-01T00:00:00+01:00')).ok).toBe(true);
  });

  test('consuming more than the balance is refused, so the log never goes negative', () => {
    expect(() => creditBalance([{ type: 'consume', at: JAN, credits: 1001 }], JAN)).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_INSUFFICIENT' }),
    );
  });

  test('consumption amounts are whole positive numbers', () => {
    for (const credits of [0, -3, 1.5]) {
      expect(() => planConsumption(creditBalance([], JAN), credits)).toThrow(
        expect.objectContaining({ code: 'POLICY_CREDIT_AMOUNT' }),
      );
    }
  });
});

describe('adjustments and event order', () => {
  test('a monthly adjustment counts for the current month only', () => {
    const events: CreditEvent[] = [
      { type: 'adjust', at: JAN, credits: 50, target: 'monthly', reason: 'goodwill' },
    ];
    expect(creditBalance(events, JAN).monthly.remaining).toBe(1050);
    expect(creditBalance(events, at('2026-02-01T00:00:00+01:00')).monthly.remaining).toBe(1000);
  });

  test('a pack adjustment changes that pack; it cannot go below zero or touch an expired pack', () => {
    const grant: CreditEvent = {
      type: 'grant-pack',
      at: JAN,
      packId: 'P',
      credits: 10,
      expiresAt: JAN + 1000,
    };
    expect(
      creditBalance([grant, { type: 'adjust', at: JAN, credits: -4, target: { packId: 'P' } }], JAN)
        .packs[0]?.remaining,
    ).toBe(6);
    expect(() =>
      creditBalance(
        [grant, { type: 'adjust', at: JAN, credits: -11, target: { packId: 'P' } }],
        JAN,
      ),
    ).toThrow(expect.objectContaining({ code: 'POLICY_CREDIT_AMOUNT' }));
    expect(() =>
      creditBalance(
        [grant, { type: 'adjust', at: JAN + 1000, credits: 1, target: { packId: 'P' } }],
        JAN + 1000,
      ),
    ).toThrow(expect.objectContaining({ code: 'POLICY_CREDIT_EXPIRY' }));
    expect(() =>
      creditBalance([{ type: 'adjust', at: JAN, credits: 0, target: 'monthly' }], JAN),
    ).toThrow(expect.objectContaining({ code: 'POLICY_CREDIT_AMOUNT' }));
  });

  test('events are folded in time order; ones after asOf are ignored', () => {
    const events: CreditEvent[] = [
      { type: 'consume', at: JAN + 2, credits: 100 },
      { type: 'set-monthly-stock', at: JAN + 1, stock: 50 },
      { type: 'grant-pack', at: JAN, packId: 'P', credits: 100 },
    ];
    const b = creditBalance(events, JAN + 5);
    expect(b.monthly).toMatchObject({ stock: 50, used: 50 });
    expect(b.packs[0]?.remaining).toBe(50);
    expect(creditBalance(events, JAN + 1).total).toBe(150);
  });

  test('applying an event older than the balance is refused', () => {
    const b = emptyBalance(JAN);
    expect(() => applyCreditEvent(b, { type: 'consume', at: JAN - 1, credits: 1 })).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_EVENT' }),
    );
    expect(() => creditBalance([{ type: 'consume', at: Number.NaN, credits: 1 }], JAN)).toThrow(
      expect.objectContaining({ code: 'POLICY_CREDIT_EVENT' }),
    );
  });

  test('the input balance is never changed', () => {
    const b = creditBalance([{ type: 'grant-pack', at: JAN, packId: 'P', credits: 10 }], JAN);
    const snapshot = structuredClone(b);
    applyCreditEvent(b, { type: 'consume', at: JAN, credits: 1005 });
    expect(b).toEqual(snapshot);
  });
});

describe('credit properties', () => {
  const eventArb = fc.oneof(
    fc.record({ type: fc.constant('consume' as const), credits: fc.integer({ min: 1, max: 400 }) }),
    fc.record({
      type: fc.constant('grant-pack' as const),
      credits: fc.integer({ min: 1, max: 500 }),
      days: fc.integer({ min: 1, max: 200 }),
    }),
    fc.record({
      type: fc.constant('set-monthly-stock' as const),
      stock: fc.integer({ min: 0, max: 2000 }),
    }),
  );

  test('credits are conserved: what was granted is used, left, or expired; never negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(eventArb, fc.integer({ min: 0, max: 20 * 86_400_000 })), {
          maxLength: 30,
        }),
        (steps) => {
          let t = JAN;
          let b = emptyBalance(t, { monthlyStock: 0 });
          let consumed = 0;
          let granted = 0;
          let n = 0;
          for (const [e, gap] of steps) {
            t += gap;
            if (e.type === 'consume') {
              const plan = planConsumption(b, e.credits, t);
              if (!plan.ok) continue;
              const fromPacks = plan.draws.reduce(
                (s, d) => s + (d.bucket === 'pack' ? d.credits : 0),
                0,
              );
              b = applyCreditEvent(b, { type: 'consume', at: t, credits: e.credits });
              consumed += fromPacks;
            } else if (e.type === 'grant-pack') {
              b = applyCreditEvent(b, {
                type: 'grant-pack',
                at: t,
                packId: `p${n++}`,
                credits: e.credits,
                expiresAt: t + e.days * 86_400_000,
              });
              granted += e.credits;
            } else {
              b = applyCreditEvent(b, { type: 'set-monthly-stock', at: t, stock: e.stock });
            }
            const inPacks = b.packs.reduce((s, p) => s + p.remaining, 0);
            expect(inPacks + b.expired + consumed).toBe(granted);
            expect(b.total).toBe(b.monthly.remaining + inPacks);
            expect(
              b.packs.every(
                (p) =>
                  p.remaining >= 0 && (p.status === 'active' ? t < p.expiresAt : p.remaining === 0),
              ),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
