/**
 * The driver's side of the recovery ladder (recovery/RecoveryActions.ts): one method per
 * rung, each resolving true when `AT` answers OK again and false when the rung did not help,
 * each bounded by its own deadline (the ladder also races it against its own timer).
 * The ladder itself (recovery/RecoveryLadder.ts) decides the order, the backoff and the
 * flapping guard; after a rung worked, the driver initialises the modem again.
 */
import type { Clock } from '../../policy/Clock.js';
import { ESC } from '../engine/AtCommand.js';
import type { ModemLink } from './ModemLink.js';
import type { ResolvedModemDriverOptions } from './ModemDriverOptions.js';
import type { PowerControl } from '../power/PowerControl.js';
import type { RecoveryActions } from '../recovery/RecoveryActions.js';
import { delay } from './timing.js';

export interface RecoveryHost {
  readonly link: ModemLink;
  readonly clock: Clock;
  readonly options: ResolvedModemDriverOptions;
  readonly powerControl: PowerControl | undefined;
  readonly signal: () => AbortSignal;
}

export function createRecoveryActions(host: RecoveryHost): RecoveryActions {
  const { link, clock, options } = host;

  const probeOnce = async (): Promise<boolean> => {
    try {
      await link.send({ command: 'AT', timeoutMs: options.probeTimeoutMs });
      return true;
    } catch {
      return false;
    }
  };

  /** Probe until OK or the deadline; reopen the port whenever it is gone (USB re-enumeration). */
  const waitForModem = async (deadline: number): Promise<boolean> => {
    for (;;) {
      if (host.signal().aborted) return false; // stopped: never reopen a port behind stop()
      if (!link.isOpen) {
        await link.open().catch(() => undefined);
      }
      if (link.isOpen && (await probeOnce())) return true;
      const left = deadline - clock.now();
      if (left <= 0) return false;
      await delay(clock, Math.min(options.probeIntervalMs, left), host.signal());
    }
  };

  return {
    async escapeAndProbe() {
      if (!link.isOpen) return false;
      const deadline = clock.now() + options.escapeProbeTimeoutMs;
      // A fresh engine first: the hung command and those queued behind it fail with
      // MODEM_CLOSED, and nothing of ours is being written when ESC goes out.
      link.resetEngine();
      // 27.005 §3.5.1: ESC abandons a half-written AT+CMGS. A refused write is not fatal:
      // the probe below tells whether the modem listens.
      await link.writeRaw(ESC).catch(() => undefined);
      return waitForModemOnOpenLink(deadline);
    },

    async softReset() {
      if (!link.isOpen) return false;
      const deadline = clock.now() + options.softResetTimeoutMs;
      // 27.007 §8.2: <fun>=1 with <rst>=1 resets the MT. The OK may or may not come first.
      await link
        .send({ command: 'AT+CFUN=1,1', timeoutMs: options.commandTimeoutMs })
        .catch(() => undefined);
      await delay(clock, options.bootWaitMs, host.signal());
      return waitForModem(deadline);
    },

    async powerCycle() {
      const power = host.powerControl;
      if (power === undefined || !power.canPowerCycle) return false;
      const deadline = clock.now() + options.powerCycleTimeoutMs;
      await power.powerCycle();
      await delay(clock, options.bootWaitMs, host.signal());
      return waitForModem(deadline);
    },

    async reopenPort() {
      const deadline = clock.now() + options.reopenTimeoutMs;
      await link.close();
      return waitForModem(deadline);
    },
  };

  async function waitForModemOnOpenLink(deadline: number): Promise<boolean> {
    for (;;) {
      if (!link.isOpen) return false;
      if (await probeOnce()) return true;
      const left = deadline - clock.now();
      if (left <= 0) return false;
      await delay(clock, Math.min(options.probeIntervalMs, left), host.signal());
    }
  }
}
