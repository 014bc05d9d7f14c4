import { runCli } from './cli/runCli.js';

// `npm start` and the `gsmgate` bin both land here. Until the gateway's
// `start` command exists, running without arguments prints the CLI's help.
process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
