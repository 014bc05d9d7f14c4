import { describe, expect, test } from 'vitest';
import {
  reassembleParts,
  type StoredDeliver,
} from '../../../device/modem/driver/reassembleParts.js';
import { decodePdu, type DeliverPdu } from '../../../device/sms/pdu/index.js';
import { deliverVectors } from '../../sms/pdu/pduFixtures.js';

function part(name: string, index: number): StoredDeliver {
  const vector = deliverVectors.find((v) => v.name.startsWith(name));
  if (vector === undefined) throw new Error(name);
  return { storage: 'SM', index, message: decodePdu(vector.hex) as DeliverPdu };
}

describe('reassembleParts (display only; the outbox reassembles durably)', () => {
  test('two parts stored out of order become one complete message', () => {
    const [message, ...rest] = reassembleParts([
      part('Android multipart part 2 of 2', 5),
      part('Android multipart part 1 of 2', 2),
    ]);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ total: 2, received: [1, 2], complete: true });
    expect(message?.text).toBe(
      `${part('Android multipart part 1 of 2', 0).message.text}${part('Android multipart part 2 of 2', 0).message.text}`,
    );
    expect(message?.locations).toEqual([
      { storage: 'SM', index: 2 },
      { storage: 'SM', index: 5 },
    ]);
  });

  test('a missing part leaves the message incomplete', () => {
    const [message] = reassembleParts([part('HeboTech: part 1 of 3', 0)]);
    expect(message).toMatchObject({ total: 3, received: [1], complete: false });
  });

  test('single messages stay single, oldest first by instant', () => {
    const messages = reassembleParts([
      part('oFono simple deliver', 1), // 2002-08-26T19:37:41-01:00
      part('dreamfabric', 0), // 1999
      part('Android addressing', 3), // 2006
    ]);
    expect(messages.map((m) => m.text)).toEqual(['hellohello', 'How are you?', 'Test']);
    expect(messages.every((m) => m.complete && m.total === 1)).toBe(true);
  });

  test('a part stored twice counts once but both copies are listed for deletion', () => {
    const [message] = reassembleParts([
      part('Android multipart part 1 of 2', 0),
      part('Android multipart part 1 of 2', 1),
      part('Android multipart part 2 of 2', 2),
    ]);
    expect(message).toMatchObject({ received: [1, 2], complete: true });
    expect(message?.locations).toHaveLength(3);
  });

  test('8-bit and 16-bit references with the same value are different messages', () => {
    const eight = part('Android multipart part 1 of 2', 0);
    const concat = eight.message.concat;
    if (concat === undefined) throw new Error('fixture without concat');
    const sixteen: StoredDeliver = {
      ...eight,
      index: 1,
      message: { ...eight.message, concat: { ...concat, referenceBits: 16 } },
    };
    expect(reassembleParts([eight, sixteen])).toHaveLength(2);
  });
});
