import { randomInt } from 'node:crypto';
import type { QueueDb } from '../db/QueueDb.js';

/**
 * The next 8-bit concatenation reference for `recipient`, persisted so that
 * two long messages to one phone never share a reference, even across a
 * restart (the phone would splice their parts together). A new recipient
 * starts at a random value: after a database is replaced, the phone may
 * still hold parts from the old one's counter. Call inside a write.
 */
export function nextConcatRef(db: QueueDb, recipient: string): number {
  const row = db
    .stmt(
      `INSERT INTO concat_refs (recipient, next_ref, used_at) VALUES (?, ?, ?)
       ON CONFLICT (recipient) DO UPDATE SET next_ref = (next_ref + 1) % 256, used_at = excluded.used_at
       RETURNING next_ref`,
    )
    .get(recipient, randomInt(256), db.clock.now()) as { next_ref: number };
  return row.next_ref;
}
