import type { QueueDb } from '../db/QueueDb.js';

/** Device-wide reasons nothing is going out, as `status` shows them. */
export type GateKind = 'no-credit' | 'modem-down' | 'rate-cap';

export interface Gate {
  readonly kind: GateKind;
  /** '' for a device-wide gate (credits). */
  readonly modemId: string;
  readonly since: number;
  /** When it is expected to lift (`null`: on an event — credits granted, modem back). */
  readonly until: number | null;
  readonly detail: string | null;
}

/**
 * Waiting that belongs to the device rather than to a message. Storing it
 * per message would rewrite the whole backlog each time a modem drops; here
 * it is one row, and the due messages are counted as waiting on it.
 */
export class DispatchGates {
  constructor(private readonly db: QueueDb) {}

  /** Call inside a write. Keeps `since` when the gate is already set. */
  set(kind: GateKind, modemId: string, until: number | null, detail: string | null = null): void {
    const current = this.db
      .stmt('SELECT until, detail FROM dispatch_gates WHERE kind = ? AND modem_id = ?')
      .get(kind, modemId) as { until: number | null; detail: string | null } | undefined;
    // A dispatcher polling while out of credit must not rewrite (and fsync) the same row.
    if (current !== undefined && current.until === until && current.detail === detail) return;
    this.db
      .stmt(
        `INSERT INTO dispatch_gates (kind, modem_id, since, until, detail) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, modem_id) DO UPDATE SET until = excluded.until, detail = excluded.detail`,
      )
      .run(kind, modemId, this.db.clock.now(), until, detail);
  }

  /** Call inside a write. */
  clear(kind: GateKind, modemId: string): void {
    this.db.stmt('DELETE FROM dispatch_gates WHERE kind = ? AND modem_id = ?').run(kind, modemId);
  }

  list(): Gate[] {
    const rows = this.db
      .stmt(
        'SELECT kind, modem_id, since, until, detail FROM dispatch_gates ORDER BY kind, modem_id',
      )
      .all() as {
      kind: GateKind;
      modem_id: string;
      since: number;
      until: number | null;
      detail: string | null;
    }[];
    return rows.map((r) => ({
      kind: r.kind,
      modemId: r.modem_id,
      since: r.since,
      until: r.until,
      detail: r.detail,
    }));
  }
}
