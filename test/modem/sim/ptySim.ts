/**
 * The real path for integration tests: AtEngine → SerialTransport → serialport → pty →
 * PtyModemHost → SimulatedModem, on real time. Nothing here sleeps: tests await events, and
 * `waitFor` has a bounded timeout only as a safety net on a loaded CI machine.
 */
import { onTestFinished } from 'vitest';
import type { UrcEvent } from '../../../device/modem/at/urcEvents.js';
import type { AtCommand } from '../../../device/modem/engine/AtCommand.js';
import { AtEngine } from '../../../device/modem/engine/AtEngine.js';
import type { AtEngineOptions } from '../../../device/modem/engine/AtEngineOptions.js';
import {
  SerialTransport,
  type SerialTransportOptions,
} from '../../../device/modem/transport/SerialTransport.js';
import { PtyModemHost, type PtyModemHostOptions } from '../../../device/modem/sim/index.js';
import { encodeSubmit } from '../../../device/sms/pdu/index.js';
import { segmentText } from '../../../device/sms/segmenter.js';

/** Generous: a safety net for a loaded 2-core CI box, never a wait the test relies on. */
export const SAFETY_MS = 8_000;

export interface PtySim {
  host: PtyModemHost;
  transport: SerialTransport;
  engine: AtEngine;
  urcs: UrcEvent[];
  at(command: string, extra?: Partial<AtCommand>): Promise<{ lines: readonly string[] }>;
  sendSms(
    text: string,
    extra?: Partial<AtCommand> & { statusReport?: boolean },
  ): Promise<{ lines: readonly string[] }>;
  /** Resolves with the first URC (seen from now on) that matches. */
  nextUrc(match: (urc: UrcEvent) => boolean): Promise<UrcEvent>;
}

/** Starts a host, waits for its boot, opens the port with serialport and puts an engine on it. */
export async function startPtySim(
  options: PtyModemHostOptions = {},
  engineOptions: AtEngineOptions = {},
  transportOptions: Partial<SerialTransportOptions> = {},
): Promise<PtySim> {
  const host = await PtyModemHost.start({
    bootDelayMs: 0,
    chatterIntervalMs: 0,
    initialEcho: false,
    ...options,
  });
  onTestFinished(() => host.stop());
  await withTimeout(host.modem.whenBooted(), 'sim boot');
  const transport = await SerialTransport.open({ ...transportOptions, path: host.path });
  onTestFinished(() => transport.close());
  const engine = new AtEngine(transport, engineOptions);
  onTestFinished(() => engine.dispose());
  const urcs: UrcEvent[] = [];
  engine.on('urc', (urc) => urcs.push(urc));
  const at: PtySim['at'] = (command, extra = {}) =>
    engine.send({ command, timeoutMs: SAFETY_MS, ...extra });
  const sendSms: PtySim['sendSms'] = (text, { statusReport = false, ...extra } = {}) => {
    const [pdu] = encodeSubmit({
      recipient: '+33612345678',
      segmentation: segmentText(text),
      statusReport,
    });
    if (pdu === undefined) throw new Error('no PDU');
    return at(`AT+CMGS=${pdu.length}`, { expectPrompt: true, payload: pdu.hex, ...extra });
  };
  const nextUrc: PtySim['nextUrc'] = (match) =>
    withTimeout(
      new Promise<UrcEvent>((resolve) => {
        const listener = (urc: UrcEvent): void => {
          if (!match(urc)) return;
          engine.off('urc', listener);
          resolve(urc);
        };
        engine.on('urc', listener);
      }),
      'URC',
    );
  return { host, transport, engine, urcs, at, sendSms, nextUrc };
}

/** Rejects after SAFETY_MS so a broken test fails instead of hanging; clears its timer. */
export function withTimeout<T>(promise: Promise<T>, what: string, ms = SAFETY_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const safety = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  return Promise.race([promise, safety]).finally(() => clearTimeout(timer));
}

/** The rejection of a promise that must reject. */
export function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ code?: string; context?: Record<string, unknown> }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as { code?: string; context?: Record<string, unknown> },
  );
}
