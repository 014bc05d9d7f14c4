/**
 * The default: no way to cut the modem's power. The recovery ladder sees
 * `canPowerCycle: false` and skips that rung; asking anyway is a bug in the caller, refused
 * with MODEM_POWER_FAILED rather than pretending the modem was cycled.
 */
import type { PowerControl, StatusLedState } from './PowerControl.js';
import { powerError } from './powerErrors.js';

export class NoPowerControl implements PowerControl {
  readonly kind = 'none';
  readonly canPowerCycle = false;

  powerCycle(): Promise<void> {
    return Promise.reject(
      powerError(
        'MODEM_POWER_FAILED',
        'no power control is configured: the modem cannot be power-cycled',
        {
          kind: this.kind,
        },
      ),
    );
  }

  async setStatusLed(_state: StatusLedState): Promise<void> {}

  async close(): Promise<void> {}
}
