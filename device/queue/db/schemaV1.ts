/**
 * Schema version 1. Times are epoch milliseconds from the injected Clock;
 * phone numbers are E.164 until retention replaces old ones with a keyed hash
 * (`h:` + hex). Every table that records money or consent is append-only;
 * current-state tables next to them are derived and rewritten in the same
 * transaction.
 */
export const SCHEMA_V1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT UNIQUE,
  request_hash    TEXT,
  client_ref      TEXT,
  recipient       TEXT NOT NULL,
  profile         TEXT NOT NULL,
  class           TEXT NOT NULL CHECK (class IN ('reminder', 'other')),
  text            TEXT,
  encoding        TEXT NOT NULL CHECK (encoding IN ('gsm7', 'ucs2')),
  segments        INTEGER NOT NULL CHECK (segments >= 1),
  status_report   INTEGER NOT NULL DEFAULT 0,
  priority        INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 9),
  state           TEXT NOT NULL CHECK (state IN
                    ('queued', 'sending', 'sent', 'delivered', 'failed', 'expired', 'suppressed', 'cancelled')),
  accepted_at     INTEGER NOT NULL,
  send_after      INTEGER,
  expires_at      INTEGER,
  next_attempt_at INTEGER,
  wait_reason     TEXT,
  modem_id        TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  updated_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  final_reason    TEXT,
  redacted_at     INTEGER
);

-- Dispatch selection: per priority level, the due message with the earliest
-- attempt time (see outbox/claimNext.ts). Partial, so it holds queued rows only.
CREATE INDEX messages_due ON messages (priority, next_attempt_at, id) WHERE state = 'queued';
-- Expiry sweep over queued messages.
CREATE INDEX messages_expiry ON messages (expires_at) WHERE state = 'queued' AND expires_at IS NOT NULL;
-- Waking messages parked on a reason (credits granted, retry).
CREATE INDEX messages_waiting ON messages (wait_reason) WHERE state = 'queued' AND wait_reason IS NOT NULL;
-- Opt-out suppression and per-recipient lookups.
CREATE INDEX messages_recipient ON messages (recipient, state);
-- In-flight messages: few rows, read at each claim for the credit reservation.
CREATE INDEX messages_sending ON messages (id) WHERE state = 'sending';
-- Retention: finished messages by age.
CREATE INDEX messages_finished ON messages (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE message_parts (
  message_id  INTEGER NOT NULL REFERENCES messages (id),
  idx         INTEGER NOT NULL CHECK (idx >= 0),
  pdu         TEXT NOT NULL,
  tpdu_length INTEGER NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'delivered', 'failed')),
  mr          INTEGER,
  attempts    INTEGER NOT NULL DEFAULT 0,
  sent_at     INTEGER,
  reported_at INTEGER,
  tp_status   INTEGER,
  error       TEXT,
  PRIMARY KEY (message_id, idx)
) WITHOUT ROWID;

-- Status reports are matched by message reference among parts awaiting one.
CREATE INDEX parts_awaiting_report ON message_parts (mr, sent_at) WHERE state = 'sent';

CREATE TABLE concat_refs (
  recipient TEXT PRIMARY KEY,
  next_ref  INTEGER NOT NULL,
  used_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE dispatch_gates (
  kind     TEXT NOT NULL,
  modem_id TEXT NOT NULL DEFAULT '',
  since    INTEGER NOT NULL,
  until    INTEGER,
  detail   TEXT,
  PRIMARY KEY (kind, modem_id)
) WITHOUT ROWID;

CREATE TABLE optouts (
  recipient  TEXT PRIMARY KEY,
  opted_out  INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  source     TEXT NOT NULL,
  source_ref TEXT
) WITHOUT ROWID;

CREATE TABLE optout_events (
  id         INTEGER PRIMARY KEY,
  recipient  TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('opt-out', 'opt-in')),
  at         INTEGER NOT NULL,
  source     TEXT NOT NULL,
  source_ref TEXT,
  keyword    TEXT
);
CREATE INDEX optout_events_recipient ON optout_events (recipient, id);

CREATE TABLE credit_events (
  id    INTEGER PRIMARY KEY,
  at    INTEGER NOT NULL,
  type  TEXT NOT NULL,
  event TEXT NOT NULL
);

CREATE TABLE credit_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  balance    TEXT NOT NULL,
  last_event INTEGER NOT NULL
);

CREATE TABLE journal (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  at   INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE journal_totals (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE inbox (
  id            INTEGER PRIMARY KEY,
  received_at   INTEGER NOT NULL,
  sender        TEXT NOT NULL,
  text          TEXT,
  sent_at       INTEGER,
  parts         INTEGER NOT NULL,
  parts_missing INTEGER NOT NULL DEFAULT 0,
  kind          TEXT NOT NULL CHECK (kind IN ('opt-out', 'opt-in', 'other')),
  keyword       TEXT,
  needs_review  INTEGER NOT NULL DEFAULT 0,
  review_reason TEXT,
  reviewed_at   INTEGER,
  modem_id      TEXT,
  redacted_at   INTEGER
);
CREATE INDEX inbox_received ON inbox (received_at);
CREATE INDEX inbox_review ON inbox (id) WHERE needs_review = 1 AND reviewed_at IS NULL;

CREATE TABLE inbox_fragments (
  sender      TEXT NOT NULL,
  concat_ref  INTEGER NOT NULL,
  total       INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  sent_at     INTEGER,
  received_at INTEGER NOT NULL,
  modem_id    TEXT,
  PRIMARY KEY (sender, concat_ref, total, seq)
) WITHOUT ROWID;
CREATE INDEX inbox_fragments_age ON inbox_fragments (received_at);
`;
