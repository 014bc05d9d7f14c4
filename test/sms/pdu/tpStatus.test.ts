import { describe, expect, test } from 'vitest';
import { classifyStatus, type StatusCategory } from '../../../device/sms/pdu/tpStatus.js';

type Row = readonly [number, StatusCategory, string];
const named = (rows: readonly Row[]) =>
  rows.map(
    ([code, category, meaning]) =>
      [code.toString(16).padStart(2, '0'), category, meaning, code] as const,
  );

describe('TP-Status (TS 23.040 §9.2.3.15)', () => {
  test.each(
    named([
      [0x00, 'delivered', 'received by the recipient'],
      [0x01, 'delivered', 'forwarded by the SC to the recipient, delivery not confirmed'],
      [0x02, 'delivered', 'replaced by the SC'],
      [0x20, 'pending', 'congestion, still trying'],
      [0x25, 'pending', 'error in recipient, still trying'],
      [0x40, 'failed', 'remote procedure error'],
      [0x46, 'failed', 'validity period expired'],
      [0x49, 'failed', 'message does not exist in the SC'],
      [0x60, 'failed', 'congestion, SC gave up'],
      [0x65, 'failed', 'error in recipient, SC gave up'],
    ]),
  )('0x%s is %s: %s', (_, category, meaning, code) => {
    expect(classifyStatus(code)).toEqual({ code, category, meaning });
  });

  test.each(
    named([
      [0x03, 'delivered', 'transaction completed (reserved value)'],
      [0x1f, 'delivered', 'transaction completed (SC-specific value)'],
      [0x2a, 'pending', 'temporary error, still trying (reserved value)'],
      [0x3f, 'pending', 'temporary error, still trying (SC-specific value)'],
      [0x4a, 'failed', 'permanent error (reserved value)'],
      [0x55, 'failed', 'permanent error (SC-specific value)'],
      [0x6a, 'failed', 'temporary error, SC gave up (reserved value)'],
      [0x7f, 'failed', 'temporary error, SC gave up (SC-specific value)'],
      [0x80, 'failed', 'reserved status value'],
      [0xff, 'failed', 'reserved status value'],
    ]),
  )('unlisted 0x%s is %s: %s', (_, category, meaning, code) => {
    expect(classifyStatus(code)).toEqual({ code, category, meaning });
  });

  test('every value 0–255 has a category and a meaning', () => {
    for (let code = 0; code < 256; code++) {
      const status = classifyStatus(code);
      expect(['delivered', 'pending', 'failed']).toContain(status.category);
      expect(status.meaning.length).toBeGreaterThan(0);
    }
  });
});
