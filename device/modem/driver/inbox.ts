/**
 * Inbound SMS (issue point 5): +CMTI → AT+CMGR → the caller's handler → AT+CMGD only after
 * the handler resolved, so a crash (ours or the handler's) never loses a message: it is
 * still on the modem and the next sweep (AT+CMGL=4: at start, after a reboot, when storage
 * fills, every `sweepIntervalMs`) offers it again. Status reports found in storage are
 * emitted and deleted; stored outgoing messages (stat 2/3) are left alone.
 * Every operation runs on one SerialWorker, so reads, handlers and deletes never interleave.
 */
import type { DriverContext } from './DriverContext.js';
import type { InboundHandler, InboundMessage, ModemDriverEvents } from './ModemDriverEvents.js';
import { maskNumber, safeLog } from '../ModemLogger.js';
import { SerialWorker } from './SerialWorker.js';
import { toStatusReportEvent } from './statusReports.js';
import {
  decodeStored,
  deleteStored,
  listStored,
  readStored,
  STAT_RECEIVED_READ,
  STAT_RECEIVED_UNREAD,
  withReadStorage,
  type StoreAccess,
  type StoredPdu,
} from './storedMessages.js';
import { withTimeout } from './timing.js';

type Emit = <K extends keyof ModemDriverEvents>(event: K, ...args: ModemDriverEvents[K]) => void;

export interface InboxDeps {
  readonly ctx: DriverContext;
  readonly store: StoreAccess;
  readonly emit: Emit;
  readonly handler: () => InboundHandler | undefined;
}

export class Inbox {
  readonly worker = new SerialWorker();
  /** `storage:index` of messages whose handler failed, still on the modem. */
  private readonly unhandled = new Set<string>();

  constructor(private readonly deps: InboxDeps) {}

  /** Messages left on the modem because their handler failed. */
  get unhandledCount(): number {
    return this.unhandled.size;
  }

  /** +CMTI: read that one message (queued behind whatever the inbox is doing). */
  onNewMessage(storage: string, index: number): Promise<void> {
    return this.worker.run(async () => {
      if (this.deps.handler() === undefined) return; // stays stored until a handler exists
      const { store } = this.deps;
      const stored = await withReadStorage(store, storage, () => readStored(store, storage, index));
      if (stored !== undefined) await this.process(stored);
    });
  }

  /** AT+CMGL=4 and handle everything listed. Resolves with how many entries were listed. */
  sweep(): Promise<number> {
    return this.worker.run(async () => {
      const entries = await listStored(this.deps.store);
      this.unhandled.clear(); // recounted from what is still there
      for (const entry of entries) await this.process(entry);
      return entries.length;
    });
  }

  private async process(stored: StoredPdu): Promise<void> {
    const decoded = decodeStored(stored.pdu, stored.length);
    const { emit, ctx } = this.deps;
    switch (decoded.kind) {
      case 'status-report':
        emit('statusReport', toStatusReportEvent(decoded.report, 'stored', stored));
        await this.delete(stored);
        return;
      case 'submit':
        return; // a stored outgoing message: not ours to delete
      case 'undecodable':
        emit('undecodable', {
          storage: stored.storage,
          index: stored.index,
          code: decoded.code,
          pdu: stored.pdu,
        });
        safeLog(
          ctx.logger,
          'warn',
          { storage: stored.storage, index: stored.index, code: decoded.code },
          'stored PDU does not decode; left on the modem',
        );
        return;
      case 'deliver':
        if (
          stored.stat !== null &&
          stored.stat !== STAT_RECEIVED_UNREAD &&
          stored.stat !== STAT_RECEIVED_READ
        )
          return;
        await this.deliver({
          storage: stored.storage,
          index: stored.index,
          pdu: stored.pdu,
          message: decoded.deliver,
        });
    }
  }

  private async deliver(message: InboundMessage): Promise<void> {
    const { ctx, emit } = this.deps;
    const handler = this.deps.handler();
    if (handler === undefined) return;
    emit('inbound', message);
    const key = `${message.storage}:${message.index}`;
    const where = {
      storage: message.storage,
      index: message.index,
      from: maskNumber(message.message.sender),
    };
    try {
      await withTimeout(
        ctx.clock,
        Promise.resolve().then(() => handler(message)),
        ctx.options.inboundHandlerTimeoutMs,
        () =>
          new Error(`inbound handler took longer than ${ctx.options.inboundHandlerTimeoutMs} ms`),
      );
    } catch (error) {
      this.unhandled.add(key);
      safeLog(
        ctx.logger,
        'warn',
        { ...where, error: (error as Error).message },
        'inbound handler failed; message kept for the next sweep',
      );
      return;
    }
    await this.delete(message);
  }

  private async delete(at: { storage: string; index: number }): Promise<void> {
    const { store, ctx } = this.deps;
    try {
      await withReadStorage(store, at.storage, () => deleteStored(store, at.index));
      this.unhandled.delete(`${at.storage}:${at.index}`);
    } catch (error) {
      // Still stored: the next sweep offers it again (the handler is idempotent by contract).
      safeLog(
        ctx.logger,
        'warn',
        { storage: at.storage, index: at.index, error: (error as Error).message },
        'AT+CMGD failed',
      );
    }
  }
}
