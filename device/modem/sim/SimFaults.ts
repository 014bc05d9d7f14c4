import { encodeDeliver } from '../../sms/pdu/index.js';
import { MESSAGE_STATUS, type SimStorage } from './SimStorage.js';
import type { SimNetwork } from './SimNetwork.js';
import type { SimSettings, RegistrationStat } from './SimCommandContext.js';
import type { ResolvedSimOptions } from './SimModemOptions.js';

/**
 * The fault switches of the simulated modem, each a misbehaviour seen on real modems that the
 * driver must survive (docs/simulated-modem.md lists them with the driver behaviour they
 * exercise). One-shot faults (`nextCmsError`, `urcInsideNextResponse`, `latePrompt`) apply to
 * the next matching reply only; the others hold until switched back.
 */

/** What the faults reach inside the modem. */
export interface FaultTarget {
  readonly settings: SimSettings;
  readonly storage: SimStorage;
  readonly network: SimNetwork;
  readonly options: ResolvedSimOptions;
  reboot(): void;
  emitRaw(bytes: Uint8Array | string): void;
  urc(text: string): void;
}

/** Bytes a noisy line or a modem at power-up produces: NUL, high-bit bytes, a stray CR LF. */
const DEFAULT_GARBAGE = Uint8Array.of(0x00, 0xff, 0xfe, 0x13, 0x80, 0x3f, 0x7e, 0xc3, 0x0d, 0x0a);

export class SimFaults {
  /** Think time before every reply and prompt (network and firmware delay). */
  latencyMs: number;
  /** The modem hangs: it reads nothing and prints nothing until `powerCycle()`. */
  silent = false;
  private cmsError: number | undefined;
  private urcForResponse: string | undefined;
  private latePromptMs = 0;

  constructor(
    private readonly modem: FaultTarget,
    latencyMs: number,
  ) {
    this.latencyMs = latencyMs;
  }

  /** The next AT+CMGS ends in `+CMS ERROR: <code>` (e.g. 500, 331, 42) instead of `+CMGS: <mr>`. */
  nextCmsError(code: number): void {
    this.cmsError = code;
  }

  /** A firmware hang: no echo, no reply, no URC until the modem is power-cycled. */
  silentUntilPowerCycle(): void {
    this.silent = true;
  }

  /** Coverage lost: `+CREG: <stat>` (2 searching by default), sends fail with +CMS ERROR: 331. */
  loseRegistration(stat: RegistrationStat = 2): void {
    this.modem.network.lose(stat);
  }

  /** Coverage back: registers again and delivers what the network held. */
  regainRegistration(): void {
    this.modem.network.regain();
  }

  /** Line noise now, between replies (default: NUL, high-bit bytes, CR LF). */
  emitGarbage(bytes: Uint8Array | string = DEFAULT_GARBAGE): void {
    this.modem.emitRaw(bytes);
  }

  /** The next reply carries `urc` between its information lines and its final result. */
  urcInsideNextResponse(urc: string): void {
    this.urcForResponse = urc;
  }

  /** Echo on or off now, whatever ATE said (a modem reset behind the driver's back re-enables it). */
  echo(on: boolean): void {
    this.modem.settings.echo = on;
  }

  /** The next `> ` prompt comes `ms` later than usual (a busy modem; beyond the host's prompt timeout it never does). */
  latePrompt(ms: number): void {
    this.latePromptMs = Math.max(0, ms);
  }

  /** A spontaneous restart with the vendor's boot lines. */
  reboot(): void {
    this.modem.reboot();
  }

  /** Fills every free SIM slot with read messages; returns how many were added. */
  fillSim(): number {
    const { storage, options } = this.modem;
    const free = storage.capacity - storage.used;
    for (let i = 0; i < free; i++) {
      const [pdu] = encodeDeliver({
        sender: '+33600000000',
        text: `filler ${i + 1}`,
        timestamp: { epochMs: Date.UTC(2026, 0, 1) },
      });
      storage.store(pdu as { hex: string; length: number }, MESSAGE_STATUS.read);
    }
    if (options.profile.memoryFullUrc !== undefined) this.modem.urc(options.profile.memoryFullUrc);
    return free;
  }

  takeCmsError(): number | undefined {
    const code = this.cmsError;
    this.cmsError = undefined;
    return code;
  }

  takeUrcForResponse(): string | undefined {
    const urc = this.urcForResponse;
    this.urcForResponse = undefined;
    return urc;
  }

  takeLatePrompt(): number {
    const ms = this.latePromptMs;
    this.latePromptMs = 0;
    return ms;
  }
}
