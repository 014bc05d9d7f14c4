import type { MessageClass } from '../../policy/index.js';
import type { ProfileName } from '../../sms/profiles/SmsProfile.js';

/** ARCHITECTURE.md, States. Waiting is not a state: it is `queued` with a reason. */
export type MessageState =
  'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'expired' | 'suppressed' | 'cancelled';

export const MESSAGE_STATES: readonly MessageState[] = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'expired',
  'suppressed',
  'cancelled',
];

/** States a message never leaves. `sent` is not one: a delivery report may follow. */
export const FINAL_STATES: readonly MessageState[] = [
  'delivered',
  'failed',
  'expired',
  'suppressed',
  'cancelled',
];

/**
 * Why a queued message is not going out now. Stored on the message for the
 * reasons that belong to it; `modem-down` and `rate-cap` are also kept as
 * device-wide gates (`dispatch_gates`) that `status` reports.
 */
export type WaitReason =
  'schedule' | 'window' | 'no-credit' | 'rate-cap' | 'modem-down' | 'retry' | 'recovered';

export type PartState = 'pending' | 'sent' | 'delivered' | 'failed';

/** A request to send one SMS, as the API, the CLI and the CSV import give it. */
export interface AcceptRequest {
  /** The recipient, E.164 or national (`defaultRegion`, FR by default). */
  readonly to: string;
  readonly text: string;
  /** @default the queue's `defaultProfile` */
  readonly profile?: ProfileName;
  /** Which sending window applies. @default 'other' */
  readonly messageClass?: MessageClass;
  /** 0–9, higher goes first. @default 0 */
  readonly priority?: number;
  /** Not before this instant (epoch ms). */
  readonly sendAfter?: number | null;
  /** Must be handed over strictly before this instant; a reminder's appointment. */
  readonly expiresAt?: number | null;
  /** A repeated request with the same key returns the first message (≤ 200 characters). */
  readonly idempotencyKey?: string;
  /** The caller's own reference, e.g. the appointment id (≤ 200 characters). */
  readonly clientRef?: string;
  /** Ask the network for delivery reports. @default true */
  readonly statusReport?: boolean;
  /** Replace look-alike characters so the text stays GSM-7. @default false */
  readonly transliterate?: boolean;
}

export interface PartView {
  readonly index: number;
  readonly state: PartState;
  readonly messageReference: number | null;
  readonly attempts: number;
  readonly sentAt: number | null;
  readonly reportedAt: number | null;
  readonly error: string | null;
}

export interface MessageView {
  readonly id: number;
  readonly state: MessageState;
  /** E.164, or `h:<hash>` once retention has redacted it. */
  readonly to: string;
  readonly profile: string;
  readonly messageClass: MessageClass;
  /** The text as sent (with the profile's footer); `null` once retention deleted it. */
  readonly text: string | null;
  readonly encoding: 'gsm7' | 'ucs2';
  readonly segments: number;
  /** One credit per segment (RULES.md §5). */
  readonly credits: number;
  readonly priority: number;
  readonly acceptedAt: number;
  readonly sendAfter: number | null;
  readonly expiresAt: number | null;
  /** While queued: when it is next looked at (`null`: when an event wakes it). */
  readonly nextAttemptAt: number | null;
  readonly waitReason: WaitReason | null;
  readonly attempts: number;
  readonly modemId: string | null;
  readonly finishedAt: number | null;
  /** Why it ended as it did: an error code, `opted-out`, `expired`… */
  readonly finalReason: string | null;
  readonly idempotencyKey: string | null;
  readonly clientRef: string | null;
  readonly parts: readonly PartView[];
}

export interface AcceptResult {
  readonly message: MessageView;
  /** True when the idempotency key matched an earlier request: nothing new was stored. */
  readonly duplicate: boolean;
}

/** A message handed to one modem: its parts still to send, PDUs fixed at acceptance. */
export interface Claim {
  readonly messageId: number;
  readonly recipient: string;
  readonly modemId: string;
  /** 1 for the first claim; a retry or a recovered message counts up. */
  readonly attempt: number;
  readonly parts: readonly ClaimedPart[];
}

export interface ClaimedPart {
  readonly index: number;
  /** Hex, service-centre octet first: what goes after the AT+CMGS prompt. */
  readonly pdu: string;
  /** TPDU octets: the `<length>` of AT+CMGS. */
  readonly length: number;
}
