/**
 * What distinguishes the modems gsmgate meets in the field, as far as the driver can tell:
 * identity strings, the command that reads the ICCID, what they print while booting, and
 * the chatter they send unasked. Sources: the transcripts in test/fixtures/modem/ (SIM800L
 * manual V1.09, Quectel EC25 AT manual, Huawei E173 logs in gammu issues) and docs/at-engine.md.
 */

export const SIM_PROFILE_NAMES = ['generic', 'sim800', 'quectel', 'huawei'] as const;
export type SimProfileName = (typeof SIM_PROFILE_NAMES)[number];

export interface SimProfile {
  readonly name: SimProfileName;
  /** AT+CGMI / AT+CGMM / AT+CGMR, and ATI (manufacturer, model, revision lines). */
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /**
   * The one ICCID command this vendor knows and the prefix of its answer (`''`: a bare line).
   * SIM800 `AT+CCID` answers the bare digits; Quectel has `AT+QCCID`; Huawei `AT^ICCID?`.
   */
  readonly iccidCommand: string;
  readonly iccidPrefix: string;
  /** Lines printed after power-up when the SIM needs no PIN, in order. */
  readonly bootLines: readonly string[];
  /** Lines printed once the SIM is ready (boot without PIN, or after AT+CPIN=<pin>). */
  readonly simReadyLines: readonly string[];
  /** Unsolicited chatter repeated every `chatterIntervalMs` (Huawei's `^RSSI`), `{rssi}` replaced. */
  readonly chatter: readonly string[];
  /** The full-SIM notice, when the vendor prints one. */
  readonly memoryFullUrc: string | undefined;
}

const generic: SimProfile = {
  name: 'generic',
  manufacturer: 'gsmgate',
  model: 'Simulated GSM modem',
  revision: 'gsmgate-sim 1.0',
  iccidCommand: '+CCID',
  iccidPrefix: '+CCID: ',
  bootLines: ['RDY'],
  simReadyLines: [],
  chatter: [],
  memoryFullUrc: undefined,
};

const sim800: SimProfile = {
  name: 'sim800',
  manufacturer: 'SIMCOM_Ltd',
  model: 'SIMCOM_SIM800L',
  revision: 'Revision:1418B05SIM800L24',
  iccidCommand: '+CCID',
  iccidPrefix: '',
  bootLines: ['RDY', '+CFUN: 1'],
  simReadyLines: ['+CPIN: READY', 'Call Ready', 'SMS Ready'],
  chatter: [],
  memoryFullUrc: undefined,
};

const quectel: SimProfile = {
  name: 'quectel',
  manufacturer: 'Quectel',
  model: 'EC25',
  revision: 'EC25EFAR06A06M4G',
  iccidCommand: '+QCCID',
  iccidPrefix: '+QCCID: ',
  bootLines: ['RDY', '+CFUN: 1'],
  simReadyLines: ['+CPIN: READY', '+QUSIM: 1', '+QIND: SMS DONE', '+QIND: PB DONE'],
  chatter: [],
  memoryFullUrc: undefined,
};

const huawei: SimProfile = {
  name: 'huawei',
  manufacturer: 'huawei',
  model: 'E173',
  revision: '11.126.85.00.209',
  iccidCommand: '^ICCID?',
  iccidPrefix: '^ICCID: ',
  bootLines: ['^BOOT:35323129,0,0,0,26'],
  simReadyLines: ['^SIMST:1'],
  chatter: ['^RSSI:{rssi}', '^BOOT:35323129,0,0,0,26'],
  // Huawei's notice that the SMS storage is full (E1xx/E3xx interface description).
  memoryFullUrc: '^SMMEMFULL: "SM"',
};

export const SIM_PROFILES: Readonly<Record<SimProfileName, SimProfile>> = {
  generic,
  sim800,
  quectel,
  huawei,
};

export function isSimProfileName(name: string): name is SimProfileName {
  return (SIM_PROFILE_NAMES as readonly string[]).includes(name);
}
