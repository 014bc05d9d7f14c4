/**
 * A stateful fake modem for driver tests on FakeModem's named behaviours: SIM, PIN counters,
 * storages (SM/ME, SR), registration per poll, signal, identity, and three vendor styles
 * (fakeVendors.ts) from the transcripts in test/fixtures/modem/ and the sources they cite:
 *
 * - `sim800`: SIMCom SIM800L. Echo on at power-up, SM storage only, AT+CNMI ds ∈ {0,1}
 *   (python-gsmmodem #60), no AT+CEREG, `AT+CCID` answers bare digits, `AT+SPIC`.
 * - `ec25`: Quectel EC25. SM and ME, every CNMI, AT+CEREG, `+QCCID:`, `AT+QPINC`; with ds=2 it
 *   stores reports in "SR" but announces `+CDSI: "SM",<n>` (asterisk-chan-quectel PR #75).
 * - `huawei`: Huawei E173. Refuses ds=1 (so ds=2, +CDSI), no AT+CEREG, `^ICCID`, `^CPIN`,
 *   `^RSSI` chatter in the middle of answers.
 *
 * Tests add their own behaviours on `modem` (newest first) to script failures.
 */
import { FakeModem } from '../FakeModem.js';
import { MemoryTransport } from '../../../device/modem/transport/MemoryTransport.js';
import type { ManualClock } from '../../../device/policy/ManualClock.js';
import { VENDORS, type FakeVendor, type VendorProfile } from './fakeVendors.js';

export type { FakeVendor } from './fakeVendors.js';

export interface StoredEntry {
  stat: number;
  pdu: string;
}

export interface DriverFakeModemOptions {
  readonly vendor?: FakeVendor;
  readonly clock: ManualClock;
  /** The SIM's PIN; the SIM starts locked when set. */
  readonly pin?: string;
  readonly simState?: 'ready' | 'pin' | 'puk' | 'missing';
  readonly pinAttempts?: number;
  /** <stat> answered to each registration read; the last one repeats. @default [1] */
  readonly registration?: readonly number[];
  readonly rssi?: number;
  /** Capacity of each storage. @default 30 */
  readonly capacity?: number;
  /** Echo at power-up (V.250 factory default). @default true */
  readonly echo?: boolean;
}

export class DriverFakeModem {
  /** The modem's own end, where FakeModem listens; hosts talk through `open()`. */
  readonly transport = new MemoryTransport();
  /** The host's end of the current connection (a new one per `open()`, like a reopened port). */
  link: MemoryTransport | undefined;
  readonly modem: FakeModem;
  readonly profile: VendorProfile;
  simState: 'ready' | 'pin' | 'puk' | 'missing';
  pinAttempts: number;
  pukAttempts = 10;
  registration: number[];
  rssi: number;
  capacity: number;
  readonly storages = new Map<string, Map<number, StoredEntry>>();
  readMemory = 'SM';
  cnmi: string | undefined;
  cmgf: string | undefined;
  nextMr = 1;
  /** The memory AT+CPMS=<m>,<m>,<m> chose (receive memory). */
  private storageChoice: string | undefined;
  /** `AT+CPIN="…"` commands received (never the PIN itself). */
  pinEntries = 0;
  private readonly pin: string | undefined;

  constructor(readonly options: DriverFakeModemOptions) {
    this.profile = VENDORS[options.vendor ?? 'sim800'];
    this.modem = new FakeModem(this.transport, {
      clock: options.clock,
      echo: options.echo ?? true,
    });
    this.pin = options.pin;
    this.simState = options.simState ?? (options.pin === undefined ? 'ready' : 'pin');
    this.pinAttempts = options.pinAttempts ?? 3;
    this.registration = [...(options.registration ?? [1])];
    this.rssi = options.rssi ?? 20;
    this.capacity = options.capacity ?? 30;
    for (const name of [...this.profile.storages, 'SR']) this.storages.set(name, new Map());
    this.install();
    this.transport.on('data', (chunk) => this.link?.emitData(chunk));
  }

  /** A new connection to the modem, as the driver's transport factory opens it. */
  open(): MemoryTransport {
    const link = new MemoryTransport();
    link.on('write', (bytes) => {
      if (this.link === link) this.transport.emit('write', bytes);
    });
    this.link = link;
    return link;
  }

  get commands(): string[] {
    return this.modem.commands;
  }

  /** The commands received that match `pattern`, in order. */
  sent(pattern: RegExp): string[] {
    return this.modem.commands.filter((c) => pattern.test(c));
  }

