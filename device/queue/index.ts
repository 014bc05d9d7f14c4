/**
 * The queue layer's public surface (ARCHITECTURE.md, Layers): the durable
 * outbox in SQLite. Other layers import from here, not from the files behind it.
 */
export { Queue, openQueue } from './Queue.js';
export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BACKOFF_MS,
  type CrashPolicy,
  type QueueOptions,
} from './QueueOptions.js';
export {
  isQueueError,
  isRetryableStorageError,
  type QueueError,
  type QueueErrorCode,
} from './queueErrors.js';
export { SCHEMA_VERSION } from './db/migrations.js';
export type { DatabaseOptions } from './db/openDatabase.js';
export type { CreditSource } from './credits/CreditStore.js';
export type {
  JournalPosition,
  JournalRecord,
  JournalTotals,
  JournalType,
} from './journal/journalTypes.js';
export type {
  OptOutChange,
  OptOutEntry,
  OptOutResult,
  OptOutSource,
} from './optouts/OptOutStore.js';
export type { RecoveryReport } from './outbox/crashRecovery.js';
export type { Gate, GateKind } from './outbox/DispatchGates.js';
export {
  FINAL_STATES,
  MESSAGE_STATES,
  type AcceptRequest,
  type AcceptResult,
  type Claim,
  type ClaimedPart,
  type MessageState,
  type MessageView,
  type PartState,
  type PartView,
  type WaitReason,
} from './outbox/messageTypes.js';
export type { PartFailure, StatusReportInput, StatusReportMatch } from './outbox/PartResults.js';
export type { OutboxStatus } from './outbox/queueStatus.js';
