import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import {
  PtyModemHost,
  SIM_PROFILE_NAMES,
  isSimProfileName,
  type SentMessage,
  runConsoleLine,
  type SimProfileName,
} from '../../modem/sim/index.js';
import { GatewayError } from '../../shared/GatewayError.js';
import { EXIT, type CliIo } from './CliIo.js';
import { errorJson, exitCodeFor, writeJson } from './jsonOutput.js';
import type { CliContext } from './runCli.js';

/**
 * `gsmgate sim`: the simulated modem on a pseudo-terminal, for testing a gateway without a
 * modem (docs/simulated-modem.md). Prints the path to give to `--port`, logs each message the
 * "network" accepts to stderr, reads fault commands from stdin, and runs until SIGINT/SIGTERM.
 */

export interface SimCommandOptions {
  readonly profile?: string;
  readonly latencyMs?: string | number;
  readonly baud?: string | number;
  readonly pin?: string;
  readonly bootDelayMs?: string | number;
  readonly json?: boolean;
}

export interface RunningSim {
  readonly path: string;
  readonly profile: SimProfileName;
  readonly host: PtyModemHost;
  stop(): Promise<void>;
}

function wholeNumber(value: string | number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new GatewayError('CLI_BAD_OPTION', `${option} must be a whole number ≥ 0`, {
      option,
      value,
    });
  }
  return n;
}

/** Starts the pty host, resolving once the modem has booted; refuses bad options with CLI_BAD_OPTION. */
export async function startSim(options: SimCommandOptions = {}): Promise<RunningSim> {
  const profile = options.profile ?? 'generic';
  if (!isSimProfileName(profile)) {
    throw new GatewayError(
      'CLI_BAD_OPTION',
      `--profile must be one of ${SIM_PROFILE_NAMES.join(', ')}`,
      {
        option: '--profile',
        value: profile,
      },
    );
  }
  if (options.pin !== undefined && !/^[0-9]{4,8}$/.test(options.pin)) {
    throw new GatewayError('CLI_BAD_OPTION', '--pin must be 4–8 digits', { option: '--pin' });
  }
  const latencyMs = wholeNumber(options.latencyMs, '--latency-ms');
  const baudRate = wholeNumber(options.baud, '--baud');
  const bootDelayMs = wholeNumber(options.bootDelayMs, '--boot-delay-ms');
  const host = await PtyModemHost.start({
    profile,
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(baudRate === undefined ? {} : { baudRate }),
    ...(options.pin === undefined ? {} : { pin: options.pin }),
    ...(bootDelayMs === undefined ? {} : { bootDelayMs }),
  });
  // Print the path only once the modem listens: a modem ignores what it gets while booting.
  await host.modem.whenBooted();
  return { path: host.path, profile, host, stop: () => host.stop() };
}

/** `+33612345678` → `+336••••••78`: enough to tell messages apart in a shared terminal. */
export function maskNumber(number: string): string {
  if (!/^\+?[0-9]{6,}$/.test(number)) return number;
  const head = number.startsWith('+') ? 4 : 3;
  return `${number.slice(0, head)}${'•'.repeat(number.length - head - 2)}${number.slice(-2)}`;
}

/** One stderr line per accepted SMS-SUBMIT. The body is shown: this is a local test tool. */
export function describeSent(message: SentMessage): string {
  const { pdu } = message;
  const part = pdu.concat === undefined ? '' : ` part ${pdu.concat.seq}/${pdu.concat.total}`;
  const report = pdu.statusReportRequest ? ', report requested' : '';
  const body =
    pdu.text === undefined ? `${(pdu.data?.length ?? 0) / 2} octets` : JSON.stringify(pdu.text);
  return `sent MR ${message.mr} to ${maskNumber(pdu.recipient)}${part} (${pdu.encoding}${report}): ${body}`;
}

/** Runs the sim until `signal` aborts; resolves to the exit status. */
export async function runSim(
  options: SimCommandOptions,
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  let sim: RunningSim;
  try {
    sim = await startSim(options);
  } catch (error) {
    if (options.json === true) writeJson(io, errorJson(error));
    else io.stderr.write(`gsmgate sim: ${(error as Error).message}\n`);
    return exitCodeFor(error);
  }
  const { host } = sim;
  host.modem.on('sent', (message) => io.stderr.write(`${describeSent(message)}\n`));
  if (options.json === true) writeJson(io, { path: sim.path, profile: sim.profile });
  else {
    io.stdout.write(`${sim.path}\n`);
    io.stderr.write(
      `Simulated ${sim.profile} modem on ${sim.path} (now ${host.devicePath ?? '?'}).\n` +
        `Give it to gsmgate with --port ${sim.path}. Type "help" for faults; Ctrl-C stops.\n`,
    );
  }
  const controls = createInterface({ input: io.stdin, crlfDelay: Infinity });
  controls.on('line', (line) => {
    void runConsoleLine(host, line).then((answer) => {
      if (answer !== '') io.stderr.write(`${answer}\n`);
    });
  });
  if (!signal.aborted)
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  controls.close();
  await sim.stop();
  return EXIT.ok;
}

export function registerSimCommand(program: Command, context: CliContext): void {
  program
    .command('sim')
    .description(
      'Run a simulated GSM modem on a pseudo-terminal and print its path (give it to --port). ' +
        'Reads fault commands from stdin ("help" lists them); runs until Ctrl-C.',
    )
    .option('--profile <name>', `vendor flavour: ${SIM_PROFILE_NAMES.join(', ')}`, 'generic')
    .option('--latency-ms <n>', 'think time before every reply', '0')
    .option(
      '--baud <n>',
      'pace bytes at this line speed (115200 → 11,520 bytes/s); 0 = unpaced',
      '0',
    )
    .option('--pin <pin>', 'the SIM asks for this PIN')
    .option(
      '--boot-delay-ms <n>',
      'silence after power-on and reboots, before the boot lines',
      '1500',
    )
    .option('--json', 'print {"path", "profile"} as one JSON line')
    .action(async (options: SimCommandOptions) => {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        context.exitCode = await runSim(options, context.io, controller.signal);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
