import {
  encodeDeliver,
  encodeStatusReport,
  type OriginatorType,
  type SubmitPdu,
} from '../../sms/pdu/index.js';
import { isRegistered, type RegistrationStat, type SimSettings } from './SimCommandContext.js';
import type { ResolvedSimOptions } from './SimModemOptions.js';
import type { QueuedPdu, SimStorage } from './SimStorage.js';

/**
 * The network as the simulated modem sees it: registration, inbound SMS (stored on the SIM
 * and announced per AT+CNMI, or held by the network while the SIM is full or the modem is
 * unregistered), status reports for messages sent with TP-SRR, and signal chatter.
 */

export interface SentMessage {
  /** The TP-MR the modem answered with `+CMGS: <mr>`. */
  readonly mr: number;
  /** The PDU as written after the prompt (SCA included), upper case. */
  readonly hex: string;
  readonly length: number;
  readonly pdu: SubmitPdu;
  /** Clock time the modem accepted it. */
  readonly at: number;
}

export interface StatusReportRecord {
  readonly mr: number;
  readonly recipient: string;
  readonly status: number;
  readonly hex: string;
  /** `cds`: +CDS URC (CNMI ds=1); `cdsi`: stored, +CDSI (ds=2); `dropped`: ds=0. */
  readonly routed: 'cds' | 'cdsi' | 'dropped';
}

export interface InboundSms {
  /** Sender: `+33612345678`, national digits, or a name such as `Ameli`. */
  readonly from: string;
  readonly fromType?: OriginatorType;
  readonly text: string;
  /** Centre timestamp, epoch ms. @default the sim clock's now */
  readonly at?: number;
  /** Centre zone in minutes. @default 0 */
  readonly offsetMinutes?: number;
}

export interface InboundResult {
  /** SMS parts the text took (concatenated when > 1). */
  readonly parts: number;
  /** SIM indices of the parts stored now (announced with +CMTI when CNMI mt=1). */
  readonly stored: readonly number[];
  /** Parts the network holds for later (SIM full or not registered). */
  readonly waiting: number;
}

export interface SimNetworkHost {
  readonly settings: SimSettings;
  readonly storage: SimStorage;
  readonly options: ResolvedSimOptions;
  urc(text: string): void;
  after(ms: number, action: () => void): void;
  now(): number;
}

const LOCATION = ',"1A2B","00C3D4E5"';

export class SimNetwork {
  /** Concatenation reference of the next long inbound message. */
  private concatRef = 0;
  /** The `loseRegistration()` fault: survives power cycles, as a coverage hole would. */
  private lost = false;
  readonly statusReports: StatusReportRecord[] = [];

  constructor(private readonly host: SimNetworkHost) {}

  get registrationLost(): boolean {
    return this.lost;
  }

  /** The modem may register (SIM ready, radio on): it does after `registrationDelayMs`. */
  attach(): void {
    const { settings, options } = this.host;
    if (this.lost || !settings.radioOn || settings.pinState !== 'READY') return;
    this.host.after(options.registrationDelayMs, () => {
      if (this.lost || !settings.radioOn || settings.pinState !== 'READY') return;
      this.setRegistration(1);
      this.drain();
    });
  }

  lose(stat: RegistrationStat = 2): void {
    this.lost = true;
    this.setRegistration(stat);
  }

  regain(): void {
    this.lost = false;
    this.attach();
  }

  /** The vendor's periodic chatter (Huawei `^RSSI:`), `{rssi}` as AT+CSQ would say it. */
  startChatter(): void {
    const { settings, options } = this.host;
    const { chatter } = options.profile;
    const interval = options.chatterIntervalMs;
    if (chatter.length === 0 || interval <= 0) return;
    const tick = (): void => {
      const rssi = isRegistered(settings) ? settings.rssi : 99;
      for (const line of chatter) this.host.urc(line.replace('{rssi}', String(rssi)));
      this.host.after(interval, tick);
    };
    this.host.after(interval, tick);
  }

