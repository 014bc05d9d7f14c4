/**
 * docs/modem-driver.md lists every option with its default; the code is the source of truth
 * (STYLE.md §9: what the docs say is checked by a test).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { MODEM_DRIVER_ERROR_CODES } from '../../../device/modem/driver/ModemDriverErrors.js';
import { MODEM_DRIVER_DEFAULTS } from '../../../device/modem/driver/ModemDriverOptions.js';

const doc = readFileSync(new URL('../../../docs/modem-driver.md', import.meta.url), 'utf8');

function rows(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of doc.split('\n')) {
    const match = /^\|\s*`(\w+)`\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) out.set(match[1], match[2]);
  }
  return out;
}

test('the options table in docs/modem-driver.md matches MODEM_DRIVER_DEFAULTS', () => {
  const documented = rows();
  for (const [name, value] of Object.entries(MODEM_DRIVER_DEFAULTS)) {
    if (name === 'engine') continue;
    const shown = Array.isArray(value)
      ? value.map((v) => `\`${String(v)}\``).join(' ')
      : String(value);
    expect(documented.get(name), name).toBe(shown);
  }
});

test('every driver error code is documented', () => {
  const documented = rows();
  for (const code of MODEM_DRIVER_ERROR_CODES) expect(documented.has(code), code).toBe(true);
});
