/**
 * Small, total parsers for information lines (`+CSQ: 18,0`, `+CPMS: "SM",3,30,…`). The engine
 * returns lines; the driver knows what they mean (docs/at-engine.md, "Adding a command").
 * Nothing here throws: a malformed line yields undefined, which callers treat as "unknown".
 */

/** The text after `<prefix>:` of the first line that has it, trimmed; undefined if none. */
export function infoValue(lines: readonly string[], prefix: string): string | undefined {
  const wanted = prefix.toUpperCase();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    if (line.slice(0, colon).trim().toUpperCase() === wanted) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** Comma-separated fields; commas inside double quotes do not split; quotes are removed. */
export function splitFields(text: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(current.trim());
      current = '';
    } else current += ch;
  }
  fields.push(current.trim());
  return fields;
}

/** Decimal digits only (`Number()` would also take "0x1f", "1e3" and ""). */
export function toInt(field: string | undefined): number | undefined {
  const text = field?.trim();
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/**
 * The single line of a command that answers without a prefix (AT+CGMI, AT+CGSN, AT+CIMI):
 * the first non-empty line; a `+XYZ:` prefix some firmware adds is stripped.
 */
export function bareValue(lines: readonly string[]): string | undefined {
  const line = lines.find((l) => l.trim() !== '');
  if (line === undefined) return undefined;
  const stripped = line.replace(/^[+^][A-Za-z]+:\s*/, '').trim();
  return stripped.replace(/^"(.*)"$/, '$1') || undefined;
}

/** A string safe to show: printable ASCII only, at most `max` characters. */
export function printable(text: string | undefined, max = 64): string | undefined {
  if (text === undefined) return undefined;
  const clean = text.replace(/[^\x20-\x7e]/g, '').trim();
  return clean === '' ? undefined : clean.slice(0, max);
}