  memory(name = this.readMemory): Map<number, StoredEntry> {
    const memory = this.storages.get(name.toUpperCase());
    if (memory === undefined) throw new Error(`no storage ${name}`);
    return memory;
  }

  /** Stores an SMS-DELIVER in the first free slot; announces it with +CMTI unless told not to. */
  deliver(pdu: string, { announce = true, stat = 0 } = {}): number {
    const memory = this.memory(this.receiveMemory());
    let index = 0;
    while (memory.has(index)) index++;
    memory.set(index, { stat, pdu });
    if (announce) this.modem.reply(`+CMTI: "${this.receiveMemory()}",${index}`);
    return index;
  }

  /** A status report: routed as +CDS (ds=1) or stored and announced as +CDSI (ds=2). */
  statusReport(pdu: string): void {
    const ds = this.cnmi?.split(',')[3];
    if (ds === '1') {
      this.modem.reply(`+CDS: ${tpduLength(pdu)}`, pdu);
      return;
    }
    const where = this.profile.reportsInSr ? 'SR' : this.receiveMemory();
    const memory = this.memory(where);
    let index = 0;
    while (memory.has(index)) index++;
    memory.set(index, { stat: 0, pdu });
    // EC25 names "SM" in the URC whatever the memory (PR #75).
    this.modem.reply(`+CDSI: "${this.profile.reportsInSr ? 'SM' : where}",${index}`);
  }

  /** The modem resets: settings forgotten, echo back on, boot lines printed. */
  reboot(lines: readonly string[] = this.profile.bootLines): void {
    this.cnmi = undefined;
    this.cmgf = undefined;
    this.modem.echo = true;
    this.readMemory = 'SM';
    for (const line of lines) this.modem.reply(line);
  }

  private receiveMemory(): string {
    return this.storageChoice ?? 'SM';
  }

