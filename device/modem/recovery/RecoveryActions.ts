/**
 * What the recovery ladder asks of a modem driver, one method per rung
 * (ARCHITECTURE.md; issue "Modem driver": command timeout → ESC and an `AT`
 * probe → `AT+CFUN=1,1` → power-cycle through a PowerControl → close and reopen
 * the port, waiting for it to reappear). Each resolves true when the modem
 * answers `AT` again afterwards, false when the rung did not help; none may
 * hang: each is bounded by its own timeout.
 */
export interface RecoveryActions {
  /** Send ESC (abandons a half-written AT+CMGS) and probe with `AT`. */
  escapeAndProbe(): Promise<boolean>;
  /** `AT+CFUN=1,1`, then wait for the boot lines and probe. */
  softReset(): Promise<boolean>;
  /** Power-cycle through the PowerControl, then wait for the modem and probe. */
  powerCycle(): Promise<boolean>;
  /** Close the port, wait for the device path to reappear, reopen, probe. */
  reopenPort(): Promise<boolean>;
}

export type RecoveryRung = keyof RecoveryActions;
