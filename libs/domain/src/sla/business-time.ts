// Business-time arithmetic for SLA clocks: how much working time lies between two instants, and
// when a number of working minutes has passed, optionally with the clock paused (a pending ticket).
//
// Business time is the real time during which the calendar's wall clock shows a working interval
// on a working day. The walk follows real time one local day at a time and reads the zone's
// offset at each step, so daylight-saving changes need no special rules: a 09:00-17:00 day is
// 8 real hours on both switch days, an interval inside the skipped spring hour has no time, and
// an interval inside the repeated autumn hour counts both of its occurrences.
import { compileCalendar, type BusinessCalendar, type CompiledCalendar } from './calendar.js';
import { nextOffsetChange, offsetAt } from './time-zone.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A calendar closed for this many days in a row (holidays on every working day) never opens. */
const MAX_CLOSED_DAYS = 2 * 366;

/** A stretch during which the clock stands still; `to: null` means it has not ended. */
export interface ClockPause {
  readonly from: Date;
  readonly to: Date | null;
}

/** The calendar never opens, so a target against it can never be met. */
export class NoWorkingTimeError extends Error {
  override readonly name = 'NoWorkingTimeError';

  constructor(readonly timeZone: string) {
    super(
      `The business calendar (${timeZone}) has no working time within ${MAX_CLOSED_DAYS} days: ` +
        'no business-time target can be met against it.',
    );
  }
}

/** [from, to) in epoch milliseconds. */
type Span = readonly [number, number];

