/**
 * Runs one of libgpiod's tools through a CommandRunner and turns every way it can go wrong
 * into a MODEM_POWER_* error. Bounded by our Clock as well as by the runner's own timeout:
 * an injected runner that never settles still cannot hang a recovery.
 */
import type { Clock, TimerHandle } from '../../policy/Clock.js';
import type { CommandResult, CommandRunner } from './CommandRunner.js';
import { isPowerError, powerError } from './powerErrors.js';

const INSTALL_HINT = 'install the libgpiod tools with `sudo apt install gpiod`';

export async function runTool(
  runner: CommandRunner,
  clock: Clock,
  file: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<CommandResult> {
  let timer: TimerHandle | undefined;
  const timedOut = () =>
    powerError('MODEM_POWER_TIMEOUT', `${file} did not finish within ${timeoutMs} ms`, {
      file,
      args: args.join(' '),
      timeoutMs,
    });
  const guard = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => reject(timedOut()), timeoutMs);
  });
  try {
    return await Promise.race([runner(file, args, { timeoutMs }), guard]);
  } catch (error) {
    if (isPowerError(error)) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ENOENT') {
      const message = `${file} is not installed: ${INSTALL_HINT}`;
      throw powerError('MODEM_POWER_COMMAND_MISSING', message, { file }, error);
    }
    if (code === 'ETIMEDOUT') throw timedOut();
    const context = { file, errno: String(code) };
    throw powerError('MODEM_POWER_FAILED', `${file} could not run`, context, error);
  } finally {
    clock.clearTimeout(timer);
  }
}

/** Tool output for an error context: trimmed and bounded. */
export function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed;
}
