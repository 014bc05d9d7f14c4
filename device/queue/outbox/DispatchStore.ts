import { decideSend } from '../../policy/index.js';
import type { CreditStore } from '../credits/CreditStore.js';
import type { QueueDb } from '../db/QueueDb.js';
import type { Journal } from '../journal/Journal.js';
import { queueError } from '../queueErrors.js';
import { DispatchGates } from './DispatchGates.js';
import { finishMessage } from './finishMessage.js';
import { messageRow, type MessageRow } from './messageRows.js';
import type { Claim, ClaimedPart } from './messageTypes.js';
import type { ProfileRegistry } from './ProfileRegistry.js';
import { selectDue } from './selectDue.js';

/** At most this many messages are set aside (expired, suppressed, re-timed) by one claim. */
const MAX_SKIPPED_PER_CLAIM = 64;

/**
 * Hands due messages to modems. A claim re-checks everything at the moment
 * of sending — window, expiry, opt-out, credits — because any of them may
 * have changed since acceptance, then marks the message `sending` durably
 * before the caller writes its first AT+CMGS.
 */
export class DispatchStore {
  readonly gates: DispatchGates;

  constructor(
    private readonly db: QueueDb,
    private readonly journal: Journal,
    private readonly credits: CreditStore,
    private readonly registry: ProfileRegistry,
  ) {
    this.gates = new DispatchGates(db);
  }

  /**
   * The next message for `modemId`, now `sending`, with the parts it still
   * has to send; `null` when nothing is due or no credit is left.
   */
  claimNext(modemId: string): Claim | null {
    assertModemId(modemId);
    for (let skipped = 0; skipped <= MAX_SKIPPED_PER_CLAIM; skipped++) {
      const outcome = this.db.write('claiming a message', () => this.tryClaim(modemId));
      if (outcome !== 'skipped') return outcome;
    }
    return null;
  }

  /**
   * Gives a claimed message back without counting an attempt: the modem went
   * down or hit its rate cap before sending anything more. Parts already
   * sent stay sent.
   */
  release(
    messageId: number,
    wait: { reason: 'modem-down' | 'rate-cap' | 'retry'; until: number | null },
  ): void {
    this.db.write('releasing a claimed message', () => {
      const row = this.sendingRow(messageId);
      const now = this.db.clock.now();
      this.db
        .stmt(
          `UPDATE messages SET state = 'queued', attempts = max(attempts - 1, 0), modem_id = NULL,
             next_attempt_at = ?, wait_reason = ?, updated_at = ? WHERE id = ?`,
        )
        .run(wait.until ?? now, wait.reason, now, row.id);
    });
  }

  private tryClaim(modemId: string): Claim | null | 'skipped' {
    const now = this.db.clock.now();
    const id = selectDue(this.db, now);
    if (id === undefined) return null;
    const row = messageRow(this.db, id) as MessageRow;
    const decision = decideSend({
      now,
      window: this.registry.schedule(row.profile, row.class),
      sendAfter: row.send_after,
      expiresAt: row.expires_at,
      // Acceptance applied the reject policy; a message already queued waits.
      whenClosed: 'queue',
    });
    if (decision.action === 'expire') {
      finishMessage(this.db, this.journal, id, 'expired', decision.reason, {
        expiresAt: row.expires_at,
      });
      return 'skipped';
    }
    if (decision.action === 'wait') {
      this.wait(id, decision.reason, decision.until);
      return 'skipped';
    }
    if (decision.action === 'reject') return 'skipped'; // unreachable with whenClosed 'queue'
    if (this.optedOut(row.recipient)) {
      finishMessage(this.db, this.journal, id, 'suppressed', 'opted-out', { credits: 0 });
      return 'skipped';
    }
    const parts = this.db
      .stmt(
        "SELECT idx, pdu, tpdu_length FROM message_parts WHERE message_id = ? AND state = 'pending' ORDER BY idx",
      )
      .all(id) as { idx: number; pdu: string; tpdu_length: number }[];
    const credit = this.creditsCover(id, parts.length, now);
    if (credit === 'gate') return null;
    if (credit === 'parked') return 'skipped';
    this.db
      .stmt(
        `UPDATE messages SET state = 'sending', modem_id = ?, attempts = attempts + 1,
           next_attempt_at = NULL, wait_reason = NULL, updated_at = ? WHERE id = ?`,
      )
      .run(modemId, now, id);
    const claimed: ClaimedPart[] = parts.map((p) => ({
      index: p.idx,
      pdu: p.pdu,
      length: p.tpdu_length,
    }));
    return {
      messageId: id,
      recipient: row.recipient,
      modemId,
      attempt: row.attempts + 1,
      parts: claimed,
    };
  }

  /**
   * All or nothing (RULES.md §5: no credit, no send): the whole message must
   * be covered by what is left once the parts of messages already in flight
   * are set aside. With nothing left at all, a device-wide `no-credit` gate
   * is recorded; a message too large for what is left waits on its own.
   */
  private creditsCover(id: number, parts: number, now: number): 'ok' | 'gate' | 'parked' {
    const balance = this.credits.balance(now);
    const inFlight = (
      this.db
        .stmt(
          `SELECT count(*) AS n FROM messages AS m INDEXED BY messages_sending
             JOIN message_parts AS p ON p.message_id = m.id
           WHERE m.state = 'sending' AND p.state = 'pending'`,
        )
        .get() as { n: number }
    ).n;
    const available = balance.total - inFlight;
    if (available >= parts) {
      this.gates.clear('no-credit', '');
      return 'ok';
    }
    const refill = balance.monthly.stock > 0 ? balance.monthly.periodEnd : null;
    if (available <= 0) {
      // Nothing is left for any message: stop here rather than walk the backlog.
      this.gates.set('no-credit', '', refill, `${balance.total} credits, ${inFlight} in flight`);
      return 'gate';
    }
    this.wait(id, 'no-credit', refill);
    return 'parked';
  }

  private wait(id: number, reason: string, until: number | null): void {
    this.db
      .stmt('UPDATE messages SET next_attempt_at = ?, wait_reason = ?, updated_at = ? WHERE id = ?')
      .run(until, reason, this.db.clock.now(), id);
  }

  private optedOut(recipient: string): boolean {
    return (
      this.db.stmt('SELECT 1 FROM optouts WHERE recipient = ? AND opted_out = 1').get(recipient) !==
      undefined
    );
  }

  /** The row of a message that must be `sending`; anything else is QUEUE_STATE. */
  sendingRow(messageId: number): MessageRow {
    const row = messageRow(this.db, messageId);
    if (row === undefined) {
      throw queueError('QUEUE_NOT_FOUND', `no message ${messageId}`, { id: messageId });
    }
    if (row.state !== 'sending') {
      throw queueError('QUEUE_STATE', `message ${messageId} is ${row.state}, not sending`, {
        id: messageId,
        state: row.state,
      });
    }
    return row;
  }
}

function assertModemId(modemId: string): void {
  if (typeof modemId !== 'string' || modemId === '' || modemId.length > 100) {
    throw queueError(
      'QUEUE_BAD_INPUT',
      'a modem id is a non-empty string of at most 100 characters',
      {
        field: 'modemId',
      },
    );
  }
}
