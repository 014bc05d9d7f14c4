import type { PtyModemHost } from './PtyModemHost.js';

/**
 * The typed control of `gsmgate sim`: one line on its stdin triggers an inbound SMS or a fault,
 * so a person testing a gateway by hand can do what the tests do through the API. Each line
 * returns a one-line answer for stderr. The words are documented in docs/simulated-modem.md.
 */

export const SIM_CONSOLE_HELP = [
  'deliver <from> <text…>     an SMS arrives (long texts as concatenated parts)',
  'cms <code>                 the next AT+CMGS fails with +CMS ERROR: <code>',
  'latency <ms>               think time before every reply',
  'silent                     hang until power-cycle',
  'power-cycle | reboot       restart with the vendor boot lines',
  'lose-registration | regain-registration',
  'garbage                    noise bytes on the line',
  'urc <line…>                put <line> inside the next response',
  'echo on|off                force echo, whatever ATE said',
  'late-prompt <ms>           delay the next "> " prompt',
  'fill-sim                   fill the SIM storage',
  'vanish | restore           the port disappears / comes back',
  'status                     power, registration, storage, messages sent',
].join('\n');

function count(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0)
    throw new Error(`${what} must be a whole number ≥ 0`);
  return n;
}

/** Applies one console line; resolves with what to tell the user. Unknown words get the help. */
export async function runConsoleLine(host: PtyModemHost, line: string): Promise<string> {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const { modem } = host;
  const { faults } = modem;
  try {
    switch (word.toLowerCase()) {
      case '':
        return '';
      case 'deliver': {
        const [from, ...words] = rest;
        if (from === undefined || words.length === 0) return 'usage: deliver <from> <text…>';
        const result = modem.deliver({ from, text: words.join(' ') });
        return `delivered in ${result.parts} part(s): stored at [${result.stored.join(', ')}], ${result.waiting} waiting at the network`;
      }
      case 'cms':
        faults.nextCmsError(count(rest[0], 'the code'));
        return `the next AT+CMGS answers +CMS ERROR: ${rest[0]}`;
      case 'latency':
        faults.latencyMs = count(rest[0], 'the latency');
        return `latency ${faults.latencyMs} ms`;
      case 'silent':
        faults.silentUntilPowerCycle();
        return 'silent until power-cycle';
      case 'power-cycle':
        await modem.powerCycle();
        return 'power-cycled';
      case 'reboot':
        faults.reboot();
        return 'rebooting';
      case 'lose-registration':
        faults.loseRegistration();
        return 'registration lost';
      case 'regain-registration':
        faults.regainRegistration();
        return 'registering';
      case 'garbage':
        faults.emitGarbage();
        return 'garbage sent';
      case 'urc':
        faults.urcInsideNextResponse(rest.join(' '));
        return 'the next response carries the URC';
      case 'echo':
        faults.echo(rest[0] === 'on');
        return `echo ${rest[0] === 'on' ? 'on' : 'off'}`;
      case 'late-prompt':
        faults.latePrompt(count(rest[0], 'the delay'));
        return `the next prompt comes ${rest[0]} ms late`;
      case 'fill-sim':
        return `SIM filled with ${faults.fillSim()} message(s)`;
      case 'vanish':
        await host.vanishPort();
        return `${host.path} is gone`;
      case 'restore':
        await host.restorePort();
        return `${host.path} is back (now ${host.devicePath ?? '?'})`;
      case 'status':
        return [
          `power ${modem.power}`,
          `registration ${modem.settings.registration}`,
          `SIM ${modem.storage.used}/${modem.storage.capacity}`,
          `network holds ${modem.storage.networkQueue.length}`,
          `sent ${modem.sent.length}`,
          `port ${host.present ? host.devicePath : 'vanished'}`,
        ].join(', ');
      default:
        return SIM_CONSOLE_HELP;
    }
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}
