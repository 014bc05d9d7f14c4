import type { MessageClass } from '../../policy/index.js';
import type { QueueDb } from '../db/QueueDb.js';
import type { MessageState, MessageView, PartState, PartView, WaitReason } from './messageTypes.js';

/** A `messages` row as SQLite returns it. */
export interface MessageRow {
  id: number;
  idempotency_key: string | null;
  request_hash: string | null;
  client_ref: string | null;
  recipient: string;
  profile: string;
  class: MessageClass;
  text: string | null;
  encoding: 'gsm7' | 'ucs2';
  segments: number;
  status_report: number;
  priority: number;
  state: MessageState;
  accepted_at: number;
  send_after: number | null;
  expires_at: number | null;
  next_attempt_at: number | null;
  wait_reason: WaitReason | null;
  modem_id: string | null;
  attempts: number;
  updated_at: number;
  finished_at: number | null;
  final_reason: string | null;
}

interface PartRow {
  idx: number;
  state: PartState;
  mr: number | null;
  attempts: number;
  sent_at: number | null;
  reported_at: number | null;
  error: string | null;
}

export function messageRow(db: QueueDb, id: number): MessageRow | undefined {
  return db.stmt('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
}

export function messageView(db: QueueDb, row: MessageRow): MessageView {
  const parts = db
    .stmt(
      'SELECT idx, state, mr, attempts, sent_at, reported_at, error FROM message_parts WHERE message_id = ? ORDER BY idx',
    )
    .all(row.id) as PartRow[];
  return {
    id: row.id,
    state: row.state,
    to: row.recipient,
    profile: row.profile,
    messageClass: row.class,
    text: row.text,
    encoding: row.encoding,
    segments: row.segments,
    credits: row.segments,
    priority: row.priority,
    acceptedAt: row.accepted_at,
    sendAfter: row.send_after,
    expiresAt: row.expires_at,
    nextAttemptAt: row.next_attempt_at,
    waitReason: row.wait_reason,
    attempts: row.attempts,
    modemId: row.modem_id,
    finishedAt: row.finished_at,
    finalReason: row.final_reason,
    idempotencyKey: row.idempotency_key,
    clientRef: row.client_ref,
    parts: parts.map(partView),
  };
}

function partView(row: PartRow): PartView {
  return {
    index: row.idx,
    state: row.state,
    messageReference: row.mr,
    attempts: row.attempts,
    sentAt: row.sent_at,
    reportedAt: row.reported_at,
    error: row.error,
  };
}
