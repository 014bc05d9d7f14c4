import { GSM7_DEFAULT } from '../gsm7Alphabet.js';
import { PROTOCOL_MAX_SEGMENTS, type SmsProfile } from './SmsProfile.js';

/** No provider limits: any valid number, UCS-2 allowed, up to the protocol's 255 segments. */
export const genericProfile: SmsProfile = {
  name: 'generic',
  description: 'No provider limits: GSM-7 or UCS-2, up to 255 segments, any valid number.',
  charset: GSM7_DEFAULT,
  allowUcs2: true,
  maxSegments: PROTOCOL_MAX_SEGMENTS,
  maxUnits: undefined,
  footer: '',
  footerMaxUnits: 0,
  filtersSenderNames: false,
  checkDestination: () => undefined,
};
