/**
 * The logger the recovery ladder and the power controls write to: the four levels of a pino
 * logger, object first (STYLE.md §8), so the gateway passes its namespaced pino child as is
 * and this layer does not depend on pino.
 */
export interface RecoveryLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The default: tests and library users who pass no logger get silence, not console noise. */
export const silentLogger: RecoveryLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * Wraps a logger so a call can never throw: the ladder and the power controls log from
 * timers and promise callbacks, where a throwing logger would become an unhandled rejection
 * or stop a recovery half-way.
 */
export function safeLogger(logger: RecoveryLogger | undefined): RecoveryLogger {
  if (logger === undefined) return silentLogger;
  const guard =
    (level: keyof RecoveryLogger) =>
    (obj: object, msg: string): void => {
      try {
        logger[level](obj, msg);
      } catch {
        // Logging is best effort; the modem matters more.
      }
    };
  return { debug: guard('debug'), info: guard('info'), warn: guard('warn'), error: guard('error') };
}
