import type { QueueDb } from '../db/QueueDb.js';

/**
 * The id of the next due queued message: highest priority first, then the
 * earliest attempt time, then the oldest id. One query that probes the
 * `messages_due` index once per priority level (ten probes of O(log n)), so
 * its cost does not grow with the backlog — a plain `ORDER BY priority DESC`
 * over a range on `next_attempt_at` would walk every not-yet-due message of
 * the higher levels.
 */
const SELECT_DUE = `
WITH levels (level) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))
SELECT id FROM (
  SELECT levels.level AS level,
         (SELECT m.id FROM messages AS m INDEXED BY messages_due
           WHERE m.state = 'queued' AND m.priority = levels.level AND m.next_attempt_at <= ?
           ORDER BY m.next_attempt_at, m.id LIMIT 1) AS id
  FROM levels
) WHERE id IS NOT NULL ORDER BY level DESC LIMIT 1`;

export function selectDue(db: QueueDb, now: number): number | undefined {
  const row = db.stmt(SELECT_DUE).get(now) as { id: number } | undefined;
  return row?.id;
}
