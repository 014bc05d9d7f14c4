import type Database from 'better-sqlite3';
import type { Clock } from '../../policy/index.js';
import { queueError, storageError } from '../queueErrors.js';

/**
 * The connection every store of this layer shares: prepared statements
 * cached by their SQL, the clock, and one way to write — a short IMMEDIATE
 * transaction per state change (ARCHITECTURE.md, Durability).
 */
export class QueueDb {
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;

  constructor(
    readonly sqlite: Database.Database,
    readonly clock: Clock,
    /**
     * Called inside every write transaction after its last statement, just
     * before COMMIT, with the operation's name. Fault-injection seam for
     * tests (an error thrown here rolls the whole change back); unset in
     * production.
     */
    private readonly beforeCommit?: (operation: string) => void,
  ) {}

  /** A prepared statement, compiled once per connection. */
  stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      this.assertOpen();
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `change` in one IMMEDIATE transaction (the write lock is taken at
   * BEGIN, so a busy database fails before anything is read and acted on).
   * SQLite errors become QueueErrors naming `operation`; on any error
   * nothing of the change is kept.
   */
  write<T>(operation: string, change: () => T): T {
    this.assertOpen();
    try {
      return this.sqlite
        .transaction(() => {
          const result = change();
          this.beforeCommit?.(operation);
          return result;
        })
        .immediate();
    } catch (error) {
      throw storageError(error, operation);
    }
  }

  /** Runs a read; SQLite errors become QueueErrors. */
  read<T>(operation: string, query: () => T): T {
    this.assertOpen();
    try {
      return query();
    } catch (error) {
      throw storageError(error, operation);
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.sqlite.close();
  }

  private assertOpen(): void {
    if (this.closed) throw queueError('QUEUE_CLOSED', 'the queue database is closed');
  }
}
