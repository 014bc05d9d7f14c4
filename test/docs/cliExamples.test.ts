import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCliInProcess } from '../helpers/cliHarness.js';

const cliDoc = readFileSync(fileURLToPath(new URL('../../docs/cli.md', import.meta.url)), 'utf8');

describe('docs/cli.md examples', () => {
  test('the JSON Lines example of `segment` prints what the page shows', async () => {
    const block = /\$ printf '%s\\n' (.+) \| gsmgate segment\n((?:\{.*\}\n)+)/.exec(cliDoc);
    expect(block, 'the example is still on the page').not.toBeNull();
    const inputs = [...(block?.[1] ?? '').matchAll(/'(\{.*?\})'/g)].map((m) => m[1]);
    const expected = (block?.[2] ?? '').trim().split('\n');
    const run = await runCliInProcess(['segment'], `${inputs.join('\n')}\n`);
    expect(run.stdout.trim().split('\n')).toEqual(expected);
  });
});
