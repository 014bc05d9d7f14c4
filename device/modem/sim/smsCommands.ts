import { decodePdu, type SubmitPdu } from '../../sms/pdu/index.js';
import type { ParsedCommand } from './parseCommandLine.js';
import {
  cms,
  done,
  error,
  intArg,
  simLockedCms,
  type CommandOutcome,
  type SimCommandContext,
} from './SimCommandContext.js';
import type { MessageStatus, StoredMessage } from './SimStorage.js';

/**
 * 27.005 SMS commands in PDU mode: format, indications, storage, read, list, delete, and the
 * first half of AT+CMGS (the prompt); `checkSubmission` is the second half, run on the PDU.
 * Only the SIM ("SM") storage exists; text mode (AT+CMGF=1) is refused, as gsmgate never
 * uses it (docs/simulated-modem.md, Limitations).
 */

/** 27.005 §3.5.1: `<length>` counts TPDU octets; 164 is the most an SMS-SUBMIT can take. */
const MAX_TPDU_OCTETS = 164;

export function runSmsCommand(
  ctx: SimCommandContext,
  command: ParsedCommand,
): CommandOutcome | undefined {
  const { settings } = ctx;
  const { name, op, args } = command;
  switch (name) {
    case '+CMGF':
      if (op === 'read') return done(['+CMGF: 0']);
      if (op === 'test') return done(['+CMGF: (0)']);
      return op === 'set' && intArg(args[0]) === 0 ? done() : error();
    case '+CSMS':
      if (op === 'read') return done(['+CSMS: 0,1,1,1']);
      return op === 'set' && intArg(args[0]) === 0 ? done(['+CSMS: 1,1,1']) : error();
    case '+CNMI':
      return cnmi(ctx, command);
    case '+CSCA':
      if (op === 'read') {
        const type = settings.serviceCentre.startsWith('+') ? 145 : 129;
        return done([`+CSCA: "${settings.serviceCentre}",${type}`]);
      }
      if (op !== 'set' || !/^\+?[0-9]{1,20}$/.test(args[0] ?? '')) return error();
      settings.serviceCentre = args[0] as string;
      return done();
    case '+CPMS':
      return cpms(ctx, command);
    case '+CMGR':
    case '+CMGL':
    case '+CMGD':
    case '+CMGS': {
      const locked = simLockedCms(settings);
      if (locked !== undefined && op !== 'test') return cms(locked);
      if (name === '+CMGR') return read(ctx, command);
      if (name === '+CMGL') return list(ctx, command);
      if (name === '+CMGD') return remove(ctx, command);
      const length = intArg(args[0]);
      if (op !== 'set' || length === undefined || length < 1 || length > MAX_TPDU_OCTETS) {
        return op === 'test' ? done() : cms(304);
      }
      return { kind: 'prompt', length };
    }
    case '+CNMA':
      return done();
    default:
      return undefined;
  }
}

function cnmi(ctx: SimCommandContext, { op, args }: ParsedCommand): CommandOutcome {
  const { settings } = ctx;
  if (op === 'read') return done([`+CNMI: ${settings.cnmi.join(',')}`]);
  if (op === 'test') return done(['+CNMI: (0-3),(0-3),(0-3),(0-2),(0,1)']);
  if (op !== 'set') return error();
  const values = settings.cnmi.map((current, i) =>
    args[i] === undefined || args[i] === '' ? current : intArg(args[i]),
  );
  if (values.some((value) => value === undefined || value > 3) || (values[3] as number) > 2)
    return cms(303);
  settings.cnmi = values as typeof settings.cnmi;
  return done();
}

