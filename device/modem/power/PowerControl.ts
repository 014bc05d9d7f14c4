/**
 * Cuts and restores a modem's power, the step of the recovery ladder that
 * unsticks a modem that no longer answers AT at all (ARCHITECTURE.md, modem).
 * Implementations: none (the default), GPIO through libgpiod's `gpioset`, and
 * johnny-five (optional dependency, loaded only when configured).
 */
export interface PowerControl {
  readonly kind: 'none' | 'gpio' | 'johnny-five';
  /** False for `none`: the ladder skips the power-cycle step. */
  readonly canPowerCycle: boolean;
  /** Power off, wait, power on. Resolves once power is back on; rejects with a MODEM_POWER_* GatewayError. */
  powerCycle(): Promise<void>;
  /** Shows the gateway's state on a status LED, when one is wired; a no-op otherwise. */
  setStatusLed(state: StatusLedState): Promise<void>;
  /** Releases the GPIO lines or the board. */
  close(): Promise<void>;
}

export type StatusLedState = 'ok' | 'degraded' | 'down' | 'off';
