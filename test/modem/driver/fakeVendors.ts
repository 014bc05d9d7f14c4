/**
 * The vendor styles DriverFakeModem can play, from the transcripts in test/fixtures/modem/
 * and the manuals and issues they cite (see DriverFakeModem.ts for the list of quirks).
 */
export type FakeVendor = 'sim800' | 'ec25' | 'huawei';

export interface VendorProfile {
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  readonly storages: readonly string[];
  readonly refusesDs: readonly string[];
  readonly cereg: boolean;
  readonly iccid: { readonly command: string; readonly reply: string };
  readonly pinCounter: {
    readonly command: string;
    readonly reply: (pin: number, puk: number) => string;
  };
  readonly bootLines: readonly string[];
  readonly reportsInSr: boolean;
  /** Vendor chatter sent in the middle of the AT+CSQ answer (gammu #126: ^RSSI, ^MODE). */
  readonly chatter: readonly string[];
}

export const VENDORS: Record<FakeVendor, VendorProfile> = {
  sim800: {
    manufacturer: 'SIMCOM_Ltd',
    model: 'SIMCOM_SIM800L',
    revision: 'Revision:1418B04SIM800L24',
    storages: ['SM'],
    refusesDs: ['2'],
    cereg: false,
    iccid: { command: 'AT+CCID', reply: '8933150319012345678F' },
    pinCounter: { command: 'AT+SPIC', reply: (pin, puk) => `+SPIC: ${pin},${puk},3,10` },
    bootLines: ['RDY', '+CFUN: 1', '+CPIN: READY', 'Call Ready', 'SMS Ready'],
    reportsInSr: false,
    chatter: [],
  },
  ec25: {
    manufacturer: 'Quectel',
    model: 'EC25',
    revision: 'Revision: EC25EFAR06A03M4G',
    storages: ['SM', 'ME'],
    refusesDs: [],
    cereg: true,
    iccid: { command: 'AT+QCCID', reply: '+QCCID: 89860318740200123456' },
    pinCounter: { command: 'AT+QPINC="SC"', reply: (pin, puk) => `+QPINC: "SC",${pin},${puk}` },
    bootLines: ['RDY', '+CFUN: 1', '+CPIN: READY', '+QUSIM: 1', '+QIND: SMS DONE'],
    reportsInSr: true,
    chatter: [],
  },
  huawei: {
    manufacturer: 'huawei',
    model: 'E173',
    revision: '11.126.85.00.209',
    storages: ['SM'],
    refusesDs: ['1'],
    cereg: false,
    iccid: { command: 'AT^ICCID?', reply: '^ICCID: 89314404000012345678' },
    pinCounter: { command: 'AT^CPIN?', reply: (pin, puk) => `^CPIN: READY,,${puk},${pin},10,3` },
    bootLines: ['^SYSSTART'],
    reportsInSr: false,
    chatter: ['^RSSI:14', '^BOOT:35323129,0,0,0,26'],
  },
};
