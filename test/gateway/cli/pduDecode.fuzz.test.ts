import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { runCliInProcess } from '../../helpers/cliHarness.js';
import { allValidPdus } from '../../sms/pdu/pduFixtures.js';

describe('gsmgate pdu decode on hostile input', () => {
  test('every random or truncated line gets a decoded PDU or a PDU_ error, and the batch finishes', async () => {
    const random = fc.sample(fc.uint8Array({ maxLength: 180 }), { numRuns: 1500, seed: 2026 });
    const lines = random.map((bytes) => Buffer.from(bytes).toString('hex'));
    for (const { hex } of allValidPdus.filter((pdu) => pdu.hasSca)) {
      for (let cut = 2; cut < hex.length; cut += 6) lines.push(hex.slice(0, cut));
    }
    lines.push('zz', 'abc', ' 00 ', '\u0000\u0001', 'é'.repeat(40));
    const run = await runCliInProcess(['pdu', 'decode'], `${lines.join('\n')}\n`);
    expect(run.status).toBeLessThanOrEqual(2);
    const nonEmpty = lines.filter((line) => line.trim() !== '');
    expect(run.json).toHaveLength(nonEmpty.length);
    for (const out of run.json as Record<string, { code?: string } | string>[]) {
      if ('error' in out) expect((out.error as { code: string }).code).toMatch(/^PDU_/);
      else expect(['deliver', 'submit', 'status-report']).toContain(out.type);
    }
  });
});
