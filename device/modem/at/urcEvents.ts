/**
 * Unsolicited result codes (URCs) as typed events, and the table of lines that are URCs.
 *
 * Sources: 27.005 §3.4.1 (+CNMI indications: +CMTI, +CMT, +CDS, +CDSI), 27.007 §7.2 (+CREG)
 * and the +CGREG/+CEREG clauses of §10.1, V.250 (RING); boot lines from the SIMCom SIM800 /
 * SIM7600, Quectel EC25 and Huawei E-series manuals and logs (see test/fixtures/modem/).
 */

/** Storage and slot of a message announced by +CMTI/+CDSI (27.005 §3.4.1). */
export interface StorageIndex {
  readonly storage: string;
  readonly index: number;
}

export type RegistrationDomain = 'CREG' | 'CGREG' | 'CEREG' | 'C5GREG';

export type UrcEvent =
  /** `+CMTI: <mem>,<index>`: an SMS-DELIVER was stored. */
  | ({ readonly type: 'newMessage'; readonly line: string } & StorageIndex)
  /** `+CDSI: <mem>,<index>`: a status report was stored. */
  | ({ readonly type: 'statusReportIndex'; readonly line: string } & StorageIndex)
  /** `+CDS: <length>` + PDU line: a status report routed straight to us (CNMI ds=1). */
  | {
      readonly type: 'statusReport';
      readonly line: string;
      readonly length: number;
      readonly pdu: string;
    }
  /** `+CMT: [<alpha>],<length>` + PDU line: an SMS-DELIVER routed straight to us (CNMI mt=2). */
  | {
      readonly type: 'directMessage';
      readonly line: string;
      readonly length: number;
      readonly pdu: string;
    }
  /** Network registration change (+CREG/+CGREG/+CEREG/+C5GREG with n ≥ 1). */
  | {
      readonly type: 'registration';
      readonly line: string;
      readonly domain: RegistrationDomain;
      /** 0 not registered, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming, … (27.007 §7.2). */
      readonly stat: number;
      /** Location/tracking area code, hex as sent. */
      readonly lac?: string;
      /** Cell id, hex as sent. */
      readonly ci?: string;
      /** Access technology (0 GSM, 2 UTRAN, 7 E-UTRAN, …). */
      readonly act?: number;
    }
  | { readonly type: 'ring'; readonly line: string }
  /** Power-up and SIM-readiness lines: RDY, Call Ready, SMS Ready, +CPIN: READY, … */
  | { readonly type: 'boot'; readonly line: string }
  /** Anything else the modem says on its own: ^RSSI, +CTZV, unknown URCs. */
  | { readonly type: 'vendor'; readonly line: string };

export type UrcType = UrcEvent['type'];

/** Lines that are a complete boot URC by themselves. */
const BOOT_LINES = new Set(['RDY', 'CALL READY', 'SMS READY', 'SMS DONE', 'PB DONE', 'START']);
/** Prefixes whose lines are boot URCs when no command in flight owns them. */
const BOOT_PREFIXES = ['+CPIN', '+CFUN', '*ATREADY', '+QUSIM'];
/** Prefixes of URCs we do not interpret but must never hand to a command. */
const VENDOR_PREFIXES = [
  '+CTZV',
  '+CTZE',
  '+CTZU',
  '+CIEV',
  '+CGEV',
  '+CUSD',
  '+CLIP',
  '+CCWA',
  '+CSQN',
  '+PACSP',
  '+QIND',
];
/** SIM800/EC25 power supervision lines (SIM800 writes "WARNNING"; a prefix match covers it). */
const VENDOR_LINE_STARTS = ['UNDER-VOLTAGE', 'OVER-VOLTAGE', 'NORMAL POWER DOWN', 'POWERED DOWN'];

/** A recognised URC line: a complete event, or the header of a two-line URC. */
export type UrcMatch =
  | { readonly kind: 'event'; readonly prefix: string | undefined; readonly event: UrcEvent }
  | { readonly kind: 'header'; readonly prefix: string; readonly header: TwoLineHeader };

/** The first line of +CMT/+CDS; the PDU follows on the next line (27.005 §3.4.1). */
export interface TwoLineHeader {
  readonly type: 'directMessage' | 'statusReport';
  readonly line: string;
  readonly length: number;
}

/** `+XYZ` or `^XYZ` of a `+XYZ: …` line, upper-cased; undefined for bare lines. */
export function linePrefix(line: string): string | undefined {
  const match = /^([+^*][A-Za-z0-9]+)\s*:/.exec(line) ?? /^([+^*][A-Za-z0-9]+)$/.exec(line);
  return match?.[1]?.toUpperCase();
}

