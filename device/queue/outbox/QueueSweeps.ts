import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import { finishMessage } from './finishMessage.js';

/** Batch size of one sweep transaction: short enough not to stall the dispatcher. */
const SWEEP_BATCH = 500;

/**
 * Bulk changes to queued messages, each in the transaction of the event that
 * causes it.
 */
export class QueueSweeps {
  constructor(
    private readonly db: QueueDb,
    private readonly journal: Journal,
  ) {}

  /**
   * Expires queued messages whose expiry has come, even while nothing is
   * dispatched (modem down for a day), so `status` does not show as waiting
   * a reminder whose appointment is over. Returns how many expired.
   */
  expireDue(): number {
    let total = 0;
    for (;;) {
      const count = this.db.write('expiring messages', () => {
        const ids = this.db
          .stmt(
            `SELECT id FROM messages INDEXED BY messages_expiry
             WHERE state = 'queued' AND expires_at IS NOT NULL AND expires_at <= ? LIMIT ?`,
          )
          .all(this.db.clock.now(), SWEEP_BATCH) as { id: number }[];
        for (const { id } of ids) finishMessage(this.db, this.journal, id, 'expired', 'expired');
        return ids.length;
      });
      total += count;
      if (count < SWEEP_BATCH) return total;
    }
  }

  /** Call inside the opt-out's write: its queued messages are suppressed and use no credit. */
  suppressQueuedWithin(recipient: string, reason: string): number {
    const ids = this.db
      .stmt("SELECT id FROM messages WHERE recipient = ? AND state = 'queued'")
      .all(recipient) as { id: number }[];
    for (const { id } of ids) {
      finishMessage(this.db, this.journal, id, 'suppressed', reason, { credits: 0 });
    }
    return ids.length;
  }

  /** Call inside the write that added credits: messages parked for credit are due again. */
  wakeNoCreditWithin(): void {
    const now = this.db.clock.now();
    this.db
      .stmt(
        `UPDATE messages SET next_attempt_at = ?, wait_reason = NULL, updated_at = ?
         WHERE state = 'queued' AND wait_reason = 'no-credit'`,
      )
      .run(now, now);
    this.db.stmt("DELETE FROM dispatch_gates WHERE kind = 'no-credit'").run();
  }
}
