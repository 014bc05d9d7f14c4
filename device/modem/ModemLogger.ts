/**
 * The logger the whole modem layer accepts (driver, recovery ladder, power controls): the
 * four levels of a pino child logger, object first (STYLE.md §8), so the gateway passes
 * its namespaced child as is and this layer does not depend on pino. Nothing here logs a
 * PDU, a message body or a whole phone number (RULES.md §7): numbers go through
 * `maskNumber`.
 */
export interface ModemLogger {
  debug(object: object, message: string): void;
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
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
  object: object,
  message: string,
): void {
  try {
    logger[level](object, message);
  } catch {
    // A broken logger must not break the modem.
  }
}

/**
 * Wraps a logger so a call can never throw: the ladder and the power controls log from
 * timers and promise callbacks, where a throwing logger would become an unhandled rejection
 * or stop a recovery half-way.
 */
export function safeLogger(logger: ModemLogger | undefined): ModemLogger {
  if (logger === undefined) return silentLogger;
  const guard =
    (level: keyof ModemLogger) =>
    (object: object, message: string): void =>
      safeLog(logger, level, object, message);
  return { debug: guard('debug'), info: guard('info'), warn: guard('warn'), error: guard('error') };
}
