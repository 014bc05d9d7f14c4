import type { CrashPolicy } from '../QueueOptions.js';
import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import { finishMessage } from './finishMessage.js';

/** What recovery found and did, counted for the log, `status` and the journal. */
export interface RecoveryReport {
  readonly policy: CrashPolicy;
  /** Messages found `sending`. */
  readonly messages: number;
  /** Parts with no recorded result: sent again (`resend`) or failed (`fail`). */
  readonly partsUnknown: number;
  /** Parts already recorded as sent in those messages, kept. */
  readonly partsKept: number;
  /** Messages given back to the queue. */
  readonly requeued: number;
  /** Messages failed with `crash-unknown`. */
  readonly failed: number;
}

/**
 * Resolves messages a crash left `sending` (ARCHITECTURE.md, States). A part
 * with no message reference may or may not have reached the network: under
 * `resend` it is sent again (at most the parts that were in flight are
 * duplicated); under `fail` the message fails and is not retried. Parts with
 * a reference were recorded, credited and journaled, and are kept.
 * Call once at start, before any claim.
 */
export function recoverAfterCrash(
  db: QueueDb,
  journal: Journal,
  policy: CrashPolicy,
): RecoveryReport {
  return db.write('recovering after a crash', () => {
    const rows = db
      .stmt(
        `SELECT m.id AS id,
                sum(p.state = 'pending') AS pending,
                sum(p.state <> 'pending') AS kept
         FROM messages AS m INDEXED BY messages_sending JOIN message_parts AS p ON p.message_id = m.id
         WHERE m.state = 'sending' GROUP BY m.id`,
      )
      .all() as { id: number; pending: number; kept: number }[];
    const now = db.clock.now();
    let partsUnknown = 0;
    let partsKept = 0;
    let requeued = 0;
    let failed = 0;
    for (const row of rows) {
      partsUnknown += row.pending;
      partsKept += row.kept;
      if (row.pending === 0) {
        // Every part has a recorded result, so nothing is unknown: it only missed its final update.
        db.stmt(
          "UPDATE messages SET state = 'sent', updated_at = ?, finished_at = ? WHERE id = ?",
        ).run(now, now, row.id);
        continue;
      }
      const data = { messageId: row.id, policy, partsUnknown: row.pending, partsKept: row.kept };
      if (policy === 'fail') {
        finishMessage(db, journal, row.id, 'failed', 'crash-unknown', { recovered: true });
        journal.append('crash-recovery', data, { recoveredFailed: row.pending });
        failed++;
      } else {
        db.stmt(
          `UPDATE messages SET state = 'queued', modem_id = NULL, next_attempt_at = ?, wait_reason = 'recovered',
             updated_at = ? WHERE id = ?`,
        ).run(now, now, row.id);
        journal.append('crash-recovery', data, { recoveredResent: row.pending });
        requeued++;
      }
    }
    return { policy, messages: rows.length, partsUnknown, partsKept, requeued, failed };
  });
}
