/**
 * The simulated modem of the modem benchmark, run in a child process so that the
 * benchmark's `process.cpuUsage()` counts gsmgate's side of the line only (engine,
 * SerialTransport, serialport), not the simulator answering it.
 *
 * It is `gsmgate sim` without the console: a PtyModemHost booted at once (boot delay 0,
 * echo off as after the driver's ATE0, no chatter), driven by one JSON request per line on
 * stdin, answering one JSON line on stdout:
 *
 * | request                              | answer                                          |
 * | ------------------------------------ | ----------------------------------------------- |
 * | (none: printed once booted)          | `{"path": "/tmp/gsmgate-sim-…/modem"}`          |
 * | `{"id": 1, "op": "baud", "value": n}`| `{"id": 1}` once the pacing is set (0 = unpaced) |
 * | `{"id": 2, "op": "take"}`            | `{"id": 2, "sent": n, "cpuUs": n}`: messages accepted and CPU used since the last `take` |
 *
 * End of stdin (the parent exiting, or closing the pipe) stops the host and exits.
 */
import { createInterface } from 'node:readline';
import { PtyModemHost } from '../../device/modem/sim/index.js';

interface Request {
  readonly id: number;
  readonly op: 'baud' | 'take';
  readonly value?: number;
}

function answer(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const baudRate = Number(process.argv[2] ?? 0);
const host = await PtyModemHost.start({
  profile: 'generic',
  bootDelayMs: 0,
  initialEcho: false,
  chatterIntervalMs: 0,
  baudRate,
});
await host.modem.whenBooted();
answer({ path: host.path });

let cpu = process.cpuUsage();
const requests = createInterface({ input: process.stdin, crlfDelay: Infinity });
requests.on('line', (line) => {
  const request = JSON.parse(line) as Request;
  if (request.op === 'baud') {
    host.modem.setBaudRate(request.value ?? 0);
    answer({ id: request.id });
    return;
  }
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  const { modem } = host;
  const sent = modem.sent.length;
  // Only counts matter here: dropping the records keeps memory flat over a long run.
  modem.sent.length = 0;
  modem.commands.length = 0;
  answer({ id: request.id, sent, cpuUs: used.user + used.system });
});
requests.on('close', () => {
  void host.stop().then(() => process.exit(0));
});
