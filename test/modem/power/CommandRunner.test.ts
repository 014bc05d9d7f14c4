import { describe, expect, test } from 'vitest';
import { execFileRunner } from '../../../device/modem/power/CommandRunner.js';

// These run real processes (node itself), because what is under test is how execFile's
// outcomes are mapped; they take milliseconds and wait for nothing but the process.
describe('execFileRunner', () => {
  test('passes arguments literally: no shell ever sees them', async () => {
    const hostile = '$(touch /tmp/pwned); `reboot` && echo hi > /etc/x';
    const result = await execFileRunner(
      process.execPath,
      ['-e', 'process.stdout.write(process.argv[1])', hostile],
      { timeoutMs: 10_000 },
    );
    expect(result).toEqual({ code: 0, stdout: hostile, stderr: '' });
  });

  test('resolves a non-zero exit with its status and stderr', async () => {
    const result = await execFileRunner(
      process.execPath,
      ['-e', 'process.stderr.write("nope"); process.exit(3)'],
      { timeoutMs: 10_000 },
    );
    expect(result).toEqual({ code: 3, stdout: '', stderr: 'nope' });
  });

  test('rejects with code ENOENT when the program is not installed', async () => {
    await expect(
      execFileRunner('gsmgate-no-such-program', [], { timeoutMs: 10_000 }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('kills a program that runs past its timeout and rejects with ETIMEDOUT', async () => {
    await expect(
      execFileRunner(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });
});
