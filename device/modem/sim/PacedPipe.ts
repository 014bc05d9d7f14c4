import type { Clock, TimerHandle } from '../../policy/Clock.js';

/**
 * One direction of the simulated serial line: bytes leave in order, none before its
 * `notBefore` time (the modem's think time), and, when a baud rate is set, no faster than
 * the line carries them. 8N1 framing sends 10 bits per byte, so 115,200 baud is 11,520
 * bytes/s; the benchmark measures what share of that the gateway reaches.
 *
 * Pacing keeps a virtual "line free at" time and, on each tick, releases every byte whose
 * transmission has completed by now. A late timer therefore releases a bigger chunk instead
 * of slowing the line down, so the average rate stays exact under a loaded event loop.
 */

interface Pending {
  readonly bytes: Uint8Array;
  offset: number;
  readonly notBefore: number;
  readonly onReleased: (() => void) | undefined;
}

/** Release at least this many bytes per tick: timers are too coarse to carry bytes one by one. */
const MIN_CHUNK = 16;

export class PacedPipe {
  private readonly queue: Pending[] = [];
  private timer: TimerHandle | undefined;
  /**
   * Since `epoch` the line has been sending without a pause and has released `sent` bytes.
   * Counting whole bytes from one instant (rather than adding fractions of a millisecond per
   * chunk) keeps floating-point error from losing a byte over a long transfer.
   */
  private epoch = 0;
  private sent = 0;
  private bytesPerMs: number;
  /** Set while `pump` runs: a sink that pushes again (the host answering) is picked up by the loop. */
  private pumping = false;

  constructor(
    private readonly clock: Clock,
    private readonly sink: (bytes: Uint8Array) => void,
    baudRate = 0,
  ) {
    this.bytesPerMs = rateOf(baudRate);
  }

  /** 0 = unpaced. Takes effect for bytes not yet released. */
  setBaudRate(baudRate: number): void {
    this.bytesPerMs = rateOf(baudRate);
  }

  /** True while bytes wait to be released. */
  get busy(): boolean {
    return this.queue.length > 0;
  }

  /**
   * Queues bytes behind everything already queued. With nothing queued, no pacing and no
   * delay they go out synchronously, so in-memory tests need no clock advance.
   */
  push(bytes: Uint8Array, delayMs = 0, onReleased?: () => void): void {
    const now = this.clock.now();
    if (this.queue.length === 0 && this.bytesPerMs === 0 && delayMs <= 0 && !this.pumping) {
      if (bytes.length > 0) this.sink(bytes);
      onReleased?.();
      return;
    }
    if (this.queue.length === 0) this.restartLineIfIdle(now);
    this.queue.push({ bytes, offset: 0, notBefore: now + Math.max(0, delayMs), onReleased });
    if (this.timer === undefined && !this.pumping) this.pump();
  }

  /** Drops everything not yet released (power loss, port gone). */
  clear(): void {
    this.queue.length = 0;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    this.timer = undefined;
    this.pumping = true;
    try {
      this.drain();
    } finally {
      this.pumping = false;
    }
  }

  private drain(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined) return;
      const now = this.clock.now();
      if (now < head.notBefore) return this.arm(head.notBefore - now);
      if (this.bytesPerMs === 0 || head.offset === head.bytes.length) {
        this.queue.shift();
        if (head.offset < head.bytes.length) this.sink(head.bytes.subarray(head.offset));
        head.onReleased?.();
        continue;
      }
      // The line idles while the modem thinks: sending starts at notBefore at the earliest.
      this.restartLineIfIdle(head.notBefore);
      const left = head.bytes.length - head.offset;
      const due = Math.floor((now - this.epoch) * this.bytesPerMs + 1e-9) - this.sent;
      const ready = Math.min(left, due);
      if (ready > 0) {
        const chunk = head.bytes.subarray(head.offset, head.offset + ready);
        head.offset += ready;
        this.sent += ready;
        if (head.offset === head.bytes.length) this.queue.shift();
        this.sink(chunk);
        if (head.offset === head.bytes.length) head.onReleased?.();
        continue;
      }
      const next = Math.min(left, MIN_CHUNK);
      return this.arm(this.epoch + (this.sent + next) / this.bytesPerMs - now);
    }
  }

  /** A line that finished its last byte before `at` starts a new run there. */
  private restartLineIfIdle(at: number): void {
    const freeAt = this.bytesPerMs === 0 ? at : this.epoch + this.sent / this.bytesPerMs;
    if (at >= freeAt) {
      this.epoch = at;
      this.sent = 0;
    }
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.pump(), Math.max(0, Math.ceil(ms)));
  }
}

function rateOf(baudRate: number): number {
  if (!Number.isFinite(baudRate) || baudRate <= 0) return 0;
  // 8N1: a start bit, 8 data bits, a stop bit.
  return baudRate / 10 / 1000;
}
