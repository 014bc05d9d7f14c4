/**
 * Every timing, retry and choice of the modem driver in one object with documented defaults
 * (STYLE.md §4, after zjs `ZWaveOptions.timeouts`). Per-command engine knobs (gaps, prompt
 * timeout, queue length) pass through `engine`.
 */
import type { AtEngineOptions } from '../engine/AtEngineOptions.js';

export interface ModemDriverOptions {
  /** Passed to every AtEngine the driver makes (the clock comes from the driver). */
  readonly engine?: Omit<AtEngineOptions, 'clock'>;
  /** Bound on `transportFactory()` (opening the port, waiting for it to appear). @default 30000 */
  readonly openTimeoutMs?: number;
  /** Timeout of one `AT` probe while waiting for the modem to answer. @default 1000 */
  readonly probeTimeoutMs?: number;
  /**
   * `AT` probes before giving up with MODEM_NOT_RESPONDING. SIM800 autobauds on the first
   * `AT`s after power-up and may not answer them (SIM800 manual, "Autobauding").
   * @default 10
   */
  readonly probeAttempts?: number;
  /** Pause between two failed probes. @default 500 */
  readonly probeIntervalMs?: number;
  /** Timeout of ordinary commands (ATE0, AT+CSQ, AT+CREG?, AT+CGMI, …). @default 5000 */
  readonly commandTimeoutMs?: number;
  /**
   * Timeout of commands that talk to the SIM or the network: AT+CPIN=, AT+COPS?, AT+CPMS,
   * AT+CMGR, AT+CMGD (SIM800 manual: CPIN and CMGD up to 5 s; COPS up to 120 s when it
   * searches, but the read form answers from cache).
   * @default 15000
   */
  readonly simCommandTimeoutMs?: number;
  /** Timeout of AT+CMGL=4 (a full SIM of 255 entries takes seconds). @default 30000 */
  readonly listTimeoutMs?: number;
  /**
   * Timeout of AT+CMGS after the PDU was written: the modem waits on the network. SIM800
   * documents 60 s, Quectel EC25 120 s. A timeout here is an *unknown* outcome (the part may
   * have left), which costs a possible duplicate, so the bound is the larger of the two.
   * @default 120000
   */
  readonly sendTimeoutMs?: number;
  /**
   * How long `AT+CPIN?` may keep saying the SIM is busy / not ready before the SIM is
   * reported missing. Quectel's EC2x guidance: reboot if the SIM is not identified in 20 s.
   * @default 20000
   */
  readonly simReadyTimeoutMs?: number;
  /** Poll interval while waiting for the SIM. @default 1000 */
  readonly simPollIntervalMs?: number;
  /**
   * How long SMS commands (AT+CMGF, AT+CPMS, AT+CNMI) may answer "SIM busy" / "operation
   * not allowed" after the SIM is ready: SIM800 prints `SMS Ready` seconds after `+CPIN: READY`.
   * @default 30000
   */
  readonly smsReadyTimeoutMs?: number;
  /** Pause between two attempts of an SMS command that was not ready yet. @default 1000 */
  readonly smsRetryIntervalMs?: number;
  /**
   * Bound on the wait for network registration in `start()`. Quectel's EC2x guidance: reboot
   * when CS registration has not succeeded within 90 s.
   * @default 90000
   */
  readonly registrationTimeoutMs?: number;
  /** Poll interval of AT+CREG?/AT+CEREG? while waiting for registration. @default 2000 */
  readonly registrationPollIntervalMs?: number;
  /**
   * `start()` waits for registration and fails with MODEM_NOT_REGISTERED after the bound.
   * Diagnostics (`gsmgate modem info`, `inbox`) turn this off.
   * @default true
   */
  readonly registrationRequired?: boolean;
  /** Interval of the health poll (AT+CSQ, registration, AT+COPS?, AT+CPMS?). @default 60000 */
  readonly healthIntervalMs?: number;
  /**
   * Interval of the inbox sweep (AT+CMGL=4) that retries messages whose handler failed.
   * @default 600000
   */
  readonly sweepIntervalMs?: number;
  /** Storage use (used/total) at which the health poll sweeps the inbox. @default 0.8 */
  readonly storageSweepRatio?: number;
  /**
   * Bound on the caller's inbound handler. After it the message counts as not handled: it
   * stays on the SIM and comes back at the next sweep (handlers must be idempotent).
   * @default 60000
   */
  readonly inboundHandlerTimeoutMs?: number;
  /**
   * After boot lines arrive while ready, wait this long for the burst to end (RDY, +CFUN,
   * +CPIN, Call Ready, SMS Ready come over seconds) before initialising again.
   * @default 3000
   */
  readonly rebootSettleMs?: number;
  /** Consecutive command timeouts (or missing prompts) that start the recovery ladder. @default 2 */
  readonly timeoutsBeforeRecovery?: number;
  /** Bound on the ESC + `AT` rung. @default 5000 */
  readonly escapeProbeTimeoutMs?: number;
  /** Wait after AT+CFUN=1,1 or a power cycle before probing again. @default 5000 */
  readonly bootWaitMs?: number;
  /**
   * Bound on the AT+CFUN=1,1 rung, boot included (also the recovery ladder's bound for it).
   * @default 45000
   */
  readonly softResetTimeoutMs?: number;
  /** Bound on the power-cycle rung, boot included. @default 90000 */
  readonly powerCycleTimeoutMs?: number;
  /** Bound on the close-and-reopen rung, waiting for the device path included. @default 45000 */
  readonly reopenTimeoutMs?: number;
  /**
   * AT+CNMI settings tried in order until one is accepted (27.005 §3.4.1). `2,1,0,1,0`:
   * +CMTI for stored SMS, status reports routed as +CDS. SIM800 accepts it (python-gsmmodem
   * #60: `+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)`, no ds=2); modems that refuse ds=1 get ds=2
   * (+CDSI, then AT+CMGR); mode 1 for firmware without mode 2; last, no status reports.
   * @default ['2,1,0,1,0', '2,1,0,2,0', '1,1,0,1,0', '1,1,0,2,0', '2,1,0,0,0']
   */
  readonly cnmiModes?: readonly string[];
  /**
   * Message storages tried in order for AT+CPMS=<m>,<m>,<m> (read, write and receive in the
   * same memory so +CMTI indexes are AT+CMGR indexes). "SM" exists everywhere; EC25 also
   * offers a larger "ME".
   * @default ['SM', 'ME']
   */
  readonly storages?: readonly string[];
}

