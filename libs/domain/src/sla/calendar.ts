// Business calendars: the wall-clock hours in which SLA clocks run, in one time zone, minus
// holidays. Calendars are plain data (stored as JSON); validateCalendar is the one gate for input.
import { isTimeZone } from './time-zone.js';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Working hours within one day, as wall-clock times `HH:MM` in the calendar's zone. `end` is
 * exclusive and may be `24:00`, the midnight that ends the day.
 */
export interface WorkingInterval {
  readonly start: string;
  readonly end: string;
}

/** A whole day off in the calendar's zone: one date, or the same day every year. */
export type Holiday =
  | { readonly date: string; readonly recurring?: never; readonly name?: string }
  | { readonly recurring: string; readonly date?: never; readonly name?: string };

/**
 * When the clock runs. Read as an immutable value: the business-time functions keep a compiled
 * form per calendar object.
 */
export interface BusinessCalendar {
  /** An IANA zone name such as `Europe/Berlin`. */
  readonly timeZone: string;
  /** Non-overlapping intervals per weekday; an empty list is a day off. */
  readonly week: Readonly<Record<Weekday, readonly WorkingInterval[]>>;
  readonly holidays: readonly Holiday[];
}

const ALL_DAY: readonly WorkingInterval[] = Object.freeze([
  Object.freeze({ start: '00:00', end: '24:00' }),
]);

/** The clock always runs: business time equals elapsed time. */
export const ALWAYS_OPEN: BusinessCalendar = Object.freeze({
  timeZone: 'UTC',
  week: Object.freeze(
    Object.fromEntries(WEEKDAYS.map((day) => [day, ALL_DAY])) as Record<
      Weekday,
      readonly WorkingInterval[]
    >,
  ),
  holidays: Object.freeze([]),
});

/** A refused part of a calendar: a dotted path such as `week.monday.1.end`, and what is wrong. */
export interface CalendarProblem {
  field: string;
  message: string;
}

export type CalendarValidation =
  { ok: true; calendar: BusinessCalendar } | { ok: false; errors: CalendarProblem[] };

const MINUTE_MS = 60_000;
const WALL_TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const MAX_HOLIDAY_NAME = 200;

/** Minutes after midnight of `HH:MM` (00:00-23:59, and 24:00 when `allowMidnightEnd`). */
function minutesOf(text: unknown, allowMidnightEnd: boolean): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = WALL_TIME.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return undefined;
  if (hours === 24 && minutes === 0 && allowMidnightEnd) return 24 * 60;
  return hours > 23 ? undefined : hours * 60 + minutes;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12); February has 29 when no year is given. */
function daysInMonth(month: number, year?: number): number {
  const leap = year === undefined || (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
}

/** Days since 1970-01-01 of `YYYY-MM-DD`, when it is a real date. */
function epochDayOf(text: string): number | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / 86_400_000);
}

/** `month * 100 + day` of `MM-DD`, when the day exists in some year (02-29 does). */
function monthDayOf(text: string): number | undefined {
  const match = MONTH_DAY.exec(text);
  if (match === null) return undefined;
  const [month, day] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month)) return undefined;
  return month * 100 + day;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isWeekday = (name: string): name is Weekday => (WEEKDAYS as readonly string[]).includes(name);

/** The calendar in the form the clock works with: milliseconds after local midnight. */
export interface CompiledCalendar {
  timeZone: string;
  /** Indexed by `Date#getUTCDay` numbering (0 = Sunday); sorted, touching intervals joined. */
  days: (readonly [number, number])[][];
  /** Days since 1970-01-01. */
  dates: Set<number>;
  /** `month * 100 + day`. */
  recurring: Set<number>;
  hasHours: boolean;
}

type Report = (field: string, message: string) => void;

/** One weekday's intervals as sent, and the same in ms after midnight with touching ones joined. */
function parseDay(
  day: Weekday,
  input: unknown,
  report: Report,
): { intervals: WorkingInterval[]; spans: [number, number][] } {
  const list = input ?? [];
  if (!Array.isArray(list)) {
    report(
      `week.${day}`,
      'must be a list of working intervals such as [{"start":"09:00","end":"17:00"}]',
    );
    return { intervals: [], spans: [] };
  }
  const valid: { index: number; start: number; end: number; interval: WorkingInterval }[] = [];
  list.forEach((item: unknown, index) => {
    const field = `week.${day}.${index}`;
    if (!isRecord(item)) {
      report(
        field,
        'must be an interval with start and end such as {"start":"09:00","end":"17:00"}',
      );
      return;
    }
    const start = minutesOf(item.start, false);
    const end = minutesOf(item.end, true);
    if (start === undefined) report(`${field}.start`, 'must be a time HH:MM from 00:00 to 23:59');
    if (end === undefined) report(`${field}.end`, 'must be a time HH:MM from 00:01 to 24:00');
    if (start === undefined || end === undefined) return;
    const interval = { start: item.start as string, end: item.end as string };
    if (end <= start) report(`${field}.end`, `must be after start (${interval.start})`);
    else valid.push({ index, start, end, interval });
  });

  valid.sort((a, b) => a.start - b.start);
  // Compared with the interval reaching furthest so far, so one long interval overlapping
  // several short ones is reported for each of them.
  let reach = valid[0];
  for (const current of valid.slice(1)) {
    if (current.start < reach.end) {
      const [first, second] = reach.index < current.index ? [reach, current] : [current, reach];
      report(
        `week.${day}.${second.index}`,
        `overlaps week.${day}.${first.index} (${first.interval.start}-${first.interval.end})`,
      );
    }
    if (current.end > reach.end) reach = current;
  }

  const spans: [number, number][] = [];
  for (const { start, end } of valid) {
    const last = spans[spans.length - 1];
    if (last !== undefined && start * MINUTE_MS <= last[1]) {
      last[1] = Math.max(last[1], end * MINUTE_MS);
    } else {
      spans.push([start * MINUTE_MS, end * MINUTE_MS]);
    }
  }
  return { intervals: valid.map((entry) => entry.interval), spans };
}

