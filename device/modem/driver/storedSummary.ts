/**
 * What is stored on the modem, for people (`gsmgate modem inbox`): SMS-DELIVERs with their
 * parts put together, status reports, and what does not decode. Pure: the caller lists
 * the storage (AT+CMGL=4) and decides what to delete.
 */
import { reassembleParts, type ReassembledMessage, type StoredDeliver } from './reassembleParts.js';
import type { StatusReportEvent } from './ModemDriverEvents.js';
import { toStatusReportEvent } from './statusReports.js';
import { decodeStored, type StoredPdu } from './storedMessages.js';

export interface StoredSummary {
  readonly messages: readonly ReassembledMessage[];
  readonly statusReports: readonly Omit<StatusReportEvent, 'report' | 'source'>[];
  readonly undecodable: readonly { storage: string; index: number; code: string }[];
  /** Stored outgoing messages (stat 2/3), left alone. */
  readonly outgoing: number;
}

export function summariseStored(stored: readonly StoredPdu[]): StoredSummary {
  const delivers: StoredDeliver[] = [];
  const statusReports: StoredSummary['statusReports'][number][] = [];
  const undecodable: StoredSummary['undecodable'][number][] = [];
  let outgoing = 0;
  for (const entry of stored) {
    const decoded = decodeStored(entry.pdu, entry.length);
    const where = { storage: entry.storage, index: entry.index };
    switch (decoded.kind) {
      case 'deliver':
        delivers.push({ ...where, message: decoded.deliver });
        break;
      case 'status-report': {
        const {
          report: _report,
          source: _source,
          ...rest
        } = toStatusReportEvent(decoded.report, 'stored', where);
        statusReports.push(rest);
        break;
      }
      case 'submit':
        outgoing++;
        break;
      case 'undecodable':
        undecodable.push({ ...where, code: decoded.code });
        break;
    }
  }
  return { messages: reassembleParts(delivers), statusReports, undecodable, outgoing };
}
