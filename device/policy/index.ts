/**
 * The policy layer's public surface (ARCHITECTURE.md, Layers): pure rules
 * with no I/O. Other layers import from here, not from the files behind it.
 */
export { systemClock, type Clock, type TimerHandle } from './Clock.js';
export { ManualClock } from './ManualClock.js';
export { isPolicyError, type PolicyError, type PolicyErrorCode } from './policyErrors.js';
export { easterSunday } from './easter.js';
export {
  HOLIDAY_CALENDARS,
  holidayOn,
  holidaysOf,
  isHolidayCalendarId,
  type Holiday,
  type HolidayCalendarId,
} from './holidays.js';
export {
  ALWAYS_OPEN,
  WEEKDAYS,
  everyDay,
  type SendingWindow,
  type TimeRange,
  type Weekday,
  type WeeklyHours,
  type WhenClosed,
} from './SendingWindow.js';
export {
  SEARCH_HORIZON_DAYS,
  WindowSchedule,
  isOpen,
  nextOpening,
  scheduleOf,
  type OpenInterval,
} from './WindowSchedule.js';
export { formatWindowSpec, parseWindowSpec } from './windowSpec.js';
export {
  DEFAULT_WINDOWS,
  MESSAGE_CLASSES,
  WINDOW_PROFILES,
  resolveWindow,
  type MessageClass,
  type WindowConfig,
  type WindowOverrides,
  type WindowProfileName,
} from './windowProfiles.js';
export { windowStatus, type WindowStatus } from './windowStatus.js';
export { formatInstant, parseInstant } from './zoneTime.js';
export { decideSend, type SendDecision, type SendDecisionInput } from './sendDecision.js';
export {
  EXACT_ONLY_OPT_OUT_KEYWORDS,
  NOT_OPT_OUT_PHRASES,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  classifyReply,
  normaliseReply,
  type ReplyClassification,
  type ReplyKind,
  type ReviewReason,
} from './optOutKeywords.js';
export {
  DEFAULT_MONTHLY_STOCK,
  DEFAULT_PACK_VALIDITY_YEARS,
  MAX_MONTHLY_STOCK,
  type AdjustEvent,
  type ConsumeEvent,
  type CreditEvent,
  type ExpirePackEvent,
  type GrantPackEvent,
  type SetMonthlyStockEvent,
} from './creditEvents.js';
export {
  balanceAt,
  emptyBalance,
  type CreditBalance,
  type CreditLedgerOptions,
  type MonthlyBalance,
  type PackBalance,
} from './creditBalance.js';
export { planConsumption, type ConsumptionPlan, type CreditDraw } from './creditPlan.js';
export { applyCreditEvent, creditBalance } from './creditLedger.js';
