/**
 * The logger the driver accepts: the four levels of a pino child logger, object first
 * (STYLE.md §8). The driver never logs a PDU, a message body or a whole phone number
 * (RULES.md §7): numbers go through `maskNumber`.
 */
export interface ModemLogger {
  debug(object: Record<string, unknown>, message: string): void;
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

export const silentLogger: ModemLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * `+33612345612` → `+336••••••12`: the country and first digit stay (which network), the
 * last two (which of a handful of test phones), the rest is hidden. Short or alphanumeric
 * senders are hidden but for their first character.
 */
export function maskNumber(number: string | undefined): string {
  if (number === undefined || number === '') return '';
  const plus = number.startsWith('+') ? '+' : '';
  const digits = number.slice(plus.length);
  if (!/^\d+$/.test(digits) || digits.length < 7) {
    return `${number.slice(0, 1)}${'•'.repeat(Math.max(0, number.length - 1))}`;
  }
  const head = digits.slice(0, 3);
  const tail = digits.slice(-2);
  return `${plus}${head}${'•'.repeat(digits.length - 5)}${tail}`;
}

/** A logger call that can never throw into the driver. */
export function safeLog(
  logger: ModemLogger,
  level: keyof ModemLogger,
  object: Record<string, unknown>,
  message: string,
): void {
  try {
    logger[level](object, message);
  } catch {
    // A broken logger must not break the modem.
  }
}
