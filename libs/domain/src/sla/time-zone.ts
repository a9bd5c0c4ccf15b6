// UTC offsets of IANA time zones, read from the runtime's Intl data (no tz database of our own).

const SECOND_MS = 1000;
/** Cached results per zone are dropped past this many entries; a sweep reuses a few hundred. */
const MAX_CACHED_OFFSETS = 10_000;
/** Enough for every IANA zone in several spellings; past it the cache starts again. */
const MAX_CACHED_ZONES = 1_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
/** Offset changes found by search, keyed by zone then UTC day, so each is searched for once. */
const transitions = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws a RangeError for a zone the runtime does not know.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23: midnight is 00, never 24 (what `hour12: false` gives on some runtimes).
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows `timeZone` as an IANA zone name (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function cacheFor(store: Map<string, Map<number, number>>, timeZone: string): Map<number, number> {
  let cache = store.get(timeZone);
  if (cache === undefined) {
    if (store.size >= MAX_CACHED_ZONES) store.clear();
    cache = new Map();
    store.set(timeZone, cache);
  }
  return cache;
}

/** Milliseconds to add to the instant `epochMs` to get the wall-clock time in `timeZone`. */
export function offsetAt(timeZone: string, epochMs: number): number {
  if (timeZone === 'UTC') return 0;
  // Offsets change on whole seconds (tz data has no finer resolution), so the second is the key.
  const second = Math.floor(epochMs / SECOND_MS) * SECOND_MS;
  const cache = cacheFor(offsets, timeZone);
  const cached = cache.get(second);
  if (cached !== undefined) return cached;

  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  for (const part of formatterFor(timeZone).formatToParts(second)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        sec = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, sec, 0);
  const offset = wall.getTime() - second;

  if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
  cache.set(second, offset);
  return offset;
}

/**
 * The first instant after `from` at which the offset is no longer `fromOffset`, given that it
 * differs at `to`. Assumes one change in between: zones change offset at most a few times a year.
 */
export function nextOffsetChange(
  timeZone: string,
  from: number,
  to: number,
  fromOffset: number,
): number {
  const known = cacheFor(transitions, timeZone);
  const firstDay = Math.floor(from / 86_400_000);
  for (let day = firstDay; day <= Math.floor(to / 86_400_000); day++) {
    const candidate = known.get(day);
    if (
      candidate !== undefined &&
      candidate > from &&
      candidate <= to &&
      offsetAt(timeZone, candidate - SECOND_MS) === fromOffset &&
      offsetAt(timeZone, candidate) !== fromOffset
    ) {
      return candidate;
    }
  }

  // Binary search on whole seconds: `low` still has the old offset, `high` the new one.
  let low = Math.floor(from / SECOND_MS);
  let high = Math.ceil(to / SECOND_MS);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(timeZone, middle * SECOND_MS) === fromOffset) low = middle;
    else high = middle;
  }
  const change = high * SECOND_MS;
  if (known.size >= MAX_CACHED_OFFSETS) known.clear();
  known.set(Math.floor(change / 86_400_000), change);
  return change;
}
