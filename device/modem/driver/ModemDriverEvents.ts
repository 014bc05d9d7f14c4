/**
 * What the modem driver tells its listeners, and the shapes it hands the inbound handler.
 * Listeners run synchronously inside the driver; one that throws is logged and ignored.
 */
import type { DeliverPdu, StatusReportPdu, TpStatus } from '../../sms/pdu/index.js';
import type { HealthSnapshot } from './health.js';
import type { ModemDriverError } from './ModemDriverErrors.js';
import type { RegistrationState } from './registration.js';
import type { RecoveryRung } from '../recovery/RecoveryActions.js';

export type DriverState = 'closed' | 'opening' | 'initialising' | 'ready' | 'recovering' | 'failed';

/** An SMS-DELIVER read from the modem's storage, as the inbound handler receives it. */
export interface InboundMessage {
  readonly storage: string;
  readonly index: number;
  /** The PDU as read (hex, SCA included when the modem gave one): what to store verbatim. */
  readonly pdu: string;
  readonly message: DeliverPdu;
}

/**
 * Called for every stored SMS-DELIVER. The message is deleted from the modem only after the
 * returned promise resolves; if it rejects (or takes longer than `inboundHandlerTimeoutMs`)
 * the message stays and comes back at the next sweep, so the handler must be idempotent.
 */
export type InboundHandler = (message: InboundMessage) => Promise<void>;

export interface StatusReportEvent {
  /** `cds`: routed straight to us (+CDS); `stored`: read after +CDSI or found by a sweep. */
  readonly source: 'cds' | 'stored';
  readonly storage?: string;
  readonly index?: number;
  /** TP-MR of the part it reports on: match it with the recipient. */
  readonly messageReference: number;
  readonly recipient: string;
  readonly status: TpStatus;
  readonly serviceCentreTimestamp: string;
  readonly dischargeTimestamp: string;
  readonly report: StatusReportPdu;
}

export interface StorageFullEvent {
  readonly storage: string;
  readonly used: number;
  readonly total: number;
  /** Messages whose handler failed and that therefore stay on the modem. */
  readonly unhandled: number;
}

export interface UndecodableEvent {
  readonly storage: string;
  readonly index: number;
  /** The PDU_* code the decoder gave. */
  readonly code: string;
  readonly pdu: string;
}

export interface RecoveryEvent {
  readonly phase: 'started' | 'succeeded' | 'failed';
  /** What set it off: `timeouts`, `closed`, or a rung name for rung-level reports. */
  readonly reason: string;
  readonly rung?: RecoveryRung;
}

export type ModemDriverEvents = {
  state: [state: DriverState, previous: DriverState];
  health: [snapshot: HealthSnapshot];
  /** Registration changed (from a URC or a poll). */
  registration: [state: RegistrationState];
  /** An SMS-DELIVER was read (before the handler runs). */
  inbound: [message: InboundMessage];
  statusReport: [report: StatusReportEvent];
  /** Boot lines arrived while ready: the modem reset itself and is initialised again. */
  'reboot-detected': [info: { readonly line: string }];
  /** The receive memory is full and messages in it could not be handled. */
  'storage-full': [info: StorageFullEvent];
  /** A stored PDU that does not decode; it is left on the modem. */
  undecodable: [info: UndecodableEvent];
  /** `+CMGS: <mr>` after its AT+CMGS had timed out: that "unknown" part did leave. */
  'late-mr': [info: { readonly mr: number }];
  recovery: [info: RecoveryEvent];
  /** The driver gave up (state `failed`); the error says why. */
  failed: [error: ModemDriverError | Error];
};
