import { describe, expect, test } from 'vitest';
import { createGsm7Charset } from '../../../device/sms/gsm7Alphabet.js';
import {
  bytesToHex,
  decodePdu,
  encodeSubmit,
  type SubmitOptions,
} from '../../../device/sms/pdu/index.js';
import type { Segmentation } from '../../../device/sms/Segmentation.js';
import { segmentText } from '../../../device/sms/segmenter.js';

const TO = '+33612345678';

function encode(text: string, options: Partial<SubmitOptions> = {}) {
  return encodeSubmit({
    recipient: TO,
    segmentation: segmentText(text),
    concatRef: 0x42,
    ...options,
  });
}

/** The TPDU octets after the fixed part: [UDL, UD…] for our default options (no SCA, DA of +33612345678, VP). */
function userData(tpdu: Uint8Array): Uint8Array {
  return tpdu.subarray(2 + 8 + 2 + 1);
}

describe('SMS-SUBMIT encoder (TS 23.040 §9.2.2.2)', () => {
  test('the first octet carries MTI 01, VPF relative, SRR, RD and UDHI as asked', () => {
    expect(encode('hi')[0]?.tpdu[0]).toBe(0x11);
    expect(encode('hi', { statusReport: true })[0]?.tpdu[0]).toBe(0x31);
    expect(encode('hi', { rejectDuplicates: true, validityMinutes: null })[0]?.tpdu[0]).toBe(0x05);
    expect(encode('x'.repeat(161))[0]?.tpdu[0]).toBe(0x51);
  });

  test('hex starts with the SCA and length counts the TPDU only', () => {
    const [plain] = encode('hi');
    expect(plain?.hex.startsWith('00')).toBe(true);
    expect(plain?.length).toBe(plain?.tpdu.length);
    expect(plain?.hex).toBe(`00${bytesToHex(plain?.tpdu ?? new Uint8Array())}`);

    const [withCentre] = encode('hi', { serviceCentre: '+33609001390' });
    expect(withCentre?.hex.startsWith('07913306091093F0')).toBe(true);
    expect(withCentre?.length).toBe(
      withCentre?.hex.length === undefined ? 0 : withCentre.hex.length / 2 - 8,
    );
  });

  test('TP-MR and the validity period are written where the receiver looks for them', () => {
    const decoded = decodePdu(
      encode('hi', { messageReference: 200, validityMinutes: 60 })[0]?.hex ?? '',
    );
    expect(decoded).toMatchObject({
      type: 'submit',
      messageReference: 200,
      validityPeriod: { format: 'relative', raw: 11, minutes: 60 },
    });
  });

  test('a full single GSM-7 segment is 160 septets in 140 octets', () => {
    const [pdu] = encode('a'.repeat(160));
    const ud = userData(pdu?.tpdu ?? new Uint8Array());
    expect(ud[0]).toBe(160);
    expect(ud.length - 1).toBe(140);
  });

  test('a GSM-7 part counts header septets in its UDL and starts after one fill bit', () => {
    const pdus = encode('a'.repeat(160) + 'b');
    const first = userData(pdus[0]?.tpdu ?? new Uint8Array());
    expect(first[0]).toBe(7 + 153);
    expect([...first.subarray(1, 7)]).toEqual([0x05, 0x00, 0x03, 0x42, 0x02, 0x01]);
    // 'a' is 0x61: shifted left past the single fill bit.
    expect(first[7]).toBe((0x61 << 1) & 0xff);
    expect(first.length - 1).toBe(140);
    const second = userData(pdus[1]?.tpdu ?? new Uint8Array());
    expect(second[0]).toBe(7 + 8);
    expect([...second.subarray(1, 7)]).toEqual([0x05, 0x00, 0x03, 0x42, 0x02, 0x02]);
  });

  test('an escape pair is two septets and never split across parts', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const pdus = encode(text);
    expect(pdus).toHaveLength(2);
    expect(userData(pdus[0]?.tpdu ?? new Uint8Array())[0]).toBe(7 + 152);
    expect(pdus.map((p) => (decodePdu(p.hex) as { text?: string }).text).join('')).toBe(text);
  });

  test('UCS-2 parts count octets: 67 units and the header fill 140', () => {
    const pdus = encode('ж'.repeat(71));
    const first = userData(pdus[0]?.tpdu ?? new Uint8Array());
    expect(pdus[0]?.tpdu[2 + 8 + 1]).toBe(0x08);
    expect(first[0]).toBe(6 + 134);
    expect(first.length - 1).toBe(140);
  });

  test('an emoji at a segment boundary stays whole', () => {
    const text = 'ж'.repeat(66) + '😀' + 'ж'.repeat(5);
    const parts = encode(text).map((p) => decodePdu(p.hex) as { text?: string });
    expect(parts.map((p) => p.text)).toEqual(['ж'.repeat(66), '😀' + 'ж'.repeat(5)]);
  });

  test('an empty text is one PDU with no user data', () => {
    const [pdu] = encode('');
    expect(userData(pdu?.tpdu ?? new Uint8Array())).toEqual(Uint8Array.of(0));
  });

  test("a charset's look-alike substitute is sent as its septet (ç as Ç)", () => {
    const charset = createGsm7Charset('cely-like', new Map([['ç', 'Ç']]));
    const [pdu] = encodeSubmit({
      recipient: TO,
      segmentation: segmentText('reçu', charset),
      charset,
    });
    expect(pdu?.hex.endsWith('04F272A20E')).toBe(true);
    expect(decodePdu(pdu?.hex ?? '')).toMatchObject({ text: 'reÇu', encoding: 'gsm7' });
  });

  test('a segmentation from another charset is refused, not sent garbled', () => {
    const charset = createGsm7Charset('cely-like', new Map([['ç', 'Ç']]));
    expect(() =>
      encodeSubmit({ recipient: TO, segmentation: segmentText('reçu', charset) }),
    ).toThrow(expect.objectContaining({ code: 'PDU_UNENCODABLE' }));
  });

  test.each([undefined, -1, 256, 1.5])(
    'a multi-part message with concatRef %s is refused',
    (concatRef) => {
      expect(() => encode('x'.repeat(200), { concatRef })).toThrow(
        expect.objectContaining({ code: 'PDU_BAD_CONCAT_REF' }),
      );
    },
  );

  test('a single-part message needs no reference and gets no header', () => {
    const [pdu] = encodeSubmit({ recipient: TO, segmentation: segmentText('hi') });
    expect(decodePdu(pdu?.hex ?? '')).toMatchObject({ udh: [], concat: undefined });
  });

  test.each([-1, 256, 2.5])('TP-MR %s is refused', (messageReference) => {
    expect(() => encode('hi', { messageReference })).toThrow(
      expect.objectContaining({ code: 'PDU_BAD_OPTION' }),
    );
  });

  test('an invalid recipient or validity is refused with a typed error', () => {
    expect(() => encode('hi', { recipient: '+33 6' })).toThrow(
      expect.objectContaining({ code: 'PDU_BAD_ADDRESS' }),
    );
    expect(() => encode('hi', { validityMinutes: 0 })).toThrow(
      expect.objectContaining({ code: 'PDU_BAD_VALIDITY' }),
    );
  });

  test('more than 255 segments is refused', () => {
    expect(() => encode('x'.repeat(153 * 256))).toThrow(
      expect.objectContaining({ code: 'PDU_TOO_MANY_SEGMENTS' }),
    );
    expect(encode('x'.repeat(153 * 255))).toHaveLength(255);
  });

  test('a hand-made segmentation with an oversized part is refused', () => {
    const segmentation: Segmentation = { ...segmentText('hi'), parts: ['x'.repeat(161)] };
    expect(() => encodeSubmit({ recipient: TO, segmentation })).toThrow(
      expect.objectContaining({ code: 'PDU_BAD_LENGTH' }),
    );
  });
});
