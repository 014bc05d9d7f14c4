import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  parseInstant,
  parseWindowSpec,
  resolveWindow,
  windowStatus,
} from '../../device/policy/index.js';

// STYLE.md §9: an example in the docs is run by a test when practical.
const doc = readFileSync(new URL('../../docs/sending-window.md', import.meta.url), 'utf8');
const block = (lang: string): string[] =>
  [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');

describe('docs/sending-window.md', () => {
  test('every SPEC example parses', () => {
    const specs = (block('spec')[0] ?? '').split('\n').filter((line) => line.trim() !== '');
    expect(specs.length).toBeGreaterThan(3);
    for (const spec of specs) expect(() => parseWindowSpec(spec), spec).not.toThrow();
  });

  test('the `gsmgate window` JSON example is what windowStatus answers', () => {
    const at = parseInstant('2026-03-28T22:00:00+01:00', 'Europe/Paris');
    expect(JSON.parse(block('json')[0] ?? '')).toEqual(windowStatus(resolveWindow('cely'), at));
  });
});
