import { systemClock } from '../policy/index.js';
import { CreditStore } from './credits/CreditStore.js';
import { openDatabase } from './db/openDatabase.js';
import { QueueDb } from './db/QueueDb.js';
import { Journal } from './journal/Journal.js';
import { OptOutStore } from './optouts/OptOutStore.js';
import { recoverAfterCrash, type RecoveryReport } from './outbox/crashRecovery.js';
import { DispatchStore } from './outbox/DispatchStore.js';
import type {
  AcceptRequest,
  AcceptResult,
  Claim,
  MessageState,
  MessageView,
} from './outbox/messageTypes.js';
import { OutboxStore } from './outbox/OutboxStore.js';
import {
  PartResults,
  type PartFailure,
  type StatusReportInput,
  type StatusReportMatch,
} from './outbox/PartResults.js';
import { ProfileRegistry } from './outbox/ProfileRegistry.js';
import { QueueSweeps } from './outbox/QueueSweeps.js';
import { outboxStatus, type OutboxStatus } from './outbox/queueStatus.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BACKOFF_MS,
  type QueueOptions,
} from './QueueOptions.js';
import { queueError } from './queueErrors.js';

/**
 * The durable outbox: one SQLite file and the stores over it. This class only
 * wires them and forwards; each store's file says what it does. Open it with
 * `openQueue`.
 */
export class Queue {
  readonly journal: Journal;
  readonly credits: CreditStore;
  readonly optOuts: OptOutStore;
  /** Set when the queue opened: what crash recovery found (ARCHITECTURE.md, States). */
  readonly recovery: RecoveryReport | null;

  private readonly outbox: OutboxStore;
  private readonly dispatch: DispatchStore;
  private readonly results: PartResults;
  private readonly sweeps: QueueSweeps;

  constructor(
    readonly db: QueueDb,
    options: QueueOptions = {},
  ) {
    const registry = new ProfileRegistry(options.profiles, options.windows);
    this.journal = new Journal(db);
    this.credits = new CreditStore(db, this.journal, options.credits);
    this.optOuts = new OptOutStore(db, this.journal);
    this.sweeps = new QueueSweeps(db, this.journal);
    this.outbox = new OutboxStore(db, this.journal, registry, {
      defaultProfile: options.defaultProfile ?? 'generic',
      defaultRegion: options.defaultRegion ?? 'FR',
    });
    this.dispatch = new DispatchStore(db, this.journal, this.credits, registry);
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const backoffMs = options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS;
    if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
      throw queueError('QUEUE_BAD_INPUT', 'maxAttempts must be a whole number ≥ 1', {
        field: 'maxAttempts',
      });
    }
    if (backoffMs.length === 0 || backoffMs.some((ms) => !Number.isSafeInteger(ms) || ms < 0)) {
      throw queueError(
        'QUEUE_BAD_INPUT',
        'retryBackoffMs must be a non-empty list of whole ms ≥ 0',
        {
          field: 'retryBackoffMs',
        },
      );
    }
    this.results = new PartResults(db, this.journal, this.credits, this.dispatch, {
      maxAttempts,
      backoffMs,
    });
    this.optOuts.suppressQueued = (recipient, reason) =>
      this.sweeps.suppressQueuedWithin(recipient, reason);
    this.credits.onCreditsAdded = () => this.sweeps.wakeNoCreditWithin();
    this.recovery =
      options.recoverOnOpen === false
        ? null
        : recoverAfterCrash(db, this.journal, options.crashPolicy ?? 'resend');
  }

  accept(request: AcceptRequest): AcceptResult {
    return this.outbox.accept(request);
  }

  get(id: number): MessageView | undefined {
    return this.outbox.get(id);
  }

  list(filter?: { state?: MessageState; limit?: number; beforeId?: number }): MessageView[] {
    return this.outbox.list(filter);
  }

  cancel(id: number, by?: string): MessageView {
    return this.outbox.cancel(id, by);
  }

  claimNext(modemId: string): Claim | null {
    return this.dispatch.claimNext(modemId);
  }

  release(messageId: number, wait: Parameters<DispatchStore['release']>[1]): void {
    this.dispatch.release(messageId, wait);
  }

  partSent(messageId: number, index: number, mr: number): { messageState: MessageState } {
    return this.results.sent(messageId, index, mr);
  }

  partFailed(
    messageId: number,
    index: number,
    failure: PartFailure,
  ): { messageState: MessageState } {
    return this.results.failed(messageId, index, failure);
  }

  statusReport(report: StatusReportInput): StatusReportMatch {
    return this.results.statusReport(report);
  }

  /** A modem is down or at its rate cap until `until` (`null`: until cleared). */
  setModemGate(
    modemId: string,
    kind: 'modem-down' | 'rate-cap',
    until: number | null,
    detail?: string,
  ): void {
    this.db.write('setting a modem gate', () =>
      this.dispatch.gates.set(kind, modemId, until, detail ?? null),
    );
  }

  clearModemGate(modemId: string, kind: 'modem-down' | 'rate-cap'): void {
    this.db.write('clearing a modem gate', () => this.dispatch.gates.clear(kind, modemId));
  }

  /** Periodic upkeep: expiries of messages and of credit packs. */
  sweep(): { expiredMessages: number; expiredCredits: number } {
    return { expiredMessages: this.sweeps.expireDue(), expiredCredits: this.credits.expirePacks() };
  }

  status(modemIds?: readonly string[]): OutboxStatus {
    return this.db.read('reading the queue status', () =>
      outboxStatus(this.db, this.dispatch.gates.list(), modemIds),
    );
  }

  /** An online copy through SQLite's backup API: consistent while the gateway runs. */
  async backup(destination: string): Promise<void> {
    if (typeof destination !== 'string' || destination === '') {
      throw queueError('QUEUE_BAD_INPUT', 'a backup needs a destination path', {
        field: 'destination',
      });
    }
    try {
      await this.db.sqlite.backup(destination);
    } catch (error) {
      throw queueError(
        'QUEUE_STORAGE',
        `backup to ${destination} failed: ${(error as Error).message}`,
        {
          destination,
        },
        error,
      );
    }
  }

  close(): void {
    this.db.close();
  }
}

/** Opens (creating if needed) the queue at `path`, migrates it and runs crash recovery. */
export function openQueue(path: string, options: QueueOptions = {}): Queue {
  const sqlite = openDatabase(path, options);
  try {
    return new Queue(
      new QueueDb(sqlite, options.clock ?? systemClock, options.beforeCommit),
      options,
    );
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
