/**
 * docs/at-engine.md renders the +CMS transient/permanent table; the code is the source of
 * truth (STYLE.md §9: examples in the docs are checked by a test).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CMS_ERRORS } from '../../device/modem/at/cmsErrorTable.js';

const doc = readFileSync(new URL('../../docs/at-engine.md', import.meta.url), 'utf8');

test('the +CMS table in docs/at-engine.md matches cmsErrorTable.ts row for row', () => {
  const rows = doc
    .split('\n')
    .filter((line) => /^\|\s*\d+\s*\|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  const documented = rows.map(([, code, meaning, cls, reason]) => ({
    code: Number(code),
    meaning,
    transient: cls === 'transient',
    reason,
  }));
  const expected = [...CMS_ERRORS].map(([code, info]) => ({ code, ...info }));
  expect(documented).toEqual(expected);
});
