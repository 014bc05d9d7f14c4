/**
 * Shared setup for the ladder tests (STYLE.md §8, `test.extend`): a ManualClock on a winter
 * morning, scripted recovery actions, and a ladder that can power-cycle, with its jitter
 * pinned to the middle so schedules are exact unless a test says otherwise.
 */
import { test as base } from 'vitest';
import {
  RecoveryLadder,
  type RecoveryLadderOptions,
  type RungAttempt,
} from '../../../device/modem/recovery/RecoveryLadder.js';
import { ManualClock } from '../../../device/policy/ManualClock.js';
import { FakeRecoveryActions } from './FakeRecoveryActions.js';

export interface LadderFixture {
  clock: ManualClock;
  actions: FakeRecoveryActions;
  options: RecoveryLadderOptions;
  ladder: RecoveryLadder;
}

export const test = base.extend<LadderFixture>({
  clock: async ({ task: _task }, use) => {
    await use(new ManualClock('2026-03-02T09:00:00+01:00'));
  },
  actions: async ({ clock }, use) => {
    await use(new FakeRecoveryActions(clock));
  },
  options: async ({ clock }, use) => {
    await use({ clock, random: () => 0.5, powerControl: { canPowerCycle: true } });
  },
  ladder: async ({ actions, options }, use) => {
    const ladder = new RecoveryLadder(actions, options);
    await use(ladder);
    ladder.stop();
  },
});

/** `rung:outcome` for each attempt, to compare runs at a glance. */
export const outcomes = (attempts: readonly RungAttempt[]) =>
  attempts.map((a) => `${a.rung}:${a.outcome}`);
