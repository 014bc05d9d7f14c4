/**
 * A fake modem on the far end of a MemoryTransport, with small named behaviours in the style
 * of zjs `MockControllerBehaviors`: answer AT+CMGS with `> ` and then `+CMGS: n`/`OK`, drop the
 * next reply, emit a URC mid-command, echo on, a late prompt, garbage bytes. Behaviours are
 * checked newest first; the first that matches a command handles it. Unmatched commands get
 * `ERROR`, like a modem that does not know them.
 */
import { systemClock, type Clock } from '../../device/policy/Clock.js';
import { MemoryTransport } from '../../device/modem/transport/MemoryTransport.js';
import { toLatin1 } from '../../device/modem/transport/Transport.js';

export type CommandMatcher = string | RegExp | ((command: string) => boolean);

export interface Behaviour {
  readonly name: string;
  readonly matches: (command: string) => boolean;
  readonly respond: (command: string, modem: FakeModem) => void;
  /** Removed after handling one command. */
  readonly once?: boolean;
}

export interface FakeModemOptions {
  /** Echo what the host writes (ATE1). ATE0/ATE1 from the host switch it too. @default false */
  readonly echo?: boolean;
  /** Time source for late replies and expectHostCommand timeouts. @default systemClock */
  readonly clock?: Clock;
  /** Split everything the modem sends into chunks of this many bytes. @default whole replies */
  readonly chunkSize?: number;
}

export interface CmgsBehaviourOptions {
  /** Message reference returned in `+CMGS: <mr>`. @default 1 */
  readonly mr?: number;
  /** The prompt as sent after CRLF. @default '> ' */
  readonly prompt?: string;
  /** Lines sent after the prompt and before the result (URCs in the worst place). */
  readonly between?: readonly string[];
  /** Reply with this line instead of +CMGS/OK (e.g. `+CMS ERROR: 500`). */
  readonly error?: string;
  /** Send the prompt this many ms late (by `clock`). @default 0 */
  readonly promptDelayMs?: number;
  /** Never send the prompt at all. */
  readonly noPrompt?: boolean;
}

const CTRL_Z = 0x1a;
const ESC = 0x1b;

export class FakeModem {
  readonly transport: MemoryTransport;
  /** Command lines the host wrote, without CR. */
  readonly commands: string[] = [];
  /** Payloads the host submitted with Ctrl-Z. */
  readonly payloads: string[] = [];
  /** Number of ESC bytes the host sent. */
  escapes = 0;
  echo: boolean;
  private readonly clock: Clock;
  private readonly chunkSize: number | undefined;
  private behaviours: Behaviour[] = [];
  private buffer = '';
  private payloadHandler: ((payload: string) => void) | undefined;
  private waiters: Array<{ matches: (command: string) => boolean; resolve: (c: string) => void }> =
    [];

  constructor(transport = new MemoryTransport(), options: FakeModemOptions = {}) {
    this.transport = transport;
    this.echo = options.echo ?? false;
    this.clock = options.clock ?? systemClock;
    this.chunkSize = options.chunkSize;
    transport.on('write', (bytes) => this.onHostBytes(bytes));
    this.use({ name: 'AT', matches: match(/^AT$/i), respond: (_, m) => m.reply('OK') });
    this.use({
      name: 'echo switch',
      matches: match(/^ATE[01]$/i),
      respond: (c, m) => m.switchEcho(c),
    });
  }

  /** Add a behaviour; newer ones take precedence. */
  use(behaviour: Behaviour): this {
    this.behaviours.unshift(behaviour);
    return this;
  }

  /** Answer matching commands with these lines (add `OK`/`ERROR` yourself). */
  on(command: CommandMatcher, lines: readonly string[], once = false): this {
    return this.use({
      name: `reply ${String(command)}`,
      matches: match(command),
      respond: (_, m) => m.reply(...lines),
      once,
    });
  }

