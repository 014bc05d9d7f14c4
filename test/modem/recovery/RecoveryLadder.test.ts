import { describe, expect } from 'vitest';
import { NoPowerControl } from '../../../device/modem/power/NoPowerControl.js';
import {
  RecoveryLadder,
  type RecoveryFailure,
} from '../../../device/modem/recovery/RecoveryLadder.js';
import { settle } from './FakeRecoveryActions.js';
import { outcomes, test } from './ladderFixture.js';

describe('RecoveryLadder: one run', () => {
  test('tries the rungs cheapest first and stops at the first that brings the modem back', async ({
    ladder,
    actions,
  }) => {
    actions.behaviour.softReset = 'recovers';
    const result = await ladder.recover('timeouts');
    expect(actions.calls).toEqual(['escapeAndProbe', 'softReset']);
    expect(result).toMatchObject({
      ok: true,
      rung: 'softReset',
      reason: 'timeouts',
      escalated: false,
    });
    expect(outcomes(result.attempts)).toEqual(['escapeAndProbe:failed', 'softReset:recovered']);
  });

  test('a hung action is cut off by its own rung timeout and the ladder moves on', async ({
    clock,
    actions,
  }) => {
    const ladder = new RecoveryLadder(actions, {
      clock,
      rungTimeoutsMs: { escapeAndProbe: 2_000 },
    });
    actions.behaviour.escapeAndProbe = 'hangs';
    actions.behaviour.softReset = 'recovers';
    const run = ladder.recover();
    await clock.advanceAsync(1_999);
    expect(actions.calls).toEqual(['escapeAndProbe']);
    await clock.advanceAsync(1);
    const result = await run;
    expect(result.ok && result.rung).toBe('softReset');
    expect(result.attempts[0]).toEqual({
      rung: 'escapeAndProbe',
      outcome: 'timeout',
      durationMs: 2_000,
    });
    expect(clock.pendingTimers).toBe(0);
  });

  test('each rung has its own bound: a slow soft reset within 45 s still counts', async ({
    ladder,
    actions,
    clock,
  }) => {
    actions.behaviour.softReset = { afterMs: 40_000, recovers: true };
    const result = await settle(clock, ladder.recover());
    expect(result).toMatchObject({ ok: true, rung: 'softReset' });
    expect(result.attempts[1]?.durationMs).toBe(40_000);
  });

  test('an action that throws counts as a failed rung, with the error kept', async ({
    ladder,
    actions,
  }) => {
    actions.behaviour.escapeAndProbe = 'throws';
    actions.behaviour.softReset = 'recovers';
    const result = await ladder.recover();
    expect(result.attempts[0]).toMatchObject({ rung: 'escapeAndProbe', outcome: 'error' });
    expect(String(result.attempts[0]?.error)).toContain('escapeAndProbe blew up');
  });

  test('the power-cycle rung is skipped when the power control cannot cycle', async ({
    clock,
    actions,
  }) => {
    const ladder = new RecoveryLadder(actions, { clock, powerControl: new NoPowerControl() });
    actions.behaviour.reopenPort = 'recovers';
    const result = await ladder.recover();
    expect(actions.calls).toEqual(['escapeAndProbe', 'softReset', 'reopenPort']);
    expect(outcomes(result.attempts)).toEqual([
      'escapeAndProbe:failed',
      'softReset:failed',
      'powerCycle:skipped',
      'reopenPort:recovered',
    ]);
    expect(ladder.snapshot().rungs.powerCycle.attempts).toBe(0);
  });

  test('without any power control given, the power-cycle rung is skipped too', async ({
    clock,
    actions,
  }) => {
    await new RecoveryLadder(actions, { clock }).recover();
    expect(actions.calls).not.toContain('powerCycle');
  });

  test('the power-cycle rung runs when the power control can cycle', async ({
    ladder,
    actions,
  }) => {
    actions.behaviour.powerCycle = 'recovers';
    const result = await ladder.recover();
    expect(actions.calls).toEqual(['escapeAndProbe', 'softReset', 'powerCycle']);
    expect(result.ok && result.rung).toBe('powerCycle');
  });

  test('events say which rung ran and which one worked', async ({ ladder, actions }) => {
    const seen: string[] = [];
    ladder.on('rungStart', ({ rung }) => seen.push(`start ${rung}`));
    ladder.on('rungResult', ({ rung, outcome }) => seen.push(`${outcome} ${rung}`));
    ladder.on('recovered', ({ rung }) => seen.push(`recovered by ${rung}`));
    actions.behaviour.softReset = 'recovers';
    await ladder.recover();
    expect(seen).toEqual([
      'start escapeAndProbe',
      'failed escapeAndProbe',
      'start softReset',
      'recovered softReset',
      'recovered by softReset',
    ]);
  });

  test('a listener that throws does not break the ladder', async ({ ladder, actions }) => {
    ladder.on('rungStart', () => {
      throw new Error('listener bug');
    });
    actions.behaviour.escapeAndProbe = 'recovers';
    await expect(ladder.recover()).resolves.toMatchObject({ ok: true });
  });

  test('counts attempts, successes and the last success per rung for health', async ({
    ladder,
    actions,
    clock,
  }) => {
    actions.behaviour.softReset = 'recovers';
    await ladder.recover();
    await clock.advanceAsync(60_000);
    actions.behaviour.escapeAndProbe = 'hangs';
    await settle(clock, ladder.recover());
    const { rungs, runs, recoveries, state } = ladder.snapshot();
    expect({ runs, recoveries, state }).toEqual({ runs: 2, recoveries: 2, state: 'idle' });
    expect(rungs.escapeAndProbe).toMatchObject({
      attempts: 2,
      successes: 0,
      failures: 1,
      timeouts: 1,
    });
    expect(rungs.softReset).toMatchObject({
      attempts: 2,
      successes: 2,
      lastSuccessAt: clock.now(),
    });
    expect(rungs.reopenPort).toMatchObject({ attempts: 0, lastSuccessAt: undefined });
  });
});

