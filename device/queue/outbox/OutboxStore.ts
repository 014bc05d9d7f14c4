import { decideSend } from '../../policy/index.js';
import { encodeSubmit } from '../../sms/pdu/index.js';
import { prepareText } from '../../sms/prepareText.js';
import { checkRecipient } from '../../sms/recipient.js';
import type { ProfileName } from '../../sms/profiles/SmsProfile.js';
import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import { queueError } from '../queueErrors.js';
import { nextConcatRef } from './concatRefs.js';
import { messageRow, messageView, type MessageRow } from './messageRows.js';
import type { AcceptRequest, AcceptResult, MessageState, MessageView } from './messageTypes.js';
import { FINAL_STATES } from './messageTypes.js';
import type { ProfileRegistry } from './ProfileRegistry.js';
import { validateRequest, type CheckedRequest } from './validateRequest.js';

/**
 * Accepting, reading and cancelling messages. Acceptance does all the
 * checking first (shape, number, text, window, expiry), so a refused request
 * writes nothing; then the message and its PDUs — fixed now, so a resend is
 * byte-identical — are stored in one transaction.
 */
export class OutboxStore {
  constructor(
    private readonly db: QueueDb,
    private readonly journal: Journal,
    private readonly registry: ProfileRegistry,
    private readonly settings: { defaultProfile: ProfileName; defaultRegion: string },
  ) {}

