import { GatewayError } from '../../shared/GatewayError.js';
import { createCelyProfile, type CelyProfileOptions } from './celyProfile.js';
import { genericProfile } from './genericProfile.js';
import { sms4lessProfile } from './sms4lessProfile.js';
import { PROFILE_NAMES, type ProfileName, type SmsProfile } from './SmsProfile.js';

export interface ProfileOptions {
  readonly cely?: CelyProfileOptions;
}

const defaultCely = createCelyProfile();

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}

/** The profile called `name`, configured by `options` where it takes any. */
export function getProfile(name: unknown, options: ProfileOptions = {}): SmsProfile {
  if (!isProfileName(name)) {
    throw new GatewayError('PROFILE_UNKNOWN', `unknown profile "${String(name)}"`, {
      profile: String(name),
      known: [...PROFILE_NAMES],
    });
  }
  switch (name) {
    case 'generic':
      return genericProfile;
    case 'sms4less':
      return sms4lessProfile;
    case 'cely':
      return options.cely === undefined ? defaultCely : createCelyProfile(options.cely);
  }
}