describe('RecoveryLadder: a modem no rung brings back', () => {
  test('reports MODEM_UNRECOVERABLE with what was tried and when it tries again', async ({
    ladder,
    clock,
  }) => {
    const unrecoverable: RecoveryFailure[] = [];
    ladder.on('unrecoverable', (r) => unrecoverable.push(r));
    const result = await ladder.recover('closed');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('MODEM_UNRECOVERABLE');
    expect(result.error.context).toMatchObject({
      reason: 'closed',
      consecutiveFailures: 1,
      attempts: [
        'escapeAndProbe:failed',
        'softReset:failed',
        'powerCycle:failed',
        'reopenPort:failed',
      ],
    });
    expect(result.nextAttemptAt).toBe(clock.now() + 30_000);
    expect(unrecoverable).toHaveLength(1);
    expect(ladder.state).toBe('waiting');
  });

  test('retries on its own with exponential backoff capped at ten minutes', async ({
    ladder,
    clock,
  }) => {
    const delays: number[] = [];
    ladder.on('unrecoverable', (r) => delays.push((r.nextAttemptAt ?? 0) - r.finishedAt));
    await ladder.recover();
    for (let i = 0; i < 6; i++)
      await clock.advanceAsync(ladder.snapshot().nextAttemptAt! - clock.now());
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    expect(ladder.snapshot()).toMatchObject({ consecutiveFailures: 7, unrecoverable: 7 });
  });

  test('jitter spreads each delay by at most ±20 % and never beyond the cap', async ({
    clock,
    actions,
  }) => {
    for (const [random, first, capped] of [
      [0, 24_000, 480_000],
      [0.999_999, 36_000, 600_000],
    ] as const) {
      const ladder = new RecoveryLadder(actions, { clock, random: () => random });
      const delays: number[] = [];
      ladder.on('unrecoverable', (r) => delays.push((r.nextAttemptAt ?? 0) - r.finishedAt));
      await ladder.recover();
      for (let i = 0; i < 6; i++)
        await clock.advanceAsync(ladder.snapshot().nextAttemptAt! - clock.now());
      ladder.stop();
      expect(delays[0]).toBe(first);
      expect(delays.at(-1)).toBe(capped);
      expect(Math.max(...delays)).toBeLessThanOrEqual(600_000);
    }
  });

  test('a dead modem that comes back is recovered by the next scheduled retry', async ({
    ladder,
    actions,
    clock,
  }) => {
    await ladder.recover();
    actions.behaviour.escapeAndProbe = 'recovers'; // the modem was replugged
    const recovered: string[] = [];
    ladder.on('recovered', (r) => recovered.push(r.reason));
    await clock.advanceAsync(30_000);
    expect(recovered).toEqual(['retry']);
    expect(ladder.snapshot()).toMatchObject({
      state: 'idle',
      consecutiveFailures: 0,
      nextAttemptAt: undefined,
    });
    expect(clock.pendingTimers).toBe(0);
  });

  test('a dead modem costs nothing between retries: no action runs before the retry is due', async ({
    ladder,
    actions,
    clock,
  }) => {
    await ladder.recover();
    const calls = actions.calls.length;
    await clock.advanceAsync(29_999);
    expect(actions.calls.length).toBe(calls);
    expect(clock.pendingTimers).toBe(1);
  });
});

describe('RecoveryLadder logging', () => {
  test('a logger that throws does not stop the ladder nor its retries', async ({
    clock,
    actions,
  }) => {
    const explode = () => {
      throw new Error('log sink full');
    };
    const logger = { debug: explode, info: explode, warn: explode, error: explode };
    const ladder = new RecoveryLadder(actions, { clock, logger, random: () => 0.5 });
    await expect(ladder.recover()).resolves.toMatchObject({ ok: false });
    actions.behaviour.softReset = 'recovers';
    await clock.advanceAsync(30_000);
    expect(ladder.snapshot()).toMatchObject({ state: 'idle', recoveries: 1 });
  });
});
