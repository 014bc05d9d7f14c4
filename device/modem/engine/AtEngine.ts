/**
 * The AT command engine: one command in flight over a byte Transport, every incoming line
 * classified once, URCs emitted as typed events even while a command waits.
 *
 * The habits (STYLE.md §2–§4): a queue lets one command run at a time with a short gap
 * between commands (atat `cmd_cooldown`); each command registers its waiter before its bytes
 * are written, then starts its timer (zh `waitress`); the command lifecycle is the pure
 * AtCommandMachine and this class only performs its effects; failures become GatewayErrors
 * in ModemErrors.failureToError, with the stack of the caller that queued the command.
 *
 * Nothing the modem sends can throw out of the data handler or leave the queue stuck: lines
 * nobody waits for are reported as `diagnostic` events, and every command has a timer.
 */
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../policy/Clock.js';
import { AtLineClassifier, type Classified, type CommandContext } from '../at/AtLineClassifier.js';
import { AtLineSplitter } from '../at/AtLineSplitter.js';
import type { UrcEvent } from '../at/urcEvents.js';
import { CTRL_Z, ESC, validateCommand, type AtCommand, type AtResponse } from './AtCommand.js';
import {
  initialState,
  isSettled,
  transition,
  type CommandState,
  type Effect,
  type MachineEvent,
} from './AtCommandMachine.js';
import {
  resolveAtEngineOptions,
  type AtEngineOptions,
  type ResolvedAtEngineOptions,
} from './AtEngineOptions.js';
import type { AtEngineDiagnostic, AtEngineEvents } from './AtEngineEvents.js';
import { failureToError } from './ModemErrors.js';
import type { Transport } from '../transport/Transport.js';

export type { AtEngineDiagnostic, AtEngineEvents } from './AtEngineEvents.js';

interface Job {
  readonly command: AtCommand;
  readonly source: Error;
  readonly resolve: (response: AtResponse) => void;
  readonly reject: (error: Error) => void;
}

interface Active {
  readonly job: Job;
  readonly context: CommandContext;
  state: CommandState;
  timer: TimerHandle | undefined;
  timeoutMs: number;
  readonly finished: () => void;
}

