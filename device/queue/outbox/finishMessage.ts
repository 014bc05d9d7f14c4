import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import type { JournalTotal, JournalType } from '../journal/journalTypes.js';
import type { MessageState } from './messageTypes.js';

const JOURNALED: Partial<Record<MessageState, { type: JournalType; total: JournalTotal }>> = {
  failed: { type: 'message-failed', total: 'messagesFailed' },
  expired: { type: 'message-expired', total: 'messagesExpired' },
  suppressed: { type: 'message-suppressed', total: 'messagesSuppressed' },
};

/**
 * Puts a message in a final state with its reason, and journals the ones
 * that matter to money or consent. Call inside a write; parts not sent are
 * marked failed so no later query mistakes them for pending work.
 */
export function finishMessage(
  db: QueueDb,
  journal: Journal,
  id: number,
  state: 'failed' | 'expired' | 'suppressed',
  reason: string,
  extra: Record<string, unknown> = {},
): void {
  const now = db.clock.now();
  db.stmt(
    `UPDATE messages SET state = ?, next_attempt_at = NULL, wait_reason = NULL, updated_at = ?,
       finished_at = ?, final_reason = ? WHERE id = ?`,
  ).run(state, now, now, reason, id);
  db.stmt(
    "UPDATE message_parts SET state = 'failed', error = coalesce(error, ?) WHERE message_id = ? AND state = 'pending'",
  ).run(reason, id);
  const entry = JOURNALED[state];
  if (entry !== undefined) {
    journal.append(entry.type, { messageId: id, reason, ...extra }, { [entry.total]: 1 });
  }
}
