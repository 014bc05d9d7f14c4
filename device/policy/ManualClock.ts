import type { Clock, TimerHandle } from './Clock.js';
import { assertInstant, policyError } from './policyErrors.js';

interface ManualTimer {
  readonly handle: object;
  readonly seq: number;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * Captured at load time so `advanceAsync` still yields to the real event loop
 * when a test has also installed vitest's fake timers.
 */
const realSetImmediate = globalThis.setImmediate;

/** Above this many timers in one advance, a callback is almost surely re-arming itself at 0 ms. */
const RUNAWAY_LIMIT = 100_000;

function delayOf(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * A clock that moves only when told to, for tests (STYLE.md §8: no real
 * sleeps). Timers fire in due order, ties in the order they were set; while a
 * callback runs, `now()` is its due time, and timers it sets that fall inside
 * the same advance fire too.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  /** Keyed by the handle object itself, so a handle from another clock never matches. */
  #timers = new Map<object, ManualTimer>();
  #advancing = false;

  /** @param start the initial time: epoch ms or an ISO-8601 string with an offset (default 0). */
  constructor(start: number | string = 0) {
    this.#now = typeof start === 'string' ? Date.parse(start) : start;
    assertInstant(this.#now, 'start');
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = {};
    this.#timers.set(handle, { handle, seq: ++this.#seq, due: this.#now + delayOf(ms), fn });
    return handle as TimerHandle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.#timers.delete(handle);
  }

  /** Number of timers set and not yet fired or cleared. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Due time of the next timer, or `undefined` when none is pending. */
  nextTimerAt(): number | undefined {
    return this.#next(Number.POSITIVE_INFINITY)?.due;
  }

  /** Moves time forward by `ms`, firing due timers in order. Returns how many fired. */
  advance(ms: number): number {
    return this.advanceTo(this.#now + this.#checkStep(ms));
  }

  /**
   * Moves time forward to the instant `to`, firing due timers in order. If a
   * callback throws, the error propagates and time stays at that timer's due
   * time; later timers are still pending.
   */
  advanceTo(to: number): number {
    this.#enter(to);
    let fired = 0;
    try {
      for (let timer = this.#next(to); timer; timer = this.#next(to)) {
        this.#fire(timer);
        if (++fired > RUNAWAY_LIMIT) throw this.#runaway();
      }
      this.#now = to;
    } finally {
      this.#advancing = false;
    }
    return fired;
  }

  /**
   * Like `advance`, but lets promise callbacks (and `process.nextTick`) run
   * after each timer, so async code reacting to a timer can set the next one
   * before time moves on. Use it for layers built on promises.
   */
  async advanceAsync(ms: number): Promise<number> {
    const to = this.#now + this.#checkStep(ms);
    this.#enter(to);
    let fired = 0;
    try {
      await flushEventLoop();
      for (let timer = this.#next(to); timer; timer = this.#next(to)) {
        this.#fire(timer);
        if (++fired > RUNAWAY_LIMIT) throw this.#runaway();
        await flushEventLoop();
      }
      this.#now = to;
    } finally {
      this.#advancing = false;
    }
    return fired;
  }

  /** Fires every pending timer, moving time to the last one's due time. */
  runAll(): number {
    let fired = 0;
    for (let at = this.nextTimerAt(); at !== undefined; at = this.nextTimerAt()) {
      fired += this.advanceTo(at);
      if (fired > RUNAWAY_LIMIT) throw this.#runaway();
    }
    return fired;
  }

  #checkStep(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw policyError('POLICY_CLOCK_BACKWARDS', 'a manual clock only moves forward', {
        ms: String(ms),
      });
    }
    return ms;
  }

  #enter(to: number): void {
    assertInstant(to, 'to');
    if (to < this.#now) {
      throw policyError('POLICY_CLOCK_BACKWARDS', 'a manual clock only moves forward', {
        now: this.#now,
        to,
      });
    }
    // A timer callback that advances the clock would fire timers out of order.
    if (this.#advancing) {
      throw policyError('POLICY_CLOCK_REENTRANT', 'advance() called from inside a timer callback');
    }
    this.#advancing = true;
  }

  #next(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq)) {
        best = timer;
      }
    }
    return best;
  }

  #fire(timer: ManualTimer): void {
    this.#timers.delete(timer.handle);
    this.#now = timer.due;
    timer.fn();
  }

  #runaway(): Error {
    return policyError(
      'POLICY_CLOCK_RUNAWAY',
      `more than ${RUNAWAY_LIMIT} timers fired in one advance; a callback keeps re-arming itself`,
    );
  }
}

function flushEventLoop(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
