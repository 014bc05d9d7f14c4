/**
 * Who the modem is: manufacturer, model, revision, IMEI (27.007 §5.1–§5.4: AT+CGMI, AT+CGMM,
 * AT+CGMR, AT+CGSN), and, once the SIM is unlocked, IMSI (§5.6 AT+CIMI) and ICCID, which has
 * no standard command: SIMCom SIM800 `AT+CCID` (bare digits), SIM7600 `AT+CICCID`
 * (`+ICCID: …`), Quectel `AT+QCCID` (`+QCCID: …`), Huawei `AT^ICCID?` (`^ICCID: …`).
 * Every field is optional: a modem that refuses one still works.
 */
import { bareValue, printable } from './atResponse.js';
import { vendorOf, type AtSend, type ModemVendor } from './DriverContext.js';

export interface ModemIdentity {
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly revision: string | null;
  readonly imei: string | null;
  readonly imsi: string | null;
  readonly iccid: string | null;
  readonly vendor: ModemVendor;
}

export type DeviceIdentity = Pick<
  ModemIdentity,
  'manufacturer' | 'model' | 'revision' | 'imei' | 'vendor'
>;

async function ask(at: AtSend, command: string, timeoutMs: number): Promise<string | null> {
  try {
    return printable(bareValue((await at({ command, timeoutMs })).lines)) ?? null;
  } catch {
    return null;
  }
}

/** What the modem says about itself; works without a SIM. */
export async function readDeviceIdentity(at: AtSend, timeoutMs: number): Promise<DeviceIdentity> {
  const manufacturer = await ask(at, 'AT+CGMI', timeoutMs);
  const model = await ask(at, 'AT+CGMM', timeoutMs);
  const revision = await ask(at, 'AT+CGMR', timeoutMs);
  const rawImei = await ask(at, 'AT+CGSN', timeoutMs);
  // 15 digits (TS 23.003 §6.2.1); some firmware answers 14 or 16 (IMEISV): keep the digits.
  const imei = rawImei !== null && /^\d{14,17}$/.test(rawImei) ? rawImei : null;
  return { manufacturer, model, revision, imei, vendor: vendorOf(manufacturer ?? undefined) };
}

const ICCID_COMMANDS: Record<ModemVendor, readonly string[]> = {
  simcom: ['AT+CCID', 'AT+CICCID'],
  quectel: ['AT+QCCID', 'AT+CCID'],
  huawei: ['AT^ICCID?', 'AT+CCID'],
  generic: ['AT+CCID', 'AT+CICCID', 'AT+QCCID'],
};

/** IMSI and ICCID; needs an unlocked SIM. */
export async function readSimIdentity(
  at: AtSend,
  vendor: ModemVendor,
  timeoutMs: number,
): Promise<Pick<ModemIdentity, 'imsi' | 'iccid'>> {
  const rawImsi = await ask(at, 'AT+CIMI', timeoutMs);
  const imsi = rawImsi !== null && /^\d{6,15}$/.test(rawImsi) ? rawImsi : null;
  let iccid: string | null = null;
  for (const command of ICCID_COMMANDS[vendor]) {
    iccid = normaliseIccid(await ask(at, command, timeoutMs));
    if (iccid !== null) break;
  }
  return { imsi, iccid };
}

/**
 * 18–22 digits (ITU-T E.118) starting 89 (telecom). Read raw from EF_ICCID the digits come
 * nibble-swapped (`98…`) and F-padded; both are undone.
 */
export function normaliseIccid(raw: string | null): string | null {
  let value = raw?.trim() ?? '';
  if (/^98[0-9fF]+$/.test(value) && value.length % 2 === 0) {
    value = value.replace(/(.)(.)/g, '$2$1');
  }
  value = value.replace(/[fF]+$/, '');
  return /^89\d{16,20}$/.test(value) ? value : null;
}
