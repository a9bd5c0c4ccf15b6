import { describe, expect, it } from '@jest/globals';
import { ALWAYS_OPEN, compileCalendar, validateCalendar, WEEKDAYS } from './calendar.js';

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const valid = {
  timeZone: 'Europe/Berlin',
  week: { monday: NINE_TO_FIVE },
  holidays: [],
};

/** The valid calendar with `change` merged in at the top level. */
const withChange = (change: Record<string, unknown>) => ({ ...valid, ...change });
const monday = (...intervals: unknown[]) => withChange({ week: { monday: intervals } });

describe('validateCalendar', () => {
  it('returns the calendar normalised: every weekday, sorted intervals, holidays copied', () => {
    const result = validateCalendar({
      timeZone: 'Asia/Kolkata',
      week: {
        monday: [
          { start: '13:00', end: '17:30' },
          { start: '09:30', end: '13:00' },
        ],
        saturday: [{ start: '10:00', end: '24:00' }],
      },
      holidays: [
        { recurring: '01-26', name: 'Republic Day' },
        { date: '2026-11-08', name: 'Diwali' },
      ],
      label: 'ignored: the API layer keeps its own fields',
    });
    expect(result).toEqual({
      ok: true,
      calendar: {
        timeZone: 'Asia/Kolkata',
        week: {
          monday: [
            { start: '09:30', end: '13:00' },
            { start: '13:00', end: '17:30' },
          ],
          tuesday: [],
          wednesday: [],
          thursday: [],
          friday: [],
          saturday: [{ start: '10:00', end: '24:00' }],
          sunday: [],
        },
        holidays: [
          { recurring: '01-26', name: 'Republic Day' },
          { date: '2026-11-08', name: 'Diwali' },
        ],
      },
    });
  });

  it('treats missing holidays as none', () => {
    const result = validateCalendar({ timeZone: 'UTC', week: { friday: NINE_TO_FIVE } });
    expect(result.ok && result.calendar.holidays).toEqual([]);
  });

  it.each([
    'Europe/Berlin',
    'America/Argentina/Buenos_Aires',
    'Asia/Kathmandu',
    'UTC',
    'Etc/GMT+5',
    'Australia/Lord_Howe',
  ])('accepts the time zone %s', (timeZone) => {
    expect(validateCalendar(withChange({ timeZone })).ok).toBe(true);
  });

  it.each([
    ['ALWAYS_OPEN', ALWAYS_OPEN],
    [
      'touching intervals',
      monday({ start: '09:00', end: '12:00' }, { start: '12:00', end: '17:00' }),
    ],
    ['a whole day', monday({ start: '00:00', end: '24:00' })],
    ['one minute', monday({ start: '23:59', end: '24:00' })],
    ['a leap day date', withChange({ holidays: [{ date: '2028-02-29' }] })],
    ['a recurring leap day', withChange({ holidays: [{ recurring: '02-29' }] })],
    ['a holiday without a name', withChange({ holidays: [{ date: '2026-12-24' }] })],
  ])('accepts %s', (_name, input) => {
    expect(validateCalendar(input).ok).toBe(true);
  });

  it.each([
    ['not an object', null, 'timeZone', 'must be an IANA time zone such as Europe/Berlin'],
    [
      'no time zone',
      withChange({ timeZone: undefined }),
      'timeZone',
      'must be an IANA time zone such as Europe/Berlin',
    ],
    [
      'an empty time zone',
      withChange({ timeZone: '' }),
      'timeZone',
      'must be an IANA time zone such as Europe/Berlin',
    ],
    [
      'a time zone that is not text',
      withChange({ timeZone: 1 }),
      'timeZone',
      'must be an IANA time zone such as Europe/Berlin',
    ],
    [
      'an unknown time zone',
      withChange({ timeZone: 'Mars/Olympus_Mons' }),
      'timeZone',
      'is not a known IANA time zone: Mars/Olympus_Mons',
    ],
    [
      'a padded time zone',
      withChange({ timeZone: ' Europe/Berlin' }),
      'timeZone',
      'is not a known IANA time zone:  Europe/Berlin',
    ],
    [
      'no week',
      withChange({ week: undefined }),
      'week',
      'must be an object with a list of working intervals per weekday',
    ],
    [
      'a week that is a list',
      withChange({ week: [NINE_TO_FIVE] }),
      'week',
      'must be an object with a list of working intervals per weekday',
    ],
    [
      'a week without hours',
      withChange({ week: {} }),
      'week',
      'must have at least one working interval',
    ],
    [
      'a week of empty days',
      withChange({ week: { monday: [], friday: [] } }),
      'week',
      'must have at least one working interval',
    ],
    [
      'an unknown weekday',
      withChange({ week: { monday: NINE_TO_FIVE, mon: NINE_TO_FIVE } }),
      'week.mon',
      'is not a weekday (monday, tuesday, wednesday, thursday, friday, saturday, sunday)',
    ],
    [
      'a capitalised weekday',
      withChange({ week: { Monday: NINE_TO_FIVE } }),
      'week.Monday',
      'is not a weekday (monday, tuesday, wednesday, thursday, friday, saturday, sunday)',
    ],
    [
      'a day that is not a list',
      withChange({ week: { monday: { start: '09:00', end: '17:00' } } }),
      'week.monday',
      'must be a list of working intervals such as [{"start":"09:00","end":"17:00"}]',
    ],
    [
      'an interval that is text',
      monday('09:00-17:00'),
      'week.monday.0',
      'must be an interval with start and end such as {"start":"09:00","end":"17:00"}',
    ],
    [
      'a start without a leading zero',
      monday({ start: '9:00', end: '17:00' }),
      'week.monday.0.start',
      'must be a time HH:MM from 00:00 to 23:59',
    ],
    [
      'a start of 24:00',
      monday({ start: '24:00', end: '24:00' }),
      'week.monday.0.start',
      'must be a time HH:MM from 00:00 to 23:59',
    ],
    [
      'minute 60',
      monday({ start: '09:60', end: '17:00' }),
      'week.monday.0.start',
      'must be a time HH:MM from 00:00 to 23:59',
    ],
    [
      'seconds',
      monday({ start: '09:00:00', end: '17:00' }),
      'week.monday.0.start',
      'must be a time HH:MM from 00:00 to 23:59',
    ],
    [
      'a number',
      monday({ start: 900, end: '17:00' }),
      'week.monday.0.start',
      'must be a time HH:MM from 00:00 to 23:59',
    ],
    [
      'no end',
      monday({ start: '09:00' }),
      'week.monday.0.end',
      'must be a time HH:MM from 00:01 to 24:00',
    ],
    [
      'an end of 24:01',
      monday({ start: '09:00', end: '24:01' }),
      'week.monday.0.end',
      'must be a time HH:MM from 00:01 to 24:00',
    ],
    [
      'an end of 25:00',
      monday({ start: '09:00', end: '25:00' }),
      'week.monday.0.end',
      'must be a time HH:MM from 00:01 to 24:00',
    ],
    [
      'an end before the start',
      monday({ start: '17:00', end: '09:00' }),
      'week.monday.0.end',
      'must be after start (17:00)',
    ],
    [
      'an end equal to the start',
      monday({ start: '09:00', end: '09:00' }),
      'week.monday.0.end',
      'must be after start (09:00)',
    ],
    [
      'an overnight interval',
      monday({ start: '22:00', end: '06:00' }),
      'week.monday.0.end',
      'must be after start (22:00)',
    ],
    [
      'overlapping intervals',
      monday({ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }),
      'week.monday.1',
      'overlaps week.monday.0 (09:00-12:00)',
    ],
    [
      'an overlap listed first',
      monday({ start: '11:00', end: '17:00' }, { start: '09:00', end: '12:00' }),
      'week.monday.1',
      'overlaps week.monday.0 (11:00-17:00)',
    ],
    [
      'the same interval twice',
      monday(NINE_TO_FIVE[0], NINE_TO_FIVE[0]),
      'week.monday.1',
      'overlaps week.monday.0 (09:00-17:00)',
    ],
    [
      'holidays that are not a list',
      withChange({ holidays: { date: '2026-12-24' } }),
      'holidays',
      'must be a list of holidays such as [{"date":"2026-12-24"},{"recurring":"12-25"}]',
    ],
    [
      'a holiday that is text',
      withChange({ holidays: ['2026-12-24'] }),
      'holidays.0',
      'must be a holiday such as {"date":"2026-12-24"} or {"recurring":"12-25"}',
    ],
    [
      'a holiday without a day',
      withChange({ holidays: [{ name: 'Christmas' }] }),
      'holidays.0',
      'must have a date (YYYY-MM-DD) or a recurring day (MM-DD)',
    ],
    [
      'a holiday with both',
      withChange({ holidays: [{ date: '2026-12-25', recurring: '12-25' }] }),
      'holidays.0',
      'must have either date or recurring, not both',
    ],
    [
      'February 30',
      withChange({ holidays: [{ date: '2026-02-30' }] }),
      'holidays.0.date',
      'must be a calendar date YYYY-MM-DD such as 2026-12-24',
    ],
    [
      'a leap day in a common year',
      withChange({ holidays: [{ date: '2026-02-29' }] }),
      'holidays.0.date',
      'must be a calendar date YYYY-MM-DD such as 2026-12-24',
    ],
    [
      'month 13',
      withChange({ holidays: [{ date: '2026-13-01' }] }),
      'holidays.0.date',
      'must be a calendar date YYYY-MM-DD such as 2026-12-24',
    ],
    [
      'day 0',
      withChange({ holidays: [{ date: '2026-12-00' }] }),
      'holidays.0.date',
      'must be a calendar date YYYY-MM-DD such as 2026-12-24',
    ],
    [
      'a short year',
      withChange({ holidays: [{ date: '26-12-24' }] }),
      'holidays.0.date',
      'must be a calendar date YYYY-MM-DD such as 2026-12-24',
    ],
    [
      'a date with a time',
      withChange({ holidays: [{ date: '2026-12-24T00:00' }] }),
      'holidays.0.date',
      'must be a calendar date YYYY-MM-DD such as 2026-12-24',
    ],
    [
      'a date that is a number',
      withChange({ holidays: [{ date: 20261224 }] }),
      'holidays.0.date',
      'must be a calendar date YYYY-MM-DD such as 2026-12-24',
    ],
    [
      'recurring April 31',
      withChange({ holidays: [{ recurring: '04-31' }] }),
      'holidays.0.recurring',
      'must be a day of the year MM-DD such as 12-25',
    ],
    [
      'recurring with a year',
      withChange({ holidays: [{ recurring: '2026-12-25' }] }),
      'holidays.0.recurring',
      'must be a day of the year MM-DD such as 12-25',
    ],
    [
      'recurring without zeros',
      withChange({ holidays: [{ recurring: '1-1' }] }),
      'holidays.0.recurring',
      'must be a day of the year MM-DD such as 12-25',
    ],
    [
      'a name that is not text',
      withChange({ holidays: [{ date: '2026-12-24', name: 7 }] }),
      'holidays.0.name',
      'must be text of at most 200 characters',
    ],
    [
      'a name too long',
      withChange({ holidays: [{ date: '2026-12-24', name: 'x'.repeat(201) }] }),
      'holidays.0.name',
      'must be text of at most 200 characters',
    ],
  ])('refuses %s, naming the field', (_name, input, field, message) => {
    const result = validateCalendar(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ field, message });
  });

  it('reports every problem at once, each with its own field', () => {
    const result = validateCalendar({
      timeZone: 'Europe/Atlantis',
      week: {
        monday: [
          { start: '08:00', end: '18:00' },
          { start: '09:00', end: '10:00' },
          { start: '11:00', end: '12:00' },
        ],
        tuesday: [{ start: '9', end: '17:00' }],
        someday: [],
      },
      holidays: [{ date: '2026-12-24' }, { recurring: '12-32' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field)).toEqual([
      'timeZone',
      'week.someday',
      // One long interval overlapping two short ones is reported for each of them.
      'week.monday.1',
      'week.monday.2',
      'week.tuesday.0.start',
      'holidays.1.recurring',
    ]);
  });

  it('does not also say "no working interval" when the intervals themselves are wrong', () => {
    const result = validateCalendar(monday({ start: '9:00', end: '17:00' }));
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'week.monday.0.start',
    ]);
  });
});

