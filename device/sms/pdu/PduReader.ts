import { pduError } from './pduError.js';

/**
 * A bounds-checked cursor over one PDU. Every read names the TS 23.040 field
 * it is for, so a truncated PDU is refused with PDU_TRUNCATED saying which
 * field at which offset ran out, never with a RangeError or an `undefined`.
 */
export class PduReader {
  private position: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.position = start;
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  /** Throws PDU_TRUNCATED unless `count` more octets exist for `field`. */
  require(count: number, field: string): void {
    if (count > this.remaining) {
      throw pduError('PDU_TRUNCATED', `the PDU ends inside ${field}`, {
        field,
        offset: this.position,
        needed: count,
        available: this.remaining,
      });
    }
  }

  u8(field: string): number {
    this.require(1, field);
    return this.bytes[this.position++] as number;
  }

  /** A view (not a copy) of the next `count` octets. */
  take(count: number, field: string): Uint8Array {
    this.require(count, field);
    const view = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return view;
  }
}
