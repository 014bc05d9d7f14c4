import { createHash } from 'node:crypto';
import { MESSAGE_CLASSES, type MessageClass } from '../../policy/index.js';
import { isProfileName } from '../../sms/profiles/profiles.js';
import type { ProfileName } from '../../sms/profiles/SmsProfile.js';
import { queueError } from '../queueErrors.js';

/** An AcceptRequest with its defaults filled in and every field checked. */
export interface CheckedRequest {
  readonly to: string;
  readonly text: string;
  readonly profile: ProfileName;
  readonly messageClass: MessageClass;
  readonly priority: number;
  readonly sendAfter: number | null;
  readonly expiresAt: number | null;
  readonly idempotencyKey: string | null;
  readonly clientRef: string | null;
  readonly statusReport: boolean;
  readonly transliterate: boolean;
  /** Tells a true retry from a different request reusing the key. */
  readonly requestHash: string;
}

const MAX_KEY_LENGTH = 200;
/** Instants gsmgate accepts: 2000-01-01 to 2100-01-01, as epoch ms. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
const FIELDS = new Set([
  'to',
  'text',
  'profile',
  'messageClass',
  'priority',
  'sendAfter',
  'expiresAt',
  'idempotencyKey',
  'clientRef',
  'statusReport',
  'transliterate',
]);

/**
 * Checks the shape of a request; the number and the text are checked later
 * against the profile (checkRecipient, prepareText). Throws QUEUE_BAD_INPUT
 * naming the field.
 */
export function validateRequest(input: unknown, defaultProfile: ProfileName): CheckedRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw bad('request', 'a request must be an object');
  }
  const request = input as Record<string, unknown>;
  for (const key of Object.keys(request)) {
    if (!FIELDS.has(key)) throw bad(key, `unknown field "${key.slice(0, 50)}"`);
  }
  const profile = request.profile ?? defaultProfile;
  if (!isProfileName(profile)) throw bad('profile', `unknown profile "${String(profile)}"`);
  const messageClass = request.messageClass ?? 'other';
  if (!(MESSAGE_CLASSES as readonly unknown[]).includes(messageClass)) {
    throw bad('messageClass', `messageClass must be one of ${MESSAGE_CLASSES.join(', ')}`);
  }
  const priority = request.priority ?? 0;
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 9) {
    throw bad('priority', 'priority must be a whole number from 0 to 9');
  }
  const sendAfter = instant(request.sendAfter, 'sendAfter');
  const expiresAt = instant(request.expiresAt, 'expiresAt');
  if (sendAfter !== null && expiresAt !== null && expiresAt <= sendAfter) {
    throw bad('expiresAt', 'expiresAt must be after sendAfter');
  }
  const checked = {
    to: request.to as string,
    text: request.text as string,
    profile,
    messageClass: messageClass as MessageClass,
    priority,
    sendAfter,
    expiresAt,
    idempotencyKey: shortText(request.idempotencyKey, 'idempotencyKey'),
    clientRef: shortText(request.clientRef, 'clientRef'),
    statusReport: flag(request.statusReport, 'statusReport', true),
    transliterate: flag(request.transliterate, 'transliterate', false),
  };
  if (typeof checked.to !== 'string') throw bad('to', 'to must be a phone number as text');
  if (typeof checked.text !== 'string') throw bad('text', 'text must be a string');
  const { idempotencyKey: _key, ...hashed } = checked;
  const requestHash = createHash('sha256').update(JSON.stringify(hashed)).digest('hex');
  return { ...checked, requestHash };
}

function instant(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < EARLIEST || value > LATEST) {
    throw bad(field, `${field} must be an instant (epoch ms) between 2000 and 2100`);
  }
  return value;
}

function shortText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '' || value.length > MAX_KEY_LENGTH) {
    throw bad(field, `${field} must be a non-empty string of at most ${MAX_KEY_LENGTH} characters`);
  }
  return value;
}

function flag(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw bad(field, `${field} must be true or false`);
  return value;
}

function bad(field: string, message: string) {
  return queueError('QUEUE_BAD_INPUT', message, { field });
}
