import type { QueueDb } from '../db/QueueDb.js';
import { queueError } from '../queueErrors.js';
import {
  JOURNAL_TOTALS,
  type JournalPosition,
  type JournalRecord,
  type JournalTotal,
  type JournalTotals,
  type JournalType,
} from './journalTypes.js';

type Deltas = Partial<Record<JournalTotal, number>>;

/**
 * The append-only journal and its lifetime totals. `append` must run inside
 * the caller's write transaction, so the record and the change it describes
 * commit together or not at all; the sequence comes from AUTOINCREMENT,
 * whose counter rolls back with the transaction, so a rollback leaves no gap.
 */
export class Journal {
  constructor(private readonly db: QueueDb) {}

  append(type: JournalType, data: Record<string, unknown>, deltas: Deltas = {}): number {
    const at = this.db.clock.now();
    const result = this.db
      .stmt('INSERT INTO journal (at, type, data) VALUES (?, ?, ?)')
      .run(at, type, JSON.stringify(data));
    const add = this.db.stmt(
      'INSERT INTO journal_totals (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value',
    );
    for (const [name, delta] of Object.entries(deltas)) {
      if (delta !== 0) add.run(name, delta);
    }
    return Number(result.lastInsertRowid);
  }

  /** Records after `afterSeq`, oldest first, at most `limit`. */
  read(afterSeq: number, limit = 500): JournalRecord[] {
    assertSeq(afterSeq, 'afterSeq');
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100_000) {
      throw queueError('QUEUE_BAD_INPUT', 'limit must be a whole number from 1 to 100000', {
        limit: String(limit),
      });
    }
    const rows = this.db.read('reading the journal', () =>
      this.db
        .stmt('SELECT seq, at, type, data FROM journal WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(afterSeq, limit),
    ) as { seq: number; at: number; type: JournalType; data: string }[];
    return rows.map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> }));
  }

  position(): JournalPosition {
    return this.db.read('reading the journal position', () => {
      const meta = this.db.stmt(
        "SELECT key, value FROM meta WHERE key IN ('journal_id', 'journal_ack_seq')",
      );
      const values = new Map(
        (meta.all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
      );
      const last = this.db.stmt("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").get() as
        { seq: number } | undefined;
      return {
        journalId: values.get('journal_id') ?? '',
        lastSeq: last?.seq ?? 0,
        ackSeq: Number(values.get('journal_ack_seq') ?? 0),
      };
    });
  }

  /**
   * The cloud stored everything up to `ackSeq` (cumulative). An older or
   * repeated acknowledgement changes nothing; one beyond the last record is
   * refused, since the cloud cannot have stored what was never written.
   */
  acknowledge(ackSeq: number): JournalPosition {
    assertSeq(ackSeq, 'ackSeq');
    return this.db.write('acknowledging the journal', () => {
      const position = this.position();
      if (ackSeq > position.lastSeq) {
        throw queueError(
          'QUEUE_BAD_INPUT',
          `ackSeq ${ackSeq} is beyond the last journal record ${position.lastSeq}`,
          { ackSeq, lastSeq: position.lastSeq },
        );
      }
      if (ackSeq <= position.ackSeq) return position;
      this.db.stmt("UPDATE meta SET value = ? WHERE key = 'journal_ack_seq'").run(String(ackSeq));
      return { ...position, ackSeq };
    });
  }

  totals(): JournalTotals {
    const rows = this.db.read('reading the journal totals', () =>
      this.db.stmt('SELECT name, value FROM journal_totals').all(),
    ) as { name: JournalTotal; value: number }[];
    const totals = Object.fromEntries(JOURNAL_TOTALS.map((name) => [name, 0])) as Record<
      JournalTotal,
      number
    >;
    for (const row of rows) totals[row.name] = row.value;
    return totals;
  }
}

function assertSeq(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw queueError('QUEUE_BAD_INPUT', `${name} must be a whole number ≥ 0`, {
      [name]: String(value),
    });
  }
}
