import { describe, expect, test } from 'vitest';
import {
  MemoryRateCapStore,
  RateCap,
  type RateCapOptions,
  type RateCapState,
} from '../../device/modem/rateCap/RateCap.js';
import type { TimerHandle } from '../../device/policy/Clock.js';
import { ManualClock } from '../../device/policy/ManualClock.js';

const at = (iso: string) => Date.parse(iso);
const withCode = (code: string, context: object = {}) =>
  expect.objectContaining({ code, context: expect.objectContaining(context) });
type Limits = RateCapOptions['ceilings'];
const limits = (perMinute: number, perDay: number): Limits => ({ perMinute, perDay });
type Reason = 'per-minute' | 'per-day';
const refused = (reason: Reason, retryAt: number) => ({ ok: false, reason, retryAt });

function makeCap(options: Partial<RateCapOptions> & { start?: string } = {}) {
  const clock = new ManualClock(options.start ?? '2026-03-02T09:00:00+01:00');
  const store = (options.store as MemoryRateCapStore | undefined) ?? new MemoryRateCapStore();
  const cap = new RateCap({ ceilings: { perMinute: 5, perDay: 20 }, clock, store, ...options });
  return { clock, store, cap };
}

/** A cap from `start` with these limits (the ones the day tests need). */
const capAt = (start: string, perMinute: number, perDay: number) =>
  makeCap({ start, ceilings: { perMinute, perDay } });

/** A cap on a wall clock that can be set anywhere, backwards included (an NTP step). */
function wallCap(start: string, ceilings: Limits, store = new MemoryRateCapStore()) {
  const clock = {
    t: at(start),
    set(iso: string): void {
      this.t = at(iso);
    },
    now(): number {
      return this.t;
    },
    setTimeout(): TimerHandle {
      throw new Error('RateCap sets no timers');
    },
    clearTimeout(): void {},
  };
  return { clock, cap: new RateCap({ ceilings, clock, store }) };
}

function takeMany(cap: RateCap, count: number): void {
  for (let i = 0; i < count; i++) expect(cap.tryTake()).toEqual({ ok: true });
}

describe('RateCap per minute (rolling 60 s)', () => {
  test('takes up to the cap, then says when the oldest part leaves the window', async () => {
    const { cap, clock } = makeCap();
    const t0 = clock.now();
    takeMany(cap, 5);
    expect(cap.tryTake()).toEqual(refused('per-minute', t0 + 60_000));
    await clock.advanceAsync(59_999);
    expect(cap.tryTake().ok).toBe(false);
    await clock.advanceAsync(1);
    expect(cap.tryTake()).toEqual({ ok: true });
  });

  test('a burst straddling a minute boundary cannot reach twice the cap', async () => {
    const { cap, clock } = makeCap({ start: '2026-03-02T09:00:59+01:00' });
    takeMany(cap, 5);
    await clock.advanceAsync(1_000); // 09:01:00, a fresh minute on a wall clock
    expect(cap.tryTake()).toMatchObject({ ok: false, reason: 'per-minute' });
  });

  test('for several parts, retryAt is when enough earlier parts have left the window', async () => {
    const { cap, clock } = makeCap();
    const t0 = clock.now();
    for (let i = 0; i < 5; i++) {
      cap.tryTake();
      await clock.advanceAsync(10_000);
    }
    // Entries at t0, +10 s … +40 s; three must leave for three parts to fit: the third at +20 s.
    expect(cap.tryTake(3)).toEqual(refused('per-minute', t0 + 80_000));
  });
});

