import { describe, expect, test } from 'vitest';
import { parseDcs } from '../../../device/sms/pdu/dataCodingScheme.js';

describe('TP-DCS (TS 23.038 §4)', () => {
  test.each(
    (
      [
        [0x00, { encoding: 'gsm7', messageClass: undefined, compressed: false, autoDelete: false }],
        [0x04, { encoding: '8bit', messageClass: undefined }],
        [0x08, { encoding: 'ucs2', messageClass: undefined }],
        [0x0c, { encoding: 'gsm7' }], // reserved alphabet: read as GSM-7
        [0x10, { encoding: 'gsm7', messageClass: 0 }],
        [0x11, { encoding: 'gsm7', messageClass: 1 }],
        [0x16, { encoding: '8bit', messageClass: 2 }],
        [0x19, { encoding: 'ucs2', messageClass: 1 }],
        [0x03, { encoding: 'gsm7', messageClass: undefined }], // class bits without bit 4 mean nothing
        [0x20, { encoding: 'gsm7', compressed: true }],
        [0x48, { encoding: 'ucs2', autoDelete: true }],
        [0x80, { encoding: 'gsm7', messageWaiting: undefined }], // reserved group
        [
          0xc0,
          { encoding: 'gsm7', messageWaiting: { active: false, kind: 'voicemail', store: false } },
        ],
        [
          0xc8,
          { encoding: 'gsm7', messageWaiting: { active: true, kind: 'voicemail', store: false } },
        ],
        [0xd9, { encoding: 'gsm7', messageWaiting: { active: true, kind: 'fax', store: true } }],
        [0xe2, { encoding: 'ucs2', messageWaiting: { active: false, kind: 'email', store: true } }],
        [0xf0, { encoding: 'gsm7', messageClass: 0 }],
        [0xf5, { encoding: '8bit', messageClass: 1 }],
        [0xf7, { encoding: '8bit', messageClass: 3 }],
      ] as const
    ).map(([dcs, expected]) => [dcs.toString(16).padStart(2, '0'), dcs, expected] as const),
  )('0x%s decodes as expected', (_, dcs, expected) => {
    expect(parseDcs(dcs)).toMatchObject(expected);
  });
});
