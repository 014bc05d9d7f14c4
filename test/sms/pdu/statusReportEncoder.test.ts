import { describe, expect, test } from 'vitest';
import {
  decodePdu,
  encodeStatusReport,
  type StatusReportOptions,
} from '../../../device/sms/pdu/index.js';

const base: StatusReportOptions = {
  messageReference: 214,
  recipient: '+31628870634',
  serviceCentreTimestamp: { epochMs: Date.parse('2011-01-11T17:59:15+01:00'), offsetMinutes: 60 },
  dischargeTimestamp: { epochMs: Date.parse('2011-01-11T17:59:17+01:00'), offsetMinutes: 60 },
  status: 0,
};

describe('SMS-STATUS-REPORT encoder (TS 23.040 §9.2.2.3)', () => {
  test('reproduces the HeboTech report byte for byte, with and without an SCA', () => {
    expect(encodeStatusReport(base).hex).toBe(
      '0006D60B911326880736F4111011719551401110117195714000',
    );
    const withSca = encodeStatusReport({ ...base, serviceCentre: '+31624000000' });
    expect(withSca.hex).toBe('07911326040000F006D60B911326880736F4111011719551401110117195714000');
    expect(withSca.length).toBe(25);
  });

  test.each([
    [0x00, 'delivered'],
    [0x21, 'pending'],
    [0x46, 'failed'],
    [0x62, 'failed'],
  ] as const)('TP-ST 0x%s round-trips as %s', (status, category) => {
    const decoded = decodePdu(encodeStatusReport({ ...base, status }).hex);
    expect(decoded).toMatchObject({
      type: 'status-report',
      messageReference: 214,
      recipient: '+31628870634',
      recipientType: 'international',
      serviceCentreTimestamp: '2011-01-11T17:59:15+01:00',
      dischargeTimestamp: '2011-01-11T17:59:17+01:00',
      status: { code: status, category },
      reportsCommand: false,
      moreMessagesToSend: false,
      text: undefined,
    });
  });

  test('a national recipient goes out as TON unknown, like the SUBMIT it answers', () => {
    const decoded = decodePdu(
      encodeStatusReport({ ...base, recipient: '0612345678', messageReference: 255 }).hex,
    );
    expect(decoded).toMatchObject({
      recipient: '0612345678',
      recipientType: 'unknown',
      messageReference: 255,
    });
  });

  test('the SRQ and MMS bits follow the options', () => {
    const decoded = decodePdu(
      encodeStatusReport({ ...base, reportsCommand: true, moreMessagesToSend: true }).hex,
    );
    expect(decoded).toMatchObject({ reportsCommand: true, moreMessagesToSend: true });
  });

  test.each([
    [{ messageReference: 256 }, 'PDU_BAD_OPTION'],
    [{ status: -1 }, 'PDU_BAD_OPTION'],
    [{ recipient: 'abc' }, 'PDU_BAD_ADDRESS'],
    [{ dischargeTimestamp: { epochMs: 0, offsetMinutes: 7 } }, 'PDU_BAD_TIMESTAMP'],
  ])('refuses %o with %s', (override, code) => {
    expect(() => encodeStatusReport({ ...base, ...override })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