/**
 * Recognise `line` as a URC. Returns undefined for lines that are not known URCs (the
 * caller decides whether they belong to a command or are unknown unsolicited chatter).
 */
export function matchUrc(line: string): UrcMatch | undefined {
  const prefix = linePrefix(line);
  const rest = prefix === undefined ? '' : line.slice(line.indexOf(':') + 1).trim();
  const upper = line.toUpperCase();
  const event = (e: UrcEvent): UrcMatch => ({ kind: 'event', prefix, event: e });

  switch (prefix) {
    case '+CMTI':
    case '+CDSI': {
      const at = parseStorageIndex(rest);
      if (at === undefined) return event({ type: 'vendor', line });
      return event({ type: prefix === '+CMTI' ? 'newMessage' : 'statusReportIndex', line, ...at });
    }
    case '+CMT':
    case '+CDS': {
      // PDU mode only: +CMT: [<alpha>],<length> and +CDS: <length>. The text-mode +CDS is one
      // line with several fields; we never select text mode, so it is passed on as vendor.
      const fields = rest.split(',');
      const length = toInt(fields[fields.length - 1]);
      const shapeOk = prefix === '+CMT' ? fields.length === 2 : fields.length === 1;
      if (!shapeOk || length === undefined) return event({ type: 'vendor', line });
      const type = prefix === '+CMT' ? 'directMessage' : 'statusReport';
      return { kind: 'header', prefix, header: { type, line, length } };
    }
    case '+CREG':
    case '+CGREG':
    case '+CEREG':
    case '+C5GREG':
      return event(parseRegistration(prefix.slice(1) as RegistrationDomain, line, rest));
    case '+CRING':
      return event({ type: 'ring', line });
    case '+QIND':
      // EC25: "+QIND: SMS DONE" / "+QIND: PB DONE" finish its boot; other +QIND are chatter.
      return event({ type: /DONE/i.test(rest) ? 'boot' : 'vendor', line });
    case undefined:
      break;
    default:
      if (prefix.startsWith('^') || VENDOR_PREFIXES.includes(prefix)) {
        return event({ type: 'vendor', line });
      }
      if (BOOT_PREFIXES.includes(prefix)) return event({ type: 'boot', line });
      return undefined;
  }
  if (upper === 'RING') return event({ type: 'ring', line });
  if (BOOT_LINES.has(upper)) return event({ type: 'boot', line });
  if (VENDOR_LINE_STARTS.some((start) => upper.startsWith(start))) {
    return event({ type: 'vendor', line });
  }
  return undefined;
}

/** Complete a two-line URC with its PDU line; undefined if `pdu` is not hex. */
export function completeTwoLine(header: TwoLineHeader, pdu: string): UrcEvent | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(pdu)) return undefined;
  return { type: header.type, line: header.line, length: header.length, pdu: pdu.toUpperCase() };
}

/** `"SM",3` → { storage: 'SM', index: 3 }; undefined when malformed. */
export function parseStorageIndex(rest: string): StorageIndex | undefined {
  const [mem, idx, extra] = rest.split(',').map((field) => unquote(field));
  const index = toInt(idx);
  if (mem === undefined || mem === '' || extra !== undefined || index === undefined) {
    return undefined;
  }
  return { storage: mem, index };
}

/**
 * The URC form is `<stat>[,<lac>,<ci>[,<AcT>]]` (27.007 §7.2); the answer to AT+CREG? has
 * `<n>` first, but that one is owned by the command and never reaches here. Huawei E17xx
 * sends lac/ci unquoted with spaces ("+CREG: 1, E006B, ABE0016"), hence the unquote/trim.
 */
function parseRegistration(domain: RegistrationDomain, line: string, rest: string): UrcEvent {
  const fields = rest.split(',').map((field) => unquote(field));
  const stat = toInt(fields[0]);
  if (stat === undefined) return { type: 'vendor', line };
  const lac = fields[1] || undefined;
  const ci = fields[2] || undefined;
  const act = toInt(fields[3]);
  return {
    type: 'registration',
    line,
    domain,
    stat,
    ...(lac === undefined ? {} : { lac }),
    ...(ci === undefined ? {} : { ci }),
    ...(act === undefined ? {} : { act }),
  };
}

function unquote(field: string): string {
  return field.trim().replace(/^"(.*)"$/, '$1');
}

/** Decimal digits only: `Number()` would also take "0x1f", "1e3" and "" from line noise. */
function toInt(field: string | undefined): number | undefined {
  const text = field?.trim();
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}
