import type { CreditStore } from '../credits/CreditStore.js';
import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import { queueError } from '../queueErrors.js';
import type { DispatchStore } from './DispatchStore.js';
import { finishMessage } from './finishMessage.js';
import type { MessageRow } from './messageRows.js';
import { normaliseNumber } from './normaliseNumber.js';

/** How a part's send ended, as the modem layer classified it. */
export interface PartFailure {
  /** `permanent`: the network refused it for good; `transient`: worth retrying later. */
  readonly kind: 'transient' | 'permanent';
  /** The modem layer's error code (`MODEM_CMS_ERROR`…) and, when known, the 27.005 number. */
  readonly code: string;
  readonly detail?: string;
  /** Retry no earlier than this; default: the queue's backoff for the attempt number. */
  readonly retryAt?: number;
}

/** A status report (+CDS) as the modem layer decoded it. */
export interface StatusReportInput {
  /** The recipient the report names (the SMS-STATUS-REPORT's TP-RA). */
  readonly recipient: string;
  /** TP-MR of the part it reports on. */
  readonly messageReference: number;
  /** `pending`: the centre is still trying (TP-ST 0x20–0x3F). */
  readonly outcome: 'delivered' | 'failed' | 'pending';
  /** TP-Status, for the record. */
  readonly tpStatus?: number;
}

export type StatusReportMatch =
  | { readonly matched: false }
  | {
      readonly matched: true;
      readonly messageId: number;
      readonly part: number;
      readonly messageState: MessageRow['state'];
    };

/**
 * What happened to each part once handed to the modem. Every call is one
 * transaction that records the result, its credits and its journal row
 * together, so after a crash the books and the outbox agree.
 */
export class PartResults {
  constructor(
    private readonly db: QueueDb,
    private readonly journal: Journal,
    private readonly credits: CreditStore,
    private readonly dispatch: DispatchStore,
    private readonly retry: { maxAttempts: number; backoffMs: readonly number[] },
  ) {}

  /** The network took part `index` and gave it message reference `mr`: one credit is used. */
  sent(messageId: number, index: number, mr: number): { messageState: MessageRow['state'] } {
    if (!Number.isInteger(mr) || mr < 0 || mr > 255) {
      throw queueError('QUEUE_BAD_INPUT', 'a message reference is a whole number 0–255', {
        field: 'mr',
        mr: String(mr),
      });
    }
    return this.db.write('recording a sent part', () => {
      const row = this.dispatch.sendingRow(messageId);
      this.pendingPart(messageId, index);
      const now = this.db.clock.now();
      this.db
        .stmt(
          "UPDATE message_parts SET state = 'sent', mr = ?, sent_at = ?, attempts = attempts + 1, error = NULL WHERE message_id = ? AND idx = ?",
        )
        .run(mr, now, messageId, index);
      const { draws, uncovered } = this.credits.consumeWithin(1, `${messageId}/${index}`);
      const left = this.pendingCount(messageId);
      if (left === 0) {
        this.db
          .stmt("UPDATE messages SET state = 'sent', updated_at = ?, finished_at = ? WHERE id = ?")
          .run(now, now, messageId);
      }
      this.journal.append(
        'part-sent',
        {
          messageId,
          part: index,
          parts: row.segments,
          credits: 1,
          draws,
          ...(uncovered > 0 ? { uncovered } : {}),
          modemId: row.modem_id,
          profile: row.profile,
          messageSent: left === 0,
        },
        { partsSent: 1, creditsUsed: 1, messagesSent: left === 0 ? 1 : 0 },
      );
      return { messageState: left === 0 ? 'sent' : 'sending' };
    });
  }

  /**
   * Part `index` was not taken. A transient failure puts the message back in
   * the queue (reason `retry`, after a backoff) until `maxAttempts`; a
   * permanent one, or the last attempt, fails the message.
   */
  failed(
    messageId: number,
    index: number,
    failure: PartFailure,
  ): { messageState: MessageRow['state'] } {
    assertFailure(failure);
    return this.db.write('recording a failed part', () => {
      this.dispatch.sendingRow(messageId);
      const part = this.pendingPart(messageId, index);
      const attempts = part.attempts + 1;
      const error =
        failure.detail === undefined ? failure.code : `${failure.code}: ${failure.detail}`;
      this.db
        .stmt('UPDATE message_parts SET attempts = ?, error = ? WHERE message_id = ? AND idx = ?')
        .run(attempts, error.slice(0, 500), messageId, index);
      const now = this.db.clock.now();
      if (failure.kind === 'permanent' || attempts >= this.retry.maxAttempts) {
        finishMessage(this.db, this.journal, messageId, 'failed', failure.code, {
          part: index,
          attempts,
          permanent: failure.kind === 'permanent',
        });
        return { messageState: 'failed' };
      }
      const backoff = this.retry.backoffMs;
      const delay = backoff[Math.min(attempts, backoff.length) - 1] ?? 0;
      this.db
        .stmt(
          `UPDATE messages SET state = 'queued', modem_id = NULL, next_attempt_at = ?, wait_reason = 'retry',
             updated_at = ? WHERE id = ?`,
        )
        .run(failure.retryAt ?? now + delay, now, messageId);
      return { messageState: 'queued' };
    });
  }

