import { describe, expect, test } from 'vitest';
import { decodePdu, encodeDeliver, type DeliverPdu } from '../../../device/sms/pdu/index.js';

const at = (iso: string, offsetMinutes = 0) => ({ epochMs: Date.parse(iso), offsetMinutes });

function decodeAll(hexes: readonly { hex: string }[]): DeliverPdu[] {
  return hexes.map(({ hex }) => {
    const pdu = decodePdu(hex);
    if (pdu.type !== 'deliver') throw new Error(`expected a deliver, got ${pdu.type}`);
    return pdu;
  });
}

describe('SMS-DELIVER encoder (TS 23.040 §9.2.2.1)', () => {
  test('reproduces oFono\'s "How are you?" vector byte for byte, -01:00 zone included', () => {
    const [pdu] = encodeDeliver({
      sender: '+31641600986',
      text: 'How are you?',
      serviceCentre: '+31624000000',
      timestamp: at('2002-08-26T19:37:41-01:00', -60),
    });
    expect(pdu?.hex).toBe(
      '07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07',
    );
    expect(pdu?.length).toBe(pdu ? pdu.hex.length / 2 - 8 : 0);
  });

  test('reproduces oFono\'s alphanumeric "sipgate" sender vector byte for byte', () => {
    const [pdu] = encodeDeliver({
      sender: 'sipgate',
      text: 'Testmail',
      serviceCentre: '+447785016005',
      timestamp: at('2008-08-13T12:07:22+01:00', 60),
    });
    expect(pdu?.hex).toBe('0791447758100650040DD0F334FC1CA6970100008080312170224008D4F29CDE0EA7D9');
  });

  test.each([
    ['+33612345678', 'international'],
    ['0612345678', 'national'],
    ['36180', 'national'],
    ['Ameli', 'alphanumeric'],
    ['Cabinet Dr', 'alphanumeric'],
  ] as const)('sender %s round-trips as %s', (sender, senderType) => {
    const [pdu] = decodeAll(
      encodeDeliver({ sender, text: 'STOP', timestamp: at('2026-11-21T14:03:05Z') }),
    );
    expect(pdu).toMatchObject({ sender, senderType, text: 'STOP', serviceCentre: undefined });
  });

  test('an explicit unknown type sends bare digits as TON 000', () => {
    const [pdu] = decodeAll(
      encodeDeliver({
        sender: '612345678',
        senderType: 'unknown',
        text: 'x',
        timestamp: at('2026-01-01T00:00:00Z'),
      }),
    );
    expect(pdu?.senderType).toBe('unknown');
  });

  test.each([0, 60, -420, 345, 4 * 18 * 15, -4 * 18 * 15])(
    'the SCTS keeps the instant and a %i-minute zone',
    (offset) => {
      const epochMs = Date.parse('2026-03-29T01:30:59Z');
      const [pdu] = decodeAll(
        encodeDeliver({
          sender: '+33600000000',
          text: 'x',
          timestamp: { epochMs, offsetMinutes: offset },
        }),
      );
      expect(pdu?.timezoneOffsetMinutes).toBe(offset);
      expect(Date.parse(pdu?.timestamp ?? '')).toBe(epochMs);
    },
  );

  test('UCS-2 text round-trips, emoji surrogate pairs included', () => {
    const text = 'Rendez-vous demain 9h ✅ 😀';
    const [pdu] = decodeAll(
      encodeDeliver({ sender: '+33600000000', text, timestamp: at('2026-01-01T00:00:00Z') }),
    );
    expect(pdu).toMatchObject({ encoding: 'ucs2', text, dcs: 0x08 });
  });

  test('a long GSM-7 text becomes concatenated parts sharing the reference, extension characters intact', () => {
    const text = `${'Votre RDV [cabinet] est confirmé. '.repeat(12)}€`;
    const pdus = decodeAll(
      encodeDeliver({
        sender: '+33600000000',
        text,
        concatRef: 0x2a,
        timestamp: at('2026-01-01T00:00:00Z'),
      }),
    );
    expect(pdus.length).toBeGreaterThan(2);
    pdus.forEach((pdu, i) => {
      expect(pdu.concat).toEqual({ ref: 0x2a, total: pdus.length, seq: i + 1, referenceBits: 8 });
      expect(pdu.encoding).toBe('gsm7');
    });
    expect(pdus.map((pdu) => pdu.text).join('')).toBe(text);
  });

  test('a long UCS-2 text becomes concatenated parts that join back', () => {
    const text = 'Привет, это напоминание о визите. '.repeat(5);
    const pdus = decodeAll(
      encodeDeliver({
        sender: 'Clinique',
        text,
        concatRef: 7,
        timestamp: at('2026-01-01T00:00:00Z'),
      }),
    );
    expect(pdus.length).toBe(3);
    expect(pdus.map((pdu) => pdu.text).join('')).toBe(text);
    expect(pdus.every((pdu) => pdu.concat?.ref === 7 && pdu.encoding === 'ucs2')).toBe(true);
  });

  test('flags: more messages waiting and status report indication', () => {
    const [pdu] = decodeAll(
      encodeDeliver({
        sender: '+33600000000',
        text: 'x',
        timestamp: at('2026-01-01T00:00:00Z'),
        moreMessagesToSend: true,
        statusReportIndication: true,
      }),
    );
    expect(pdu).toMatchObject({ moreMessagesToSend: true, statusReportIndication: true });
  });

  test.each([
    [{ text: 'x'.repeat(200) }, 'PDU_BAD_CONCAT_REF'],
    [{ sender: 'A name far too long' }, 'PDU_BAD_ADDRESS'],
    [{ sender: 'Жук' }, 'PDU_UNENCODABLE'],
    [{ sender: '+33 6 12', senderType: 'international' as const }, 'PDU_BAD_ADDRESS'],
    [{ timestamp: { epochMs: 0, offsetMinutes: 10 } }, 'PDU_BAD_TIMESTAMP'],
    [{ timestamp: { epochMs: Date.parse('2100-01-01T00:00:00Z') } }, 'PDU_BAD_TIMESTAMP'],
    [{ timestamp: { epochMs: Number.NaN } }, 'PDU_BAD_TIMESTAMP'],
  ])('refuses %o with %s', (override, code) => {
    expect(() =>
      encodeDeliver({
        sender: '+33600000000',
        text: 'x',
        timestamp: at('2026-01-01T00:00:00Z'),
        ...override,
      }),
    ).toThrow(expect.objectContaining({ code }));
  });
});
