import { createInterface } from 'node:readline';
import { GatewayError, isGatewayError } from '../../shared/GatewayError.js';
import { EXIT, type CliIo } from './CliIo.js';

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** `{"error": {code, message, …}}`, the refusal shape every `--json` command prints. */
export function errorJson(error: unknown): { error: Record<string, unknown> } {
  if (isGatewayError(error)) return { error: error.toJSON() };
  const message = error instanceof Error ? error.message : String(error);
  return { error: { code: 'CLI_INTERNAL', message } };
}

/** Exit status for an error: refusals of input are 2, everything else 1. */
export function exitCodeFor(error: unknown): number {
  return isGatewayError(error) && !error.code.startsWith('CLI_INTERNAL')
    ? EXIT.refused
    : EXIT.failure;
}

/**
 * Runs `handle` on every non-empty line of stdin and prints one JSON line per
 * input line, so a caller can pipe thousands of items through one process.
 * A line that fails prints its error object and the batch goes on; the exit
 * status is 2 when any line was refused.
 */
export async function forEachStdinLine(
  io: CliIo,
  handle: (line: string, lineNumber: number) => unknown,
): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let status: number = EXIT.ok;
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = raw.trim();
    if (line === '') continue;
    try {
      writeJson(io, handle(line, lineNumber));
    } catch (error) {
      const out = errorJson(error);
      out.error.line = lineNumber;
      writeJson(io, out);
      status = Math.max(status, exitCodeFor(error));
    }
  }
  return status;
}

/** Parses one JSON Lines record, refusing anything but an object. */
export function parseJsonLine(line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new GatewayError('CLI_BAD_JSON_LINE', 'this line is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayError('CLI_BAD_JSON_LINE', 'each line must be a JSON object');
  }
  return value as Record<string, unknown>;
}
