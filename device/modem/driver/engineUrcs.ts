/**
 * Routes an engine's URCs to the driver: new messages and status reports to the inbox,
 * registration changes, boot lines (reboot detection) and a late `+CMGS`.
 *
 * Reboot lines are the engine's `boot` events (RDY, +CFUN: 1, +CPIN: …, Call Ready,
 * SMS Ready, SMS DONE, *ATREADY, +QUSIM, +QIND: … DONE) plus Huawei's `^SYSSTART` ("the
 * module is starting", ME909 guide) and `^SIMST`. Not `^BOOT`: E-series sticks repeat it
 * every 30 s as a heartbeat (gammu #393), and ModemManager's Huawei plugin ignores it.
 */
import type { AtEngine } from '../engine/AtEngine.js';
import type { RegistrationState } from './registration.js';
import { statToStatus } from './registration.js';

export interface UrcTargets {
  readonly newMessage: (storage: string, index: number) => void;
  readonly statusReport: (length: number, pdu: string) => void;
  readonly statusReportIndex: (storage: string, index: number) => void;
  readonly registration: (state: RegistrationState) => void;
  readonly boot: (line: string) => void;
  readonly lateMr: (mr: number) => void;
  readonly diagnostic: (kind: string) => void;
}

const HUAWEI_RESTART = /^\^(SYSSTART|SIMST)\b/i;
const LATE_CMGS = /^\+CMGS:\s*(\d{1,3})\b/;

export function routeUrcs(engine: AtEngine, to: UrcTargets): void {
  engine.on('newMessage', ({ storage, index }) => to.newMessage(storage, index));
  engine.on('statusReport', ({ length, pdu }) => to.statusReport(length, pdu));
  engine.on('statusReportIndex', ({ storage, index }) => to.statusReportIndex(storage, index));
  engine.on('registration', (urc) => {
    if (urc.domain !== 'CREG' && urc.domain !== 'CEREG') return; // PS-only domains do not carry SMS here
    to.registration({
      status: statToStatus(urc.stat),
      stat: urc.stat,
      domain: urc.domain,
      ...(urc.lac === undefined ? {} : { lac: urc.lac }),
      ...(urc.ci === undefined ? {} : { ci: urc.ci }),
      ...(urc.act === undefined ? {} : { act: urc.act }),
    });
  });
  engine.on('boot', ({ line }) => to.boot(line));
  engine.on('vendor', ({ line }) => {
    if (HUAWEI_RESTART.test(line)) to.boot(line);
    const late = LATE_CMGS.exec(line);
    if (late !== null) to.lateMr(Number(late[1]));
  });
  engine.on('diagnostic', (d) => to.diagnostic(d.kind));
}
