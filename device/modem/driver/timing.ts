/**
 * Waiting on the injected Clock (STYLE.md §4): a cancellable delay and a bound on any
 * promise. No `setTimeout` from the global scope, so tests drive all of it with ManualClock.
 */
import type { Clock } from '../../policy/Clock.js';
import { driverError } from './ModemDriverErrors.js';

/** Resolves after `ms` of `clock`; rejects with MODEM_STOPPED as soon as `signal` aborts. */
export function delay(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(stopped());
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(stopped());
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `promise`, or the error `onTimeout()` builds once `ms` have passed, whichever is first.
 * The promise keeps running; its late outcome is ignored (and cannot become unhandled).
 */
export function withTimeout<T>(
  clock: Clock,
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function stopped(): Error {
  return driverError('MODEM_STOPPED', 'the modem driver was stopped');
}