describe('RateCap per day (local calendar day)', () => {
  test('resets at local midnight in Europe/Paris, and says so', async () => {
    const { cap, clock } = capAt('2026-03-02T23:58:00+01:00', 10, 3);
    takeMany(cap, 3);
    expect(cap.tryTake()).toEqual(refused('per-day', at('2026-03-03T00:00:00+01:00')));
    await clock.advanceAsync(119_999);
    expect(cap.tryTake().ok).toBe(false);
    await clock.advanceAsync(1);
    expect(cap.tryTake()).toEqual({ ok: true });
    expect(cap.snapshot()).toMatchObject({ day: '2026-03-03', usedToday: 1 });
  });

  test('the spring-forward day has 23 hours: the next day starts at 22:00 UTC', async () => {
    const { cap, clock } = capAt('2026-03-29T00:30:00+01:00', 10, 2);
    takeMany(cap, 2);
    expect(cap.tryTake()).toEqual(refused('per-day', at('2026-03-29T22:00:00Z')));
    await clock.advanceAsync(at('2026-03-29T23:59:59+02:00') - clock.now());
    expect(cap.tryTake().ok).toBe(false);
    await clock.advanceAsync(1_000);
    expect(cap.tryTake().ok).toBe(true);
  });

  test('the fall-back day has 25 hours: 23:30 local is still the same day', async () => {
    const { cap, clock } = capAt('2026-10-25T00:30:00+02:00', 10, 2);
    takeMany(cap, 2);
    expect(cap.tryTake()).toMatchObject({ retryAt: at('2026-10-26T00:00:00+01:00') });
    await clock.advanceAsync(at('2026-10-25T23:30:00+01:00') - clock.now()); // 24 h after the start
    expect(cap.tryTake()).toMatchObject({ ok: false, reason: 'per-day' });
    await clock.advanceAsync(30 * 60_000);
    expect(cap.tryTake().ok).toBe(true);
  });

  test('when both windows are full at midnight, retryAt waits for the later of the two', () => {
    const { cap } = capAt('2026-03-02T23:59:30+01:00', 2, 2);
    takeMany(cap, 2);
    expect(cap.tryTake()).toEqual(refused('per-day', at('2026-03-03T00:00:30+01:00')));
  });

  test('follows the configured time zone', () => {
    const options = { start: '2026-03-02T23:00:00-05:00', ceilings: limits(10, 1) };
    const { cap } = makeCap({ ...options, timeZone: 'America/New_York' });
    takeMany(cap, 1);
    expect(cap.tryTake()).toMatchObject({ retryAt: at('2026-03-03T00:00:00-05:00') });
  });
});

describe('RateCap: a message is all its parts or none', () => {
  test('a multi-part message that does not fit takes nothing', () => {
    const { cap } = makeCap();
    takeMany(cap, 3);
    expect(cap.tryTake(3)).toMatchObject({ ok: false, reason: 'per-minute' });
    expect(cap.snapshot()).toMatchObject({ usedLastMinute: 3, usedToday: 3 });
    expect(cap.tryTake(2)).toEqual({ ok: true });
    expect(cap.snapshot()).toMatchObject({ usedLastMinute: 5, remainingThisMinute: 0 });
  });

  test('peek answers like tryTake without taking', () => {
    const { cap } = makeCap();
    expect([cap.peek(5), cap.snapshot().usedToday]).toEqual([{ ok: true }, 0]);
  });

  test.each([0, -1, 1.5, Number.NaN, 6, 21])('%s parts is refused: MODEM_RATE_CAP_PARTS', (n) => {
    expect(() => makeCap().cap.tryTake(n)).toThrow(withCode('MODEM_RATE_CAP_PARTS'));
  });
});