  private install(): void {
    const m = this.modem;
    const p = this.profile;
    // SMS commands need the SIM (27.005: +CMS ERROR 310 "SIM not inserted" / 311 "PIN required").
    const sms = (ok: () => string[]): string[] =>
      this.simState === 'ready' ? ok() : ['+CMS ERROR: 311'];
    const table: Array<[RegExp, (command: string, match: RegExpExecArray) => string[]]> = [
      [/^AT(\+CMEE=[012]|\+CREG=\d|\+COPS=3,0)$/i, () => ['OK']],
      [
        /^AT\+CGM([IMR])$/i,
        (_, m) => [{ I: p.manufacturer, M: p.model, R: p.revision }[m[1] as 'I'], 'OK'],
      ],
      [/^AT\+CGSN$/i, () => ['867856031234567', 'OK']],
      [
        /^AT\+CIMI$/i,
        () => (this.simState === 'ready' ? ['208150123456789', 'OK'] : ['+CME ERROR: 11']),
      ],
      [new RegExp(`^${escape(p.iccid.command)}$`, 'i'), () => [p.iccid.reply, 'OK']],
      [
        new RegExp(`^${escape(p.pinCounter.command)}$`, 'i'),
        () => [p.pinCounter.reply(this.pinAttempts, this.pukAttempts), 'OK'],
      ],
      [/^AT\+CPIN\?$/i, () => this.cpinAnswer()],
      [/^AT\+CPIN="?([^"]*)"?$/i, (_, match) => this.enterPin(match[1] ?? '')],
      [/^AT\+CMGF=([01])$/i, (_, match) => sms(() => this.setCmgf(match[1] ?? ''))],
      [
        /^AT\+CPMS="(\w+)","(\w+)","(\w+)"$/i,
        (_, match) => sms(() => this.selectAll(match[1] ?? '')),
      ],
      [/^AT\+CPMS="(\w+)"$/i, (_, match) => this.selectRead(match[1] ?? '')],
      [/^AT\+CPMS\?$/i, () => this.cpmsRead()],
      [/^AT\+CNMI=([\d,]+)$/i, (_, match) => sms(() => this.setCnmi(match[1] ?? ''))],
      [/^AT\+CREG\?$/i, () => [`+CREG: 1,${this.nextRegistration()}`, 'OK']],
      [
        /^AT\+CEREG\?$/i,
        () => (p.cereg ? [`+CEREG: 0,${this.registration[0] ?? 0}`, 'OK'] : ['ERROR']),
      ],
      [/^AT\+CSQ$/i, () => [...p.chatter, `+CSQ: ${this.rssi},99`, 'OK']],
      [/^AT\+COPS\?$/i, () => ['+COPS: 0,0,"Orange F",7', 'OK']],
      [/^AT\+CMGR=(\d+)$/i, (_, match) => this.read(Number(match[1]))],
      [/^AT\+CMGL=4$/i, () => this.list()],
      [/^AT\+CMGD=(\d+)(,0)?$/i, (_, match) => (this.memory().delete(Number(match[1])), ['OK'])],
    ];
    for (const [pattern, answer] of table) {
      m.use({
        name: pattern.source,
        matches: (c) => pattern.test(c),
        respond: (command, modem) =>
          modem.reply(...answer(command, pattern.exec(command) as RegExpExecArray)),
      });
    }
    // FakeModem reads `mr` when the PDU arrives: a getter makes every send take the next one.
    const cmgs = {} as { mr: number };
    Object.defineProperty(cmgs, 'mr', { get: () => this.nextMr++ % 256 });
    m.answerCmgs(cmgs);
  }

  private nextRegistration(): number {
    const stat = this.registration.length > 1 ? this.registration.shift() : this.registration[0];
    return stat ?? 0;
  }

  private cpinAnswer(): string[] {
    if (this.simState === 'missing') return ['+CME ERROR: 10'];
    const code = { ready: 'READY', pin: 'SIM PIN', puk: 'SIM PUK' }[this.simState];
    return [`+CPIN: ${code}`, 'OK'];
  }

  private enterPin(pin: string): string[] {
    this.pinEntries++;
    if (this.simState !== 'pin') return ['+CME ERROR: 3'];
    if (pin === this.pin) {
      this.simState = 'ready';
      this.pinAttempts = 3;
      return ['OK', '+CPIN: READY'];
    }
    this.pinAttempts--;
    if (this.pinAttempts <= 0) {
      this.simState = 'puk';
      return ['+CME ERROR: 12'];
    }
    return ['+CME ERROR: 16'];
  }

  private selectAll(name: string): string[] {
    const upper = name.toUpperCase();
    if (!this.profile.storages.includes(upper)) return ['+CMS ERROR: 302'];
    this.storageChoice = upper;
    this.readMemory = upper;
    const used = this.memory(upper).size;
    return [
      `+CPMS: ${used},${this.capacity},${used},${this.capacity},${used},${this.capacity}`,
      'OK',
    ];
  }

  private selectRead(name: string): string[] {
    const upper = name.toUpperCase();
    if (!this.storages.has(upper)) return ['+CMS ERROR: 302'];
    this.readMemory = upper;
    const used = this.memory(upper).size;
    const receive = this.memory(this.receiveMemory()).size;
    return [
      `+CPMS: ${used},${this.capacity},${receive},${this.capacity},${receive},${this.capacity}`,
      'OK',
    ];
  }

  private cpmsRead(): string[] {
    const r = this.readMemory;
    const s = this.receiveMemory();
    const [ru, su] = [this.memory(r).size, this.memory(s).size];
    const c = this.capacity;
    return [`+CPMS: "${r}",${ru},${c},"${s}",${su},${c},"${s}",${su},${c}`, 'OK'];
  }

  private setCmgf(mode: string): string[] {
    this.cmgf = mode;
    return ['OK'];
  }

  private setCnmi(mode: string): string[] {
    const ds = mode.split(',')[3] ?? '0';
    if (this.profile.refusesDs.includes(ds)) return ['ERROR'];
    this.cnmi = mode;
    return ['OK'];
  }

  private read(index: number): string[] {
    const entry = this.memory().get(index);
    if (entry === undefined) return ['OK'];
    if (entry.stat === 0) entry.stat = 1;
    return [`+CMGR: ${entry.stat},,${tpduLength(entry.pdu)}`, entry.pdu, 'OK'];
  }

  private list(): string[] {
    const lines: string[] = [];
    for (const [index, entry] of [...this.memory().entries()].sort(([a], [b]) => a - b)) {
      lines.push(`+CMGL: ${index},${entry.stat},,${tpduLength(entry.pdu)}`, entry.pdu);
      if (entry.stat === 0) entry.stat = 1;
    }
    return [...lines, 'OK'];
  }
}

/** TPDU octets of a PDU that starts with its SCA. */
export function tpduLength(pdu: string): number {
  return pdu.length / 2 - 1 - parseInt(pdu.slice(0, 2), 16);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
