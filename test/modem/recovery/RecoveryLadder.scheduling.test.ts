import { describe, expect } from 'vitest';
import { RecoveryLadder } from '../../../device/modem/recovery/RecoveryLadder.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { FakeRecoveryActions, flush, settle } from './FakeRecoveryActions.js';
import { test } from './ladderFixture.js';

describe('RecoveryLadder: one ladder at a time', () => {
  test('a trigger while a ladder runs joins it instead of starting another', async ({
    ladder,
    actions,
    clock,
  }) => {
    actions.behaviour.softReset = { afterMs: 10_000, recovers: true };
    const first = ladder.recover('timeouts');
    await flush(clock);
    const second = ladder.recover('closed');
    expect(second).toBe(first);
    expect(ladder.state).toBe('running');
    await settle(clock, first);
    expect(actions.calls).toEqual(['escapeAndProbe', 'softReset']);
    expect((await second).reason).toBe('timeouts');
  });

  test('a trigger while a retry is scheduled joins the retry rather than running early', async ({
    ladder,
    actions,
    clock,
  }) => {
    await ladder.recover();
    const calls = actions.calls.length;
    actions.behaviour.escapeAndProbe = 'recovers';
    const joined = ladder.recover('timeouts');
    await clock.advanceAsync(10_000);
    expect(actions.calls.length).toBe(calls);
    await clock.advanceAsync(20_000);
    await expect(joined).resolves.toMatchObject({ ok: true, reason: 'retry' });
  });

  test('recover with now: true runs at once and answers those waiting for the retry', async ({
    ladder,
    actions,
    clock,
  }) => {
    await ladder.recover();
    const waiting = ladder.recover('timeouts');
    actions.behaviour.escapeAndProbe = 'recovers';
    const forced = await ladder.recover('operator', { now: true });
    expect(forced).toMatchObject({ ok: true, reason: 'operator' });
    await expect(waiting).resolves.toBe(forced);
    expect(clock.pendingTimers).toBe(0);
  });

  test('stop cancels the scheduled retry and refuses later triggers with MODEM_RECOVERY_STOPPED', async ({
    ladder,
    clock,
  }) => {
    await ladder.recover();
    const waiting = ladder.recover('timeouts');
    ladder.stop();
    await expect(waiting).resolves.toMatchObject({ ok: false, nextAttemptAt: undefined });
    expect(clock.pendingTimers).toBe(0);
    await expect(ladder.recover()).rejects.toMatchObject({ code: 'MODEM_RECOVERY_STOPPED' });
    expect(ladder.state).toBe('stopped');
  });
});

describe('RecoveryLadder: flapping guard', () => {
  /** Recovers `times`, a minute apart, and returns the rung each run started from. */
  async function hangRepeatedly(ladder: RecoveryLadder, clock: ManualClock, times: number) {
    const starts: string[] = [];
    for (let i = 0; i < times; i++) {
      starts.push((await settle(clock, ladder.recover('timeouts'))).startRung);
      await clock.advanceAsync(60_000);
    }
    return starts;
  }

  test('after three recoveries in ten minutes the next one starts above the rung that worked', async ({
    ladder,
    actions,
    clock,
  }) => {
    actions.all('recovers');
    const flapping: string[] = [];
    ladder.on('flapping', ({ startRung }) => flapping.push(startRung));
    const starts = await hangRepeatedly(ladder, clock, 4);
    expect(starts).toEqual(['escapeAndProbe', 'escapeAndProbe', 'escapeAndProbe', 'softReset']);
    expect(flapping).toEqual(['softReset']);
  });

  test('escalation keeps climbing while the modem keeps hanging, and stays at the last rung', async ({
    ladder,
    actions,
    clock,
  }) => {
    actions.all('recovers');
    const starts = await hangRepeatedly(ladder, clock, 7);
    expect(starts).toEqual([
      'escapeAndProbe',
      'escapeAndProbe',
      'escapeAndProbe',
      'softReset',
      'powerCycle',
      'reopenPort',
      'reopenPort',
    ]);
  });

  test('escalation skips the power cycle when the power control cannot cycle', async ({
    clock,
    actions,
  }) => {
    const ladder = new RecoveryLadder(actions, { clock, flappingThreshold: 2 });
    actions.all('recovers');
    actions.behaviour.escapeAndProbe = 'fails';
    const starts = await hangRepeatedly(ladder, clock, 3);
    expect(starts).toEqual(['escapeAndProbe', 'escapeAndProbe', 'reopenPort']);
  });

  test('once the modem stays up for the window, recovery starts from the bottom again', async ({
    ladder,
    actions,
    clock,
  }) => {
    actions.all('recovers');
    await hangRepeatedly(ladder, clock, 3);
    await clock.advanceAsync(10 * 60_000);
    expect((await ladder.recover()).startRung).toBe('escapeAndProbe');
  });

  test('a run that failed every rung clears the history: the next run climbs from the bottom', async ({
    ladder,
    actions,
    clock,
  }) => {
    actions.all('recovers');
    await hangRepeatedly(ladder, clock, 3);
    actions.all('fails');
    expect((await ladder.recover()).startRung).toBe('softReset');
    actions.all('recovers');
    const retried = await settle(clock, ladder.recover());
    expect(retried).toMatchObject({ ok: true, startRung: 'escapeAndProbe', reason: 'retry' });
  });
});

describe('RecoveryLadder options', () => {
  test.each([
    [{ rungTimeoutsMs: { softReset: 0 } }, 'rungTimeoutsMs.softReset'],
    [{ retryInitialMs: -1 }, 'retryInitialMs'],
    [{ retryFactor: 0.5 }, 'retryFactor'],
    [{ retryJitter: 1 }, 'retryJitter'],
    [{ retryMaxMs: 1_000 }, 'retryMaxMs'],
    [{ flappingThreshold: 0 }, 'flappingThreshold'],
    [{ flappingWindowMs: Number.NaN }, 'flappingWindowMs'],
  ] as const)('refuses %o with MODEM_RECOVERY_CONFIG naming the field', (options, field) => {
    expect(() => new RecoveryLadder(new FakeRecoveryActions(new ManualClock()), options)).toThrow(
      expect.objectContaining({
        code: 'MODEM_RECOVERY_CONFIG',
        context: expect.objectContaining({ field }),
      }),
    );
  });
});

describe('RecoveryLadder: the verdict comes once the ladder is free', () => {
  test('a trigger from a recovered listener starts a new run instead of joining the old one', async ({
    ladder,
    actions,
  }) => {
    actions.behaviour.escapeAndProbe = 'recovers';
    let again: Promise<unknown> | undefined;
    ladder.once('recovered', () => {
      expect(ladder.state).toBe('idle');
      again = ladder.recover('reinit-failed');
    });
    const first = await ladder.recover('timeouts');
    await expect(again).resolves.toMatchObject({ ok: true, reason: 'reinit-failed' });
    expect(first.reason).toBe('timeouts');
    expect(actions.calls).toEqual(['escapeAndProbe', 'escapeAndProbe']);
  });

  test('the unrecoverable event sees the retry already scheduled', async ({ ladder, clock }) => {
    const seen: unknown[] = [];
    ladder.on('unrecoverable', () => seen.push(ladder.snapshot().nextAttemptAt, ladder.state));
    await ladder.recover();
    expect(seen).toEqual([clock.now() + 30_000, 'waiting']);
  });
});
