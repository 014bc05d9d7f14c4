import type Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { queueError } from '../queueErrors.js';
import { SCHEMA_V1 } from './schemaV1.js';

/**
 * Ordered migrations; the schema version is SQLite's `user_version`. Each one
 * runs in its own transaction with the version bump, so a crash leaves the
 * database at one version or the next, never between.
 */
const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) => {
    db.exec(SCHEMA_V1);
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    // The cloud deduplicates by (device, journal id, seq): a new file is a new journal.
    meta.run('journal_id', randomUUID());
    // Keys the hash that replaces old phone numbers (retention); never leaves the box.
    meta.run('redaction_key', randomBytes(32).toString('hex'));
    meta.run('journal_ack_seq', '0');
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw queueError(
      'QUEUE_SCHEMA_NEWER',
      `the database has schema version ${current}; this gsmgate knows up to ${SCHEMA_VERSION} — upgrade gsmgate or use a backup`,
      { found: current, supported: SCHEMA_VERSION },
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version] as (db: Database.Database) => void;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
