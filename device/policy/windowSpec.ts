import { MINUTES_PER_DAY } from './civilDate.js';
import { policyError } from './policyErrors.js';
import {
  ALWAYS_OPEN,
  formatLocalTime,
  formatRange,
  isWeekday,
  normaliseRanges,
  parseLocalTime,
  WEEKDAYS,
  type MinuteRange,
  type TimeRange,
  type Weekday,
  type WeeklyHours,
} from './SendingWindow.js';

/**
 * The compact text form of weekly hours, for the CLI (`--window`) and config
 * files. Grammar (case-insensitive, spaces free around `,` `-` `;`):
 *
 *   spec   = "always" | clause *( ";" clause )
 *   clause = days ( ranges | "closed" )
 *   days   = day [ "-" day ] *( "," day [ "-" day ] )     ; sat-mon wraps round
 *   ranges = HH:MM "-" HH:MM *( "," HH:MM "-" HH:MM )     ; end may be 24:00
 *
 * e.g. `mon-sat 08:00-22:00`, `mon-fri 08:00-12:00,14:00-19:00; sat 09:00-12:00`.
 * A day named twice is an error rather than "last one wins", so a typo cannot
 * silently widen or shrink a window. Days not named are closed.
 */
export function parseWindowSpec(spec: string): WeeklyHours {
  const text = typeof spec === 'string' ? spec.trim() : '';
  if (text === '') {
    throw policyError(
      'POLICY_SPEC_EMPTY',
      'the window spec is empty (try "mon-sat 08:00-22:00" or "always")',
      {
        spec: String(spec),
      },
    );
  }
  if (text.toLowerCase() === 'always') return ALWAYS_OPEN;
  const weekly: Partial<Record<Weekday, TimeRange[]>> = {};
  const seen = new Map<Weekday, string>();
  for (const rawClause of text.split(/[;\n]/)) {
    const clause = rawClause.trim();
    if (clause === '') continue;
    const { days, ranges } = parseClause(clause, text);
    for (const day of days) {
      const previous = seen.get(day);
      if (previous !== undefined) {
        throw policyError(
          'POLICY_SPEC_DUPLICATE_DAY',
          `"${day}" appears in "${previous}" and again in "${clause}"`,
          { spec: text, part: clause, day },
        );
      }
      seen.set(day, clause);
      weekly[day] = ranges.map(([s, e]) => [formatLocalTime(s), formatLocalTime(e)] as const);
    }
  }
  return weekly;
}

function parseClause(clause: string, spec: string): { days: Weekday[]; ranges: MinuteRange[] } {
  const lower = clause.toLowerCase();
  const closed = /\bclosed$/.exec(lower);
  const split = closed ? closed.index : lower.search(/\d/);
  if (split <= 0) {
    throw policyError(
      'POLICY_SPEC_SYNTAX',
      `"${clause}" should be days then hours, e.g. "mon-fri 08:00-19:00"`,
      { spec, part: clause },
    );
  }
  const days = parseDays(lower.slice(0, split), spec);
  const ranges = closed ? [] : parseRanges(lower.slice(split), spec);
  return { days, ranges };
}

function parseDays(text: string, spec: string): Weekday[] {
  const days: Weekday[] = [];
  for (const item of text.replace(/\s+/g, '').split(',')) {
    const [from, to, extra] = item.split('-');
    if (
      from === undefined ||
      from === '' ||
      extra !== undefined ||
      !isWeekday(from) ||
      (to !== undefined && !isWeekday(to))
    ) {
      throw policyError(
        'POLICY_SPEC_DAY',
        `"${item}" is not a day or day range (mon, tue, wed, thu, fri, sat, sun; e.g. mon-fri)`,
        { spec, part: item },
      );
    }
    const start = WEEKDAYS.indexOf(from);
    const end = to === undefined ? start : WEEKDAYS.indexOf(to);
    // sun-thu or sat-mon wrap round the end of the week.
    for (let i = start; ; i = (i + 1) % 7) {
      const day = WEEKDAYS[i] as Weekday;
      if (!days.includes(day)) days.push(day);
      if (i === end) break;
    }
  }
  return days;
}

function parseRanges(text: string, spec: string): MinuteRange[] {
  // "mon-fri 08:00-12:00 sat 09:00-12:00": a forgotten ";" before the next clause.
  const stray = /\b(?:mon|tue|wed|thu|fri|sat|sun)\b.*$/.exec(text);
  if (stray) {
    throw policyError(
      'POLICY_SPEC_SYNTAX',
      `unexpected "${stray[0].trim()}" after the hours; separate clauses with ";"`,
      { spec, part: stray[0].trim() },
    );
  }
  const ranges: MinuteRange[] = [];
  for (const item of text.replace(/\s+/g, '').split(',')) {
    const parts = item.split('-');
    if (parts.length !== 2) {
      throw policyError('POLICY_SPEC_SYNTAX', `"${item}" is not a time range HH:MM-HH:MM`, {
        spec,
        part: item,
      });
    }
    const [startText = '', endText = ''] = parts;
    const start = parseLocalTime(startText, false);
    const end = parseLocalTime(endText, true);
    if (start === undefined || end === undefined) {
      const bad = start === undefined ? startText : endText;
      throw policyError(
        'POLICY_SPEC_TIME',
        `"${bad}" in "${item}" is not a time HH:MM (00:00–24:00)`,
        {
          spec,
          part: item,
          time: bad,
        },
      );
    }
    if (end <= start) {
      throw policyError(
        'POLICY_SPEC_RANGE',
        `"${item}" ends before it starts; a range cannot cross midnight (write "22:00-24:00" on one day and "00:00-06:00" on the next)`,
        { spec, part: item },
      );
    }
    ranges.push([start, end]);
  }
  const result = normaliseRanges(ranges);
  if (!result.ok) {
    const [a, b] = result.overlap;
    throw policyError(
      'POLICY_SPEC_OVERLAP',
      `ranges ${formatRange(a)} and ${formatRange(b)} overlap`,
      {
        spec,
        part: `${formatRange(a)},${formatRange(b)}`,
      },
    );
  }
  return result.ranges;
}

/**
 * The canonical spec of weekly hours: consecutive days with the same hours
 * are grouped (`mon-sat 08:00-22:00`), all-day-every-day is `always`, and a
 * week with no hours at all is `mon-sun closed`. Input is assumed valid
 * (a parsed spec or a window that compiled).
 */
export function formatWindowSpec(weekly: WeeklyHours): string {
  const perDay = WEEKDAYS.map((day) => canonicalRanges(weekly[day] ?? []));
  if (perDay.every((r) => r === `00:00-${formatLocalTime(MINUTES_PER_DAY)}`)) return 'always';
  if (perDay.every((r) => r === '')) return 'mon-sun closed';
  const clauses: string[] = [];
  for (let i = 0; i < 7;) {
    let j = i;
    while (j + 1 < 7 && perDay[j + 1] === perDay[i]) j++;
    if (perDay[i] !== '') {
      const days = i === j ? WEEKDAYS[i] : `${WEEKDAYS[i]}-${WEEKDAYS[j]}`;
      clauses.push(`${days} ${perDay[i]}`);
    }
    i = j + 1;
  }
  return clauses.join('; ');
}

function canonicalRanges(ranges: readonly TimeRange[]): string {
  const minutes = ranges.map(
    ([s, e]) => [parseLocalTime(s, false) ?? 0, parseLocalTime(e, true) ?? 0] as const,
  );
  const result = normaliseRanges(minutes);
  return (result.ok ? result.ranges : minutes).map(formatRange).join(',');
}
