import type { HolidayCalendarId } from './holidays.js';
import { policyError } from './policyErrors.js';
import {
  ALWAYS_OPEN,
  type SendingWindow,
  type WeeklyHours,
  type WhenClosed,
} from './SendingWindow.js';
import { scheduleOf } from './WindowSchedule.js';
import { parseWindowSpec } from './windowSpec.js';

export const WINDOW_PROFILES = ['cely', 'sms4less', 'generic'] as const;
/** Same names as the SMS profiles (device/sms/profiles). */
export type WindowProfileName = (typeof WINDOW_PROFILES)[number];

export const MESSAGE_CLASSES = ['reminder', 'other'] as const;
/** Appointment reminders and everything else can have different hours. */
export type MessageClass = (typeof MESSAGE_CLASSES)[number];

const MON_SAT_8_TO_22: WeeklyHours = {
  mon: [['08:00', '22:00']],
  tue: [['08:00', '22:00']],
  wed: [['08:00', '22:00']],
  thu: [['08:00', '22:00']],
  fri: [['08:00', '22:00']],
  sat: [['08:00', '22:00']],
};

/**
 * Built-in windows, the same for both message classes unless config says
 * otherwise. Holidays are off by default everywhere (RULES.md §2).
 *
 * - `cely`: Monday–Saturday 08:00–22:00 Europe/Paris, the provider's own
 *   constraint (Cely art. 1 "Contrainte d'horaires", art. 2–3 for France).
 * - `sms4less`: product decision. The provider sets no hours (SMS4less terms),
 *   but its customers are Belgian clinics texting patients, so we keep the
 *   same courteous hours in Europe/Brussels: no reminder at 06:00 or on a
 *   Sunday unless the clinic asks for it.
 * - `generic`: always open (no provider constraint); its zone, Europe/Paris,
 *   only matters once holidays or closed dates are added.
 */
export const DEFAULT_WINDOWS: Readonly<Record<WindowProfileName, SendingWindow>> = {
  cely: { timeZone: 'Europe/Paris', weekly: MON_SAT_8_TO_22, whenClosed: 'queue' },
  sms4less: { timeZone: 'Europe/Brussels', weekly: MON_SAT_8_TO_22, whenClosed: 'queue' },
  generic: { timeZone: 'Europe/Paris', weekly: ALWAYS_OPEN, whenClosed: 'queue' },
};

/** What config or the CLI may change on top of a profile's window. Each field replaces. */
export interface WindowOverrides {
  /** Weekly hours as a SPEC (`mon-fri 08:00-19:00`) or as data. Default: the profile's. */
  readonly hours?: string | WeeklyHours;
  /** IANA zone. Default: the profile's. */
  readonly timeZone?: string;
  /** Holiday calendar, or `null` for none. Default: the profile's (none). */
  readonly holidays?: HolidayCalendarId | null;
  /** Extra closed dates `YYYY-MM-DD`; replaces, does not add to, the inherited list. */
  readonly closedDates?: readonly string[];
  /** `queue` or `reject`. Default: the profile's (`queue`). */
  readonly whenClosed?: WhenClosed;
}

/** A profile's window settings: overrides for every message, then per class. */
export interface WindowConfig extends WindowOverrides {
  readonly byClass?: Partial<Record<MessageClass, WindowOverrides>>;
}

/**
 * The window that applies to a message of `messageClass` sent through
 * `profile`: the built-in default, then `config`, then `config.byClass`.
 * The result is validated (compiled once), so a bad config fails here with a
 * POLICY_ error rather than at the first send.
 */
export function resolveWindow(
  profile: WindowProfileName,
  messageClass: MessageClass = 'other',
  config: WindowConfig = {},
): SendingWindow {
  const base = DEFAULT_WINDOWS[profile];
  if (!(WINDOW_PROFILES as readonly string[]).includes(profile) || base === undefined) {
    throw policyError('POLICY_PROFILE_UNKNOWN', `unknown profile "${String(profile)}"`, {
      profile: String(profile),
      known: [...WINDOW_PROFILES],
    });
  }
  if (!(MESSAGE_CLASSES as readonly string[]).includes(messageClass)) {
    throw policyError(
      'POLICY_MESSAGE_CLASS_UNKNOWN',
      `unknown message class "${String(messageClass)}"`,
      {
        messageClass: String(messageClass),
        known: [...MESSAGE_CLASSES],
      },
    );
  }
  const window = applyOverrides(applyOverrides(base, config), config.byClass?.[messageClass] ?? {});
  scheduleOf(window);
  return window;
}

function applyOverrides(window: SendingWindow, overrides: WindowOverrides): SendingWindow {
  const { hours, timeZone, holidays, closedDates, whenClosed } = overrides;
  return {
    timeZone: timeZone ?? window.timeZone,
    weekly:
      hours === undefined
        ? window.weekly
        : typeof hours === 'string'
          ? parseWindowSpec(hours)
          : hours,
    holidays: holidays === undefined ? (window.holidays ?? null) : holidays,
    closedDates: closedDates ?? window.closedDates ?? [],
    whenClosed: whenClosed ?? window.whenClosed ?? 'queue',
  };
}
