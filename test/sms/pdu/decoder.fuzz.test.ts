import { describe, expect, test } from 'vitest';
import { decodePdu } from '../../../device/sms/pdu/index.js';
import { bytesToHex, hexToBytes } from '../../../device/sms/pdu/hex.js';
import { hasCodePrefix } from '../../../device/shared/GatewayError.js';
import { allValidPdus } from './pduFixtures.js';

/**
 * Whatever the input, decodePdu returns a well-formed result or throws a
 * GatewayError with a PDU_ code: a RangeError, a TypeError or a half-filled
 * object would reach the inbox as a crash or as a wrong message.
 */

/** mulberry32: deterministic, so a failure reproduces with the same seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/** The outcome of one input: 'ok', or the PDU_ code; anything else fails the test with the input in the message. */
function outcome(hex: string, hasSca: boolean): string {
  let result: unknown;
  try {
    result = decodePdu(hex, { hasSca });
  } catch (error) {
    if (hasCodePrefix(error, 'PDU_')) return error.code;
    throw new Error(
      `decodePdu(${JSON.stringify(hex)}, { hasSca: ${hasSca} }) threw ${String(error)}`,
      { cause: error },
    );
  }
  const decoded = result as Record<string, unknown>;
  expect(['deliver', 'submit', 'status-report'], hex).toContain(decoded.type);
  expect(['string', 'undefined'], hex).toContain(typeof decoded.text);
  for (const key of ['timestamp', 'serviceCentreTimestamp', 'dischargeTimestamp']) {
    if (decoded[key] !== undefined) expect(decoded[key], hex).toMatch(ISO);
  }
  expect(() => JSON.stringify(decoded)).not.toThrow();
  return 'ok';
}

describe('decoder fuzzing', () => {
  test('10,000 random byte strings decode or are refused with a PDU_ code', () => {
    const random = prng(0x5eed);
    const codes = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 180));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
      codes.add(outcome(bytes.length === 0 ? '' : bytesToHex(bytes), random() < 0.5));
    }
    // Not a vacuous run: random input reaches several different refusals.
    expect(codes.size).toBeGreaterThan(4);
  });

  test('every fixture cut at every length decodes or is refused with a PDU_ code', () => {
    for (const { hex, hasSca } of allValidPdus) {
      const bytes = hexToBytes(hex);
      for (let length = 0; length < bytes.length; length++) {
        outcome(bytesToHex(bytes, 0, length), hasSca);
      }
    }
  });

  test('10,000 fixtures with one to three octets changed decode or are refused with a PDU_ code', () => {
    const random = prng(0xf022);
    for (let i = 0; i < 10_000; i++) {
      const seed = allValidPdus[Math.floor(random() * allValidPdus.length)] as {
        hex: string;
        hasSca: boolean;
      };
      const bytes = hexToBytes(seed.hex);
      const changes = 1 + Math.floor(random() * 3);
      for (let c = 0; c < changes; c++)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      outcome(bytesToHex(bytes), seed.hasSca);
    }
  });
});
