import { describe, expect, test } from 'vitest';
import { decodePdu, encodeSubmit } from '../../../device/sms/pdu/index.js';
import { segmentText } from '../../../device/sms/segmenter.js';
import { isGatewayError } from '../../../device/shared/GatewayError.js';
import {
  deliverVectors,
  malformedVectors,
  multipartVectors,
  nullsToUndefined,
  statusReportVectors,
  submitVectors,
  type DecodeVector,
  type EncodeInputs,
} from './pduFixtures.js';

function expectDecodes(vector: DecodeVector): void {
  const decoded = decodePdu(vector.hex, { hasSca: vector.hasSca ?? true }) as unknown as Record<
    string,
    unknown
  >;
  const expected = nullsToUndefined(vector.expected) as Record<string, unknown>;
  expect(decoded).toMatchObject(expected);
  // toMatchObject skips keys whose expected value is undefined; check those are really absent.
  for (const [key, value] of Object.entries(expected)) {
    if (value === undefined) expect(decoded[key], key).toBeUndefined();
  }
}

function encodeInputs(inputs: EncodeInputs): string[] {
  return encodeSubmit({
    recipient: inputs.recipient,
    segmentation: segmentText(inputs.text),
    validityMinutes: inputs.validityMinutes,
    serviceCentre: inputs.serviceCentre,
    messageReference: inputs.messageReference,
    statusReport: inputs.statusReport,
    rejectDuplicates: inputs.rejectDuplicates,
    concatRef: inputs.concatRef,
  }).map((pdu) => pdu.hex);
}

describe('published SMS-DELIVER vectors', () => {
  test.each(deliverVectors.map((v) => [v.name, v] as const))(
    '%s decodes to the published fields',
    (_, vector) => {
      expectDecodes(vector);
    },
  );
});

describe('published SMS-STATUS-REPORT vectors', () => {
  test.each(statusReportVectors.map((v) => [v.name, v] as const))(
    '%s decodes to the published fields',
    (_, vector) => {
      expectDecodes(vector);
    },
  );
});

describe('published SMS-SUBMIT vectors', () => {
  test.each(submitVectors.map((v) => [v.name, v] as const))(
    '%s decodes to the published fields',
    (_, vector) => {
      expectDecodes(vector);
    },
  );

  const reencodable = submitVectors.filter((v) => v.encode !== undefined);
  test.each(reencodable.map((v) => [v.name, v] as const))(
    '%s is re-encoded byte for byte',
    (_, vector) => {
      expect(encodeInputs(vector.encode as EncodeInputs)).toEqual([vector.hex.toUpperCase()]);
    },
  );

  test.each(multipartVectors.map((v) => [v.name, v] as const))(
    '%s is re-encoded byte for byte',
    (_, vector) => {
      expect(encodeInputs(vector.encode)).toEqual(vector.hex);
    },
  );

  test.each(multipartVectors.map((v) => [v.name, v] as const))(
    '%s decodes back to the text, part by part',
    (_, vector) => {
      const parts = vector.hex.map((hex) => decodePdu(hex));
      expect(parts.map((p) => (p.type === 'submit' ? p.text : undefined)).join('')).toBe(
        vector.encode.text,
      );
      expect(parts.map((p) => (p.type === 'submit' ? p.concat : undefined))).toEqual(
        parts.map((_, i) => ({
          ref: vector.encode.concatRef,
          total: parts.length,
          seq: i + 1,
          referenceBits: 8,
        })),
      );
    },
  );
});

describe('malformed PDUs', () => {
  test.each(malformedVectors.map((v) => [v.name, v] as const))(
    '%s is refused with its PDU_ code',
    (_, vector) => {
      let caught: unknown;
      try {
        decodePdu(vector.hex);
      } catch (error) {
        caught = error;
      }
      expect(isGatewayError(caught), String(caught)).toBe(true);
      expect(caught).toMatchObject({ code: vector.code });
    },
  );

  test('a truncation error names the field and the offset where the PDU ran out', () => {
    expect(() => decodePdu('07917283010010F5040BC87238880900F100009930')).toThrow(
      expect.objectContaining({
        code: 'PDU_TRUNCATED',
        context: expect.objectContaining({ field: 'TP-SCTS', offset: 19, needed: 7, available: 2 }),
      }),
    );
  });

  test('lowercase hex and surrounding whitespace are accepted', () => {
    const hex = ' \t07917283010010f5040bc87238880900f10000993092516195800ae8329bfd4697d9ec37\r\n';
    expect(decodePdu(hex)).toMatchObject({ type: 'deliver', text: 'hellohello' });
  });
});