/** AT+CPMS: SIM storage for all three memories; any other memory is refused. */
function cpms(ctx: SimCommandContext, { op, args }: ParsedCommand): CommandOutcome {
  const { storage } = ctx;
  const usage = `${storage.used},${storage.capacity}`;
  if (op === 'read') return done([`+CPMS: "SM",${usage},"SM",${usage},"SM",${usage}`]);
  if (op === 'test') return done(['+CPMS: ("SM"),("SM"),("SM")']);
  if (op !== 'set' || args.length === 0 || args.some((memory) => memory.toUpperCase() !== 'SM'))
    return cms(302);
  return done([
    `+CPMS: ${Array(args.length >= 3 ? 3 : args.length)
      .fill(usage)
      .join(',')}`,
  ]);
}

function entry(message: StoredMessage): string {
  return `${message.status},,${message.length}`;
}

/** Reading an unread message marks it read (27.005 §3.4.3). */
function markRead(message: StoredMessage): void {
  if (message.status === 0) message.status = 1;
}

function read(ctx: SimCommandContext, { op, args }: ParsedCommand): CommandOutcome {
  const index = intArg(args[0]);
  if (op === 'test') return done();
  if (op !== 'set' || index === undefined || !ctx.storage.isValidIndex(index)) return cms(321);
  const message = ctx.storage.get(index);
  // An empty slot answers plain OK on SIM800 and EC25: nothing to read, nothing wrong.
  if (message === undefined) return done();
  const lines = [`+CMGR: ${entry(message)}`, message.hex];
  markRead(message);
  return done(lines);
}

function list(ctx: SimCommandContext, { op, args }: ParsedCommand): CommandOutcome {
  if (op === 'test') return done(['+CMGL: (0-4)']);
  const stat = op === 'exec' ? 0 : intArg(args[0]);
  if (stat === undefined || stat > 4) return cms(302);
  const lines: string[] = [];
  for (const message of ctx.storage.list(stat as MessageStatus | 4)) {
    lines.push(`+CMGL: ${message.index},${entry(message)}`, message.hex);
    markRead(message);
  }
  return done(lines);
}

function remove(ctx: SimCommandContext, { op, args }: ParsedCommand): CommandOutcome {
  if (op === 'test') return done(['+CMGD: (1-' + ctx.storage.capacity + '),(0-4)']);
  const index = intArg(args[0]);
  const flag = intArg(args[1]) ?? 0;
  if (op !== 'set' || flag > 4) return cms(302);
  if (flag === 0) {
    if (index === undefined || !ctx.storage.isValidIndex(index)) return cms(321);
    if (ctx.storage.delete(index)) ctx.spaceFreed();
    return done();
  }
  if (ctx.storage.deleteByFlag(flag as 1 | 2 | 3 | 4) > 0) ctx.spaceFreed();
  return done();
}

export type Submission =
  | { readonly ok: true; readonly pdu: SubmitPdu; readonly hex: string }
  | { readonly ok: false; readonly cmsCode: number; readonly reason: string };

/**
 * The PDU after the prompt: hex, an SCA, then exactly `length` TPDU octets of an SMS-SUBMIT
 * our decoder accepts. Anything else is `+CMS ERROR: 304` (invalid PDU mode parameter), the
 * answer real modems give to a wrong length.
 */
export function checkSubmission(length: number, text: string): Submission {
  const hex = text.replace(/\s+/g, '').toUpperCase();
  if (!/^([0-9A-F]{2})+$/.test(hex)) return { ok: false, cmsCode: 304, reason: 'not hex' };
  const scaOctets = 1 + parseInt(hex.slice(0, 2), 16);
  const tpduOctets = hex.length / 2 - scaOctets;
  if (tpduOctets !== length) {
    return {
      ok: false,
      cmsCode: 304,
      reason: `length ${length} announced, ${tpduOctets} TPDU octets sent`,
    };
  }
  try {
    const pdu = decodePdu(hex);
    if (pdu.type !== 'submit')
      return { ok: false, cmsCode: 304, reason: `an SMS-${pdu.type}, not a submit` };
    return { ok: true, pdu, hex };
  } catch (cause) {
    return { ok: false, cmsCode: 304, reason: (cause as Error).message };
  }
}
