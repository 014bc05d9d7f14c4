import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import { queueError } from '../queueErrors.js';
import { normaliseNumber } from '../outbox/normaliseNumber.js';

/** Where an opt-out change came from (RULES.md §4: reversed only by START or a logged operator action). */
export type OptOutSource = 'inbound' | 'operator' | 'cloud' | 'import';

export interface OptOutChange {
  readonly source: OptOutSource;
  /** The inbound SMS id, the operator's name, the cloud command id. */
  readonly sourceRef?: string;
  /** The keyword that triggered it, for an inbound reply. */
  readonly keyword?: string;
}

export interface OptOutEntry {
  readonly recipient: string;
  readonly optedOut: boolean;
  readonly changedAt: number;
  readonly source: OptOutSource;
  readonly sourceRef: string | null;
}

export interface OptOutResult {
  readonly entry: OptOutEntry;
  /** False when the number was already in that state (nothing written). */
  readonly changed: boolean;
  /** Queued messages to the number suppressed by this opt-out. */
  readonly suppressed: number;
}

/**
 * The one global opt-out list (RULES.md §4: a STOP is global across senders).
 * `optouts` holds each number's current state, `optout_events` every change;
 * both, the suppression of queued messages and the journal record are one
 * transaction, so a STOP is never half-applied.
 */
export class OptOutStore {
  /** Set by the outbox: suppresses queued messages to `recipient` inside the transaction. */
  suppressQueued: ((recipient: string, reason: string) => number) | undefined;

  constructor(
    private readonly db: QueueDb,
    private readonly journal: Journal,
  ) {}

  add(number: string, change: OptOutChange): OptOutResult {
    const recipient = normaliseNumber(number);
    assertSource(change);
    return this.db.write('recording an opt-out', () => this.setWithin(recipient, true, change));
  }

  remove(number: string, change: OptOutChange): OptOutResult {
    const recipient = normaliseNumber(number);
    assertSource(change);
    return this.db.write('recording an opt-in', () => this.setWithin(recipient, false, change));
  }

  /** Same as add/remove, for a caller already inside a write transaction (the inbox). */
  setWithin(recipient: string, optedOut: boolean, change: OptOutChange): OptOutResult {
    const at = this.db.clock.now();
    const current = this.entryOf(recipient);
    if (current !== undefined && current.optedOut === optedOut) {
      return { entry: current, changed: false, suppressed: 0 };
    }
    if (current === undefined && !optedOut) {
      // Never opted out: an opt-in has nothing to reverse, and records nothing.
      return {
        entry: {
          recipient,
          optedOut: false,
          changedAt: at,
          source: change.source,
          sourceRef: null,
        },
        changed: false,
        suppressed: 0,
      };
    }
    const sourceRef = change.sourceRef ?? null;
    this.db
      .stmt(
        `INSERT INTO optouts (recipient, opted_out, changed_at, source, source_ref) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (recipient) DO UPDATE SET opted_out = excluded.opted_out, changed_at = excluded.changed_at,
           source = excluded.source, source_ref = excluded.source_ref`,
      )
      .run(recipient, optedOut ? 1 : 0, at, change.source, sourceRef);
    const action = optedOut ? 'opt-out' : 'opt-in';
    this.db
      .stmt(
        'INSERT INTO optout_events (recipient, action, at, source, source_ref, keyword) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(recipient, action, at, change.source, sourceRef, change.keyword ?? null);
    this.journal.append(
      action,
      { recipient, source: change.source, sourceRef, keyword: change.keyword ?? null },
      optedOut ? { optOuts: 1 } : { optIns: 1 },
    );
    const suppressed = optedOut ? (this.suppressQueued?.(recipient, 'opted-out') ?? 0) : 0;
    return {
      entry: { recipient, optedOut, changedAt: at, source: change.source, sourceRef },
      changed: true,
      suppressed,
    };
  }

  isOptedOut(number: string): boolean {
    const recipient = normaliseNumber(number);
    return this.db.read(
      'reading the opt-out list',
      () => this.entryOf(recipient)?.optedOut === true,
    );
  }

  /** Numbers currently opted out, oldest change first. */
  list(): OptOutEntry[] {
    const rows = this.db.read('listing opt-outs', () =>
      this.db
        .stmt(
          'SELECT recipient, opted_out, changed_at, source, source_ref FROM optouts WHERE opted_out = 1 ORDER BY changed_at, recipient',
        )
        .all(),
    ) as OptOutRow[];
    return rows.map(toEntry);
  }

  /** Every change for one number, oldest first. */
  history(number: string): (OptOutEntry & { keyword: string | null })[] {
    const recipient = normaliseNumber(number);
    const rows = this.db.read('reading opt-out history', () =>
      this.db
        .stmt(
          'SELECT recipient, action, at, source, source_ref, keyword FROM optout_events WHERE recipient = ? ORDER BY id',
        )
        .all(recipient),
    ) as {
      recipient: string;
      action: string;
      at: number;
      source: OptOutSource;
      source_ref: string | null;
      keyword: string | null;
    }[];
    return rows.map((row) => ({
      recipient: row.recipient,
      optedOut: row.action === 'opt-out',
      changedAt: row.at,
      source: row.source,
      sourceRef: row.source_ref,
      keyword: row.keyword,
    }));
  }

  private entryOf(recipient: string): OptOutEntry | undefined {
    const row = this.db
      .stmt(
        'SELECT recipient, opted_out, changed_at, source, source_ref FROM optouts WHERE recipient = ?',
      )
      .get(recipient) as OptOutRow | undefined;
    return row === undefined ? undefined : toEntry(row);
  }
}

interface OptOutRow {
  recipient: string;
  opted_out: number;
  changed_at: number;
  source: OptOutSource;
  source_ref: string | null;
}

function toEntry(row: OptOutRow): OptOutEntry {
  return {
    recipient: row.recipient,
    optedOut: row.opted_out === 1,
    changedAt: row.changed_at,
    source: row.source,
    sourceRef: row.source_ref,
  };
}

const SOURCES: readonly string[] = ['inbound', 'operator', 'cloud', 'import'];

function assertSource(change: OptOutChange): void {
  if (typeof change !== 'object' || change === null || !SOURCES.includes(change.source)) {
    throw queueError('QUEUE_BAD_INPUT', `an opt-out change needs a source: ${SOURCES.join(', ')}`, {
      source: String((change as { source?: unknown } | null)?.source),
    });
  }
  for (const key of ['sourceRef', 'keyword'] as const) {
    const value = change[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 200)) {
      throw queueError('QUEUE_BAD_INPUT', `${key} must be a string of at most 200 characters`, {
        [key]: String(value).slice(0, 50),
      });
    }
  }
}
