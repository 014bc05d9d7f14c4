/**
 * Puts concatenated SMS back together for display (`gsmgate modem inbox`). Pure: no I/O.
 * The outbox does its own, durable reassembly; this one only looks at what is on the modem
 * right now, so a message missing parts is shown as incomplete rather than waited for.
 *
 * Parts belong together when sender, reference width and value (8- and 16-bit references
 * are different messages, 23.040 §9.2.3.24.1/.8) and part count agree; they are ordered by
 * sequence number, and a repeated sequence number keeps its first copy.
 */
import type { DeliverPdu } from '../../sms/pdu/index.js';

export interface StoredDeliver {
  readonly storage: string;
  readonly index: number;
  readonly message: DeliverPdu;
}

export interface ReassembledMessage {
  readonly sender: string;
  /** Centre timestamp of the earliest part (ISO 8601 with its offset). */
  readonly timestamp: string;
  /** The parts' text in order (8-bit parts contribute nothing). */
  readonly text: string;
  /** Parts expected (1 for a single SMS). */
  readonly total: number;
  /** Sequence numbers present, in order. */
  readonly received: readonly number[];
  readonly complete: boolean;
  /** Where every stored part is (a repeated part too), in sequence order: what to delete. */
  readonly locations: readonly { readonly storage: string; readonly index: number }[];
}

export function reassembleParts(parts: readonly StoredDeliver[]): ReassembledMessage[] {
  const groups = new Map<string, StoredDeliver[]>();
  for (const part of parts) {
    const { concat, sender } = part.message;
    const key =
      concat === undefined
        ? `single:${part.storage}:${part.index}`
        : `multi:${sender}:${concat.referenceBits}:${concat.ref}:${concat.total}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [part]);
    else group.push(part);
  }
  const messages = [...groups.values()].map(assemble);
  // Oldest first; timestamps carry their centre's offset, so compare instants, not strings.
  return messages.sort(
    (a, b) => instant(a.timestamp) - instant(b.timestamp) || a.sender.localeCompare(b.sender),
  );
}

function instant(timestamp: string): number {
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? 0 : at;
}

function assemble(group: readonly StoredDeliver[]): ReassembledMessage {
  const first = group[0] as StoredDeliver;
  const total = first.message.concat?.total ?? 1;
  const bySeq = new Map<number, StoredDeliver>();
  for (const part of group) {
    const seq = part.message.concat?.seq ?? 1;
    if (!bySeq.has(seq)) bySeq.set(seq, part);
  }
  const ordered = [...bySeq.entries()].sort(([a], [b]) => a - b);
  const received = ordered.map(([seq]) => seq);
  const earliest = group.reduce((a, b) =>
    instant(b.message.timestamp) < instant(a.message.timestamp) ? b : a,
  );
  return {
    sender: first.message.sender,
    timestamp: earliest.message.timestamp,
    text: ordered.map(([, part]) => part.message.text ?? '').join(''),
    total,
    received,
    complete: received.length === total && received.every((seq, i) => seq === i + 1),
    locations: [...group]
      .sort((a, b) => (a.message.concat?.seq ?? 1) - (b.message.concat?.seq ?? 1))
      .map((part) => ({ storage: part.storage, index: part.index })),
  };
}
