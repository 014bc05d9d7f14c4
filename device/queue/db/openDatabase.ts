import Database from 'better-sqlite3';
import { queueError, storageError } from '../queueErrors.js';
import { migrate } from './migrations.js';

export type SqliteDatabase = Database.Database;

/** How the database file is opened. Defaults are the durable ones. */
export interface DatabaseOptions {
  /**
   * `FULL` by default, set explicitly: better-sqlite3 is built with NORMAL as
   * the WAL default, which can roll back a committed transaction on power
   * loss (ARCHITECTURE.md, Durability). `NORMAL` exists for benchmarks only.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another connection's lock. @default 5000 ms */
  readonly busyTimeoutMs?: number;
  /**
   * The WAL is checkpointed at this many pages and truncated back to
   * `walSizeLimitBytes` afterwards, so it stays bounded on a small SD card.
   * @default 1000 pages (about 4 MiB)
   */
  readonly walAutocheckpointPages?: number;
  /** @default 8 MiB */
  readonly walSizeLimitBytes?: number;
  /** Open an existing file only: for commands that must not create one. @default false */
  readonly mustExist?: boolean;
}

/** The pragmas every connection gets, in the order they must be set. */
export function durablePragmas(options: DatabaseOptions = {}): string[] {
  return [
    'journal_mode = WAL',
    `synchronous = ${options.synchronous ?? 'FULL'}`,
    `busy_timeout = ${options.busyTimeoutMs ?? 5000}`,
    `wal_autocheckpoint = ${options.walAutocheckpointPages ?? 1000}`,
    `journal_size_limit = ${options.walSizeLimitBytes ?? 8 * 1024 * 1024}`,
    'foreign_keys = ON',
  ];
}

/**
 * Opens (creating when allowed) the queue's database, applies the durable
 * pragmas and brings the schema to the current version.
 */
export function openDatabase(path: string, options: DatabaseOptions = {}): SqliteDatabase {
  if (typeof path !== 'string' || path === '') {
    throw queueError('QUEUE_BAD_INPUT', 'the database path must be a non-empty string');
  }
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(path, { fileMustExist: options.mustExist === true });
    for (const pragma of durablePragmas(options)) db.pragma(pragma);
    const mode = db.pragma('journal_mode', { simple: true });
    if (path !== ':memory:' && mode !== 'wal') {
      throw queueError('QUEUE_STORAGE', `SQLite refused WAL mode (journal_mode is ${mode})`, {
        path,
      });
    }
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    const mapped = storageError(error, `opening ${path}`);
    if (options.mustExist === true && (error as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw queueError('QUEUE_NOT_FOUND', `no database at ${path}`, { path }, error);
    }
    throw mapped;
  }
}
