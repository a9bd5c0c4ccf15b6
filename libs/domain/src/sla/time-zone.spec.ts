import { describe, expect, it } from '@jest/globals';
import { isTimeZone, nextOffsetChange, offsetAt } from './time-zone.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ms = (iso: string) => new Date(iso).getTime();

describe('offsetAt', () => {
  it.each([
    ['UTC', '2026-06-05T12:00Z', 0],
    ['Europe/Berlin', '2026-01-15T12:00Z', HOUR],
    ['Europe/Berlin', '2026-07-15T12:00Z', 2 * HOUR],
    // The switch instants: the new offset applies from them on.
    ['Europe/Berlin', '2026-03-29T00:59:59Z', HOUR],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 2 * HOUR],
    ['Europe/Berlin', '2026-10-25T00:59:59Z', 2 * HOUR],
    ['Europe/Berlin', '2026-10-25T01:00:00Z', HOUR],
    ['America/New_York', '2026-03-08T06:59:59Z', -5 * HOUR],
    ['America/New_York', '2026-03-08T07:00:00Z', -4 * HOUR],
    ['America/Los_Angeles', '2026-11-01T08:59:59Z', -7 * HOUR],
    ['America/Los_Angeles', '2026-11-01T09:00:00Z', -8 * HOUR],
    ['Australia/Sydney', '2026-01-15T00:00Z', 11 * HOUR],
    ['Australia/Sydney', '2026-07-15T00:00Z', 10 * HOUR],
    ['Australia/Lord_Howe', '2026-01-15T00:00Z', 11 * HOUR],
    ['Australia/Lord_Howe', '2026-07-15T00:00Z', 10.5 * HOUR],
    ['Asia/Kolkata', '2026-06-05T00:00Z', 5.5 * HOUR],
    ['Asia/Kathmandu', '2026-06-05T00:00Z', 5.75 * HOUR],
    ['Asia/Tokyo', '2026-06-05T00:00Z', 9 * HOUR],
    ['Pacific/Kiritimati', '2026-06-05T00:00Z', 14 * HOUR],
    ['Pacific/Pago_Pago', '2026-06-05T00:00Z', -11 * HOUR],
    // Local midnight reads as 00, not 24 (the hourCycle h23 formatter).
    ['Europe/Berlin', '2026-06-04T22:00Z', 2 * HOUR],
    // Milliseconds within a second do not matter.
    ['Europe/Berlin', '2026-06-04T22:00:00.999Z', 2 * HOUR],
    ['Europe/Berlin', '1969-12-31T23:59:59.500Z', HOUR],
    // Historical data: Berlin kept local mean time (+00:53:28) until 1893.
    ['Europe/Berlin', '1890-01-01T00:00Z', 53 * MINUTE + 28_000],
  ])('%s at %s', (timeZone, instant, expected) => {
    expect(offsetAt(timeZone, ms(instant))).toBe(expected);
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => offsetAt('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});

describe('nextOffsetChange', () => {
  it.each([
    ['Europe/Berlin', '2026-03-28T23:00Z', '2026-03-29T22:00Z', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-10-24T22:00Z', '2026-10-25T23:00Z', '2026-10-25T01:00:00.000Z'],
    ['America/Havana', '2026-03-07T12:00Z', '2026-03-08T12:00Z', '2026-03-08T05:00:00.000Z'],
    ['Australia/Lord_Howe', '2026-10-03T12:00Z', '2026-10-04T12:00Z', '2026-10-03T15:30:00.000Z'],
    // The end itself can be the change.
    ['Europe/Berlin', '2026-03-28T23:00Z', '2026-03-29T01:00Z', '2026-03-29T01:00:00.000Z'],
    // From an instant with milliseconds.
    ['Europe/Berlin', '2026-03-29T00:59:59.250Z', '2026-03-29T02:00Z', '2026-03-29T01:00:00.000Z'],
  ])('%s between %s and %s', (timeZone, from, to, expected) => {
    const change = nextOffsetChange(timeZone, ms(from), ms(to), offsetAt(timeZone, ms(from)));
    expect(new Date(change).toISOString()).toBe(expected);
    // Found again from the cache of known changes.
    const again = nextOffsetChange(timeZone, ms(from), ms(to), offsetAt(timeZone, ms(from)));
    expect(again).toBe(change);
  });
});

describe('isTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/Argentina/Buenos_Aires', true],
    ['UTC', true],
    ['Etc/GMT-14', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['Europe/Berlin ', false],
    ['CEST', false],
  ])('%s: %s', (timeZone, expected) => {
    expect(isTimeZone(timeZone)).toBe(expected);
  });
});
