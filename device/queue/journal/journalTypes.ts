/**
 * What the journal records (ARCHITECTURE.md, MQTT): every change that matters
 * to money or consent. Phone numbers appear only in opt-out records, which
 * the fleet needs to share; sent parts carry the message id, not the number.
 */
export type JournalType =
  | 'part-sent'
  | 'part-delivered'
  | 'part-failed'
  | 'message-failed'
  | 'message-expired'
  | 'message-suppressed'
  | 'opt-out'
  | 'opt-in'
  | 'credit-grant'
  | 'credit-stock'
  | 'credit-adjust'
  | 'credit-expire'
  | 'crash-recovery';

/** Lifetime counters kept next to the journal, updated in the same transaction. */
export type JournalTotal =
  | 'partsSent'
  | 'creditsUsed'
  | 'messagesSent'
  | 'partsDelivered'
  | 'messagesDelivered'
  | 'partsFailed'
  | 'messagesFailed'
  | 'messagesExpired'
  | 'messagesSuppressed'
  | 'optOuts'
  | 'optIns'
  | 'creditsGranted'
  | 'creditsExpired'
  | 'creditsAdjusted'
  | 'recoveredResent'
  | 'recoveredFailed';

export const JOURNAL_TOTALS: readonly JournalTotal[] = [
  'partsSent',
  'creditsUsed',
  'messagesSent',
  'partsDelivered',
  'messagesDelivered',
  'partsFailed',
  'messagesFailed',
  'messagesExpired',
  'messagesSuppressed',
  'optOuts',
  'optIns',
  'creditsGranted',
  'creditsExpired',
  'creditsAdjusted',
  'recoveredResent',
  'recoveredFailed',
];

export interface JournalRecord {
  readonly seq: number;
  readonly at: number;
  readonly type: JournalType;
  readonly data: Readonly<Record<string, unknown>>;
}

export type JournalTotals = Readonly<Record<JournalTotal, number>>;

/** Where the journal stands: what exists and what the cloud has confirmed. */
export interface JournalPosition {
  /** Identifies this database's journal; a new file starts a new one. */
  readonly journalId: string;
  /** Highest sequence written (0: none yet). */
  readonly lastSeq: number;
  /** Highest sequence the cloud acknowledged as stored, contiguously. */
  readonly ackSeq: number;
}
