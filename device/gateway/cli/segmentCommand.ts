import type { Command } from 'commander';
import { getProfile } from '../../sms/profiles/profiles.js';
import { prepareText, type PreparedText } from '../../sms/prepareText.js';
import { GatewayError } from '../../shared/GatewayError.js';
import type { CliContext } from './runCli.js';
import {
  errorJson,
  exitCodeFor,
  forEachStdinLine,
  parseJsonLine,
  writeJson,
} from './jsonOutput.js';

interface SegmentOptions {
  profile: string;
  transliterate?: boolean;
  json?: boolean;
}

/** The `segment --json` contract: these names are scripted against; add, never rename. */
export function segmentResult(prepared: PreparedText): Record<string, unknown> {
  const { segmentation } = prepared;
  return {
    profile: prepared.profile,
    encoding: segmentation.encoding,
    segments: segmentation.segments,
    credits: segmentation.credits,
    units: segmentation.units,
    remaining: segmentation.remaining,
    parts: segmentation.parts,
    ...(prepared.substitutions.length > 0 ? { substitutions: prepared.substitutions } : {}),
  };
}

function segmentOne(
  text: unknown,
  profileName: unknown,
  transliterate: boolean,
): Record<string, unknown> {
  const profile = getProfile(profileName);
  return segmentResult(prepareText(text, profile, { transliterate }));
}

function describe(result: Record<string, unknown>): string {
  const unitName = result.encoding === 'gsm7' ? 'septets' : 'UTF-16 units';
  const parts = result.parts as string[];
  const lines = [
    `${result.encoding}: ${result.segments} segment(s), ${result.credits} credit(s), ${result.units} ${unitName}, ${result.remaining} left in the last segment`,
    ...parts.map((part, i) => `  [${i + 1}] ${JSON.stringify(part)}`),
  ];
  const substitutions = result.substitutions as { from: string; to: string }[] | undefined;
  if (substitutions !== undefined) {
    lines.push(`  transliterated: ${substitutions.map((s) => `${s.from}→${s.to}`).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerSegmentCommand(program: Command, context: CliContext): void {
  program
    .command('segment')
    .description(
      'Show how a text is cut into SMS segments and what it costs (one credit per segment). ' +
        'Without TEXT, reads JSON Lines {"text", "profile"?, "transliterate"?} from stdin.',
    )
    .argument('[text]', 'the message text')
    .option('--profile <name>', 'provider profile: generic, cely or sms4less', 'generic')
    .option('--transliterate', 'replace look-alikes (’ « » – œ ê …) so the text stays GSM-7')
    .option('--json', 'print one JSON object (the scripting contract)')
    .action(async (text: string | undefined, options: SegmentOptions) => {
      const { io } = context;
      const transliterate = options.transliterate === true;
      if (text === undefined) {
        context.exitCode = await forEachStdinLine(io, (line) => {
          const record = parseJsonLine(line);
          if (record.transliterate !== undefined && typeof record.transliterate !== 'boolean') {
            throw new GatewayError('CLI_BAD_OPTION', '"transliterate" must be true or false');
          }
          const lineTransliterate = (record.transliterate as boolean | undefined) ?? transliterate;
          return segmentOne(record.text, record.profile ?? options.profile, lineTransliterate);
        });
        return;
      }
      try {
        const result = segmentOne(text, options.profile, transliterate);
        if (options.json === true) writeJson(io, result);
        else io.stdout.write(describe(result));
      } catch (error) {
        if (options.json === true) writeJson(io, errorJson(error));
        else io.stderr.write(`gsmgate segment: ${(error as Error).message}\n`);
        context.exitCode = exitCodeFor(error);
      }
    });
}
