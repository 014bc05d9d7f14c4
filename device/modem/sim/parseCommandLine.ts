/**
 * Splits an AT command line the way a modem's command parser does (ITU-T V.250 §5.2–5.4):
 * after `AT`, basic commands (`E0`, `&F`, `Z`, `S0=0`) follow one another directly, extended
 * ones (`+CMGF=0`, `^ICCID?`) are separated by `;`. Outside quotes, case does not matter.
 */

export type CommandOp = 'exec' | 'read' | 'test' | 'set';

export interface ParsedCommand {
  /** Upper-case name with its prefix: `E`, `&F`, `S0`, `+CMGS`, `^ICCID`. */
  readonly name: string;
  readonly op: CommandOp;
  /** `set`: the parameters, unquoted; `exec` of a basic command: its number (`E1` → ['1']). */
  readonly args: readonly string[];
}

const EXTENDED_PREFIX = /^[+^*$%#]/;

/** `undefined` when the line is not a command line or does not parse (the modem answers ERROR). */
export function parseCommandLine(line: string): ParsedCommand[] | undefined {
  const trimmed = line.trim();
  if (!/^at/i.test(trimmed)) return undefined;
  let rest = trimmed.slice(2);
  const commands: ParsedCommand[] = [];
  while (rest.length > 0) {
    if (rest.startsWith(';')) {
      rest = rest.slice(1);
      continue;
    }
    const parsed = EXTENDED_PREFIX.test(rest) ? takeExtended(rest) : takeBasic(rest);
    if (parsed === undefined) return undefined;
    commands.push(parsed.command);
    rest = parsed.rest;
  }
  return commands;
}

function takeExtended(text: string): { command: ParsedCommand; rest: string } | undefined {
  const match = /^[+^*$%#][A-Za-z0-9_]+/.exec(text);
  if (match === null) return undefined;
  const name = match[0].toUpperCase();
  let rest = text.slice(match[0].length);
  if (rest.startsWith('=?'))
    return { command: { name, op: 'test', args: [] }, rest: rest.slice(2) };
  if (rest.startsWith('?')) return { command: { name, op: 'read', args: [] }, rest: rest.slice(1) };
  if (!rest.startsWith('=')) return { command: { name, op: 'exec', args: [] }, rest };
  rest = rest.slice(1);
  const end = endOfParameters(rest);
  if (end < 0) return undefined;
  return {
    command: { name, op: 'set', args: splitParameters(rest.slice(0, end)) },
    rest: rest.slice(end),
  };
}

/** Index of the `;` ending the parameters (or the end), skipping quoted strings; -1 if a quote is open. */
function endOfParameters(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === ';' && !quoted) return i;
  }
  return quoted ? -1 : text.length;
}

function splitParameters(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      args.push(current.trim());
      current = '';
    } else current += char;
  }
  args.push(current.trim());
  return args;
}

function takeBasic(text: string): { command: ParsedCommand; rest: string } | undefined {
  // S-registers: S<n>? or S<n>=<value> (V.250 §6.3).
  const register = /^[Ss]([0-9]+)(\?|=([0-9]*))?/.exec(text);
  if (register !== null) {
    const name = `S${register[1]}`;
    const op: CommandOp = register[2] === '?' ? 'read' : register[2] ? 'set' : 'exec';
    const args = register[3] !== undefined ? [register[3]] : [];
    return { command: { name, op, args }, rest: text.slice(register[0].length) };
  }
  const match = /^(&?[A-Za-z])([0-9]*)/.exec(text);
  if (match === null) return undefined;
  const name = (match[1] as string).toUpperCase();
  const args = match[2] === '' ? [] : [match[2] as string];
  return { command: { name, op: 'exec', args }, rest: text.slice(match[0].length) };
}