  accept(input: AcceptRequest): AcceptResult {
    const request = validateRequest(input, this.settings.defaultProfile);
    if (request.idempotencyKey !== null) {
      const earlier = this.byKey(request.idempotencyKey);
      if (earlier !== undefined) return this.replay(earlier, request);
    }
    const profile = this.registry.profile(request.profile);
    const recipient = checkRecipient(request.to, profile, {
      defaultRegion: this.settings.defaultRegion,
    }).e164;
    const prepared = prepareText(request.text, profile, { transliterate: request.transliterate });
    const now = this.db.clock.now();
    const decision = decideSend({
      now,
      window: this.registry.schedule(request.profile, request.messageClass),
      sendAfter: request.sendAfter,
      expiresAt: request.expiresAt,
    });
    if (decision.action === 'expire') {
      throw queueError(
        'QUEUE_EXPIRES_TOO_SOON',
        decision.reason === 'expired'
          ? 'the message has already expired'
          : 'the message would expire before the sending window next opens',
        {
          reason: decision.reason,
          nextOpening: decision.nextOpening ?? null,
          expiresAt: request.expiresAt,
        },
      );
    }
    if (decision.action === 'reject') {
      throw queueError(
        'QUEUE_WINDOW_CLOSED',
        'the sending window is closed and the profile rejects when closed',
        {
          nextOpening: decision.nextOpening,
        },
      );
    }
    return this.db.write('accepting a message', () => {
      // Checked again inside the write: two requests with one key may race.
      if (request.idempotencyKey !== null) {
        const earlier = this.byKey(request.idempotencyKey);
        if (earlier !== undefined) return this.replay(earlier, request);
      }
      const multi = prepared.segmentation.parts.length > 1;
      const pdus = encodeSubmit({
        recipient,
        segmentation: prepared.segmentation,
        charset: prepared.charset,
        statusReport: request.statusReport,
        ...(multi ? { concatRef: nextConcatRef(this.db, recipient) } : {}),
      });
      const optedOut = this.isOptedOut(recipient);
      const state: MessageState = optedOut ? 'suppressed' : 'queued';
      const waiting = decision.action === 'wait' ? decision : null;
      const id = Number(
        this.db
          .stmt(
            `INSERT INTO messages (idempotency_key, request_hash, client_ref, recipient, profile, class, text,
               encoding, segments, status_report, priority, state, accepted_at, send_after, expires_at,
               next_attempt_at, wait_reason, updated_at, finished_at, final_reason)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            request.idempotencyKey,
            request.requestHash,
            request.clientRef,
            recipient,
            request.profile,
            request.messageClass,
            prepared.text,
            prepared.segmentation.encoding,
            pdus.length,
            request.statusReport ? 1 : 0,
            request.priority,
            state,
            now,
            request.sendAfter,
            request.expiresAt,
            optedOut ? null : (waiting?.until ?? now),
            optedOut ? null : (waiting?.reason ?? null),
            now,
            optedOut ? now : null,
            optedOut ? 'opted-out' : null,
          ).lastInsertRowid,
      );
      const insertPart = this.db.stmt(
        "INSERT INTO message_parts (message_id, idx, pdu, tpdu_length, state) VALUES (?, ?, ?, ?, 'pending')",
      );
      pdus.forEach((pdu, index) => insertPart.run(id, index, pdu.hex, pdu.length));
      if (optedOut) {
        this.journal.append(
          'message-suppressed',
          { messageId: id, reason: 'opted-out', credits: 0 },
          { messagesSuppressed: 1 },
        );
      }
      return { message: this.view(id), duplicate: false };
    });
  }

  get(id: number): MessageView | undefined {
    assertId(id);
    return this.db.read('reading a message', () => {
      const row = messageRow(this.db, id);
      return row === undefined ? undefined : messageView(this.db, row);
    });
  }

  /** Newest first; `beforeId` pages backwards. */
  list(filter: { state?: MessageState; limit?: number; beforeId?: number } = {}): MessageView[] {
    const limit = filter.limit ?? 50;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
      throw queueError('QUEUE_BAD_INPUT', 'limit must be a whole number from 1 to 1000', {
        field: 'limit',
      });
    }
    const beforeId = filter.beforeId ?? Number.MAX_SAFE_INTEGER;
    assertId(beforeId);
    return this.db.read('listing messages', () => {
      const rows = (
        filter.state === undefined
          ? this.db
              .stmt('SELECT * FROM messages WHERE id < ? ORDER BY id DESC LIMIT ?')
              .all(beforeId, limit)
          : this.db
              .stmt('SELECT * FROM messages WHERE state = ? AND id < ? ORDER BY id DESC LIMIT ?')
              .all(filter.state, beforeId, limit)
      ) as MessageRow[];
      return rows.map((row) => messageView(this.db, row));
    });
  }

  /** A queued message is cancelled; any other state is refused with QUEUE_STATE. */
  cancel(id: number, by = 'operator'): MessageView {
    assertId(id);
    return this.db.write('cancelling a message', () => {
      const row = messageRow(this.db, id);
      if (row === undefined) throw queueError('QUEUE_NOT_FOUND', `no message ${id}`, { id });
      if (row.state !== 'queued') {
        throw queueError(
          'QUEUE_STATE',
          `message ${id} is ${row.state}; only a queued message can be cancelled`,
          {
            id,
            state: row.state,
            final: FINAL_STATES.includes(row.state),
          },
        );
      }
      const now = this.db.clock.now();
      this.db
        .stmt(
          `UPDATE messages SET state = 'cancelled', next_attempt_at = NULL, wait_reason = NULL,
             updated_at = ?, finished_at = ?, final_reason = ? WHERE id = ?`,
        )
        .run(now, now, `cancelled by ${by}`.slice(0, 200), id);
      return this.view(id);
    });
  }

  private replay(earlier: MessageRow, request: CheckedRequest): AcceptResult {
    if (earlier.request_hash !== request.requestHash) {
      throw queueError(
        'QUEUE_IDEMPOTENCY_CONFLICT',
        `idempotency key "${request.idempotencyKey}" was used for a different request (message ${earlier.id})`,
        { idempotencyKey: request.idempotencyKey, messageId: earlier.id },
      );
    }
    return { message: messageView(this.db, earlier), duplicate: true };
  }

  private byKey(key: string): MessageRow | undefined {
    return this.db.read('looking up an idempotency key', () =>
      this.db.stmt('SELECT * FROM messages WHERE idempotency_key = ?').get(key),
    ) as MessageRow | undefined;
  }

  private isOptedOut(recipient: string): boolean {
    return (
      this.db.stmt('SELECT 1 FROM optouts WHERE recipient = ? AND opted_out = 1').get(recipient) !==
      undefined
    );
  }

  private view(id: number): MessageView {
    return messageView(this.db, messageRow(this.db, id) as MessageRow);
  }
}

export function assertId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw queueError('QUEUE_BAD_INPUT', 'a message id is a whole number ≥ 1', { id: String(id) });
  }
}
