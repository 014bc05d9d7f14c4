/**
 * Runs a program with arguments, never through a shell, so a chip or line name can never
 * become shell syntax. Injectable: the GPIO power control's tests pass a fake that records
 * argv, and no test needs real GPIO.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  /** Exit status; -1 when a signal other than our timeout ended the process. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  /** Kill the process after this long. */
  readonly timeoutMs: number;
}

/**
 * Resolves for every process that ran and ended, whatever its exit status. Rejects with an
 * error whose `code` is `ENOENT` when the program is not installed, `ETIMEDOUT` when it was
 * killed for running past `timeoutMs`, or another errno code (`EACCES`, …).
 */
export type CommandRunner = (
  file: string,
  args: readonly string[],
  options: CommandOptions,
) => Promise<CommandResult>;

/** Enough for `--version` and an error message; gpioset prints little. */
const MAX_OUTPUT_BYTES = 64 * 1024;

export const execFileRunner: CommandRunner = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        shell: false,
        timeout: timeoutMs,
        // gpioset v2 sleeps in nanosleep(); SIGKILL ends it at once, whatever it is doing.
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT_BYTES,
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ code: 0, stdout, stderr });
        } else if (typeof error.code === 'number') {
          resolve({ code: error.code, stdout, stderr });
        } else if (error.killed === true) {
          reject(
            Object.assign(new Error(`${file} ran past ${timeoutMs} ms and was killed`), {
              code: 'ETIMEDOUT',
            }),
          );
        } else if (error.signal) {
          resolve({ code: -1, stdout, stderr: stderr || `killed by ${error.signal}` });
        } else {
          reject(error);
        }
      },
    );
  });
