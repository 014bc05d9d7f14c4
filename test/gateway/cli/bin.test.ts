import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the gsmgate executable', () => {
  // `npm test` builds dist/ before running vitest; this checks the packaging
  // (bin → dist → CLI) that `npm install && npm start` relies on.
  test('runs from bin/ through the compiled CLI and prints JSON', async () => {
    expect(existsSync(`${root}dist/device/gateway/main.js`), 'run `npm run build` first').toBe(
      true,
    );
    const { stdout } = await run(
      process.execPath,
      ['bin/gsmgate.js', 'segment', '--json', 'Bonjour'],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  test('exits 2 on a refused input', async () => {
    const failure = await run(
      process.execPath,
      ['bin/gsmgate.js', 'segment', '--profile', 'x', '--json', 'y'],
      { cwd: root },
    ).catch((error: { code: number; stdout: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
  });

  test('without arguments prints the help, as `npm start` does for now', async () => {
    const { stdout } = await run(process.execPath, ['bin/gsmgate.js'], { cwd: root });
    expect(stdout).toContain('Usage: gsmgate');
  });
});
