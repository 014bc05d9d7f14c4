import type { ParsedCommand } from './parseCommandLine.js';
import {
  cme,
  done,
  error,
  intArg,
  isRegistered,
  simLockedCme,
  type CommandOutcome,
  type SimCommandContext,
} from './SimCommandContext.js';

/**
 * V.250 and 27.007 commands of the simulated modem: echo, error reporting, identity, PIN,
 * signal, registration, operator, functionality. SMS commands are in smsCommands.ts.
 * `undefined` means "not a command this modem knows": the caller answers ERROR.
 */

const LAC = '1A2B';
const CELL = '00C3D4E5';

export function runGeneralCommand(
  ctx: SimCommandContext,
  command: ParsedCommand,
): CommandOutcome | undefined {
  const { settings, options } = ctx;
  const { profile } = options;
  const { name, op, args } = command;
  const n = intArg(args[0]);
  switch (name) {
    case 'E':
      if ((n ?? 0) > 1) return error();
      settings.echo = n === 1;
      return done();
    case 'V':
      // Numeric results (ATV0) would change every final line; the sim speaks verbose only.
      return (n ?? 0) === 1 ? done() : error();
    case 'Q':
    case 'Z':
    case '&F':
    case '&W':
    case '&D':
    case '&C':
      return done();
    case 'I':
      return done([profile.manufacturer, profile.model, `Revision: ${profile.revision}`]);
    case '+GMI':
    case '+CGMI':
      return op === 'test' ? done() : done([profile.manufacturer]);
    case '+GMM':
    case '+CGMM':
      return op === 'test' ? done() : done([profile.model]);
    case '+GMR':
    case '+CGMR':
      return op === 'test' ? done() : done([profile.revision]);
    case '+GSN':
    case '+CGSN':
      return op === 'test' ? done() : done([options.imei]);
    case '+CIMI':
      return simLockedCme(settings) !== undefined
        ? cme(simLockedCme(settings) as number)
        : done([options.imsi]);
    case '+CMEE':
      return setting(
        op,
        n,
        2,
        `+CMEE: ${settings.cmee}`,
        (value) => (settings.cmee = value as 0 | 1 | 2),
      );
    case '+CPIN':
      return pin(ctx, command);
    case '+CPINR':
    case '+SPIC':
    case '+QPINC':
    case '^CPIN':
      return pinCounters(ctx, command);
    case '+CSQ':
      return done([isRegistered(settings) ? `+CSQ: ${settings.rssi},99` : '+CSQ: 99,99']);
    case '+CREG':
    case '+CGREG': {
      const key = name === '+CREG' ? 'cregMode' : 'cgregMode';
      if (op === 'read') {
        const mode = settings[key];
        const location = mode === 2 && isRegistered(settings) ? `,"${LAC}","${CELL}"` : '';
        return done([`${name}: ${mode},${settings.registration}${location}`]);
      }
      return setting(op, n, 2, `${name}: (0-2)`, (value) => (settings[key] = value as 0 | 1 | 2));
    }
    case '+COPS':
      if (op === 'read') {
        return done([isRegistered(settings) ? `+COPS: 0,0,"${options.operator}",0` : '+COPS: 0']);
      }
      // 0: automatic selection; 3,<format>: only sets how +COPS? names the operator.
      return op === 'test' || (op === 'set' && (n === 0 || n === 3)) ? done() : error();
    case '+CFUN':
      return cfun(ctx, command);
    case '+CSCS':
      return done();
    default:
      if (name === profile.iccidCommand.replace(/\?$/, '')) {
        return done([`${profile.iccidPrefix}${options.iccid}`]);
      }
      return undefined;
  }
}

/** A `+X=<n>` / `+X?` setting with values 0..max. */
function setting(
  op: ParsedCommand['op'],
  value: number | undefined,
  max: number,
  readLine: string,
  write: (value: number) => void,
): CommandOutcome {
  if (op === 'read' || op === 'test') return done([readLine]);
  if (value === undefined || value > max) return error();
  write(value);
  return done();
}

/** AT+CPIN (27.007 §8.3): three wrong PINs block the SIM until the PUK and a new PIN are given. */
function pin(ctx: SimCommandContext, { op, args }: ParsedCommand): CommandOutcome {
  const { settings, options } = ctx;
  if (op === 'read') return done([`+CPIN: ${settings.pinState}`]);
  if (op === 'test') return done();
  if (op !== 'set' || args[0] === undefined) return error();
  if (settings.pinState === 'READY') return cme(3);
  if (settings.pinState === 'SIM PIN') {
    if (args[0] === options.pin) {
      settings.pinState = 'READY';
      ctx.afterReply(() => ctx.simReady());
      return done();
    }
    settings.pinAttempts -= 1;
    if (settings.pinAttempts <= 0) settings.pinState = 'SIM PUK';
    return cme(16);
  }
  // SIM PUK: AT+CPIN=<puk>,<new pin>; ten wrong PUKs and the SIM is dead for good.
  const pinValid = args[1] !== undefined && /^[0-9]{4,8}$/.test(args[1]);
  if (settings.pukAttempts > 0 && args[0] === options.puk && pinValid) {
    settings.pinState = 'READY';
    settings.pinAttempts = 3;
    settings.pukAttempts = 10;
    ctx.afterReply(() => ctx.simReady());
    return done();
  }
  settings.pukAttempts = Math.max(0, settings.pukAttempts - 1);
  return cme(16);
}

/**
 * Attempts left, in each vendor's words (the driver reads them before risking a PIN):
 * 27.007 `AT+CPINR`, SIMCom `AT+SPIC`, Quectel `AT+QPINC="SC"`, Huawei `AT^CPIN?`.
 */
function pinCounters(ctx: SimCommandContext, { name, op, args }: ParsedCommand): CommandOutcome {
  const { settings, options } = ctx;
  const pin = settings.pinAttempts;
  const puk = settings.pukAttempts;
  const vendor = options.profile.name;
  if (op === 'test') return done();
  if (name === '+CPINR') {
    const which = args[0] ?? 'SIM PIN';
    if (which === 'SIM PIN') return done([`+CPINR: SIM PIN,${pin},3`]);
    if (which === 'SIM PUK') return done([`+CPINR: SIM PUK,${puk},10`]);
    return done();
  }
  if (name === '+SPIC' && vendor === 'sim800') return done([`+SPIC: ${pin},${puk},3,10`]);
  if (name === '+QPINC' && vendor === 'quectel') return done([`+QPINC: "SC",${pin},${puk}`]);
  if (name === '^CPIN' && vendor === 'huawei' && op === 'read') {
    const times =
      settings.pinState === 'SIM PIN' ? pin : settings.pinState === 'SIM PUK' ? puk : '';
    return done([`^CPIN: ${settings.pinState},${times},${puk},${pin},10,3`]);
  }
  return error();
}

/** AT+CFUN (27.007 §8.2): 1 full, 0/4 radio off; `<rst>` 1 reboots after answering OK. */
function cfun(ctx: SimCommandContext, { op, args }: ParsedCommand): CommandOutcome {
  const { settings } = ctx;
  if (op === 'read') return done([`+CFUN: ${settings.radioOn ? 1 : 4}`]);
  if (op === 'test') return done(['+CFUN: (0,1,4),(0-1)']);
  const fun = intArg(args[0]);
  const reset = intArg(args[1]) ?? 0;
  if (op !== 'set' || fun === undefined || ![0, 1, 4].includes(fun) || reset > 1) return error();
  if (reset === 1) {
    ctx.afterReply(() => ctx.reboot());
    return done();
  }
  ctx.setRadio(fun === 1);
  return done();
}
