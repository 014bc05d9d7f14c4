import type { QueueDb } from '../db/QueueDb.js';
import type { Gate } from './DispatchGates.js';
import { MESSAGE_STATES, type MessageState } from './messageTypes.js';

/** What `gsmgate status` and the API's status route show about the outbox. */
export interface OutboxStatus {
  readonly at: number;
  readonly byState: Readonly<Record<MessageState, number>>;
  /**
   * Queued messages by why they wait. `due` ones are ready now; when a
   * device-wide gate holds them (no credit, every modem down) they are
   * counted under that gate's kind instead.
   */
  readonly waiting: Readonly<Record<string, number>>;
  readonly gates: readonly Gate[];
  readonly oldestQueued: { readonly id: number; readonly acceptedAt: number } | null;
  readonly nextAttemptAt: number | null;
}

export function outboxStatus(
  db: QueueDb,
  gates: readonly Gate[],
  modemIds: readonly string[] = [],
): OutboxStatus {
  const now = db.clock.now();
  const byState = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as Record<
    MessageState,
    number
  >;
  for (const row of db.stmt('SELECT state, count(*) AS n FROM messages GROUP BY state').all() as {
    state: MessageState;
    n: number;
  }[]) {
    byState[row.state] = row.n;
  }
  const holding = holdingGate(gates, modemIds);
  const waiting: Record<string, number> = {};
  const rows = db
    .stmt(
      `SELECT CASE WHEN next_attempt_at IS NOT NULL AND next_attempt_at <= ? THEN 'due'
                   ELSE coalesce(wait_reason, 'scheduled') END AS reason, count(*) AS n
       FROM messages INDEXED BY messages_due WHERE state = 'queued' GROUP BY reason`,
    )
    .all(now) as { reason: string; n: number }[];
  for (const row of rows) {
    const reason = row.reason === 'due' && holding !== null ? holding : row.reason;
    waiting[reason] = (waiting[reason] ?? 0) + row.n;
  }
  // Messages parked until an event (no monthly stock left, no pack) have no attempt time.
  const parked = db
    .stmt(
      "SELECT wait_reason AS reason, count(*) AS n FROM messages WHERE state = 'queued' AND next_attempt_at IS NULL GROUP BY wait_reason",
    )
    .all() as { reason: string | null; n: number }[];
  for (const row of parked) {
    const reason = row.reason ?? 'scheduled';
    waiting[reason] = (waiting[reason] ?? 0) + row.n;
  }
  const oldest = db
    .stmt(
      "SELECT id, accepted_at FROM messages INDEXED BY messages_due WHERE state = 'queued' ORDER BY id LIMIT 1",
    )
    .get() as { id: number; accepted_at: number } | undefined;
  const next = db
    .stmt(
      "SELECT min(next_attempt_at) AS at FROM messages WHERE state = 'queued' AND next_attempt_at > ?",
    )
    .get(now) as { at: number | null };
  return {
    at: now,
    byState,
    waiting,
    gates,
    oldestQueued: oldest === undefined ? null : { id: oldest.id, acceptedAt: oldest.accepted_at },
    nextAttemptAt: next.at,
  };
}

/** The gate that holds every due message, if one does. */
function holdingGate(gates: readonly Gate[], modemIds: readonly string[]): string | null {
  if (gates.some((g) => g.kind === 'no-credit')) return 'no-credit';
  const modems =
    modemIds.length > 0
      ? modemIds
      : [...new Set(gates.filter((g) => g.modemId !== '').map((g) => g.modemId))];
  if (modems.length === 0) return null;
  const kinds = modems.map((id) => {
    const own = gates.filter((g) => g.modemId === id);
    return (
      own.find((g) => g.kind === 'modem-down')?.kind ??
      own.find((g) => g.kind === 'rate-cap')?.kind ??
      null
    );
  });
  if (kinds.some((k) => k === null)) return null;
  return kinds.includes('rate-cap') ? 'rate-cap' : 'modem-down';
}
