import { afterEach, describe, expect, test, vi } from 'vitest';
import { ManualClock, systemClock, isPolicyError } from '../../device/policy/index.js';

describe('ManualClock', () => {
  test('starts at the given instant, as epoch ms or ISO text', () => {
    expect(new ManualClock().now()).toBe(0);
    expect(new ManualClock(1_000).now()).toBe(1_000);
    expect(new ManualClock('2026-03-28T21:59:59+01:00').now()).toBe(
      Date.UTC(2026, 2, 28, 20, 59, 59),
    );
  });

  test('an invalid start is refused with a typed error', () => {
    expect(() => new ManualClock('not a date')).toThrow(
      expect.objectContaining({ code: 'POLICY_TIME_INVALID' }),
    );
  });

  test('advance fires due timers in due order, ties in the order they were set', () => {
    const clock = new ManualClock(0);
    const log: string[] = [];
    clock.setTimeout(() => log.push(`c@${clock.now()}`), 30);
    clock.setTimeout(() => log.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => log.push(`b@${clock.now()}`), 10);
    clock.setTimeout(() => log.push(`late@${clock.now()}`), 31);
    expect(clock.advance(30)).toBe(3);
    expect(log).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.now()).toBe(30);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextTimerAt()).toBe(31);
  });

  test('a timer never fires inside the setTimeout call, even with a zero delay', () => {
    const clock = new ManualClock(0);
    const fn = vi.fn();
    clock.setTimeout(fn, 0);
    expect(fn).not.toHaveBeenCalled();
    clock.advance(0);
    expect(fn).toHaveBeenCalledOnce();
  });

  test('negative and non-finite delays count as zero', () => {
    const clock = new ManualClock(100);
    const fn = vi.fn();
    clock.setTimeout(fn, -5);
    clock.setTimeout(fn, Number.NaN);
    expect(clock.nextTimerAt()).toBe(100);
    clock.advance(0);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  test('timers set by a callback fire in the same advance when they fall inside it', () => {
    const clock = new ManualClock(0);
    const log: number[] = [];
    const tick = (): void => {
      log.push(clock.now());
      if (log.length < 5) clock.setTimeout(tick, 10);
    };
    clock.setTimeout(tick, 10);
    clock.advance(35);
    expect(log).toEqual([10, 20, 30]);
    clock.advance(100);
    expect(log).toEqual([10, 20, 30, 40, 50]);
  });

  test('clearTimeout cancels a timer and ignores unknown or undefined handles', () => {
    const clock = new ManualClock(0);
    const fn = vi.fn();
    const kept = vi.fn();
    const handle = clock.setTimeout(fn, 5);
    clock.setTimeout(kept, 5);
    clock.clearTimeout(handle);
    clock.clearTimeout(handle);
    clock.clearTimeout(undefined);
    clock.clearTimeout(new ManualClock(0).setTimeout(fn, 5));
    clock.advance(10);
    expect(fn).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledOnce();
    expect(clock.pendingTimers).toBe(0);
  });

  test('a callback can cancel a later timer of the same advance', () => {
    const clock = new ManualClock(0);
    const second = vi.fn();
    const handle = clock.setTimeout(second, 20);
    clock.setTimeout(() => clock.clearTimeout(handle), 10);
    clock.advance(30);
    expect(second).not.toHaveBeenCalled();
  });

  test('time never goes backwards', () => {
    const clock = new ManualClock(1_000);
    expect(() => clock.advance(-1)).toThrow(
      expect.objectContaining({ code: 'POLICY_CLOCK_BACKWARDS' }),
    );
    expect(() => clock.advanceTo(999)).toThrow(
      expect.objectContaining({ code: 'POLICY_CLOCK_BACKWARDS' }),
    );
    expect(clock.now()).toBe(1_000);
  });

  test('advancing from inside a callback is refused, so timers cannot fire out of order', () => {
    const clock = new ManualClock(0);
    let caught: unknown;
    clock.setTimeout(() => {
      try {
        clock.advance(1);
      } catch (error) {
        caught = error;
      }
    }, 1);
    clock.advance(1);
    expect(isPolicyError(caught, 'POLICY_CLOCK_REENTRANT')).toBe(true);
  });

  test('a callback that re-arms itself at 0 ms is stopped with a typed error instead of hanging', () => {
    const clock = new ManualClock(0);
    const again = (): void => void clock.setTimeout(again, 0);
    clock.setTimeout(again, 0);
    expect(() => clock.advance(1)).toThrow(
      expect.objectContaining({ code: 'POLICY_CLOCK_RUNAWAY' }),
    );
  });

  test('runAll fires everything pending and stops at the last due time', () => {
    const clock = new ManualClock(0);
    const fn = vi.fn();
    clock.setTimeout(fn, 5);
    clock.setTimeout(fn, 50_000);
    expect(clock.runAll()).toBe(2);
    expect(clock.now()).toBe(50_000);
  });

  test('advanceAsync lets promise reactions to one timer set the next before time moves on', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const sleep = (ms: number): Promise<void> =>
      new Promise((resolve) => clock.setTimeout(resolve, ms));
    const worker = (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(100);
        seen.push(clock.now());
      }
    })();
    expect(await clock.advanceAsync(300)).toBe(3);
    await worker;
    expect(seen).toEqual([100, 200, 300]);
  });
});

describe('systemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('reads the real time', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  test('fires and cancels timers through the platform timers', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const cancelled = vi.fn();
    systemClock.setTimeout(fn, 1_000);
    const handle = systemClock.setTimeout(cancelled, 1_000);
    systemClock.clearTimeout(handle);
    systemClock.clearTimeout(undefined);
    vi.advanceTimersByTime(999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
    expect(cancelled).not.toHaveBeenCalled();
  });

  // Node fires any delay above 2^31-1 ms at once; a reminder scheduled a month
  // ahead must not go out now.
  test('a delay longer than 24.8 days fires on time, not at once', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const thirtyDays = 30 * 86_400_000;
    systemClock.setTimeout(fn, thirtyDays);
    vi.advanceTimersByTime(thirtyDays - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
  });

  test('a long timer can be cancelled after it has re-armed', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const handle = systemClock.setTimeout(fn, 60 * 86_400_000);
    vi.advanceTimersByTime(40 * 86_400_000);
    systemClock.clearTimeout(handle);
    vi.advanceTimersByTime(30 * 86_400_000);
    expect(fn).not.toHaveBeenCalled();
  });
});