export class AtEngine extends EventEmitter<AtEngineEvents> {
  private readonly options: ResolvedAtEngineOptions;
  private readonly clock: Clock;
  private readonly splitter: AtLineSplitter;
  private readonly classifier = new AtLineClassifier();
  private readonly queue: Job[] = [];
  private active: Active | undefined;
  private pumping = false;
  private disposed = false;
  private nextStartAt = Number.NEGATIVE_INFINITY;
  /**
   * The next line began arriving before the command in flight was written, so it cannot be
   * that command's answer (a URC cut by our write, or noise); it is classified as unsolicited.
   */
  private lineStartedBeforeCommand = false;
  /** Our own writes never overlap: serialport's bindings reject that. */
  private writeChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    options: AtEngineOptions = {},
  ) {
    super();
    this.options = resolveAtEngineOptions(options);
    this.clock = this.options.clock;
    this.splitter = new AtLineSplitter({ maxLineLength: this.options.maxLineLength });
    transport.on('data', this.onData);
    transport.on('close', this.onClose);
    transport.on('error', this.onError);
  }

  /** Commands waiting behind the one in flight. */
  get queueLength(): number {
    return this.queue.length;
  }

  /** A command is in flight. */
  get busy(): boolean {
    return this.active !== undefined;
  }

  /**
   * Queue a command; resolves with its information lines on OK (or `isFinal`), rejects with
   * a MODEM_* GatewayError otherwise. Calls never overlap on the wire, whoever makes them.
   */
  send(command: AtCommand): Promise<AtResponse> {
    // Captured here, not in the timer that may fail the command later (zjs transactionSource).
    const source = new Error();
    const invalid = validateCommand(command);
    if (invalid !== undefined) return Promise.reject(invalid);
    if (this.disposed) return Promise.reject(this.refuse(command, 'closed', source));
    if (this.queue.length >= this.options.maxQueueLength) {
      return Promise.reject(this.refuse(command, 'queueFull', source));
    }
    return new Promise<AtResponse>((resolve, reject) => {
      this.queue.push({ command, source, resolve, reject });
      void this.pump();
    });
  }

  /**
   * Stop using the transport: detach from it and fail the command in flight and every
   * queued one with MODEM_CLOSED. The transport itself is left to its owner to close.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.transport.off('data', this.onData);
    this.transport.off('close', this.onClose);
    this.transport.off('error', this.onError);
    if (this.active !== undefined) this.dispatch(this.active, { type: 'closed' });
    for (const job of this.queue.splice(0)) {
      job.reject(this.refuse(job.command, 'closed', job.source));
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.disposed && this.queue.length > 0) {
        await this.waitForGap();
        const job = this.queue.shift();
        if (job === undefined) break;
        await this.run(job);
      }
    } finally {
      this.pumping = false;
    }
  }

  private waitForGap(): Promise<void> {
    const wait = this.nextStartAt - this.clock.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => this.clock.setTimeout(resolve, wait));
  }

  private run(job: Job): Promise<void> {
    return new Promise<void>((finished) => {
      const { command, payload, isFinal, expectPrompt } = job.command;
      const active: Active = {
        job,
        context: { command, payload, isFinal },
        state: initialState(expectPrompt === true),
        timer: undefined,
        timeoutMs: 0,
        finished,
      };
      this.active = active; // 1. the waiter exists before any byte can be answered
      this.lineStartedBeforeCommand = this.splitter.hasPartialLine;
      this.write(`${command}\r`, active); // 2. the command goes out
      const promptMs = job.command.promptTimeoutMs ?? this.options.promptTimeoutMs;
      this.arm(active, expectPrompt === true ? promptMs : job.command.timeoutMs); // 3. its timer
    });
  }

  private write(data: string, active: Active): void {
    const result = this.writeChain.then(() => this.transport.write(data));
    this.writeChain = result.catch(() => undefined);
    result.catch((cause: unknown) => this.dispatch(active, { type: 'writeFailed', cause }));
  }

  private arm(active: Active, ms: number): void {
    if (this.active !== active) return;
    this.clock.clearTimeout(active.timer);
    active.timeoutMs = ms;
    active.timer = this.clock.setTimeout(() => this.dispatch(active, { type: 'timeout' }), ms);
  }

  private dispatch(active: Active, event: MachineEvent): void {
    if (this.active !== active) return; // a late event for a command that already settled
    const { state, effects } = transition(active.state, event);
    active.state = state;
    for (const effect of effects) this.perform(active, effect);
    if (isSettled(state)) this.settle(active);
  }

  private perform(active: Active, effect: Effect): void {
    switch (effect.type) {
      case 'writePayload':
        this.write(`${active.job.command.payload ?? ''}${CTRL_Z}`, active);
        return;
      case 'armFinalTimer':
        this.arm(active, active.job.command.timeoutMs);
        return;
      case 'sendEscape':
        this.write(ESC, active);
        return;
    }
  }

  private settle(active: Active): void {
    this.clock.clearTimeout(active.timer);
    this.active = undefined;
    const { state, job } = active;
    const timedOut = state.reason === 'timeout' || state.reason === 'noPrompt';
    const gap = timedOut ? this.options.recoveryGapMs : this.options.commandGapMs;
    this.nextStartAt = this.clock.now() + gap;
    const { command } = job.command;
    if (state.phase === 'done') {
      job.resolve({ command, lines: state.lines, final: state.finalLine ?? '' });
    } else {
      const { reason = 'error', cause } = state;
      const { timeoutMs } = active;
      job.reject(failureToError({ reason, command, state, timeoutMs, source: job.source, cause }));
    }
    active.finished();
  }

  private readonly onData = (chunk: Uint8Array): void => {
    try {
      for (const token of this.splitter.push(chunk)) {
        const stale = token.type === 'line' && this.lineStartedBeforeCommand;
        if (token.type !== 'prompt') this.lineStartedBeforeCommand = false;
        const context = stale ? undefined : this.active?.context;
        for (const item of this.classifier.classify(token, context)) this.route(item);
      }
    } catch (error) {
      this.diagnose({ kind: 'internalError', error });
    }
  };

  private route(item: Classified): void {
    const active = this.active;
    switch (item.kind) {
      case 'final':
        if (active) this.dispatch(active, { type: 'final', line: item.line, result: item.result });
        return;
      case 'info':
        if (active) this.dispatch(active, { type: 'info', line: item.line });
        return;
      case 'prompt':
        if (active) this.dispatch(active, { type: 'prompt' });
        return;
      case 'echo':
        return; // ATE1 is tolerated, not required
      case 'urc':
        this.emitUrc(item.event);
        return;
      case 'stray':
        this.diagnose({ kind: 'stray', line: item.line });
        return;
      case 'overflow':
        this.diagnose({ kind: 'overflow', discarded: item.discarded });
        return;
    }
  }

  private emitUrc(event: UrcEvent): void {
    for (const name of ['urc', event.type] as const) {
      try {
        (this.emit as (name: string, event: UrcEvent) => boolean)(name, event);
      } catch (error) {
        this.diagnose({ kind: 'listenerError', error });
      }
    }
  }

  private diagnose(diagnostic: AtEngineDiagnostic): void {
    try {
      this.emit('diagnostic', diagnostic);
    } catch {
      // A throwing diagnostic listener has nowhere left to report to; the stream matters more.
    }
  }

  private readonly onClose = (): void => {
    this.dispose();
  };

  private readonly onError = (error: Error): void => {
    this.diagnose({ kind: 'transportError', error });
  };

  private refuse(command: AtCommand, reason: 'closed' | 'queueFull', source?: Error): Error {
    return failureToError({ reason, command: command.command, source });
  }
}
