import type { Command } from 'commander';
import { ModemDriver } from '../../modem/driver/ModemDriver.js';
import type { ModemDriverOptions } from '../../modem/driver/ModemDriverOptions.js';
import type { SubmitPduInput } from '../../modem/driver/smsSender.js';
import { summariseStored, type StoredSummary } from '../../modem/driver/storedSummary.js';
import { withTimeout } from '../../modem/driver/timing.js';
import type { Transport } from '../../modem/transport/Transport.js';
import { systemClock, type Clock } from '../../policy/Clock.js';
import { GatewayError, isGatewayError } from '../../shared/GatewayError.js';
import { encodeSubmit } from '../../sms/pdu/index.js';
import { prepareText } from '../../sms/prepareText.js';
import { getProfile } from '../../sms/profiles/profiles.js';
import { checkRecipient } from '../../sms/recipient.js';
import { EXIT } from './CliIo.js';
import { errorJson, writeJson } from './jsonOutput.js';
import { defaultConcatRef } from './pduCommand.js';
import type { CliContext } from './runCli.js';

/**
 * `gsmgate modem info|send|inbox`: a field technician's window on one modem, through the
 * same driver the gateway uses (no recovery ladder: a diagnostic reports, it does not heal).
 * The `--json` shapes are a contract tools script against (add fields, never rename):
 *   info  → {manufacturer, model, imei, signal: {dbm, bars}, registration, operator}
 *   send  → {parts: [{mr}]}
 *   inbox → {messages: [{sender, timestamp, text, total, received, complete, locations}],
 *            statusReports: […], undecodable: […]}
 *   failure → {"error": {code, message, …}}; exit 1 for the modem (MODEM_*, CLI_TIMEOUT),
 *   2 for refused input (number, text, option). Every command ends within --timeout.
 */

/** What the commands need from outside, injectable for tests. */
export interface ModemCliDeps {
  readonly openTransport: (path: string, baudRate: number) => Promise<Transport>;
  readonly clock: Clock;
  /** Driver option overrides (tests shorten the waits). */
  readonly driverOptions?: ModemDriverOptions;
}

export const defaultModemCliDeps: ModemCliDeps = {
  // Loaded on use: the other commands must not need serialport's native binding.
  openTransport: async (path, baudRate) => {
    const { SerialTransport } = await import('../../modem/transport/SerialTransport.js');
    return SerialTransport.open({ path, baudRate });
  },
  clock: systemClock,
};

interface CommonOptions {
  port: string;
  baud: string;
  pin?: string;
  json?: boolean;
  timeout: string;
}

/** Shorter than the gateway's: a person is waiting. Registration still gets a minute. */
const CLI_DRIVER_OPTIONS: ModemDriverOptions = {
  probeAttempts: 5,
  simReadyTimeoutMs: 10_000,
  smsReadyTimeoutMs: 15_000,
  registrationTimeoutMs: 60_000,
  sendTimeoutMs: 60_000,
};

function positiveInt(option: string, value: string, max: number): number {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= max)) {
    throw new GatewayError('CLI_BAD_OPTION', `${option} must be a whole number from 1 to ${max}`, {
      option,
      value,
    });
  }
  return n;
}

/** Opens the modem, runs `work`, always stops the driver; the whole bounded by --timeout. */
async function withModem<T>(
  deps: ModemCliDeps,
  options: CommonOptions,
  registrationRequired: boolean,
  work: (driver: ModemDriver) => Promise<T>,
): Promise<T> {
  const baudRate = positiveInt('--baud', options.baud, 4_000_000);
  const timeoutMs = positiveInt('--timeout', options.timeout, 3_600_000);
  const driver = new ModemDriver({
    transportFactory: () => deps.openTransport(options.port, baudRate),
    clock: deps.clock,
    ...(options.pin === undefined ? {} : { pin: options.pin }),
    recovery: false,
    options: { ...CLI_DRIVER_OPTIONS, ...deps.driverOptions, registrationRequired },
  });
  const run = (async () => {
    await driver.start();
    return work(driver);
  })();
  try {
    return await withTimeout(
      deps.clock,
      run,
      timeoutMs,
      () =>
        new GatewayError('CLI_TIMEOUT', `the modem did not finish within ${timeoutMs} ms`, {
          timeoutMs,
          state: driver.state,
        }),
    );
  } finally {
    run.catch(() => undefined); // its own failure after the deadline is already reported
    await driver.stop();
  }
}

function fail(
  context: CliContext,
  command: string,
  json: boolean | undefined,
  error: unknown,
): void {
  if (json === true) writeJson(context.io, errorJson(error));
  else {
    const code = isGatewayError(error) ? `${error.code}: ` : '';
    context.io.stderr.write(`gsmgate modem ${command}: ${code}${(error as Error).message}\n`);
  }
  context.exitCode = exitCodeOf(error);
}

/** The modem failing is 1; input we refused (number, text, option) is 2. */
export function exitCodeOf(error: unknown): number {
  if (!isGatewayError(error)) return EXIT.failure;
  const input = ['PHONE_', 'PROFILE_', 'SMS_', 'PDU_'];
  const refused = error.code === 'CLI_BAD_OPTION' || input.some((p) => error.code.startsWith(p));
  return refused ? EXIT.refused : EXIT.failure;
}

