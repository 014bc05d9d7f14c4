import {
  isPolicyError,
  resolveWindow,
  scheduleOf,
  type MessageClass,
  type WindowConfig,
  type WindowSchedule,
} from '../../policy/index.js';
import { getProfile, type ProfileOptions } from '../../sms/profiles/profiles.js';
import type { ProfileName, SmsProfile } from '../../sms/profiles/SmsProfile.js';
import { queueError } from '../queueErrors.js';

/**
 * The SMS profiles and sending windows the queue applies, resolved and
 * compiled once: a bad window in the config fails when the queue opens, not
 * at the first message.
 */
export class ProfileRegistry {
  private readonly schedules = new Map<string, WindowSchedule>();

  constructor(
    private readonly profileOptions: ProfileOptions = {},
    private readonly windows: Partial<Record<ProfileName, WindowConfig>> = {},
  ) {
    for (const name of Object.keys(windows) as ProfileName[]) {
      this.schedule(name, 'reminder');
      this.schedule(name, 'other');
    }
  }

  profile(name: ProfileName): SmsProfile {
    return getProfile(name, this.profileOptions);
  }

  schedule(profile: string, messageClass: MessageClass): WindowSchedule {
    const key = `${profile}/${messageClass}`;
    let schedule = this.schedules.get(key);
    if (schedule === undefined) {
      try {
        schedule = scheduleOf(
          resolveWindow(profile as ProfileName, messageClass, this.windows[profile as ProfileName]),
        );
      } catch (error) {
        if (isPolicyError(error)) {
          throw queueError('QUEUE_BAD_INPUT', `sending window of ${key}: ${error.message}`, {
            ...error.context,
            policyCode: error.code,
          });
        }
        throw error;
      }
      this.schedules.set(key, schedule);
    }
    return schedule;
  }
}
