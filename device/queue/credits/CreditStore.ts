import {
  applyCreditEvent,
  balanceAt,
  emptyBalance,
  isPolicyError,
  planConsumption,
  type CreditBalance,
  type CreditDraw,
  type CreditEvent,
  type CreditLedgerOptions,
} from '../../policy/index.js';
import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import { queueError } from '../queueErrors.js';

/** Who asked for a credit change, kept in the journal for the audit. */
export interface CreditSource {
  /** `operator`, `cloud`, `cli`… */
  readonly source: string;
  /** The cloud command id, the invoice, the operator's name. */
  readonly sourceRef?: string;
}

/**
 * The credit ledger (RULES.md §5) in SQLite: `credit_events` is the
 * append-only log, `credit_state` the balance folded from it, rewritten in
 * the same transaction so reading the balance costs one row, not the whole
 * history. The arithmetic is the policy layer's; this class only stores.
 */
export class CreditStore {
  /** Called inside the transaction that made credits available (wakes waiting messages). */
  onCreditsAdded: (() => void) | undefined;

  constructor(
    private readonly db: QueueDb,
    private readonly journal: Journal,
    private readonly options: CreditLedgerOptions = {},
  ) {
    // Validate the options once, at open, rather than at the first send.
    emptyBalance(0, options);
  }

  /** The balance now (or at `at`), with the month rolled over and expired packs lapsed. */
  balance(at = this.db.clock.now()): CreditBalance {
    return this.db.read('reading the credit balance', () => balanceAt(this.stored(at), at));
  }

  /** Every stored event, oldest first: the ledger an auditor can replay. */
  events(): CreditEvent[] {
    const rows = this.db.read('reading credit events', () =>
      this.db.stmt('SELECT event FROM credit_events ORDER BY id').all(),
    ) as { event: string }[];
    return rows.map((row) => JSON.parse(row.event) as CreditEvent);
  }

  grantPack(
    pack: { packId: string; credits: number; expiresAt?: number },
    source: CreditSource,
  ): CreditBalance {
    return this.db.write('granting a credit pack', () => {
      const event: CreditEvent = {
        type: 'grant-pack',
        at: this.db.clock.now(),
        packId: pack.packId,
        credits: pack.credits,
        ...(pack.expiresAt === undefined ? {} : { expiresAt: pack.expiresAt }),
      };
      const balance = this.apply(event);
      const granted = balance.packs.find((p) => p.id === pack.packId);
      this.journal.append(
        'credit-grant',
        { packId: pack.packId, credits: pack.credits, expiresAt: granted?.expiresAt, ...source },
        { creditsGranted: pack.credits },
      );
      this.onCreditsAdded?.();
      return balance;
    });
  }

  setMonthlyStock(stock: number, source: CreditSource): CreditBalance {
    return this.db.write('setting the monthly stock', () => {
      const before = this.stored(this.db.clock.now()).monthly.stock;
      const balance = this.apply({ type: 'set-monthly-stock', at: this.db.clock.now(), stock });
      this.journal.append('credit-stock', { stock, previous: before, ...source });
      if (stock > before) this.onCreditsAdded?.();
      return balance;
    });
  }

  adjust(
    adjustment: { credits: number; target: 'monthly' | { packId: string }; reason?: string },
    source: CreditSource,
  ): CreditBalance {
    return this.db.write('adjusting credits', () => {
      const balance = this.apply({ type: 'adjust', at: this.db.clock.now(), ...adjustment });
      this.journal.append(
        'credit-adjust',
        { ...adjustment, ...source },
        { creditsAdjusted: adjustment.credits },
      );
      if (adjustment.credits > 0) this.onCreditsAdded?.();
      return balance;
    });
  }

  /** Records the lapse of packs whose expiry has come. Returns the credits lost. */
  expirePacks(): number {
    return this.db.write('expiring credit packs', () => this.lapseDuePacks(this.db.clock.now()));
  }

  /**
   * Takes `credits` for segments already handed to the network; call inside
   * the write transaction that records them. Segments sent are billed
   * whatever happened meanwhile, so a shortfall (an operator lowered the
   * stock mid-message) takes what is left and reports the rest as
   * `uncovered`, rather than refusing to record a send.
   */
  consumeWithin(credits: number, ref: string): { draws: readonly CreditDraw[]; uncovered: number } {
    const at = this.db.clock.now();
    this.lapseDuePacks(at);
    const available = balanceAt(this.stored(at), at).total;
    const covered = Math.min(credits, available);
    let draws: readonly CreditDraw[] = [];
    if (covered > 0) {
      const plan = planConsumption(this.stored(at), covered, at);
      draws = plan.ok ? plan.draws : [];
      this.apply({ type: 'consume', at, credits: covered, ref });
    }
    return { draws, uncovered: credits - covered };
  }

  private lapseDuePacks(at: number): number {
    const before = this.stored(at);
    let lost = 0;
    for (const pack of before.packs) {
      if (pack.status === 'active' && at >= pack.expiresAt) {
        this.apply({ type: 'expire-pack', at, packId: pack.id });
        lost += pack.remaining;
        this.journal.append(
          'credit-expire',
          { packId: pack.id, credits: pack.remaining, expiresAt: pack.expiresAt },
          { creditsExpired: pack.remaining },
        );
      }
    }
    return lost;
  }

  /** Validates `event` against the stored balance, then appends it and the new balance. */
  private apply(event: CreditEvent): CreditBalance {
    let next: CreditBalance;
    try {
      next = applyCreditEvent(this.stored(event.at), event);
    } catch (error) {
      if (isPolicyError(error)) {
        throw queueError('QUEUE_CREDIT', error.message, {
          ...error.context,
          policyCode: error.code,
        });
      }
      throw error;
    }
    const id = Number(
      this.db
        .stmt('INSERT INTO credit_events (at, type, event) VALUES (?, ?, ?)')
        .run(event.at, event.type, JSON.stringify(event)).lastInsertRowid,
    );
    this.db
      .stmt(
        'INSERT INTO credit_state (id, balance, last_event) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET balance = excluded.balance, last_event = excluded.last_event',
      )
      .run(JSON.stringify(next), id);
    return next;
  }

  /** The stored balance; a ledger with no event yet starts empty at `at`. */
  private stored(at: number): CreditBalance {
    const row = this.db.stmt('SELECT balance FROM credit_state WHERE id = 1').get() as
      { balance: string } | undefined;
    if (row === undefined) return emptyBalance(at, this.options);
    const balance = JSON.parse(row.balance) as CreditBalance;
    // A clock set back (NTP correction on a box without RTC) must not break the ledger.
    return at >= balance.asOf ? balance : { ...balance, asOf: at };
  }
}
