import { GSM7_DEFAULT } from '../gsm7Alphabet.js';
import type { SmsProfile } from './SmsProfile.js';

/** SMS4less (Belgium), art. 5.3: 160/153 characters a credit, at most ten SMS per message. */
export const sms4lessProfile: SmsProfile = {
  name: 'sms4less',
  description: 'SMS4less (BE): one credit per segment, at most 10 segments per message.',
  charset: GSM7_DEFAULT,
  allowUcs2: true,
  maxSegments: 10,
  maxUnits: undefined,
  footer: '',
  footerMaxUnits: 0,
  filtersSenderNames: false,
  checkDestination: () => undefined,
};