function epochMs(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

function durationMs(minutes: number, name: string): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${name} must be a finite number of minutes >= 0, got ${minutes}`);
  }
  return Math.round(minutes * MINUTE_MS);
}

/** Working intervals of a local day (days since 1970-01-01), in ms after its midnight. */
function intervalsOn(calendar: CompiledCalendar, epochDay: number): readonly Span[] {
  // 1970-01-01 was a Thursday (4 in getUTCDay numbering).
  const intervals = calendar.days[(((epochDay + 4) % 7) + 7) % 7];
  if (intervals.length === 0) return intervals;
  if (calendar.dates.has(epochDay)) return [];
  if (calendar.recurring.size > 0) {
    const date = new Date(epochDay * DAY_MS);
    if (calendar.recurring.has((date.getUTCMonth() + 1) * 100 + date.getUTCDate())) return [];
  }
  return intervals;
}

/**
 * The calendar's open spans from `from` until `until`, in order, clipped to both. Without an end
 * it runs until the caller stops, and throws NoWorkingTimeError when the calendar never opens.
 */
function* openSpans(calendar: CompiledCalendar, from: number, until: number): Generator<Span> {
  const endless = until === Number.POSITIVE_INFINITY;
  if (!calendar.hasHours) {
    if (endless) throw new NoWorkingTimeError(calendar.timeZone);
    return;
  }
  const zone = calendar.timeZone;
  let cursor = from;
  let offset = offsetAt(zone, cursor);
  let closedDays = 0;
  while (cursor < until) {
    // The local day the cursor is in, and the instant it ends if the offset holds until then.
    const midnight = Math.floor((cursor + offset) / DAY_MS) * DAY_MS;
    let end = midnight + DAY_MS - offset;
    let nextOffset = offsetAt(zone, end);
    if (nextOffset !== offset) {
      // The offset changes today: walk up to the change, then read this day again from there
      // with the new offset (later on the wall clock in spring, earlier in autumn).
      end = nextOffsetChange(zone, cursor, end, offset);
      nextOffset = offsetAt(zone, end);
    }
    let open = false;
    for (const [start, stop] of intervalsOn(calendar, midnight / DAY_MS)) {
      const a = Math.max(midnight + start - offset, cursor);
      const b = Math.min(midnight + stop - offset, end, until);
      if (a < b) {
        open = true;
        yield [a, b];
      }
    }
    closedDays = open ? 0 : closedDays + 1;
    if (endless && closedDays > MAX_CLOSED_DAYS) throw new NoWorkingTimeError(zone);
    cursor = end;
    offset = nextOffset;
  }
}

/** Pauses as sorted, merged spans; an open pause ends at infinity, empty ones are dropped. */
function pauseSpans(pauses: readonly ClockPause[]): Span[] {
  const spans = pauses
    .map((pause, index): Span => {
      const from = epochMs(pause.from, `pauses.${index}.from`);
      const to =
        pause.to === null ? Number.POSITIVE_INFINITY : epochMs(pause.to, `pauses.${index}.to`);
      return [from, to];
    })
    .filter(([from, to]) => from < to)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The spans with the pauses cut out; ends for good where an open-ended pause begins. */
function* runningSpans(spans: Iterable<Span>, pauses: readonly Span[]): Generator<Span> {
  let next = 0;
  for (const [a, b] of spans) {
    let from = a;
    while (from < b) {
      while (next < pauses.length && pauses[next][1] <= from) next++;
      if (next === pauses.length || pauses[next][0] >= b) {
        yield [from, b];
        break;
      }
      const [pauseFrom, pauseTo] = pauses[next];
      if (pauseFrom > from) yield [from, pauseFrom];
      if (pauseTo === Number.POSITIVE_INFINITY) return;
      from = pauseTo;
    }
  }
}

/** Where `durationMs` of the spans have passed; at the first span's start for a zero duration. */
function afterDuration(spans: Iterable<Span>, duration: number): number | null {
  let remaining = duration;
  for (const [a, b] of spans) {
    if (remaining <= b - a) return a + remaining;
    remaining -= b - a;
  }
  return null;
}

function totalMs(spans: Iterable<Span>): number {
  let total = 0;
  for (const [a, b] of spans) total += b - a;
  return total;
}

/**
 * The instant at which `minutes` of business time have passed since `start`. Counting begins at
 * `start`, or at the next opening when `start` is outside working time, so a zero target gives
 * that opening. A target that ends exactly at a closing gives the closing instant (Friday 17:00,
 * not Monday 09:00). Fractional minutes are allowed; the result is rounded to the millisecond.
 * Throws NoWorkingTimeError for a calendar that never opens.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  const compiled = compileCalendar(calendar);
  const from = epochMs(start, 'start');
  const spans = openSpans(compiled, from, Number.POSITIVE_INFINITY);
  const due = afterDuration(spans, durationMs(minutes, 'minutes'));
  // Unreachable: an endless walk yields spans forever or throws NoWorkingTimeError itself.
  if (due === null) throw new NoWorkingTimeError(compiled.timeZone);
  return new Date(due);
}

/**
 * Business minutes in [from, to): exact, with fractions (a millisecond is 1/60000 of a minute);
 * 0 when `to` is not after `from`. Floor it for display. The inverse of addBusinessMinutes:
 * `businessMinutesBetween(c, s, addBusinessMinutes(c, s, m)) === m` whenever `m` minutes are a
 * whole number of milliseconds (whole minutes, seconds, ...).
 */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return elapsedBusinessMinutes(calendar, from, to, []);
}

/**
 * When an SLA target of `targetMinutes` business minutes started at `start` is due, with the
 * clock stopped during `pauses` (in any order, may overlap or begin before `start`). Null when an
 * open-ended pause stops the clock before the target is reached: the due time is not known yet.
 * Otherwise the same rules as addBusinessMinutes; a clock starting inside a pause starts when the
 * pause ends.
 */
export function dueAt(
  calendar: BusinessCalendar,
  start: Date,
  targetMinutes: number,
  pauses: readonly ClockPause[] = [],
): Date | null {
  const compiled = compileCalendar(calendar);
  const from = epochMs(start, 'start');
  const target = durationMs(targetMinutes, 'targetMinutes');
  const spans = runningSpans(
    openSpans(compiled, from, Number.POSITIVE_INFINITY),
    pauseSpans(pauses),
  );
  const due = afterDuration(spans, target);
  return due === null ? null : new Date(due);
}

/**
 * Business minutes the clock has run from `start` until `now`, not counting `pauses` (an
 * open-ended pause stops it at its start). Exact with fractions, like businessMinutesBetween.
 */
export function elapsedBusinessMinutes(
  calendar: BusinessCalendar,
  start: Date,
  now: Date,
  pauses: readonly ClockPause[] = [],
): number {
  const compiled = compileCalendar(calendar);
  const from = epochMs(start, 'start');
  const until = epochMs(now, 'now');
  if (until <= from) return 0;
  return totalMs(runningSpans(openSpans(compiled, from, until), pauseSpans(pauses))) / MINUTE_MS;
}

/** Whether `at` is inside working time (an interval's start is, its end is not). */
export function isBusinessTime(calendar: BusinessCalendar, at: Date): boolean {
  const instant = epochMs(at, 'at');
  return !openSpans(compileCalendar(calendar), instant, instant + 1).next().done;
}
