import { runGeneralCommand } from './generalCommands.js';
import { parseCommandLine } from './parseCommandLine.js';
import { done, ERROR, type CommandOutcome, type SimCommandContext } from './SimCommandContext.js';
import { runSmsCommand } from './smsCommands.js';

/**
 * Runs every command of one line in order, as V.250 §5.2 asks: information lines accumulate,
 * the first failure ends the line with its error, an unknown command is ERROR. AT+CMGS must
 * come last, since the prompt hands the line over to the PDU.
 */
export function runCommandLine(ctx: SimCommandContext, line: string): CommandOutcome {
  const commands = parseCommandLine(line);
  if (commands === undefined) return done([], ERROR);
  const lines: string[] = [];
  for (const [i, command] of commands.entries()) {
    const outcome = runGeneralCommand(ctx, command) ?? runSmsCommand(ctx, command);
    if (outcome === undefined) return done(lines, ERROR);
    if (outcome.kind === 'prompt') return i === commands.length - 1 ? outcome : done(lines, ERROR);
    lines.push(...outcome.lines);
    if (outcome.final.type !== 'ok') return done(lines, outcome.final);
  }
  return done(lines);
}
