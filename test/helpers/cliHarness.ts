import { PassThrough } from 'node:stream';
import { runCli } from '../../device/gateway/cli/runCli.js';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as one JSON value per line. */
  readonly json: unknown[];
}

/** Runs the CLI in-process with `stdin` as its standard input. */
export async function runCliInProcess(argv: string[], stdin = ''): Promise<CliRun> {
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  input.end(stdin);
  const status = await runCli(argv, { stdin: input, stdout, stderr });
  const json = out
    .split('\n')
    .filter((line) => line.startsWith('{') || line.startsWith('['))
    .map((line) => JSON.parse(line) as unknown);
  return { status, stdout: out, stderr: err, json };
}
