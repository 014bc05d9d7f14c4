/**
 * The one source of time for gsmgate (STYLE.md §4): every layer that needs
 * "now" or a timer takes a `Clock`, so tests drive time with `ManualClock`
 * instead of sleeping, and no module calls `Date.now()` on its own.
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
  /**
   * Calls `fn` once, `ms` milliseconds from now. A negative or non-finite
   * delay counts as 0. The callback never runs synchronously inside this call.
   */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; unknown, fired or `undefined` handles are ignored. */
  clearTimeout(handle: TimerHandle | undefined): void;
}

declare const timerBrand: unique symbol;

/** Opaque: only the clock that made a handle knows what is inside it. */
export interface TimerHandle {
  readonly [timerBrand]: true;
}

/** Node's setTimeout keeps delays in a signed 32-bit int and fires at once above it. */
const MAX_NODE_DELAY = 2_147_483_647;

interface SystemTimer {
  inner: ReturnType<typeof globalThis.setTimeout> | undefined;
}

function delayOf(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * The real clock. Delays longer than ~24.8 days (a message scheduled a month
 * ahead) are re-armed in steps: Node would otherwise fire them immediately
 * with a TimeoutOverflowWarning.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer: SystemTimer = { inner: undefined };
    const delay = delayOf(ms);
    if (delay <= MAX_NODE_DELAY) {
      timer.inner = globalThis.setTimeout(fn, delay);
    } else {
      const due = Date.now() + delay;
      const arm = (): void => {
        const left = due - Date.now();
        timer.inner =
          left > MAX_NODE_DELAY
            ? globalThis.setTimeout(arm, MAX_NODE_DELAY)
            : globalThis.setTimeout(fn, Math.max(0, left));
      };
      arm();
    }
    return timer as unknown as TimerHandle;
  },
  clearTimeout(handle) {
    const timer = handle as unknown as SystemTimer | undefined;
    if (timer?.inner !== undefined) {
      globalThis.clearTimeout(timer.inner);
      timer.inner = undefined;
    }
  },
};