function parseHolidays(
  input: unknown,
  report: Report,
): { holidays: Holiday[]; dates: Set<number>; recurring: Set<number> } {
  const holidays: Holiday[] = [];
  const dates = new Set<number>();
  const recurring = new Set<number>();
  const list = input ?? [];
  if (!Array.isArray(list)) {
    report(
      'holidays',
      'must be a list of holidays such as [{"date":"2026-12-24"},{"recurring":"12-25"}]',
    );
    return { holidays, dates, recurring };
  }
  list.forEach((item: unknown, index) => {
    const field = `holidays.${index}`;
    if (!isRecord(item)) {
      report(field, 'must be a holiday such as {"date":"2026-12-24"} or {"recurring":"12-25"}');
      return;
    }
    const { date, recurring: monthDay, name } = item;
    if (name !== undefined && (typeof name !== 'string' || name.length > MAX_HOLIDAY_NAME)) {
      report(`${field}.name`, `must be text of at most ${MAX_HOLIDAY_NAME} characters`);
    }
    const named = typeof name === 'string' ? { name } : {};
    if (date !== undefined && monthDay !== undefined) {
      report(field, 'must have either date or recurring, not both');
    } else if (date !== undefined) {
      const day = typeof date === 'string' ? epochDayOf(date) : undefined;
      if (day === undefined) {
        report(`${field}.date`, 'must be a calendar date YYYY-MM-DD such as 2026-12-24');
      } else {
        dates.add(day);
        holidays.push({ date: date as string, ...named });
      }
    } else if (monthDay !== undefined) {
      const key = typeof monthDay === 'string' ? monthDayOf(monthDay) : undefined;
      if (key === undefined) {
        report(`${field}.recurring`, 'must be a day of the year MM-DD such as 12-25');
      } else {
        recurring.add(key);
        holidays.push({ recurring: monthDay as string, ...named });
      }
    } else {
      report(field, 'must have a date (YYYY-MM-DD) or a recurring day (MM-DD)');
    }
  });
  return { holidays, dates, recurring };
}

/**
 * The calendar normalised and compiled, with every problem found. Checks everything but "has
 * some working hours": validateCalendar refuses that, the business-time functions report it.
 */
function parseCalendar(input: unknown): {
  errors: CalendarProblem[];
  calendar: BusinessCalendar;
  compiled: CompiledCalendar;
} {
  const errors: CalendarProblem[] = [];
  const report: Report = (field, message) => errors.push({ field, message });
  const source = isRecord(input) ? input : {};

  const timeZone = typeof source.timeZone === 'string' ? source.timeZone : '';
  if (timeZone === '') {
    report('timeZone', 'must be an IANA time zone such as Europe/Berlin');
  } else if (!isTimeZone(timeZone)) {
    report('timeZone', `is not a known IANA time zone: ${timeZone}`);
  }

  const weekInput = isRecord(source.week) ? source.week : {};
  if (!isRecord(source.week)) {
    report('week', 'must be an object with a list of working intervals per weekday');
  }
  for (const name of Object.keys(weekInput)) {
    if (!isWeekday(name)) report(`week.${name}`, `is not a weekday (${WEEKDAYS.join(', ')})`);
  }
  const week = {} as Record<Weekday, WorkingInterval[]>;
  // Indexed like Date#getUTCDay: Sunday is 0, Monday 1.
  const days: [number, number][][] = [[], [], [], [], [], [], []];
  WEEKDAYS.forEach((day, index) => {
    const { intervals, spans } = parseDay(day, weekInput[day], report);
    week[day] = intervals;
    days[(index + 1) % 7] = spans;
  });

  const { holidays, dates, recurring } = parseHolidays(source.holidays, report);
  const hasHours = days.some((spans) => spans.length > 0);
  return {
    errors,
    calendar: { timeZone, week, holidays },
    compiled: { timeZone, days, dates, recurring, hasHours },
  };
}

/**
 * Checks a calendar as a client sent it and returns it normalised (every weekday present,
 * intervals sorted), or every problem with the field it is in. A calendar without any working
 * hours is refused: no SLA target could ever be met against it.
 */
export function validateCalendar(input: unknown): CalendarValidation {
  const { errors, calendar } = parseCalendar(input);
  const hasIntervals = WEEKDAYS.some((day) => calendar.week[day].length > 0);
  if (!hasIntervals && !errors.some((error) => error.field.startsWith('week'))) {
    errors.push({ field: 'week', message: 'must have at least one working interval' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, calendar };
}

const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** The compiled form of a calendar; throws a RangeError naming the problems of an invalid one. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let compiled = compiledCalendars.get(calendar);
  if (compiled === undefined) {
    const parsed = parseCalendar(calendar);
    if (parsed.errors.length > 0) {
      const list = parsed.errors.map((e) => `${e.field} ${e.message}`).join('; ');
      throw new RangeError(`Invalid business calendar: ${list}`);
    }
    compiled = parsed.compiled;
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}
