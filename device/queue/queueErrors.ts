import { GatewayError } from '../shared/GatewayError.js';

/**
 * Stable codes of the queue layer. Storage codes say what SQLite reported,
 * so the dispatcher can pause on `retryable` ones and resume when they clear;
 * the others are refusals of a request, with nothing written.
 */
export type QueueErrorCode =
  | 'QUEUE_BUSY'
  | 'QUEUE_IO'
  | 'QUEUE_FULL'
  | 'QUEUE_READONLY'
  | 'QUEUE_CORRUPT'
  | 'QUEUE_STORAGE'
  | 'QUEUE_SCHEMA_NEWER'
  | 'QUEUE_CLOSED'
  | 'QUEUE_BAD_INPUT'
  | 'QUEUE_NOT_FOUND'
  | 'QUEUE_STATE'
  | 'QUEUE_IDEMPOTENCY_CONFLICT'
  | 'QUEUE_WINDOW_CLOSED'
  | 'QUEUE_EXPIRES_TOO_SOON'
  | 'QUEUE_CREDIT';

export type QueueError = GatewayError<QueueErrorCode>;

export function queueError(
  code: QueueErrorCode,
  message: string,
  context: Record<string, unknown> = {},
  cause?: unknown,
): QueueError {
  return new GatewayError(code, message, context, cause === undefined ? undefined : { cause });
}

export function isQueueError(value: unknown, code?: QueueErrorCode): value is QueueError {
  return (
    value instanceof GatewayError &&
    value.code.startsWith('QUEUE_') &&
    (code === undefined || value.code === code)
  );
}

/** Storage faults that clear by themselves or by an operator freeing space. */
const RETRYABLE: ReadonlySet<QueueErrorCode> = new Set(['QUEUE_BUSY', 'QUEUE_IO', 'QUEUE_FULL']);

/** True for a storage fault worth retrying later with the same request. */
export function isRetryableStorageError(value: unknown): value is QueueError {
  return isQueueError(value) && RETRYABLE.has(value.code);
}

function queueCodeOf(sqliteCode: string): QueueErrorCode {
  if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')) {
    return 'QUEUE_BUSY';
  }
  if (sqliteCode.startsWith('SQLITE_IOERR')) return 'QUEUE_IO';
  if (sqliteCode === 'SQLITE_FULL') return 'QUEUE_FULL';
  if (sqliteCode.startsWith('SQLITE_READONLY') || sqliteCode.startsWith('SQLITE_CANTOPEN')) {
    return 'QUEUE_READONLY';
  }
  if (sqliteCode.startsWith('SQLITE_CORRUPT') || sqliteCode === 'SQLITE_NOTADB') {
    return 'QUEUE_CORRUPT';
  }
  return 'QUEUE_STORAGE';
}

/**
 * Turns what better-sqlite3 threw (a SqliteError with a `SQLITE_*` code) into
 * a QueueError naming the operation; anything else is passed through.
 */
export function storageError(error: unknown, operation: string): unknown {
  if (error instanceof GatewayError) return error;
  const sqliteCode = (error as { code?: unknown } | null)?.code;
  if (typeof sqliteCode !== 'string' || !sqliteCode.startsWith('SQLITE_')) return error;
  const code = queueCodeOf(sqliteCode);
  return queueError(
    code,
    `${operation} failed: ${(error as Error).message} (${sqliteCode})`,
    {
      operation,
      sqliteCode,
      retryable: RETRYABLE.has(code),
    },
    error,
  );
}
