/**
 * A modem driver's recovery actions, scripted per rung: answer true, false, throw, hang, or
 * answer after a delay on the test's ManualClock. Records the order the rungs were called.
 */
import type {
  RecoveryActions,
  RecoveryRung,
} from '../../../device/modem/recovery/RecoveryActions.js';
import type { ManualClock } from '../../../device/policy/ManualClock.js';

export type Behaviour =
  | 'recovers'
  | 'fails'
  | 'throws'
  | 'hangs'
  | { readonly afterMs: number; readonly recovers: boolean };

export class FakeRecoveryActions implements RecoveryActions {
  readonly calls: RecoveryRung[] = [];
  readonly behaviour: Record<RecoveryRung, Behaviour> = {
    escapeAndProbe: 'fails',
    softReset: 'fails',
    powerCycle: 'fails',
    reopenPort: 'fails',
  };

  constructor(private readonly clock: ManualClock) {}

  /** Sets every rung at once. */
  all(behaviour: Behaviour): this {
    for (const rung of Object.keys(this.behaviour) as RecoveryRung[])
      this.behaviour[rung] = behaviour;
    return this;
  }

  escapeAndProbe(): Promise<boolean> {
    return this.#act('escapeAndProbe');
  }

  softReset(): Promise<boolean> {
    return this.#act('softReset');
  }

  powerCycle(): Promise<boolean> {
    return this.#act('powerCycle');
  }

  reopenPort(): Promise<boolean> {
    return this.#act('reopenPort');
  }

  #act(rung: RecoveryRung): Promise<boolean> {
    this.calls.push(rung);
    const behaviour = this.behaviour[rung];
    switch (behaviour) {
      case 'recovers':
        return Promise.resolve(true);
      case 'fails':
        return Promise.resolve(false);
      case 'throws':
        return Promise.reject(new Error(`${rung} blew up`));
      case 'hangs':
        return new Promise(() => {});
      default:
        return new Promise((resolve) =>
          this.clock.setTimeout(() => resolve(behaviour.recovers), behaviour.afterMs),
        );
    }
  }
}

/** Lets promise callbacks run without moving time. */
export async function flush(clock: ManualClock): Promise<void> {
  await clock.advanceAsync(0);
}

/** Moves the clock in steps until `promise` settles; fails the test if it never does. */
export async function settle<T>(
  clock: ManualClock,
  promise: Promise<T>,
  maxMs = 3_600_000,
): Promise<T> {
  let done = false;
  const watched = promise.finally(() => (done = true));
  watched.catch(() => undefined);
  for (let waited = 0; !done && waited <= maxMs; waited += 1000) await clock.advanceAsync(1000);
  if (!done) throw new Error(`still pending after ${maxMs} ms`);
  return watched;
}
