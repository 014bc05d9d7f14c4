import { DateTime, IANAZone } from 'luxon';
import { civilDateOf, dayNumberOf, DAY_MS, MINUTE_MS, type DayNumber } from './civilDate.js';
import { assertInstant, policyError } from './policyErrors.js';

/**
 * Local wall time ↔ instants in an IANA zone. The zone rules (offsets and
 * their changes) come from the tz database through luxon; this file only
 * decides what a wall time that does not exist, or exists twice, stands for.
 *
 * We do not use luxon's DateTime.fromObject for that: it resolves a repeated
 * hour by guessing from the offset in force *when the code runs* (summer or
 * winter), so the same input would give a different instant in July than in
 * January. Here the rule is fixed (see localToInstant).
 */
export interface Zone {
  readonly name: string;
  /** Offset from UTC in minutes at `instant` (Paris: 60 in winter, 120 in summer). */
  offsetAt(instant: number): number;
}

const zones = new Map<string, Zone>();

/** Returns the zone, or throws POLICY_WINDOW_TIME_ZONE naming it. */
export function zoneNamed(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    if (typeof name !== 'string' || !IANAZone.isValidZone(name)) {
      throw policyError(
        'POLICY_WINDOW_TIME_ZONE',
        `"${String(name)}" is not an IANA time zone (e.g. Europe/Paris)`,
        { timeZone: String(name) },
      );
    }
    zone = cachedZone(name, IANAZone.create(name));
    zones.set(name, zone);
  }
  return zone;
}

/** UTC days whose offsets a zone remembers before it starts afresh. */
const OFFSET_CACHE_DAYS = 20_000;

/**
 * Asking the tz database (through Intl) costs microseconds per call, and a
 * dispatcher asks many times around the same days. A UTC day with the same
 * offset at its first and last millisecond has that offset throughout (no
 * zone changes twice in a day and back), so one answer serves the whole day;
 * the few days with a change are asked instant by instant.
 */
function cachedZone(name: string, iana: IANAZone): Zone {
  const days = new Map<number, number>();
  return {
    name,
    offsetAt(instant) {
      const day = Math.floor(instant / DAY_MS);
      let offset = days.get(day);
      if (offset === undefined) {
        const first = iana.offset(day * DAY_MS);
        offset = first === iana.offset(day * DAY_MS + DAY_MS - 1) ? first : Number.NaN;
        if (days.size >= OFFSET_CACHE_DAYS) days.clear();
        days.set(day, offset);
      }
      return Number.isNaN(offset) ? iana.offset(instant) : offset;
    },
  };
}

/** Where an instant falls on the local calendar. */
export interface LocalPosition {
  readonly day: DayNumber;
  /** Milliseconds since local midnight (wall clock). */
  readonly msOfDay: number;
}

export function localPositionOf(zone: Zone, instant: number): LocalPosition {
  const wall = instant + zone.offsetAt(instant) * MINUTE_MS;
  const day = Math.floor(wall / DAY_MS);
  return { day, msOfDay: wall - day * DAY_MS };
}

/**
 * The instant at which the wall clock of `zone` shows `msOfDay` milliseconds
 * past midnight on `day` (one full day = the next midnight).
 *
 * - Repeated wall time (the autumn fall-back hour): the first occurrence, so
 *   an opening or closing happens once, not twice.
 * - Missing wall time (the spring-forward gap): the first instant after the
 *   gap, i.e. the moment the clock jumps (02:30 on the spring night in Paris
 *   becomes 03:00 CEST), the next valid instant.
 */
export function localToInstant(zone: Zone, day: DayNumber, msOfDay: number): number {
  const wall = day * DAY_MS + msOfDay;
  // Offsets in force around that wall time; one transition per two days at most
  // holds for every zone we serve, so these three samples see both sides of it.
  const offsets = [zone.offsetAt(wall - DAY_MS), zone.offsetAt(wall), zone.offsetAt(wall + DAY_MS)];
  let first: number | undefined;
  for (const offset of offsets) {
    const candidate = wall - offset * MINUTE_MS;
    if (zone.offsetAt(candidate) === offset && (first === undefined || candidate < first)) {
      first = candidate;
    }
  }
  if (first !== undefined) return first;
  // No instant shows this wall time: it is in a gap. The clock jumps somewhere
  // between the two readings below; find the first instant on the far side.
  let before = wall - Math.max(...offsets) * MINUTE_MS;
  let after = wall - Math.min(...offsets) * MINUTE_MS;
  const offsetBefore = zone.offsetAt(before);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (zone.offsetAt(mid) === offsetBefore) before = mid;
    else after = mid;
  }
  return after;
}

/** The instant the local month containing `instant` began (1st, 00:00 wall time). */
export function startOfLocalMonth(zone: Zone, instant: number): number {
  const { year, month } = civilDateOf(localPositionOf(zone, instant).day);
  return localToInstant(zone, dayNumberOf({ year, month, day: 1 }), 0);
}

/** The instant the local month after the one containing `instant` begins. */
export function startOfNextLocalMonth(zone: Zone, instant: number): number {
  const { year, month } = civilDateOf(localPositionOf(zone, instant).day);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return localToInstant(zone, dayNumberOf({ ...next, day: 1 }), 0);
}

/**
 * The same wall time `years` later (29 February becomes 28 February), resolved
 * by the rules of localToInstant.
 */
export function addLocalYears(zone: Zone, instant: number, years: number): number {
  const { day, msOfDay } = localPositionOf(zone, instant);
  const date = civilDateOf(day);
  const year = date.year + years;
  const lastDay = civilDateOf(dayNumberOf({ year, month: date.month + 1, day: 1 }) - 1).day;
  const target = dayNumberOf({ year, month: date.month, day: Math.min(date.day, lastDay) });
  return localToInstant(zone, target, msOfDay);
}

/** ISO-8601 with the zone's offset, e.g. `2026-03-30T08:00:00.000+02:00`. */
export function formatInstant(instant: number, zone: Zone | string): string {
  assertInstant(instant, 'instant');
  const name = typeof zone === 'string' ? zoneNamed(zone).name : zone.name;
  return DateTime.fromMillis(instant, { zone: name }).toISO() ?? new Date(instant).toISOString();
}

/**
 * Reads an ISO-8601 date-time for the CLI (`--at`). With an offset or `Z` it
 * is that instant; without one it is a wall time in `timeZone`, resolved like
 * a window boundary (a repeated time is its first occurrence, a missing one
 * the instant the clock jumps). Throws POLICY_TIME_INVALID.
 */
export function parseInstant(text: string, timeZone: string): number {
  const zone = zoneNamed(timeZone);
  const valid = typeof text === 'string';
  const hasOffset = valid && /T/.test(text) && /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/.test(text);
  const parsed = DateTime.fromISO(valid ? text : '', { zone: 'UTC', setZone: hasOffset });
  if (!parsed.isValid) {
    throw policyError('POLICY_TIME_INVALID', `"${String(text)}" is not an ISO-8601 date-time`, {
      text: String(text),
    });
  }
  if (hasOffset) return parsed.toMillis();
  const day = dayNumberOf({ year: parsed.year, month: parsed.month, day: parsed.day });
  const msOfDay = parsed.toMillis() - day * DAY_MS;
  return localToInstant(zone, day, msOfDay);
}
