import { describe, expect, test } from 'vitest';
import {
  ManualClock,
  decideSend,
  resolveWindow,
  type SendingWindow,
} from '../../device/policy/index.js';

const at = (iso: string): number => Date.parse(iso);
const cely = resolveWindow('cely');
const celyReject: SendingWindow = { ...cely, whenClosed: 'reject' };

describe('decideSend', () => {
  test('open window, no schedule, no expiry: send, and say when the window closes', () => {
    const clock = new ManualClock('2026-06-10T21:59:59+02:00');
    expect(decideSend({ now: clock.now(), window: cely })).toEqual({
      action: 'send',
      openUntil: at('2026-06-10T22:00:00+02:00'),
    });
  });

  test('the check is once per message: at 21:59:59 a long message is started (its parts all go)', () => {
    // The dispatcher asks before the first part only; RULES.md §2 forbids splitting.
    const decision = decideSend({ now: at('2026-06-10T21:59:59+02:00'), window: cely });
    expect(decision.action).toBe('send');
  });

  test('at 22:00 it waits for the next opening', () => {
    expect(decideSend({ now: at('2026-06-10T22:00:00+02:00'), window: cely })).toEqual({
      action: 'wait',
      until: at('2026-06-11T08:00:00+02:00'),
      reason: 'window',
    });
  });

  test('on Sunday it waits for Monday 08:00, across the spring-forward night', () => {
    expect(decideSend({ now: at('2026-03-29T10:00:00+02:00'), window: cely })).toEqual({
      action: 'wait',
      until: at('2026-03-30T08:00:00+02:00'),
      reason: 'window',
    });
  });

  test('send-after in the future, inside the window: wait for the schedule', () => {
    expect(
      decideSend({
        now: at('2026-06-10T09:00:00+02:00'),
        window: cely,
        sendAfter: at('2026-06-10T15:00:00+02:00'),
      }),
    ).toEqual({ action: 'wait', until: at('2026-06-10T15:00:00+02:00'), reason: 'schedule' });
  });

  test('send-after in the future, outside the window: wait for the opening after it', () => {
    expect(
      decideSend({
        now: at('2026-06-10T09:00:00+02:00'),
        window: cely,
        sendAfter: at('2026-06-10T23:00:00+02:00'),
      }),
    ).toEqual({ action: 'wait', until: at('2026-06-11T08:00:00+02:00'), reason: 'window' });
  });

  test('send-after in the past is no constraint', () => {
    expect(
      decideSend({
        now: at('2026-06-10T09:00:00+02:00'),
        window: cely,
        sendAfter: at('2026-06-01T09:00:00+02:00'),
      }),
    ).toMatchObject({ action: 'send' });
  });

  test('expiry before the next opening: expired now, never sent late', () => {
    // Saturday night; the appointment is Monday 07:30, before the 08:00 opening.
    expect(
      decideSend({
        now: at('2026-06-13T22:30:00+02:00'),
        window: cely,
        expiresAt: at('2026-06-15T07:30:00+02:00'),
      }),
    ).toEqual({
      action: 'expire',
      reason: 'expires-before-opening',
      nextOpening: at('2026-06-15T08:00:00+02:00'),
    });
  });

  test('expiry exactly at the opening is too late: a message must go strictly before its expiry', () => {
    expect(
      decideSend({
        now: at('2026-06-13T22:30:00+02:00'),
        window: cely,
        expiresAt: at('2026-06-15T08:00:00+02:00'),
      }),
    ).toMatchObject({ action: 'expire', reason: 'expires-before-opening' });
  });

  test('expiry after the next opening: wait for the opening', () => {
    expect(
      decideSend({
        now: at('2026-06-13T22:30:00+02:00'),
        window: cely,
        expiresAt: at('2026-06-15T09:00:00+02:00'),
      }),
    ).toEqual({ action: 'wait', until: at('2026-06-15T08:00:00+02:00'), reason: 'window' });
  });

  test('expiry before the send-after time: expired', () => {
    expect(
      decideSend({
        now: at('2026-06-10T09:00:00+02:00'),
        window: cely,
        sendAfter: at('2026-06-10T15:00:00+02:00'),
        expiresAt: at('2026-06-10T14:00:00+02:00'),
      }),
    ).toMatchObject({ action: 'expire', reason: 'expires-before-opening' });
  });

  test('already past its expiry: expired, whatever the window says', () => {
    const now = at('2026-06-10T10:00:00+02:00');
    expect(decideSend({ now, window: cely, expiresAt: now })).toEqual({
      action: 'expire',
      reason: 'expired',
    });
  });

  test('the clock moving past the expiry while a message waits turns wait into expire', () => {
    const clock = new ManualClock('2026-06-13T22:30:00+02:00');
    const message = { window: cely, expiresAt: at('2026-06-15T09:00:00+02:00') };
    expect(decideSend({ now: clock.now(), ...message }).action).toBe('wait');
    clock.advanceTo(at('2026-06-15T08:00:00+02:00'));
    expect(decideSend({ now: clock.now(), ...message }).action).toBe('send');
    clock.advanceTo(at('2026-06-15T09:00:00+02:00'));
    expect(decideSend({ now: clock.now(), ...message }).action).toBe('expire');
  });

  test('policy reject: closed window rejects, telling when it opens again', () => {
    expect(decideSend({ now: at('2026-06-14T12:00:00+02:00'), window: celyReject })).toEqual({
      action: 'reject',
      reason: 'window-closed',
      nextOpening: at('2026-06-15T08:00:00+02:00'),
    });
    expect(decideSend({ now: at('2026-06-15T12:00:00+02:00'), window: celyReject }).action).toBe(
      'send',
    );
  });

  test('the whenClosed input overrides the window’s own policy', () => {
    expect(
      decideSend({ now: at('2026-06-14T12:00:00+02:00'), window: cely, whenClosed: 'reject' })
        .action,
    ).toBe('reject');
    expect(
      decideSend({ now: at('2026-06-14T12:00:00+02:00'), window: celyReject, whenClosed: 'queue' })
        .action,
    ).toBe('wait');
  });

  test('policy reject with a schedule outside the window rejects at once rather than at send time', () => {
    expect(
      decideSend({
        now: at('2026-06-10T09:00:00+02:00'),
        window: celyReject,
        sendAfter: at('2026-06-14T10:00:00+02:00'),
      }),
    ).toMatchObject({ action: 'reject', nextOpening: at('2026-06-15T08:00:00+02:00') });
  });

  test('policy reject on a window that never opens still answers, with nextOpening null', () => {
    const never: SendingWindow = { timeZone: 'Europe/Paris', weekly: {}, whenClosed: 'reject' };
    expect(decideSend({ now: 0, window: never })).toEqual({
      action: 'reject',
      reason: 'window-closed',
      nextOpening: null,
    });
  });

  test('queue on a window that never opens is a configuration error, not an endless wait', () => {
    expect(() => decideSend({ now: 0, window: { timeZone: 'Europe/Paris', weekly: {} } })).toThrow(
      expect.objectContaining({ code: 'POLICY_WINDOW_NEVER_OPENS' }),
    );
  });

  test('closingGuardMs: too close to closing, wait for the next opening instead', () => {
    const now = at('2026-06-10T21:58:00+02:00');
    expect(decideSend({ now, window: cely, closingGuardMs: 5 * 60_000 })).toEqual({
      action: 'wait',
      until: at('2026-06-11T08:00:00+02:00'),
      reason: 'window',
    });
    expect(decideSend({ now, window: cely, closingGuardMs: 60_000 }).action).toBe('send');
  });

  test('closingGuardMs longer than any opening is a typed error', () => {
    expect(() => decideSend({ now: 0, window: cely, closingGuardMs: 15 * 3_600_000 })).toThrow(
      expect.objectContaining({ code: 'POLICY_WINDOW_NEVER_OPENS' }),
    );
  });

  test('an always-open window sends with no closing in sight', () => {
    expect(decideSend({ now: 0, window: resolveWindow('generic') })).toEqual({
      action: 'send',
      openUntil: null,
    });
  });

  test('invalid times are refused with POLICY_TIME_INVALID', () => {
    expect(() => decideSend({ now: Number.NaN, window: cely })).toThrow(
      expect.objectContaining({ code: 'POLICY_TIME_INVALID' }),
    );
    expect(() => decideSend({ now: 0, window: cely, expiresAt: Number.POSITIVE_INFINITY })).toThrow(
      expect.objectContaining({ code: 'POLICY_TIME_INVALID' }),
    );
    expect(() => decideSend({ now: 0, window: cely, closingGuardMs: -1 })).toThrow(
      expect.objectContaining({ code: 'POLICY_TIME_INVALID' }),
    );
  });
});