  /** Sets `<stat>` and, on a change, sends +CREG/+CGREG URCs as AT+CREG=<n> asked (27.007 §7.2). */
  setRegistration(stat: RegistrationStat): void {
    const { settings } = this.host;
    if (settings.registration === stat) return;
    settings.registration = stat;
    const location = isRegistered(settings) ? LOCATION : '';
    if (settings.cregMode > 0)
      this.host.urc(`+CREG: ${stat}${settings.cregMode === 2 ? location : ''}`);
    if (settings.cgregMode > 0)
      this.host.urc(`+CGREG: ${stat}${settings.cgregMode === 2 ? location : ''}`);
  }

  deliver(sms: InboundSms): InboundResult {
    const { settings, storage } = this.host;
    const parts = encodeDeliver({
      sender: sms.from,
      ...(sms.fromType === undefined ? {} : { senderType: sms.fromType }),
      text: sms.text,
      timestamp: { epochMs: sms.at ?? this.host.now(), offsetMinutes: sms.offsetMinutes ?? 0 },
      concatRef: this.concatRef,
      serviceCentre: settings.serviceCentre,
    });
    this.concatRef = (this.concatRef + 1) % 256;
    const stored: number[] = [];
    for (const part of parts) {
      // Parts queue behind older waiting ones: the network keeps their order.
      const placed =
        isRegistered(settings) && storage.networkQueue.length === 0 ? this.place(part) : 'later';
      if (typeof placed === 'number') stored.push(placed);
      else if (placed !== 'direct') storage.networkQueue.push(part);
    }
    return { parts: parts.length, stored, waiting: storage.networkQueue.length };
  }

  /** Space freed on the SIM: the network retries what it holds after `networkRetryMs`. */
  spaceFreed(): void {
    if (this.host.storage.networkQueue.length === 0) return;
    this.host.after(this.host.options.networkRetryMs, () => this.drain());
  }

  /** Delivers held messages while registered and the SIM has room. */
  drain(): void {
    const { settings, storage } = this.host;
    while (isRegistered(settings) && storage.networkQueue.length > 0) {
      const next = storage.networkQueue[0] as QueuedPdu;
      if (this.place(next) === 'full') return;
      storage.networkQueue.shift();
    }
  }

  /**
   * Routes one part per CNMI `<mt>`: its SIM index when stored, `direct` when shown with +CMT,
   * `full` when the SIM refused it (the network counts a failed attempt and keeps it).
   */
  private place(part: QueuedPdu): number | 'direct' | 'full' {
    const { settings, storage, options } = this.host;
    const mt = settings.cnmi[1];
    if (mt === 2 || mt === 3) {
      // Routed straight to the host (27.005 §3.4.1), never stored.
      this.host.urc(`+CMT: ,${part.length}\r\n${part.hex}`);
      return 'direct';
    }
    const message = storage.store(part);
    if (message === undefined) {
      storage.refusedByFullSim++;
      if (options.profile.memoryFullUrc !== undefined) this.host.urc(options.profile.memoryFullUrc);
      return 'full';
    }
    if (mt === 1) this.host.urc(`+CMTI: "SM",${message.index}`);
    return message.index;
  }

  /** The centre's report on `sent`, routed per CNMI `<ds>`. */
  report(sent: SentMessage, status: number): void {
    const { settings, storage } = this.host;
    let encoded;
    try {
      encoded = encodeStatusReport({
        messageReference: sent.mr,
        recipient: sent.pdu.recipient,
        serviceCentreTimestamp: { epochMs: sent.at },
        dischargeTimestamp: { epochMs: this.host.now() },
        status,
        serviceCentre: settings.serviceCentre,
      });
    } catch {
      return; // an alphanumeric recipient has no number to report on
    }
    const ds = settings.cnmi[3];
    let routed: StatusReportRecord['routed'] = 'dropped';
    if (ds === 1) {
      this.host.urc(`+CDS: ${encoded.length}\r\n${encoded.hex}`);
      routed = 'cds';
    } else if (ds === 2) {
      const message = storage.store(encoded);
      if (message !== undefined) {
        this.host.urc(`+CDSI: "SM",${message.index}`);
        routed = 'cdsi';
      }
    }
    this.statusReports.push({
      mr: sent.mr,
      recipient: sent.pdu.recipient,
      status,
      hex: encoded.hex,
      routed,
    });
  }
}
