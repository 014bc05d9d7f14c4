import { describe, expect, test } from 'vitest';
import {
  escalatedStart,
  retryDelayMs,
  RECOVERY_RUNGS,
  type BackoffOptions,
} from '../../../device/modem/recovery/recoveryOptions.js';

const backoff: BackoffOptions = { initialMs: 30_000, factor: 2, maxMs: 600_000, jitter: 0.2 };

describe('retryDelayMs', () => {
  test('doubles from 30 s and stops at 10 min', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50].map((n) => retryDelayMs(n, backoff, 0.5));
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000]);
  });

  test('stays within ±20 % of the base for any random draw, and never above the cap', () => {
    for (let failures = 1; failures <= 10; failures++) {
      const base = Math.min(600_000, 30_000 * 2 ** (failures - 1));
      for (const random of [0, 0.1, 0.25, 0.5, 0.75, 0.999_999]) {
        const delay = retryDelayMs(failures, backoff, random);
        expect(delay).toBeGreaterThanOrEqual(Math.round(base * 0.8));
        expect(delay).toBeLessThanOrEqual(Math.min(600_000, Math.round(base * 1.2)));
      }
    }
  });

  test('a broken random source cannot make the delay zero or infinite', () => {
    expect(retryDelayMs(1, backoff, Number.NaN)).toBe(30_000);
    expect(retryDelayMs(1, backoff, 7)).toBe(36_000);
    expect(retryDelayMs(1, backoff, -3)).toBe(24_000);
  });
});

describe('escalatedStart', () => {
  const at = 0;
  test('starts from the bottom below the threshold', () => {
    expect(escalatedStart(RECOVERY_RUNGS, [{ at, rung: 'softReset' }], 3)).toBe(0);
  });

  test('starts one rung above the highest rung that worked in the window', () => {
    const recent = [
      { at, rung: 'escapeAndProbe' as const },
      { at, rung: 'softReset' as const },
      { at, rung: 'escapeAndProbe' as const },
    ];
    expect(RECOVERY_RUNGS[escalatedStart(RECOVERY_RUNGS, recent, 3)]).toBe('powerCycle');
  });

  test('stays on the last rung when the last rung is what worked', () => {
    const recent = Array.from({ length: 3 }, () => ({ at, rung: 'reopenPort' as const }));
    expect(escalatedStart(RECOVERY_RUNGS, recent, 3)).toBe(RECOVERY_RUNGS.length - 1);
  });
});
