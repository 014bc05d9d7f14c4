/**
 * Builds the pieces a ModemDriver is made of and wires them to each other: the link (port +
 * engine), the context the helpers share, the inbox and status reports on one worker, the
 * health/sweep monitor, the recovery actions and the supervisor. The driver keeps the state
 * and the public API; what each piece needs from it comes in through `DriverHooks`.
 */
import type { Clock } from '../../policy/Clock.js';
import type { AtCommand, AtResponse } from '../engine/AtCommand.js';
import type { DriverContext } from './DriverContext.js';
import { DriverMonitor } from './DriverMonitor.js';
import { createRecoveryActions } from './driverRecovery.js';
import { routeUrcs, type UrcTargets } from './engineUrcs.js';
import { readHealth } from './health.js';
import { Inbox } from './inbox.js';
import type { DriverState, InboundHandler, ModemDriverEvents } from './ModemDriverEvents.js';
import type { ResolvedModemDriverOptions } from './ModemDriverOptions.js';
import { ModemLink } from './ModemLink.js';
import { safeLog, type ModemLogger } from '../ModemLogger.js';
import { ModemSupervisor, type LadderSettings } from './ModemSupervisor.js';
import type { PowerControl } from '../power/PowerControl.js';
import type { RecoveryActions } from '../recovery/RecoveryActions.js';
import { RegistrationReader, type RegistrationState } from './registration.js';
import { StatusReports } from './statusReports.js';
import { readStorageStatus } from './storage.js';
import type { StoreAccess } from './storedMessages.js';
import type { Transport } from '../transport/Transport.js';

export type Emit = <K extends keyof ModemDriverEvents>(
  event: K,
  ...args: ModemDriverEvents[K]
) => void;

export interface DriverHooks {
  readonly emit: Emit;
  readonly signal: () => AbortSignal;
  readonly state: () => DriverState;
  readonly storage: () => string;
  readonly handler: () => InboundHandler | undefined;
  readonly noteRegistration: (state: RegistrationState) => void;
  readonly reinitialise: (settleMs: number) => Promise<void>;
  readonly enterRecovering: () => void;
  readonly fail: (error: unknown) => void;
}

export interface DriverPartsConfig {
  readonly transportFactory: () => Promise<Transport>;
  readonly clock: Clock;
  readonly logger: ModemLogger;
  readonly options: ResolvedModemDriverOptions;
  readonly powerControl: PowerControl | undefined;
  readonly recovery: false | LadderSettings | undefined;
}

export interface DriverParts {
  readonly link: ModemLink;
  readonly ctx: DriverContext;
  readonly store: StoreAccess;
  readonly inbox: Inbox;
  readonly reports: StatusReports;
  readonly monitor: DriverMonitor;
  readonly registration: RegistrationReader;
  readonly actions: RecoveryActions;
  readonly supervisor: ModemSupervisor;
}

export function buildDriverParts(config: DriverPartsConfig, hooks: DriverHooks): DriverParts {
  const { clock, logger, options, powerControl } = config;
  const { emit, signal } = hooks;
  // Late-bound: commands count toward recovery, which needs the supervisor built below.
  const late: { supervisor?: ModemSupervisor; urcs?: UrcTargets } = {};
  const link: ModemLink = new ModemLink({
    transportFactory: config.transportFactory,
    clock,
    engineOptions: options.engine,
    openTimeoutMs: options.openTimeoutMs,
    onEngine: (engine) => {
      if (late.urcs !== undefined) routeUrcs(engine, late.urcs);
    },
    onLost: (cause) => late.supervisor?.onLinkLost(cause),
  });
  const at = async (command: AtCommand): Promise<AtResponse> => {
    try {
      const response = await link.send(command);
      late.supervisor?.noteCommand();
      return response;
    } catch (error) {
      late.supervisor?.noteCommand(error);
      throw error;
    }
  };
  const ctx: DriverContext = {
    at,
    clock,
    options,
    logger,
    get signal() {
      return signal();
    },
  };
  const { simCommandTimeoutMs: timeoutMs, listTimeoutMs } = options;
  const store: StoreAccess = { at, currentStorage: hooks.storage, timeoutMs, listTimeoutMs };
  const inbox = new Inbox({ ctx, store, emit, handler: hooks.handler });
  const reports = new StatusReports({ store, worker: inbox.worker, emit, logger });
  const registration = new RegistrationReader(at, options.commandTimeoutMs);
  const monitor = new DriverMonitor({
    clock,
    options,
    logger,
    emit,
    isReady: () => hooks.state() === 'ready',
    readHealth: () => readHealth({ at, registration, timeoutMs, now: () => clock.now() }),
    readStorage: () => readStorageStatus(at, timeoutMs),
    sweep: () => inbox.sweep(),
    unhandled: () => inbox.unhandledCount,
    onRegistration: hooks.noteRegistration,
  });
  const actions = createRecoveryActions({ link, clock, options, powerControl, signal });
  const supervisor = new ModemSupervisor({
    clock,
    logger,
    options,
    actions,
    canPowerCycle: powerControl?.canPowerCycle ?? false,
    ladder: config.recovery,
    emit,
    state: hooks.state,
    stopped: () => signal().aborted,
    reinitialise: hooks.reinitialise,
    enterRecovering: hooks.enterRecovering,
    fail: hooks.fail,
  });
  late.supervisor = supervisor;
  late.urcs = urcTargets(hooks, logger, inbox, reports, supervisor);
  return { link, ctx, store, inbox, reports, monitor, registration, actions, supervisor };
}

/** Where each URC goes; inbox work only while ready (the sweep after init catches the rest). */
function urcTargets(
  hooks: DriverHooks,
  logger: ModemLogger,
  inbox: Inbox,
  reports: StatusReports,
  supervisor: ModemSupervisor,
): UrcTargets {
  const ready = (): boolean => hooks.state() === 'ready';
  const background = (work: Promise<unknown>, failure: string): void => {
    work.catch((error: unknown) => {
      safeLog(logger, 'warn', { error: (error as Error).message }, failure);
    });
  };
  return {
    newMessage: (storage, index) => {
      if (ready()) background(inbox.onNewMessage(storage, index), '+CMTI read failed');
    },
    statusReport: (length, pdu) => reports.onDirect(length, pdu),
    statusReportIndex: (storage, index) => {
      if (ready()) background(reports.onStored(storage, index), '+CDSI read failed');
    },
    registration: hooks.noteRegistration,
    boot: (line) => supervisor.onBootLine(line),
    lateMr: (mr) => hooks.emit('late-mr', { mr }),
    diagnostic: (kind) => safeLog(logger, 'debug', { kind }, 'AT engine diagnostic'),
  };
}
