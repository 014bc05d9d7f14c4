/**
 * The simulated modem: an AT interpreter with a SIM, a network and fault switches, speaking
 * bytes in and bytes out. It knows no transport: PtyModemHost puts it behind a pseudo-terminal
 * (the product feature, `gsmgate sim`), `connectMemoryTransport` behind a MemoryTransport
 * for fast tests. Every delay runs on the injected Clock, so in-memory tests use ManualClock.
 */
import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../policy/Clock.js';
import { toBytes } from '../transport/Transport.js';
import { PacedPipe } from './PacedPipe.js';
import { renderReply } from './renderReply.js';
import {
  factorySettings,
  isRegistered,
  type FinalResult,
  type SimCommandContext,
  type SimSettings,
} from './SimCommandContext.js';
import { SimInput } from './SimInput.js';
import {
  resolveSimOptions,
  type ResolvedSimOptions,
  type SimulatedModemOptions,
} from './SimModemOptions.js';
import { SimNetwork, type InboundResult, type InboundSms, type SentMessage } from './SimNetwork.js';
import { SimStorage } from './SimStorage.js';
import { SimFaults } from './SimFaults.js';
import { checkSubmission } from './smsCommands.js';
import { runCommandLine } from './runCommandLine.js';
import type {
  CommandRecord,
  PowerState,
  SimLink,
  SimulatedModemEvents,
} from './SimulatedModemTypes.js';