describe('ALWAYS_OPEN', () => {
  it('is open all day on every weekday in UTC, without holidays', () => {
    expect(ALWAYS_OPEN.timeZone).toBe('UTC');
    for (const day of WEEKDAYS)
      expect(ALWAYS_OPEN.week[day]).toEqual([{ start: '00:00', end: '24:00' }]);
    expect(ALWAYS_OPEN.holidays).toEqual([]);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(ALWAYS_OPEN)).toBe(true);
    expect(Object.isFrozen(ALWAYS_OPEN.week)).toBe(true);
    expect(Object.isFrozen(ALWAYS_OPEN.week.monday)).toBe(true);
    expect(Object.isFrozen(ALWAYS_OPEN.week.monday[0])).toBe(true);
  });
});

describe('compileCalendar', () => {
  it('joins touching intervals, indexes days from Sunday and reads holidays', () => {
    const result = validateCalendar({
      timeZone: 'Europe/Berlin',
      week: {
        monday: [
          { start: '12:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
        ],
        sunday: [{ start: '00:00', end: '24:00' }],
      },
      holidays: [{ date: '1970-01-02' }, { recurring: '12-25' }],
    });
    if (!result.ok) throw new Error('test calendar is invalid');
    const compiled = compileCalendar(result.calendar);
    const hour = 3_600_000;
    expect(compiled.days[0]).toEqual([[0, 24 * hour]]);
    expect(compiled.days[1]).toEqual([[8 * hour, 17 * hour]]);
    expect(compiled.days.slice(2).every((day) => day.length === 0)).toBe(true);
    expect([...compiled.dates]).toEqual([1]);
    expect([...compiled.recurring]).toEqual([1225]);
    expect(compiled.hasHours).toBe(true);
    // Compiled once per calendar object.
    expect(compileCalendar(result.calendar)).toBe(compiled);
  });

  it('throws a RangeError listing the problems of an invalid calendar', () => {
    const calendar = {
      timeZone: 'Nowhere/Special',
      week: { ...ALWAYS_OPEN.week, monday: [{ start: '9', end: '17:00' }] },
      holidays: [],
    };
    expect(() => compileCalendar(calendar)).toThrow(
      new RangeError(
        'Invalid business calendar: timeZone is not a known IANA time zone: Nowhere/Special; ' +
          'week.monday.0.start must be a time HH:MM from 00:00 to 23:59',
      ),
    );
  });
});