export type ResolvedModemDriverOptions = Required<Omit<ModemDriverOptions, 'engine'>> & {
  readonly engine: Omit<AtEngineOptions, 'clock'>;
};

export const MODEM_DRIVER_DEFAULTS: ResolvedModemDriverOptions = {
  engine: {},
  openTimeoutMs: 30_000,
  probeTimeoutMs: 1_000,
  probeAttempts: 10,
  probeIntervalMs: 500,
  commandTimeoutMs: 5_000,
  simCommandTimeoutMs: 15_000,
  listTimeoutMs: 30_000,
  sendTimeoutMs: 120_000,
  simReadyTimeoutMs: 20_000,
  simPollIntervalMs: 1_000,
  smsReadyTimeoutMs: 30_000,
  smsRetryIntervalMs: 1_000,
  registrationTimeoutMs: 90_000,
  registrationPollIntervalMs: 2_000,
  registrationRequired: true,
  healthIntervalMs: 60_000,
  sweepIntervalMs: 600_000,
  storageSweepRatio: 0.8,
  inboundHandlerTimeoutMs: 60_000,
  rebootSettleMs: 3_000,
  timeoutsBeforeRecovery: 2,
  escapeProbeTimeoutMs: 5_000,
  bootWaitMs: 5_000,
  softResetTimeoutMs: 45_000,
  powerCycleTimeoutMs: 90_000,
  reopenTimeoutMs: 45_000,
  cnmiModes: ['2,1,0,1,0', '2,1,0,2,0', '1,1,0,1,0', '1,1,0,2,0', '2,1,0,0,0'],
  storages: ['SM', 'ME'],
};

export function resolveModemDriverOptions(
  options: ModemDriverOptions = {},
): ResolvedModemDriverOptions {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<ResolvedModemDriverOptions>;
  return { ...MODEM_DRIVER_DEFAULTS, ...defined };
}
