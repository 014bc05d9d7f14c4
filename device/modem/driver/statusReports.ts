/**
 * SMS-STATUS-REPORTs (23.040 §9.2.2.3), in the two forms AT+CNMI can ask for (27.005 §3.4.1):
 *
 * - ds=1: `+CDS: <length>` and the PDU line, routed straight to us. Decoded and emitted;
 *   nothing is stored, nothing to delete, and under AT+CSMS service 0 no AT+CNMA is due.
 * - ds=2: `+CDSI: <mem>,<index>`: stored; read with AT+CMGR (switching the read memory when
 *   it is not ours), emitted, deleted. Quectel EC25/EG25 store reports in "SR" yet announce
 *   `+CDSI: "SM",<n>` (asterisk-chan-quectel PR #75, Quectel forum): when the named slot is
 *   empty the same index is tried in "SR". A slot holding something else (an SMS-DELIVER
 *   that happens to sit there) is left for the inbox, never deleted as a report.
 */
import type { StatusReportPdu } from '../../sms/pdu/index.js';
import type { ModemDriverEvents, StatusReportEvent } from './ModemDriverEvents.js';
import { safeLog, type ModemLogger } from '../ModemLogger.js';
import type { SerialWorker } from './SerialWorker.js';
import {
  decodeStored,
  deleteStored,
  readStored,
  withReadStorage,
  type StoreAccess,
} from './storedMessages.js';

export function toStatusReportEvent(
  report: StatusReportPdu,
  source: StatusReportEvent['source'],
  where?: { readonly storage: string; readonly index: number },
): StatusReportEvent {
  return {
    source,
    ...(where === undefined ? {} : { storage: where.storage, index: where.index }),
    messageReference: report.messageReference,
    recipient: report.recipient,
    status: report.status,
    serviceCentreTimestamp: report.serviceCentreTimestamp,
    dischargeTimestamp: report.dischargeTimestamp,
    report,
  };
}

type Emit = <K extends keyof ModemDriverEvents>(event: K, ...args: ModemDriverEvents[K]) => void;

export interface StatusReportDeps {
  readonly store: StoreAccess;
  readonly worker: SerialWorker;
  readonly emit: Emit;
  readonly logger: ModemLogger;
}

export class StatusReports {
  constructor(private readonly deps: StatusReportDeps) {}

  /** `+CDS: <length>` + PDU. */
  onDirect(length: number, pdu: string): void {
    const decoded = decodeStored(pdu, length);
    if (decoded.kind === 'status-report') {
      this.deps.emit('statusReport', toStatusReportEvent(decoded.report, 'cds'));
      return;
    }
    safeLog(
      this.deps.logger,
      'warn',
      { kind: decoded.kind, ...(decoded.kind === 'undecodable' ? { code: decoded.code } : {}) },
      '+CDS did not carry a status report',
    );
  }

  /** `+CDSI: <mem>,<index>`. */
  onStored(storage: string, index: number): Promise<void> {
    return this.deps.worker.run(async () => {
      if (await this.readOne(storage, index)) return;
      if (storage.toUpperCase() !== 'SR') await this.readOne('SR', index);
    });
  }

  /** True when the slot held something (a report, handled; or anything else, left). */
  private async readOne(storage: string, index: number): Promise<boolean> {
    const { store } = this.deps;
    return withReadStorage(store, storage, async () => {
      const stored = await readStored(store, storage, index);
      if (stored === undefined) return false;
      const decoded = decodeStored(stored.pdu, stored.length);
      if (decoded.kind !== 'status-report') return true;
      this.deps.emit('statusReport', toStatusReportEvent(decoded.report, 'stored', stored));
      await deleteStored(store, index).catch((error: unknown) => {
        safeLog(
          this.deps.logger,
          'warn',
          { storage, index, error: (error as Error).message },
          'could not delete a status report',
        );
      });
      return true;
    });
  }
}
