/**
 * GSM 03.38 / 3GPP TS 23.038 §6.2.1: the default 7-bit alphabet and its
 * extension table. Index = septet value.
 */
export const GSM7_BASIC_TABLE: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u001b', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
]; // prettier-ignore

/** The escape septet: the next septet is read from the extension table. */
export const GSM7_ESCAPE = 0x1b;

/**
 * Extension table (escape + septet), the characters that count double.
 * 0x0A is the page break; 0x0D (CR2) and 0x1B (SS2) are reserved and left out.
 */
export const GSM7_EXTENSION_TABLE: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

/**
 * A GSM 7-bit character set: the standard one, or a provider variant that
 * sends some characters the alphabet lacks as a look-alike septet (Cely's `ç`
 * goes out as `Ç`, 0x09). Built once; lookups are array reads on the hot path.
 */
export interface Gsm7Charset {
  readonly name: string;
  /**
   * Septets each UTF-16 code unit costs: 0 = not in the alphabet, 1 = basic
   * table, 2 = extension table (escape + septet). Indexed by char code.
   */
  readonly cost: Uint8Array;
  /** Septet for a basic-table code unit, or for the second septet of an extension pair. */
  readonly septet: Uint8Array;
  /** Characters mapped onto a look-alike septet (not round-trip safe), e.g. `ç` → `Ç`. */
  readonly substitutes: ReadonlyMap<string, string>;
}

export function createGsm7Charset(
  name: string,
  substitutes: ReadonlyMap<string, string> = new Map(),
): Gsm7Charset {
  const cost = new Uint8Array(0x10000);
  const septet = new Uint8Array(0x10000);
  GSM7_BASIC_TABLE.forEach((char, value) => {
    if (value === GSM7_ESCAPE) return;
    cost[char.charCodeAt(0)] = 1;
    septet[char.charCodeAt(0)] = value;
  });
  for (const [value, char] of GSM7_EXTENSION_TABLE) {
    cost[char.charCodeAt(0)] = 2;
    septet[char.charCodeAt(0)] = value;
  }
  for (const [from, to] of substitutes) {
    const target = to.charCodeAt(0);
    if (from.length !== 1 || to.length !== 1 || cost[target] === 0) {
      throw new RangeError(`substitute ${from} → ${to} must map one character onto the alphabet`);
    }
    cost[from.charCodeAt(0)] = cost[target] ?? 0;
    septet[from.charCodeAt(0)] = septet[target] ?? 0;
  }
  return { name, cost, septet, substitutes };
}

/** The plain GSM 03.38 default alphabet with its extension table. */
export const GSM7_DEFAULT: Gsm7Charset = createGsm7Charset('gsm7');

/** Septets of one code unit, or 0 when the charset cannot carry it. */
export function gsm7Cost(charset: Gsm7Charset, code: number): number {
  return charset.cost[code] ?? 0;
}
