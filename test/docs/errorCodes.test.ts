import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CODE = /'((?:SMS|PHONE|PROFILE|PDU|CLI|POLICY|MODEM|QUEUE|BRIDGE|GATEWAY)_[A-Z0-9_]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('docs/errors.md', () => {
  test('lists every error code the source can raise', () => {
    const documented = readFileSync(join(root, 'docs/errors.md'), 'utf8');
    const codes = new Set<string>();
    for (const dir of ['device', 'cloud-bridge']) {
      let files: string[] = [];
      try {
        files = sourceFiles(join(root, dir));
      } catch {
        continue; // a layer that does not exist yet
      }
      for (const file of files) {
        for (const match of readFileSync(file, 'utf8').matchAll(CODE))
          codes.add(match[1] as string);
      }
    }
    const missing = [...codes].filter((code) => !documented.includes(`\`${code}\``)).sort();
    expect(missing).toEqual([]);
  });
});
