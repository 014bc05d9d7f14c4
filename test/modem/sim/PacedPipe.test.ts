import { describe, expect, test } from 'vitest';
import { PacedPipe } from '../../../device/modem/sim/PacedPipe.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';

function setup(baudRate = 0) {
  const clock = new ManualClock(0);
  const out: number[][] = [];
  const pipe = new PacedPipe(clock, (bytes) => out.push([...bytes]), baudRate);
  const total = () => out.reduce((sum, chunk) => sum + chunk.length, 0);
  return { clock, out, pipe, total };
}

describe('PacedPipe: one direction of the simulated serial line', () => {
  test('unpaced and undelayed bytes go out synchronously', () => {
    const { pipe, out } = setup();
    pipe.push(Uint8Array.of(1, 2));
    expect(out).toEqual([[1, 2]]);
  });

  test('a delay holds the bytes and everything queued behind them, in order', () => {
    const { pipe, out, clock } = setup();
    const released: string[] = [];
    pipe.push(Uint8Array.of(1), 100, () => released.push('first'));
    pipe.push(Uint8Array.of(2), 0, () => released.push('second'));
    clock.advance(99);
    expect(out).toEqual([]);
    clock.advance(1);
    expect(out).toEqual([[1], [2]]);
    expect(released).toEqual(['first', 'second']);
  });

  test('at 115,200 baud 8N1 the line carries 11,520 bytes per second, no more', () => {
    const { pipe, clock, total } = setup(115_200);
    pipe.push(new Uint8Array(11_520));
    clock.advance(500);
    expect(total()).toBeGreaterThanOrEqual(5_760 - 16);
    expect(total()).toBeLessThanOrEqual(5_760);
    clock.advance(500);
    expect(total()).toBe(11_520);
  });

  test('a late tick releases a bigger chunk, so the average rate holds', () => {
    const { pipe, clock, total, out } = setup(9_600);
    pipe.push(new Uint8Array(960));
    clock.advanceTo(1_000);
    expect(total()).toBe(960);
    expect(out.length).toBeLessThan(100);
  });

  test('clear() drops what is queued (power loss)', () => {
    const { pipe, clock, out } = setup();
    pipe.push(Uint8Array.of(1), 10);
    pipe.clear();
    clock.advance(20);
    expect(out).toEqual([]);
  });
});
