import type { SendingWindow } from './SendingWindow.js';
import { scheduleOf, type WindowSchedule } from './WindowSchedule.js';
import { formatWindowSpec } from './windowSpec.js';
import { formatInstant } from './zoneTime.js';

/** What `gsmgate window … --json` prints; instants in ISO-8601 with the window's offset. */
export interface WindowStatus {
  readonly open: boolean;
  /** `at` itself when open. */
  readonly nextOpening: string;
  /** When the current or next open stretch ends; `null` if not within the search horizon. */
  readonly nextClosing: string | null;
  readonly timeZone: string;
  /** The weekly hours as a SPEC. */
  readonly hours: string;
  readonly holidays: string | null;
  /** The holiday closing the local date of `at`, if any. */
  readonly holiday?: string;
  readonly whenClosed: 'queue' | 'reject';
}

/** The window's answer for one instant, ready to print. */
export function windowStatus(window: SendingWindow, at: number): WindowStatus {
  const schedule: WindowSchedule = scheduleOf(window);
  const zone = schedule.timeZone;
  const open = schedule.isOpen(at);
  const nextOpening = schedule.nextOpening(at);
  const closing = schedule.nextClosing(nextOpening);
  const holiday = schedule.holidayAt(at);
  return {
    open,
    nextOpening: formatInstant(nextOpening, zone),
    nextClosing: closing === null ? null : formatInstant(closing, zone),
    timeZone: schedule.timeZone,
    hours: formatWindowSpec(window.weekly),
    holidays: schedule.holidays,
    ...(holiday === undefined ? {} : { holiday }),
    whenClosed: schedule.whenClosed,
  };
}
