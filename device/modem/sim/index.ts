/** The simulated modem (docs/simulated-modem.md): an AT interpreter, its faults, and its pty host. */
export { SimulatedModem } from './SimulatedModem.js';
export type {
  CommandRecord,
  PowerState,
  SimLink,
  SimulatedModemEvents,
} from './SimulatedModemTypes.js';
export type { SimulatedModemOptions } from './SimModemOptions.js';
export { SimFaults } from './SimFaults.js';
export type { InboundResult, InboundSms, SentMessage, StatusReportRecord } from './SimNetwork.js';
export { MESSAGE_STATUS, type MessageStatus, type StoredMessage } from './SimStorage.js';
export {
  SIM_PROFILE_NAMES,
  SIM_PROFILES,
  isSimProfileName,
  type SimProfile,
  type SimProfileName,
} from './SimProfiles.js';
export { PtyModemHost, type PtyModemHostOptions } from './PtyModemHost.js';
export { connectMemoryTransport } from './connectMemoryTransport.js';
export { SIM_CONSOLE_HELP, runConsoleLine } from './SimConsole.js';