describe('RateCap limits and ceilings', () => {
  test('limits can be lowered; the lower limit applies at once', () => {
    const { cap } = makeCap();
    expect(cap.setLimits({ perMinute: 2 })).toEqual({ limits: limits(2, 20), clamped: [] });
    takeMany(cap, 2);
    expect(cap.tryTake()).toMatchObject({ ok: false, reason: 'per-minute' });
  });

  test('a limit asked above its ceiling is held there and reported as clamped; reset restores the ceilings', () => {
    const { cap } = makeCap();
    cap.setLimits({ perDay: 10 });
    const asked = cap.setLimits({ perMinute: 50, perDay: 15 });
    expect(asked).toEqual({ limits: limits(5, 15), clamped: ['perMinute'] });
    expect(cap.setLimits({ perDay: 1_000 })).toEqual({
      limits: limits(5, 20),
      clamped: ['perDay'],
    });
    expect(cap.ceilings).toEqual(limits(5, 20));
    cap.setLimits(limits(1, 1));
    expect(cap.resetLimits()).toEqual(limits(5, 20));
  });

  test('lowering below what was already used blocks until the window frees', () => {
    const { cap } = makeCap();
    takeMany(cap, 4);
    cap.setLimits({ perDay: 3 });
    expect(cap.tryTake()).toMatchObject({ ok: false, reason: 'per-day' });
    expect(cap.snapshot()).toMatchObject({ remainingToday: 0, limits: { perDay: 3 } });
  });

  test.each([
    [{ ceilings: limits(0, 10) }, 'ceilings.perMinute'],
    [{ ceilings: limits(5, 2.5) }, 'ceilings.perDay'],
    [{ ceilings: undefined as unknown as RateCapOptions['ceilings'] }, 'ceilings.perMinute'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
  ])('refuses %o with MODEM_RATE_CAP_CONFIG', (options, field) => {
    expect(() => makeCap(options)).toThrow(withCode('MODEM_RATE_CAP_CONFIG', { field }));
  });

  test('setLimits refuses a limit that is not a whole number ≥ 1', () => {
    const { cap } = makeCap();
    expect(() => cap.setLimits({ perMinute: 0 })).toThrow(withCode('MODEM_RATE_CAP_CONFIG'));
    expect(cap.limits).toEqual(limits(5, 20));
  });
});

describe('RateCap persistence', () => {
  test('every take is saved before tryTake returns', () => {
    const { cap, store } = makeCap();
    takeMany(cap, 2);
    cap.tryTake(4); // refused: nothing to save
    expect(store.saves).toBe(2);
    const now = Date.parse('2026-03-02T09:00:00+01:00');
    expect(store.load()).toMatchObject({ day: '2026-03-02', dayCount: 2, minute: [now, now] });
  });

  test('usage and lowered limits survive a restart', async () => {
    const store = new MemoryRateCapStore();
    const first = makeCap({ store });
    first.cap.setLimits({ perDay: 8 });
    takeMany(first.cap, 5);
    // Power cut; gsmgate starts again 10 s later with the same store.
    const clock = new ManualClock(first.clock.now() + 10_000);
    const again = new RateCap({ ceilings: limits(5, 20), clock, store });
    expect(again.tryTake()).toEqual(refused('per-minute', clock.now() + 50_000));
    await clock.advanceAsync(50_000);
    takeMany(again, 3);
    expect(again.tryTake()).toMatchObject({ ok: false, reason: 'per-day' });
  });

  test('a restart on a later day starts the day count afresh', () => {
    const store = new MemoryRateCapStore();
    takeMany(makeCap({ store }).cap, 5);
    const next = makeCap({ store, start: '2026-03-03T08:00:00+01:00' });
    expect(next.cap.snapshot()).toMatchObject({ day: '2026-03-03', usedToday: 0 });
  });

  test('a ceiling lowered in the configuration wins over a saved lowering; a raised one is followed', () => {
    const store = new MemoryRateCapStore();
    makeCap({ store }).cap.setLimits({ perMinute: 4 });
    expect(makeCap({ store, ceilings: limits(3, 20) }).cap.limits.perMinute).toBe(3);
    expect(makeCap({ store, ceilings: limits(9, 40) }).cap.limits).toEqual(limits(4, 40));
  });

  test('a failed save takes nothing: the caller must not send on a count a power cut would lose', () => {
    const { cap, store } = makeCap();
    takeMany(cap, 1);
    store.save = () => {
      throw new Error('SQLITE_FULL');
    };
    expect(() => cap.tryTake(2)).toThrow('SQLITE_FULL');
    expect(cap.snapshot()).toMatchObject({ usedToday: 1, usedLastMinute: 1 });
  });

  test('an unreadable saved state is refused with MODEM_RATE_CAP_STATE', () => {
    const bad = { version: 1, minute: ['x'], day: '2026-03-02', dayCount: 1, lowered: {} };
    const store = new MemoryRateCapStore(bad as unknown as RateCapState);
    expect(() => makeCap({ store })).toThrow(withCode('MODEM_RATE_CAP_STATE'));
  });
});

describe('RateCap and a clock that goes backwards (NTP step)', () => {
  test('stepping back an hour does not free the minute window early', () => {
    const { clock, cap } = wallCap('2026-03-02T10:00:00+01:00', limits(5, 20));
    takeMany(cap, 5);
    clock.set('2026-03-02T09:00:00+01:00');
    expect(cap.tryTake()).toEqual(refused('per-minute', clock.t + 60_000));
    clock.t += 59_999;
    expect(cap.tryTake().ok).toBe(false);
    clock.t += 1;
    expect(cap.tryTake().ok).toBe(true);
  });

  test('stepping back over midnight carries the day count over instead of resetting it', () => {
    const { clock, cap } = wallCap('2026-03-03T00:10:00+01:00', limits(10, 3));
    takeMany(cap, 3);
    clock.set('2026-03-02T23:50:00+01:00');
    expect(cap.tryTake()).toEqual(refused('per-day', at('2026-03-03T00:00:00+01:00')));
    expect(cap.snapshot()).toMatchObject({ day: '2026-03-02', usedToday: 3 });
  });

  test('a restart with the clock behind the saved state frees nothing either', () => {
    const store = new MemoryRateCapStore();
    takeMany(wallCap('2026-03-03T00:10:00+01:00', limits(3, 3), store).cap, 3);
    // A Pi without an RTC booting on a stale time.
    const again = wallCap('2026-03-02T22:00:00+01:00', limits(3, 3), store).cap;
    expect(again.tryTake()).toMatchObject({ ok: false, reason: 'per-day' });
  });
});

describe('RateCap snapshot', () => {
  test('tells health what is used, what is left and when the day resets', () => {
    const { cap } = makeCap();
    cap.setLimits({ perDay: 10 });
    takeMany(cap, 2);
    expect(cap.snapshot()).toEqual({
      timeZone: 'Europe/Paris',
      ceilings: limits(5, 20),
      limits: limits(5, 10),
      day: '2026-03-02',
      usedToday: 2,
      usedLastMinute: 2,
      remainingToday: 8,
      remainingThisMinute: 3,
      dayResetsAt: at('2026-03-03T00:00:00+01:00'),
    });
  });
});
