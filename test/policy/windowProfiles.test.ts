import { describe, expect, test } from 'vitest';
import {
  DEFAULT_WINDOWS,
  formatWindowSpec,
  resolveWindow,
  windowStatus,
} from '../../device/policy/index.js';

const at = (iso: string): number => Date.parse(iso);

describe('built-in windows per profile', () => {
  test('cely: Monday–Saturday 08:00–22:00 Europe/Paris, queue, no holidays', () => {
    const w = resolveWindow('cely');
    expect(w.timeZone).toBe('Europe/Paris');
    expect(formatWindowSpec(w.weekly)).toBe('mon-sat 08:00-22:00');
    expect(w.whenClosed).toBe('queue');
    expect(w.holidays).toBeNull();
  });

  test('sms4less: the same hours in Europe/Brussels (product decision)', () => {
    const w = resolveWindow('sms4less');
    expect(w.timeZone).toBe('Europe/Brussels');
    expect(formatWindowSpec(w.weekly)).toBe('mon-sat 08:00-22:00');
  });

  test('generic: always open', () => {
    expect(formatWindowSpec(resolveWindow('generic').weekly)).toBe('always');
  });

  test('both message classes get the profile default when config says nothing', () => {
    expect(resolveWindow('cely', 'reminder')).toEqual(resolveWindow('cely', 'other'));
  });
});

describe('overrides from config', () => {
  test('hours as a SPEC, holidays and closed dates apply to every class; byClass wins for its class', () => {
    const config = {
      hours: 'mon-fri 09:00-19:00',
      holidays: 'fr' as const,
      byClass: { reminder: { hours: 'mon-sat 08:00-20:00', whenClosed: 'reject' as const } },
    };
    const other = resolveWindow('cely', 'other', config);
    const reminder = resolveWindow('cely', 'reminder', config);
    expect(formatWindowSpec(other.weekly)).toBe('mon-fri 09:00-19:00');
    expect(other.whenClosed).toBe('queue');
    expect(formatWindowSpec(reminder.weekly)).toBe('mon-sat 08:00-20:00');
    expect(reminder.whenClosed).toBe('reject');
    expect(reminder.holidays).toBe('fr');
  });

  test('holidays: null switches an inherited calendar off', () => {
    const w = resolveWindow('cely', 'reminder', {
      holidays: 'fr',
      byClass: { reminder: { holidays: null } },
    });
    expect(w.holidays).toBeNull();
  });

  test('the defaults are not changed by resolving with overrides', () => {
    resolveWindow('cely', 'other', { hours: 'always', timeZone: 'UTC' });
    expect(DEFAULT_WINDOWS.cely.timeZone).toBe('Europe/Paris');
    expect(formatWindowSpec(DEFAULT_WINDOWS.cely.weekly)).toBe('mon-sat 08:00-22:00');
  });

  test('a bad config fails when resolved, with the policy code of the bad part', () => {
    expect(() => resolveWindow('cely', 'other', { timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'POLICY_WINDOW_TIME_ZONE' }),
    );
    expect(() => resolveWindow('cely', 'other', { hours: 'mon 25:00-26:00' })).toThrow(
      expect.objectContaining({ code: 'POLICY_SPEC_TIME' }),
    );
    expect(() => resolveWindow('cely', 'other', { closedDates: ['24/12/2026'] })).toThrow(
      expect.objectContaining({ code: 'POLICY_DATE_INVALID' }),
    );
  });

  test('an unknown profile or message class is refused', () => {
    expect(() => resolveWindow('orange' as 'cely')).toThrow(
      expect.objectContaining({ code: 'POLICY_PROFILE_UNKNOWN' }),
    );
    expect(() => resolveWindow('cely', 'marketing' as 'other')).toThrow(
      expect.objectContaining({ code: 'POLICY_MESSAGE_CLASS_UNKNOWN' }),
    );
  });
});

describe('windowStatus, the answer of `gsmgate window --json`', () => {
  test('closed on Saturday at 22:00: next opening Monday 08:00 with the summer offset', () => {
    expect(windowStatus(resolveWindow('cely'), at('2026-03-28T22:00:00+01:00'))).toEqual({
      open: false,
      nextOpening: '2026-03-30T08:00:00.000+02:00',
      nextClosing: '2026-03-30T22:00:00.000+02:00',
      timeZone: 'Europe/Paris',
      hours: 'mon-sat 08:00-22:00',
      holidays: null,
      whenClosed: 'queue',
    });
  });

  test('open: nextOpening is the instant asked about; a holiday is named', () => {
    const open = windowStatus(resolveWindow('cely'), at('2026-06-10T10:00:00+02:00'));
    expect(open).toMatchObject({ open: true, nextOpening: '2026-06-10T10:00:00.000+02:00' });
    const holiday = windowStatus(
      resolveWindow('cely', 'other', { holidays: 'fr' }),
      at('2026-07-14T10:00:00+02:00'),
    );
    expect(holiday).toMatchObject({
      open: false,
      holiday: 'Bastille Day',
      nextOpening: '2026-07-15T08:00:00.000+02:00',
    });
  });

  test('always open: nextClosing is null', () => {
    expect(windowStatus(resolveWindow('generic'), 0)).toMatchObject({
      open: true,
      nextClosing: null,
    });
  });
});