async function info(deps: ModemCliDeps, options: CommonOptions): Promise<Record<string, unknown>> {
  return withModem(deps, options, false, async (driver) => {
    const health = await driver.readHealth();
    const id = driver.identity;
    return {
      manufacturer: id?.manufacturer ?? null,
      model: id?.model ?? null,
      imei: id?.imei ?? null,
      signal: { dbm: health.signal.dbm, bars: health.signal.bars },
      registration: health.registration.status,
      operator: health.operator,
    };
  });
}

interface SendOptions extends CommonOptions {
  to?: string;
  srr?: boolean;
  profile: string;
}

/** Checks the input before the port is touched, like the outbox's accept path. */
function encode(text: string, options: SendOptions): SubmitPduInput[] {
  const profile = getProfile(options.profile);
  const prepared = prepareText(text, profile);
  if (options.to === undefined) {
    throw new GatewayError('CLI_BAD_OPTION', '--to is required', { option: '--to', value: null });
  }
  const to = checkRecipient(options.to, profile).e164;
  return encodeSubmit({
    recipient: to,
    segmentation: prepared.segmentation,
    charset: prepared.charset,
    statusReport: options.srr === true,
    concatRef: defaultConcatRef(to, prepared.text),
  }).map(({ hex, length }) => ({ hex, length }));
}

async function send(deps: ModemCliDeps, text: string, options: SendOptions): Promise<unknown> {
  const pdus = encode(text, options);
  const result = await withModem(deps, options, true, (driver) => driver.sendMessage(pdus));
  const parts = result.parts.map((p) =>
    p.ok ? { mr: p.mr } : { error: p.error.code, outcome: p.outcome },
  );
  const failed = result.parts.find((p) => !p.ok);
  if (failed !== undefined && !failed.ok) {
    const { code, message, context } = failed.error;
    throw new GatewayError(code, message, { ...context, parts });
  }
  return { parts };
}

interface InboxOptions extends CommonOptions {
  delete?: boolean;
}

async function inbox(
  deps: ModemCliDeps,
  options: InboxOptions,
  show: (s: StoredSummary) => void,
): Promise<void> {
  await withModem(deps, options, false, async (driver) => {
    const summary = summariseStored(await driver.listStored());
    show(summary); // printed before anything is deleted: a crash in between loses nothing
    if (options.delete !== true) return;
    // Only what was shown whole: a message still missing parts stays for them to arrive.
    const indexes = [
      ...summary.messages.filter((m) => m.complete).flatMap((m) => m.locations),
      ...summary.statusReports,
    ].map((l) => l.index ?? -1);
    for (const index of indexes) if (index >= 0) await driver.deleteStored(index);
  });
}

function describeInbox(summary: StoredSummary): string {
  const lines = summary.messages.map(
    (m) =>
      `${m.timestamp} ${m.sender}${m.complete ? '' : ` (parts ${m.received.join(',')} of ${m.total})`}: ${m.text}`,
  );
  for (const r of summary.statusReports) {
    lines.push(`status report: MR ${r.messageReference} to ${r.recipient}: ${r.status.meaning}`);
  }
  for (const u of summary.undecodable)
    lines.push(`undecodable at ${u.storage} ${u.index}: ${u.code}`);
  if (lines.length === 0) lines.push('no stored messages');
  return `${lines.join('\n')}\n`;
}

function common(command: Command): Command {
  return command
    .requiredOption('--port <path>', 'serial device of the modem, e.g. /dev/ttyUSB2')
    .option('--baud <n>', 'line speed (UART modems; USB modems ignore it)', '115200')
    .option('--pin <pin>', 'SIM PIN, entered once if the SIM asks (never retried)')
    .option('--timeout <ms>', 'give up after this long, whatever happens', '180000')
    .option('--json', 'print the JSON contract');
}

export function registerModemCommand(
  program: Command,
  context: CliContext,
  deps = defaultModemCliDeps,
): void {
  const modem = program
    .command('modem')
    .description('Diagnose a modem: identity and signal, a test SMS, the stored inbox.');

  common(
    modem
      .command('info')
      .description('Identity, signal (dBm and bars), registration and operator.'),
  ).action(async (options: CommonOptions) => {
    try {
      const result = await info(deps, options);
      if (options.json === true) writeJson(context.io, result);
      else
        context.io.stdout.write(
          `${Object.entries(result)
            .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
            .join('\n')}\n`,
        );
    } catch (error) {
      fail(context, 'info', options.json, error);
    }
  });

  common(
    modem
      .command('send')
      .description('Send TEXT as an SMS (PDU mode) and print the message reference of each part.'),
  )
    .argument('<text>', 'the message text')
    .option('--to <number>', 'recipient (required), as people write it')
    .option('--srr', 'ask for a status report (TP-SRR)')
    .option('--profile <name>', 'provider profile: generic, cely or sms4less', 'generic')
    .action(async (text: string, options: SendOptions) => {
      try {
        const result = await send(deps, text, options);
        if (options.json === true) writeJson(context.io, result);
        else context.io.stdout.write(`sent: ${JSON.stringify(result)}\n`);
      } catch (error) {
        fail(context, 'send', options.json, error);
      }
    });

  common(
    modem
      .command('inbox')
      .description('List the SMS stored on the modem, long ones put back together.'),
  )
    .option('--delete', 'delete the complete messages and reports shown, after printing them')
    .action(async (options: InboxOptions) => {
      try {
        await inbox(deps, options, (summary) => {
          if (options.json === true) writeJson(context.io, summary);
          else context.io.stdout.write(describeInbox(summary));
        });
      } catch (error) {
        fail(context, 'inbox', options.json, error);
      }
    });
}
