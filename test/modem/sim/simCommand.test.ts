import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, onTestFinished, test } from 'vitest';
import { describeSent, maskNumber, runSim } from '../../../device/gateway/cli/simCommand.js';
import { AtEngine } from '../../../device/modem/engine/AtEngine.js';
import { SerialTransport } from '../../../device/modem/transport/SerialTransport.js';
import { runCliInProcess } from '../../helpers/cliHarness.js';
import { SAFETY_MS, withTimeout } from './ptySim.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The first line written to `stream`. */
function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input: stream });
  return withTimeout(
    new Promise<string>((resolve) => lines.once('line', resolve)),
    'first stdout line',
    20_000,
  );
}

async function sayAt(path: string): Promise<string> {
  const transport = await SerialTransport.open({ path });
  const engine = new AtEngine(transport);
  try {
    return (await engine.send({ command: 'AT', timeoutMs: SAFETY_MS })).final;
  } finally {
    engine.dispose();
    await transport.close();
  }
}

describe('gsmgate sim', () => {
  test('--json prints {path, profile}; the path opens with serialport and answers AT; stdin takes faults; abort cleans up', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let log = '';
    stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const controller = new AbortController();
    // Should an assertion fail first, still stop the sim so its pty and symlink go.
    onTestFinished(() => controller.abort());
    const line = firstLine(stdout);
    const exit = runSim(
      { json: true, profile: 'quectel', bootDelayMs: 0 },
      { stdin, stdout, stderr },
      controller.signal,
    );
    const printed = JSON.parse(await line) as { path: string; profile: string };
    expect(printed).toEqual({
      path: expect.stringMatching(/gsmgate-sim-.+\/modem$/),
      profile: 'quectel',
    });
    expect(await sayAt(printed.path)).toBe('OK');

    const answered = withTimeout(
      new Promise<void>((resolve) =>
        stderr.on('data', () => log.includes('delivered in 1 part') && resolve()),
      ),
      'console answer',
    );
    stdin.write('deliver +33612345678 STOP\n');
    await answered;
    controller.abort();
    expect(await exit).toBe(0);
    expect(existsSync(printed.path)).toBe(false);
  });

  test('a bad option is refused with CLI_BAD_OPTION and exit status 2', async () => {
    const run = await runCliInProcess(['sim', '--profile', 'nokia', '--json']);
    expect(run.status).toBe(2);
    expect(run.json).toEqual([
      { error: expect.objectContaining({ code: 'CLI_BAD_OPTION', option: '--profile' }) },
    ]);
    const latency = await runCliInProcess(['sim', '--latency-ms', 'soon']);
    expect(latency.status).toBe(2);
    expect(latency.stderr).toContain('--latency-ms');
  });

  test('the real binary runs until SIGTERM, then removes its symlink and exits 0', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'device/gateway/main.ts', 'sim', '--json', '--boot-delay-ms', '0'],
      {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    try {
      const { path } = JSON.parse(await firstLine(child.stdout)) as { path: string };
      expect(await sayAt(path)).toBe('OK');
      const exited = withTimeout(
        new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
        'exit',
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(path)).toBe(false);
    } finally {
      // SIGTERM, not SIGKILL: the sim removes its symlink on the way out.
      if (child.exitCode === null) child.kill('SIGTERM');
    }
  });

  test('the stderr log masks the recipient but shows the text', () => {
    expect(maskNumber('+33612345678')).toBe('+336••••••78');
    expect(maskNumber('0612345678')).toBe('061•••••78');
    expect(maskNumber('Ameli')).toBe('Ameli');
    const line = describeSent({
      mr: 7,
      hex: '',
      length: 0,
      at: 0,
      pdu: {
        recipient: '+33612345678',
        text: 'Rappel',
        encoding: 'gsm7',
        statusReportRequest: true,
        concat: undefined,
      },
    } as never);
    expect(line).toBe('sent MR 7 to +336••••••78 (gsm7, report requested): "Rappel"');
  });
});
