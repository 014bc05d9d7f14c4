import { assertInstant, isPolicyError, policyError } from './policyErrors.js';
import type { SendingWindow, WhenClosed } from './SendingWindow.js';
import { scheduleOf, SEARCH_HORIZON_DAYS, type WindowSchedule } from './WindowSchedule.js';

/**
 * What the dispatcher does with one queued message now (RULES.md §2).
 *
 * - `send`: start it now. The check is made once per message, before its
 *   first part: once started, every part goes even if `openUntil` passes, so
 *   a multi-part message is never split across a window boundary.
 *   `openUntil` is when the window next closes (`null`: not within the search
 *   horizon), for a dispatcher that wants to log or plan.
 * - `wait`: stays `queued`; try again at `until`. `reason` says why:
 *   `schedule` (its send-after time) or `window` (the next opening).
 * - `expire`: its expiry (for a reminder, the appointment) is now or falls at
 *   or before the earliest instant it could go; it is expired, never sent late.
 * - `reject`: the window is closed and the policy is `reject`.
 */
export type SendDecision =
  | { readonly action: 'send'; readonly openUntil: number | null }
  | { readonly action: 'wait'; readonly until: number; readonly reason: 'window' | 'schedule' }
  | {
      readonly action: 'expire';
      readonly reason: 'expired' | 'expires-before-opening';
      /** The earliest instant it could have gone, when known. */
      readonly nextOpening?: number;
    }
  | {
      readonly action: 'reject';
      readonly reason: 'window-closed';
      /** When the window opens again (`null`: not within the search horizon). */
      readonly nextOpening: number | null;
    };

export interface SendDecisionInput {
  /** The current instant, from the caller's Clock. */
  readonly now: number;
  readonly window: SendingWindow | WindowSchedule;
  /** Not before this instant (a scheduled reminder). Default: no constraint. */
  readonly sendAfter?: number | null;
  /**
   * Must be handed over strictly before this instant. Default: never expires.
   * For a reminder, the appointment time.
   */
  readonly expiresAt?: number | null;
  /** Overrides the window's own `whenClosed`. Default: the window's (`queue`). */
  readonly whenClosed?: WhenClosed;
  /**
   * Do not start a message when the window closes sooner than this many ms
   * after the start; wait for the next opening instead. Default: 0 (start
   * whenever the window is open, RULES.md §2 only forbids splitting).
   */
  readonly closingGuardMs?: number;
}

/** Decides, without I/O or a clock of its own, what to do with one message at `now`. */
export function decideSend(input: SendDecisionInput): SendDecision {
  const { now, sendAfter = null, expiresAt = null, closingGuardMs = 0 } = input;
  assertInstant(now, 'now');
  if (sendAfter !== null) assertInstant(sendAfter, 'sendAfter');
  if (expiresAt !== null) assertInstant(expiresAt, 'expiresAt');
  if (!Number.isFinite(closingGuardMs) || closingGuardMs < 0) {
    throw policyError('POLICY_TIME_INVALID', 'closingGuardMs must be a non-negative number', {
      closingGuardMs: String(closingGuardMs),
    });
  }
  const schedule = scheduleOf(input.window);
  const whenClosed = input.whenClosed ?? schedule.whenClosed;

  if (expiresAt !== null && now >= expiresAt) return { action: 'expire', reason: 'expired' };
  const start = sendAfter !== null && sendAfter > now ? sendAfter : now;

  if (whenClosed === 'reject') {
    const opening = openingOrNull(schedule, start, closingGuardMs);
    if (opening !== start)
      return { action: 'reject', reason: 'window-closed', nextOpening: opening };
  }
  // Queue: a window that never opens is a configuration error, thrown rather than waited on.
  const opening = usableOpening(schedule, start, closingGuardMs);
  if (expiresAt !== null && expiresAt <= opening) {
    return { action: 'expire', reason: 'expires-before-opening', nextOpening: opening };
  }
  if (opening > start) return { action: 'wait', until: opening, reason: 'window' };
  if (start > now) return { action: 'wait', until: start, reason: 'schedule' };
  return { action: 'send', openUntil: schedule.nextClosing(now) };
}

/** First opening ≥ `from` that stays open at least `guardMs`. */
function usableOpening(schedule: WindowSchedule, from: number, guardMs: number): number {
  const horizon = from + SEARCH_HORIZON_DAYS * 86_400_000;
  for (let at = from; at <= horizon;) {
    const opening = schedule.nextOpening(at);
    if (guardMs === 0) return opening;
    const closing = schedule.nextClosing(opening);
    if (closing === null || closing - opening >= guardMs) return opening;
    at = closing;
  }
  throw policyError(
    'POLICY_WINDOW_NEVER_OPENS',
    `no opening of the sending window in the next ${SEARCH_HORIZON_DAYS} days lasts closingGuardMs (${guardMs} ms)`,
    { from, closingGuardMs: guardMs, horizonDays: SEARCH_HORIZON_DAYS },
  );
}

function openingOrNull(schedule: WindowSchedule, from: number, guardMs: number): number | null {
  try {
    return usableOpening(schedule, from, guardMs);
  } catch (error) {
    if (isPolicyError(error, 'POLICY_WINDOW_NEVER_OPENS')) return null;
    throw error;
  }
}
