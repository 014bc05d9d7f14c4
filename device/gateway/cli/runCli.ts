import { Command, CommanderError } from 'commander';
import { EXIT, type CliIo } from './CliIo.js';
import { registerSegmentCommand } from './segmentCommand.js';
import { registerPduCommand } from './pduCommand.js';
import { registerSimCommand } from './simCommand.js';
import { registerModemCommand } from './modemCommand.js';

/** What a command module receives: the program to attach to and a place to leave its exit status. */
export interface CliContext {
  readonly io: CliIo;
  exitCode: number;
}

export function buildProgram(context: CliContext): Command {
  const program = new Command('gsmgate')
    .description('SMS gateway for a GSM modem: segmentation, PDUs, sending, outbox and fleet sync.')
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .exitOverride();
  registerSegmentCommand(program, context);
  registerPduCommand(program, context);
  registerSimCommand(program, context);
  registerModemCommand(program, context);
  return program;
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and resolves to
 * the exit status; it never calls process.exit, so tests run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CliContext = { io, exitCode: EXIT.ok };
  const program = buildProgram(context);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.refused;
    }
    throw error;
  }
  return context.exitCode;
}