  /**
   * Matches a status report to the most recent part sent to that recipient
   * with that message reference (MRs wrap at 256), and records it. A
   * message is delivered when every part is; one failed part fails it.
   */
  statusReport(report: StatusReportInput): StatusReportMatch {
    const recipient = normaliseNumber(report.recipient);
    if (
      !Number.isInteger(report.messageReference) ||
      report.messageReference < 0 ||
      report.messageReference > 255
    ) {
      throw queueError('QUEUE_BAD_INPUT', 'a message reference is a whole number 0–255', {
        field: 'messageReference',
      });
    }
    if (!['delivered', 'failed', 'pending'].includes(report.outcome)) {
      throw queueError('QUEUE_BAD_INPUT', 'outcome must be delivered, failed or pending', {
        field: 'outcome',
      });
    }
    return this.db.write('recording a status report', () => {
      const part = this.db
        .stmt(
          `SELECT p.message_id, p.idx FROM message_parts AS p INDEXED BY parts_awaiting_report
             JOIN messages AS m ON m.id = p.message_id
           WHERE p.state = 'sent' AND p.mr = ? AND m.recipient = ?
           ORDER BY p.sent_at DESC LIMIT 1`,
        )
        .get(report.messageReference, recipient) as { message_id: number; idx: number } | undefined;
      if (part === undefined) return { matched: false } as const;
      const now = this.db.clock.now();
      const tpStatus = report.tpStatus ?? null;
      if (report.outcome === 'pending') {
        this.db
          .stmt('UPDATE message_parts SET tp_status = ? WHERE message_id = ? AND idx = ?')
          .run(tpStatus, part.message_id, part.idx);
        const state = (
          this.db.stmt('SELECT state FROM messages WHERE id = ?').get(part.message_id) as MessageRow
        ).state;
        return { matched: true, messageId: part.message_id, part: part.idx, messageState: state };
      }
      this.db
        .stmt(
          'UPDATE message_parts SET state = ?, reported_at = ?, tp_status = ? WHERE message_id = ? AND idx = ?',
        )
        .run(report.outcome, now, tpStatus, part.message_id, part.idx);
      const messageState = this.settleMessage(part.message_id, report.outcome, now);
      this.journal.append(
        report.outcome === 'delivered' ? 'part-delivered' : 'part-failed',
        { messageId: part.message_id, part: part.idx, tpStatus, messageState },
        report.outcome === 'delivered'
          ? { partsDelivered: 1, messagesDelivered: messageState === 'delivered' ? 1 : 0 }
          : { partsFailed: 1 },
      );
      return { matched: true, messageId: part.message_id, part: part.idx, messageState };
    });
  }

  private settleMessage(
    messageId: number,
    outcome: 'delivered' | 'failed',
    now: number,
  ): MessageRow['state'] {
    const row = this.db
      .stmt('SELECT state FROM messages WHERE id = ?')
      .get(messageId) as MessageRow;
    if (row.state !== 'sent') return row.state;
    if (outcome === 'failed') {
      this.db
        .stmt(
          "UPDATE messages SET state = 'failed', final_reason = 'delivery-failed', updated_at = ?, finished_at = ? WHERE id = ?",
        )
        .run(now, now, messageId);
      return 'failed';
    }
    const undelivered = (
      this.db
        .stmt(
          "SELECT count(*) AS n FROM message_parts WHERE message_id = ? AND state <> 'delivered'",
        )
        .get(messageId) as { n: number }
    ).n;
    if (undelivered > 0) return 'sent';
    this.db
      .stmt("UPDATE messages SET state = 'delivered', updated_at = ?, finished_at = ? WHERE id = ?")
      .run(now, now, messageId);
    return 'delivered';
  }

  private pendingPart(messageId: number, index: number): { attempts: number } {
    const part = this.db
      .stmt('SELECT state, attempts FROM message_parts WHERE message_id = ? AND idx = ?')
      .get(messageId, index) as { state: string; attempts: number } | undefined;
    if (part === undefined || part.state !== 'pending') {
      throw queueError('QUEUE_STATE', `part ${index} of message ${messageId} is not pending`, {
        id: messageId,
        part: index,
        state: part?.state ?? null,
      });
    }
    return part;
  }

  private pendingCount(messageId: number): number {
    return (
      this.db
        .stmt("SELECT count(*) AS n FROM message_parts WHERE message_id = ? AND state = 'pending'")
        .get(messageId) as { n: number }
    ).n;
  }
}

function assertFailure(failure: PartFailure): void {
  if (
    typeof failure !== 'object' ||
    failure === null ||
    (failure.kind !== 'transient' && failure.kind !== 'permanent') ||
    typeof failure.code !== 'string' ||
    failure.code === '' ||
    failure.code.length > 100 ||
    (failure.retryAt !== undefined && !Number.isSafeInteger(failure.retryAt))
  ) {
    throw queueError(
      'QUEUE_BAD_INPUT',
      'a part failure needs kind transient|permanent and a code',
      {
        field: 'failure',
      },
    );
  }
}