  /** AT+CMGS=<n>: `> `, take the PDU up to Ctrl-Z, then `+CMGS: <mr>` and `OK`. */
  answerCmgs(options: CmgsBehaviourOptions = {}): this {
    return this.use({
      name: 'answer AT+CMGS',
      matches: match(/^AT\+CMGS=/i),
      respond: (_, m) => {
        if (options.noPrompt === true) return;
        const prompt = (): void => m.sendRaw(`\r\n${options.prompt ?? '> '}`);
        m.payloadHandler = () => {
          if (options.between) m.reply(...options.between);
          if (options.error !== undefined) m.reply(options.error);
          else m.reply(`+CMGS: ${options.mr ?? 1}`, 'OK');
        };
        if ((options.promptDelayMs ?? 0) > 0)
          m.clock.setTimeout(prompt, options.promptDelayMs ?? 0);
        else prompt();
      },
    });
  }

  /** The next command (matching `command`, default any) gets no reply at all. */
  dropNextReply(command: CommandMatcher = () => true): this {
    return this.use({
      name: 'drop next reply',
      matches: match(command),
      respond: () => undefined,
      once: true,
    });
  }

  /** The next matching command gets `urcs` before its own reply. */
  urcMidCommand(
    command: CommandMatcher,
    urcs: readonly string[],
    reply: readonly string[] = ['OK'],
  ): this {
    return this.use({
      name: 'URC mid-command',
      matches: match(command),
      respond: (_, m) => m.reply(...urcs, ...reply),
      once: true,
    });
  }

  /** Send these lines framed as V.250 responses: `\r\n<line>\r\n` each. */
  reply(...lines: string[]): void {
    this.sendRaw(lines.map((line) => `\r\n${line}\r\n`).join(''));
  }

  /** Send bytes exactly as given. */
  sendRaw(data: string | Uint8Array): void {
    const text = typeof data === 'string' ? data : toLatin1(data);
    const size = this.chunkSize ?? (text.length || 1);
    for (let i = 0; i < text.length; i += size) this.transport.emitData(text.slice(i, i + size));
  }

  /** Line noise: bytes that are no AT response at all. */
  garbage(bytes: Uint8Array | string): void {
    this.sendRaw(bytes);
  }

  /**
   * Resolves with the next host command that matches; rejects after `timeoutMs` of the
   * modem's clock (zjs MockController `expectHostMessage`).
   */
  expectHostCommand(command: CommandMatcher, timeoutMs: number): Promise<string> {
    const matches = match(command);
    return new Promise((resolve, reject) => {
      const waiter = {
        matches,
        resolve: (c: string) => {
          this.clock.clearTimeout(timer);
          resolve(c);
        },
      };
      const timer = this.clock.setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`the host did not send ${String(command)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private switchEcho(command: string): void {
    this.reply('OK'); // the echo of ATE0 itself still goes out before the switch
    this.echo = command.toUpperCase() === 'ATE1';
  }

  private onHostBytes(bytes: Uint8Array): void {
    if (this.echo) this.sendRaw(bytes);
    for (const byte of bytes) {
      if (this.payloadHandler !== undefined) {
        if (byte === CTRL_Z || byte === ESC) this.endPayload(byte);
        else this.buffer += String.fromCharCode(byte);
      } else if (byte === 0x0d) {
        const command = this.buffer.trim();
        this.buffer = '';
        if (command !== '') this.onCommand(command);
      } else if (byte === ESC) {
        this.escapes++;
        this.buffer = '';
      } else if (byte !== 0x0a) {
        this.buffer += String.fromCharCode(byte);
      }
    }
  }

  private endPayload(byte: number): void {
    const handler = this.payloadHandler;
    const payload = this.buffer;
    this.payloadHandler = undefined;
    this.buffer = '';
    if (byte === ESC) {
      this.escapes++;
      return;
    }
    this.payloads.push(payload);
    handler?.(payload);
  }

  private onCommand(command: string): void {
    this.commands.push(command);
    for (const waiter of this.waiters.filter((w) => w.matches(command))) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(command);
    }
    const behaviour = this.behaviours.find((b) => b.matches(command));
    if (behaviour === undefined) {
      this.reply('ERROR');
      return;
    }
    if (behaviour.once === true) this.behaviours = this.behaviours.filter((b) => b !== behaviour);
    behaviour.respond(command, this);
  }
}

function match(matcher: CommandMatcher): (command: string) => boolean {
  if (typeof matcher === 'string')
    return (command) => command.toUpperCase() === matcher.toUpperCase();
  if (matcher instanceof RegExp) return (command) => matcher.test(command);
  return matcher;
}