export class SimulatedModem
  extends EventEmitter<SimulatedModemEvents>
  implements SimCommandContext
{
  readonly options: ResolvedSimOptions;
  readonly storage: SimStorage;
  readonly network: SimNetwork;
  /** Fault switches: latency, next +CMS error, silence, late prompt, URC in a response… */
  readonly faults: SimFaults;
  settings: SimSettings;
  /** Every SMS-SUBMIT accepted, decoded, with its MR. */
  readonly sent: SentMessage[] = [];
  readonly commands: CommandRecord[] = [];
  /** TP-ST of the status reports to come. */
  statusReportStatus: number;
  statusReportDelayMs: number;
  private readonly clock: Clock;
  private readonly input: SimInput;
  private readonly output: PacedPipe;
  private readonly incoming: PacedPipe;
  private readonly timers = new Set<TimerHandle>();
  private link: SimLink | undefined;
  private powerState: PowerState = 'off';
  private nextMr = 0;
  private pendingLength = 0;
  private promptTimer: TimerHandle | undefined;
  private readonly replyActions: (() => void)[] = [];

  constructor(options: SimulatedModemOptions = {}) {
    super();
    this.options = resolveSimOptions(options);
    this.clock = this.options.clock;
    this.statusReportStatus = this.options.statusReportStatus;
    this.statusReportDelayMs = this.options.statusReportDelayMs;
    this.storage = new SimStorage(this.options.simCapacity);
    this.settings = factorySettings(this.options);
    this.faults = new SimFaults(this, this.options.latencyMs);
    this.network = new SimNetwork({
      settings: this.settings,
      storage: this.storage,
      options: this.options,
      urc: (text) => this.urc(text),
      after: (ms, action) => this.after(ms, action),
      now: () => this.clock.now(),
    });
    this.output = new PacedPipe(
      this.clock,
      (bytes) => this.link?.write(bytes),
      this.options.baudRate,
    );
    this.incoming = new PacedPipe(
      this.clock,
      (bytes) => this.process(bytes),
      this.options.baudRate,
    );
    this.input = new SimInput({
      echo: (bytes) => this.output.push(bytes),
      commandLine: (line) => this.execute(line),
      pdu: (text) => this.submit(text),
      cancel: () => this.cancelSubmit(),
    });
    if (this.options.powerOn) this.powerOn();
  }

  get power(): PowerState {
    return this.powerState;
  }

  /** Connects the modem's output; bytes sent while detached are lost, as on an unplugged cable. */
  attach(link: SimLink): void {
    this.link = link;
  }

  detach(): void {
    this.link = undefined;
    this.output.clear();
    this.incoming.clear();
    this.input.reset();
  }

  /** Bytes from the host. */
  receive(bytes: Uint8Array | string): void {
    this.incoming.push(toBytes(bytes));
  }

  /** Line speed for both directions; 0 = unpaced. */
  setBaudRate(baudRate: number): void {
    this.output.setBaudRate(baudRate);
    this.incoming.setBaudRate(baudRate);
  }

  /**
   * An SMS arrives from the network: stored on the SIM with `+CMTI` per part (long texts as
   * concatenated parts), or held by the network while the SIM is full or unregistered.
   */
  deliver(sms: InboundSms): InboundResult {
    return this.network.deliver(sms);
  }

  /** Resolves when the next boot completes (at once if the modem is on). */
  whenBooted(): Promise<void> {
    if (this.powerState === 'on') return Promise.resolve();
    return new Promise((resolve) => this.once('booted', resolve));
  }

  // --- power ------------------------------------------------------------------------------

  /** Power off and on (what a PowerControl does): boot lines after `bootDelayMs`. */
  async powerCycle(): Promise<void> {
    this.reboot();
  }

  /** A spontaneous restart (brownout, watchdog): silence, then the vendor's boot lines. */
  reboot(): void {
    this.powerOff();
    this.powerOn();
  }

  /** Stops every timer; the modem is off until `powerCycle()`. */
  stop(): void {
    this.powerOff();
  }

  private powerOff(): void {
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.clock.clearTimeout(this.promptTimer);
    this.output.clear();
    this.incoming.clear();
    this.input.reset();
    this.replyActions.length = 0;
    this.faults.silent = false;
    this.powerState = 'off';
  }

  private powerOn(): void {
    this.powerState = 'booting';
    Object.assign(this.settings, factorySettings(this.options, this.settings));
    this.after(this.options.bootDelayMs, () => {
      this.powerState = 'on';
      const { profile } = this.options;
      for (const line of profile.bootLines) this.urc(line);
      if (this.settings.pinState === 'READY') this.simReady();
      else if (profile.simReadyLines.includes('+CPIN: READY')) this.urc('+CPIN: SIM PIN');
      this.network.startChatter();
      this.emit('booted');
    });
  }

  // --- SimCommandContext ----------------------------------------------------------------

  afterReply(action: () => void): void {
    this.replyActions.push(action);
  }

  simReady(): void {
    for (const line of this.options.profile.simReadyLines) this.urc(line);
    this.network.attach();
  }

  setRadio(on: boolean): void {
    this.settings.radioOn = on;
    if (on) this.network.attach();
    else this.network.setRegistration(0);
  }

  spaceFreed(): void {
    this.network.spaceFreed();
  }

  // --- the wire ---------------------------------------------------------------------------

  /** An unsolicited line, unless the modem is off, booting or hung. */
  urc(text: string): void {
    if (this.powerState !== 'on' || this.faults.silent) return;
    this.output.push(toBytes(`\r\n${text}\r\n`));
  }

  /** Raw bytes on the wire now (the garbage fault), even from a hung modem. */
  emitRaw(bytes: Uint8Array | string): void {
    this.output.push(toBytes(bytes));
  }

  private after(ms: number, action: () => void): void {
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private process(bytes: Uint8Array): void {
    if (this.powerState !== 'on' || this.faults.silent) return;
    this.input.feed(bytes, this.settings.echo);
  }

  private execute(line: string): void {
    const record = { at: this.clock.now(), line: line.replace(/^(AT\+CPIN=).*/i, '$1****') };
    this.commands.push(record);
    this.emit('command', record);
    const outcome = runCommandLine(this, line);
    if (outcome.kind === 'prompt') this.prompt(outcome.length);
    else this.reply(outcome.lines, outcome.final);
  }

  private reply(lines: readonly string[], final: FinalResult): void {
    const urc = this.faults.takeUrcForResponse();
    const text = renderReply(lines, final, this.settings.cmee, urc);
    const actions = this.replyActions.splice(0);
    this.output.push(toBytes(text), this.faults.latencyMs, () =>
      actions.forEach((action) => action()),
    );
  }

  private prompt(length: number): void {
    this.pendingLength = length;
    this.input.expectPdu();
    const delay = this.faults.latencyMs + this.faults.takeLatePrompt();
    this.promptTimer = this.clock.setTimeout(() => {
      this.promptTimer = undefined;
      if (this.input.awaitingPdu && this.powerState === 'on' && !this.faults.silent) {
        this.output.push(toBytes('\r\n> '));
      }
    }, delay);
  }

  /** ESC: leave PDU input without sending (27.005 §3.5.1); the modem confirms with OK. */
  private cancelSubmit(): void {
    this.clock.clearTimeout(this.promptTimer);
    this.reply([], { type: 'ok' });
  }

  private submit(text: string): void {
    this.clock.clearTimeout(this.promptTimer);
    const checked = checkSubmission(this.pendingLength, text);
    if (!checked.ok) return this.reply([], { type: 'cms', code: checked.cmsCode });
    // Without a network the modem cannot hand the message over: 331 no network service.
    if (!isRegistered(this.settings)) return this.reply([], { type: 'cms', code: 331 });
    const injected = this.faults.takeCmsError();
    if (injected !== undefined) return this.reply([], { type: 'cms', code: injected });
    const mr = this.nextMr;
    this.nextMr = (mr + 1) % 256;
    const message: SentMessage = {
      mr,
      hex: checked.hex,
      length: this.pendingLength,
      pdu: checked.pdu,
      at: this.clock.now(),
    };
    this.sent.push(message);
    this.emit('sent', message);
    this.reply([`+CMGS: ${mr}`], { type: 'ok' });
    if (checked.pdu.statusReportRequest) {
      this.after(this.statusReportDelayMs, () =>
        this.network.report(message, this.statusReportStatus),
      );
    }
  }
}
