/**
 * What the AT engine tells its listeners: every URC as `urc` and under its own type name
 * (`newMessage`, `statusReport`, …), and diagnostics about lines that were nobody's answer.
 */
import type { UrcEvent, UrcType } from '../at/urcEvents.js';

/** Things worth logging that are nobody's answer. */
export type AtEngineDiagnostic =
  /** A final result or prompt with no command waiting (a late reply after a timeout). */
  | { readonly kind: 'stray'; readonly line: string }
  /** The splitter dropped an over-long line (garbage without line ends). */
  | { readonly kind: 'overflow'; readonly discarded: number }
  /** A URC listener threw; the engine carried on. */
  | { readonly kind: 'listenerError'; readonly error: unknown }
  | { readonly kind: 'transportError'; readonly error: Error }
  /** A bug in the engine's own line handling, caught so the stream keeps flowing. */
  | { readonly kind: 'internalError'; readonly error: unknown };

type UrcEventsByType = { [K in UrcType]: [event: Extract<UrcEvent, { type: K }>] };

export type AtEngineEvents = UrcEventsByType & {
  /** Every URC, whatever its type. */
  urc: [event: UrcEvent];
  diagnostic: [diagnostic: AtEngineDiagnostic];
};
