import type { Command } from 'commander';
import { decodePdu, encodeSubmit, type DecodedPdu } from '../../sms/pdu/index.js';
import { prepareText } from '../../sms/prepareText.js';
import { getProfile } from '../../sms/profiles/profiles.js';
import { checkRecipient } from '../../sms/recipient.js';
import { GatewayError } from '../../shared/GatewayError.js';
import type { CliContext } from './runCli.js';
import { errorJson, exitCodeFor, forEachStdinLine, writeJson } from './jsonOutput.js';

/**
 * `gsmgate pdu encode|decode`: a diagnostic window on the PDU codec. The
 * `--json` shapes are a contract other tools script against:
 *   encode → {"pdus": [{"hex", "length"}]}
 *   decode → the fields of DecodedPdu (device/sms/pdu/DecodedPdu.ts)
 *   refusal → {"error": {"code", "message", …}} and exit status 2.
 */

interface EncodeCliOptions {
  to?: string;
  srr?: boolean;
  ref?: string;
  profile: string;
  transliterate?: boolean;
  json?: boolean;
}

interface DecodeCliOptions {
  sca: boolean;
  json?: boolean;
}

function parseRef(ref: string): number {
  const value = /^[0-9]{1,3}$/.test(ref) ? Number(ref) : Number.NaN;
  if (!(value <= 255)) {
    throw new GatewayError('CLI_BAD_OPTION', '--ref must be an integer 0–255', {
      option: '--ref',
      value: ref,
    });
  }
  return value;
}

/**
 * Default concatenation reference: FNV-1a of recipient and text, low 8 bits.
 * Deterministic (the same command prints the same PDUs) yet unlikely to give
 * two different messages to one phone the same reference, as a constant would.
 */
export function defaultConcatRef(to: string, text: string): number {
  let hash = 0x811c9dc5;
  const input = `${to}\u0000${text}`;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0xff;
}

function encode(
  text: string,
  options: EncodeCliOptions,
): { pdus: { hex: string; length: number }[] } {
  // The same checks as the outbox's accept path: a PDU printed here is one
  // gsmgate would really send under that profile (footer included).
  const profile = getProfile(options.profile);
  const prepared = prepareText(text, profile, { transliterate: options.transliterate === true });
  if (options.to === undefined) {
    throw new GatewayError('CLI_BAD_OPTION', '--to is required', { option: '--to', value: null });
  }
  const to = checkRecipient(options.to, profile).e164;
  const concatRef =
    options.ref === undefined ? defaultConcatRef(to, prepared.text) : parseRef(options.ref);
  const pdus = encodeSubmit({
    recipient: to,
    segmentation: prepared.segmentation,
    charset: prepared.charset,
    statusReport: options.srr === true,
    concatRef,
  });
  return { pdus: pdus.map(({ hex, length }) => ({ hex, length })) };
}

function describeEncoded(result: { pdus: { hex: string; length: number }[] }): string {
  const lines = [
    `${result.pdus.length} PDU(s); send each as AT+CMGS=<length>, then the hex and Ctrl-Z`,
  ];
  for (const pdu of result.pdus) lines.push(`AT+CMGS=${pdu.length}`, pdu.hex);
  return `${lines.join('\n')}\n`;
}

/** `key: value` lines, nested objects as dotted keys; absent fields are left out. */
function describeDecoded(value: unknown, prefix = '', lines: string[] = []): string[] {
  if (value === undefined) return lines;
  if (Array.isArray(value)) {
    if (value.length === 0) lines.push(`${prefix}: (none)`);
    value.forEach((item, i) => describeDecoded(item, `${prefix}[${i}]`, lines));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      describeDecoded(item, prefix === '' ? key : `${prefix}.${key}`, lines);
  } else {
    lines.push(`${prefix}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
  return lines;
}

function refuse(context: CliContext, command: string, json: boolean, error: unknown): void {
  if (json) {
    writeJson(context.io, errorJson(error));
  } else {
    const code = error instanceof GatewayError ? `${error.code}: ` : '';
    context.io.stderr.write(`gsmgate pdu ${command}: ${code}${(error as Error).message}\n`);
  }
  context.exitCode = exitCodeFor(error);
}

export function registerPduCommand(program: Command, context: CliContext): void {
  const pdu = program
    .command('pdu')
    .description('Encode SMS-SUBMIT PDUs and decode PDUs read from a modem (3GPP TS 23.040).');

  pdu
    .command('encode')
    .description(
      'Print the SMS-SUBMIT PDUs (one per segment) that send TEXT to a number, with a 4-day validity period.',
    )
    .argument('<text>', 'the message text')
    .option(
      '--to <number>',
      'recipient (required), as people write it; sent in international form (E.164)',
    )
    .option('--srr', 'ask for a status report (TP-SRR)')
    .option(
      '--ref <n>',
      'concatenation reference 0–255 (default: derived from number and text, so reruns agree)',
    )
    .option('--profile <name>', 'provider profile: generic, cely or sms4less', 'generic')
    .option('--transliterate', 'replace look-alikes (’ « » – œ ê …) so the text stays GSM-7')
    .option('--json', 'print {"pdus": [{"hex", "length"}]} (the scripting contract)')
    .action((text: string, options: EncodeCliOptions) => {
      try {
        const result = encode(text, options);
        if (options.json === true) writeJson(context.io, result);
        else context.io.stdout.write(describeEncoded(result));
      } catch (error) {
        refuse(context, 'encode', options.json === true, error);
      }
    });

  pdu
    .command('decode')
    .description(
      'Decode one hex PDU; without HEX, decode one PDU per stdin line and print one JSON line each.',
    )
    .argument('[hex]', 'the PDU as read by AT+CMGR/+CMGL/+CMT/+CDS')
    .option('--no-sca', 'the hex starts at the first TPDU octet (no service-centre prefix)')
    .option('--json', 'print the decoded fields as one JSON object (the scripting contract)')
    .action(async (hex: string | undefined, options: DecodeCliOptions) => {
      const decodeOptions = { hasSca: options.sca };
      if (hex === undefined) {
        context.exitCode = await forEachStdinLine(context.io, (line) =>
          decodePdu(line, decodeOptions),
        );
        return;
      }
      try {
        const result: DecodedPdu = decodePdu(hex, decodeOptions);
        if (options.json === true) writeJson(context.io, result);
        else context.io.stdout.write(`${describeDecoded(result).join('\n')}\n`);
      } catch (error) {
        refuse(context, 'decode', options.json === true, error);
      }
    });
}
