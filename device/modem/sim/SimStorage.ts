/**
 * The SIM's SMS storage ("SM", 27.005 §3.1): numbered slots from 1, each holding one PDU with
 * its 27.005 status, plus the network's queue for messages the full SIM refused.
 *
 * A real network does not lose an SMS the phone cannot store: the centre gets "memory
 * capacity exceeded" (RP-cause 22) and retries later. The queue models that, so a test can
 * check that the driver deleting read messages lets the waiting ones in.
 */

/** 27.005 §3.1 `<stat>` in PDU mode. */
export const MESSAGE_STATUS = {
  unread: 0,
  read: 1,
  unsent: 2,
  sent: 3,
} as const;
export type MessageStatus = (typeof MESSAGE_STATUS)[keyof typeof MESSAGE_STATUS];

export interface StoredMessage {
  readonly index: number;
  status: MessageStatus;
  /** SCA + TPDU, uppercase hex, as +CMGR prints it. */
  readonly hex: string;
  /** TPDU octets: the `<length>` of +CMGR/+CMGL. */
  readonly length: number;
}

export interface QueuedPdu {
  readonly hex: string;
  readonly length: number;
}

export class SimStorage {
  private readonly slots = new Map<number, StoredMessage>();
  /** Messages the network holds because the SIM was full, oldest first. */
  readonly networkQueue: QueuedPdu[] = [];
  /** How many times the network found the SIM full (each one a retry it had to schedule). */
  refusedByFullSim = 0;

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.slots.size;
  }

  get full(): boolean {
    return this.slots.size >= this.capacity;
  }

  /** Stores in the lowest free slot, as modems do; undefined when full. */
  store(pdu: QueuedPdu, status: MessageStatus = MESSAGE_STATUS.unread): StoredMessage | undefined {
    for (let index = 1; index <= this.capacity; index++) {
      if (this.slots.has(index)) continue;
      const message: StoredMessage = { index, status, hex: pdu.hex, length: pdu.length };
      this.slots.set(index, message);
      return message;
    }
    return undefined;
  }

  isValidIndex(index: number): boolean {
    return Number.isInteger(index) && index >= 1 && index <= this.capacity;
  }

  get(index: number): StoredMessage | undefined {
    return this.slots.get(index);
  }

  /** Messages with `status` (`4`: all), lowest index first. */
  list(status: MessageStatus | 4): StoredMessage[] {
    return [...this.slots.values()]
      .filter((message) => status === 4 || message.status === status)
      .sort((a, b) => a.index - b.index);
  }

  delete(index: number): boolean {
    return this.slots.delete(index);
  }

  /**
   * AT+CMGD `<delflag>` (27.005 §3.5.4): 1 read, 2 read and sent, 3 read, sent and unsent,
   * 4 everything. Returns how many went.
   */
  deleteByFlag(flag: 1 | 2 | 3 | 4): number {
    const doomed: readonly MessageStatus[] = [
      [MESSAGE_STATUS.read],
      [MESSAGE_STATUS.read, MESSAGE_STATUS.sent],
      [MESSAGE_STATUS.read, MESSAGE_STATUS.sent, MESSAGE_STATUS.unsent],
      [MESSAGE_STATUS.read, MESSAGE_STATUS.sent, MESSAGE_STATUS.unsent, MESSAGE_STATUS.unread],
    ][flag - 1] as MessageStatus[];
    let count = 0;
    for (const [index, message] of this.slots) {
      if (doomed.includes(message.status)) {
        this.slots.delete(index);
        count++;
      }
    }
    return count;
  }
}
