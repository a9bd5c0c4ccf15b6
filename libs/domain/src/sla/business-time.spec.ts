import { describe, expect, it } from '@jest/globals';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  dueAt,
  elapsedBusinessMinutes,
  isBusinessTime,
  NoWorkingTimeError,
  type ClockPause,
} from './business-time.js';
import {
  ALWAYS_OPEN,
  validateCalendar,
  WEEKDAYS,
  type BusinessCalendar,
  type Holiday,
  type Weekday,
} from './calendar.js';

/** `'08:00-12:00,13:00-17:00'` as intervals. */
function intervals(text: string) {
  return text === ''
    ? []
    : text.split(',').map((pair) => {
        const [start, end] = pair.split('-');
        return { start, end };
      });
}

/** A calendar from hours per weekday, through validateCalendar like every stored calendar. */
function calendarOf(
  timeZone: string,
  hours: Partial<Record<Weekday, string>>,
  holidays: Holiday[] = [],
): BusinessCalendar {
  const week = Object.fromEntries(
    Object.entries(hours).map(([day, text]) => [day, intervals(text)]),
  );
  const result = validateCalendar({ timeZone, week, holidays });
  if (!result.ok) throw new Error(`bad test calendar: ${JSON.stringify(result.errors)}`);
  return result.calendar;
}

/** Monday to Friday, the same hours each day. */
function workweek(timeZone: string, hours = '09:00-17:00', holidays: Holiday[] = []) {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
  return calendarOf(timeZone, Object.fromEntries(days.map((day) => [day, hours])), holidays);
}

/** Every day of the week, the same hours. */
function everyDay(timeZone: string, hours: string) {
  return calendarOf(timeZone, Object.fromEntries(WEEKDAYS.map((day) => [day, hours])));
}

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => (date === null ? null : date.toISOString());

const BERLIN = workweek('Europe/Berlin');
const BERLIN_LUNCH = workweek('Europe/Berlin', '08:00-12:00,13:00-17:00');

describe('addBusinessMinutes', () => {
  // Times are written with the local offset of the calendar; expectations are UTC instants.
  it.each([
    // The acceptance case: Friday 16:30 with a one-hour target is due Monday 09:30.
    ['Friday 16:30 summer', '2026-06-05T16:30+02:00', 60, '2026-06-08T07:30:00.000Z'],
    ['Friday 16:30 winter', '2026-01-09T16:30+01:00', 60, '2026-01-12T08:30:00.000Z'],
    ['Friday CET -> Monday CEST (March)', '2026-03-27T16:30+01:00', 60, '2026-03-30T07:30:00.000Z'],
    ['Friday CEST -> Monday CET (Oct)', '2026-10-23T16:30+02:00', 60, '2026-10-26T08:30:00.000Z'],
    ['across a night', '2026-06-09T16:00+02:00', 120, '2026-06-10T08:00:00.000Z'],
    ['start before opening', '2026-06-09T06:00+02:00', 30, '2026-06-09T07:30:00.000Z'],
    ['start after closing', '2026-06-09T18:00+02:00', 30, '2026-06-10T07:30:00.000Z'],
    ['start on Saturday', '2026-06-13T11:00+02:00', 60, '2026-06-15T08:00:00.000Z'],
    ['start on Sunday night', '2026-06-14T23:59+02:00', 1, '2026-06-15T07:01:00.000Z'],
    ['start at opening, zero', '2026-06-09T09:00+02:00', 0, '2026-06-09T07:00:00.000Z'],
    ['start at opening, whole day', '2026-06-09T09:00+02:00', 480, '2026-06-09T15:00:00.000Z'],
    ['start at closing, zero', '2026-06-09T17:00+02:00', 0, '2026-06-10T07:00:00.000Z'],
    ['start at closing, one', '2026-06-09T17:00+02:00', 1, '2026-06-10T07:01:00.000Z'],
    ['inside, ends exactly at closing', '2026-06-09T12:00+02:00', 300, '2026-06-09T15:00:00.000Z'],
    ['inside, one past closing', '2026-06-09T12:00+02:00', 301, '2026-06-10T07:01:00.000Z'],
    ['inside, zero', '2026-06-09T12:34:56.789+02:00', 0, '2026-06-09T10:34:56.789Z'],
    ['zero before opening', '2026-06-09T07:00+02:00', 0, '2026-06-09T07:00:00.000Z'],
    ['zero on a weekend', '2026-06-13T10:00+02:00', 0, '2026-06-15T07:00:00.000Z'],
    ['seconds are kept', '2026-06-09T10:00:30+02:00', 1, '2026-06-09T08:01:30.000Z'],
    ['fractional minutes', '2026-06-09T10:00+02:00', 1.5, '2026-06-09T08:01:30.000Z'],
    ['Friday at closing + a whole day', '2026-06-05T17:00+02:00', 480, '2026-06-08T15:00:00.000Z'],
    // 5 days x 8 h x 60 min x 3 = three working weeks.
    ['3 weeks from Monday opening', '2026-06-01T09:00+02:00', 7200, '2026-06-19T15:00:00.000Z'],
    ['3 weeks from mid-Wednesday', '2026-06-03T13:00+02:00', 7200, '2026-06-24T11:00:00.000Z'],
    ['3 weeks across March DST', '2026-03-16T09:00+01:00', 7200, '2026-04-03T15:00:00.000Z'],
    ['3 weeks across October DST', '2026-10-12T09:00+02:00', 7200, '2026-10-30T16:00:00.000Z'],
    ['a year of working time', '2026-01-05T09:00+01:00', 52 * 2400, '2027-01-01T16:00:00.000Z'],
  ])('Berlin Mon-Fri 09-17: %s', (_name, start, minutes, expected) => {
    expect(iso(addBusinessMinutes(BERLIN, at(start), minutes))).toBe(expected);
  });

  it.each([
    ['morning inside', '2026-06-08T11:30+02:00', 60, '2026-06-08T11:30:00.000Z'],
    ['ends exactly at lunch', '2026-06-08T11:00+02:00', 60, '2026-06-08T10:00:00.000Z'],
    ['starts during lunch', '2026-06-08T12:15+02:00', 30, '2026-06-08T11:30:00.000Z'],
    ['starts at lunch, zero', '2026-06-08T12:00+02:00', 0, '2026-06-08T11:00:00.000Z'],
    ['whole day', '2026-06-08T08:00+02:00', 480, '2026-06-08T15:00:00.000Z'],
    ['Friday afternoon to Monday', '2026-06-05T16:30+02:00', 60, '2026-06-08T06:30:00.000Z'],
    ['Friday morning to Monday', '2026-06-05T11:00+02:00', 360, '2026-06-08T07:00:00.000Z'],
  ])('Berlin with a lunch break 12-13: %s', (_name, start, minutes, expected) => {
    expect(iso(addBusinessMinutes(BERLIN_LUNCH, at(start), minutes))).toBe(expected);
  });

  it.each([
    // East of UTC, no DST: Friday 16:30 JST is 07:30Z the same day; Monday 09:30 is 00:30Z.
    ['Asia/Tokyo', '2026-06-05T16:30+09:00', '2026-06-08T00:30:00.000Z'],
    // Half-hour offset.
    ['Asia/Kolkata', '2026-06-05T16:30+05:30', '2026-06-08T04:00:00.000Z'],
    ['Asia/Kathmandu', '2026-06-05T16:30+05:45', '2026-06-08T03:45:00.000Z'],
    // US DST starts 2026-03-08, two weeks before Europe's; ends 2026-11-01, a week after:
    // EST -> EDT, EDT -> EST, and EDT on both sides while Europe switches.
    ['America/New_York', '2026-03-06T16:30-05:00', '2026-03-09T13:30:00.000Z'],
    ['America/New_York', '2026-10-30T16:30-04:00', '2026-11-02T14:30:00.000Z'],
    ['America/New_York', '2026-10-23T16:30-04:00', '2026-10-26T13:30:00.000Z'],
    // West of UTC: Friday 16:30 PST is already Saturday in UTC. PST -> PDT, PDT -> PST, PST.
    ['America/Los_Angeles', '2026-03-06T16:30-08:00', '2026-03-09T16:30:00.000Z'],
    ['America/Los_Angeles', '2026-10-30T16:30-07:00', '2026-11-02T17:30:00.000Z'],
    ['America/Los_Angeles', '2026-01-09T16:30-08:00', '2026-01-12T17:30:00.000Z'],
    // Southern hemisphere: DST ends 2026-04-05 and starts 2026-10-04. Auckland: NZST (+12).
    ['Australia/Sydney', '2026-04-03T16:30+11:00', '2026-04-05T23:30:00.000Z'],
    ['Australia/Sydney', '2026-10-02T16:30+10:00', '2026-10-04T22:30:00.000Z'],
    ['Pacific/Auckland', '2026-06-05T16:30+12:00', '2026-06-07T21:30:00.000Z'],
    ['Pacific/Honolulu', '2026-06-05T16:30-10:00', '2026-06-08T19:30:00.000Z'],
    ['UTC', '2026-06-05T16:30Z', '2026-06-08T09:30:00.000Z'],
  ])('Mon-Fri 09-17 in %s: Friday %s + 60 min', (timeZone, start, expected) => {
    expect(iso(addBusinessMinutes(workweek(timeZone), at(start), 60))).toBe(expected);
  });

  describe('holidays', () => {
    const christmas: Holiday[] = [
      { date: '2026-12-24', name: 'Christmas Eve 2026' },
      { recurring: '12-25', name: 'Christmas Day' },
      { recurring: '12-26' },
    ];
    it.each([
      [
        'a fixed Monday holiday pushes to Tuesday',
        workweek('Europe/Berlin', '09:00-17:00', [{ date: '2026-06-08' }]),
        '2026-06-05T16:30+02:00',
        '2026-06-09T07:30:00.000Z',
      ],
      [
        'a recurring Monday holiday pushes to Tuesday (2028-12-25)',
        workweek('Europe/Berlin', '09:00-17:00', [{ recurring: '12-25' }]),
        '2028-12-22T16:30+01:00',
        '2028-12-26T08:30:00.000Z',
      ],
      [
        'fixed and recurring together skip Thu-Fri',
        workweek('Europe/Berlin', '09:00-17:00', christmas),
        '2026-12-23T16:30+01:00',
        '2026-12-28T08:30:00.000Z',
      ],
      [
        'a fixed date holds only in its year (2027-12-24 is a Friday)',
        workweek('Europe/Berlin', '09:00-17:00', christmas),
        '2027-12-23T16:30+01:00',
        '2027-12-24T08:30:00.000Z',
      ],
      [
        'recurring Feb 29 only in leap years',
        workweek('Europe/Berlin', '09:00-17:00', [{ recurring: '02-29' }]),
        '2028-02-28T16:30+01:00',
        '2028-03-01T08:30:00.000Z',
      ],
      [
        'holidays are whole local days (Tokyo)',
        workweek('Asia/Tokyo', '09:00-17:00', [{ date: '2026-06-08' }]),
        '2026-06-05T16:30+09:00',
        '2026-06-09T00:30:00.000Z',
      ],
      [
        'holidays are whole local days (Los Angeles)',
        workweek('America/Los_Angeles', '09:00-17:00', [{ date: '2026-06-08' }]),
        '2026-06-05T16:30-07:00',
        '2026-06-09T16:30:00.000Z',
      ],
      [
        'a holiday on a weekend changes nothing',
        workweek('Europe/Berlin', '09:00-17:00', [{ date: '2026-06-06' }]),
        '2026-06-05T16:30+02:00',
        '2026-06-08T07:30:00.000Z',
      ],
    ])('%s', (_name, calendar, start, expected) => {
      expect(iso(addBusinessMinutes(calendar, at(start), 60))).toBe(expected);
    });

    it('skips holidays inside a long target', () => {
      // Fifteen working days from Monday 2026-12-07: Thursday 24 and Friday 25 are skipped.
      const calendar = workweek('Europe/Berlin', '09:00-17:00', christmas);
      const due = addBusinessMinutes(calendar, at('2026-12-07T09:00+01:00'), 7200);
      expect(iso(due)).toBe('2026-12-29T16:00:00.000Z');
    });
  });

  describe('intervals are wall-clock times across DST', () => {
    const cases: [string, BusinessCalendar, string, number, string][] = [
      // Sunday 01:00-04:00 in Berlin is 2 real hours on 2026-03-29, 4 on 2026-10-25.
      [
        'spring: 90 min',
        calendarOf('Europe/Berlin', { sunday: '01:00-04:00' }),
        '2026-03-28T12:00Z',
        90,
        '2026-03-29T01:30:00.000Z',
      ],
      [
        'spring: 120 min',
        calendarOf('Europe/Berlin', { sunday: '01:00-04:00' }),
        '2026-03-28T12:00Z',
        120,
        '2026-03-29T02:00:00.000Z',
      ],
      [
        'spring: 121 min',
        calendarOf('Europe/Berlin', { sunday: '01:00-04:00' }),
        '2026-03-28T12:00Z',
        121,
        '2026-04-04T23:01:00.000Z',
      ],
      [
        'autumn: 240 min',
        calendarOf('Europe/Berlin', { sunday: '01:00-04:00' }),
        '2026-10-24T12:00Z',
        240,
        '2026-10-25T03:00:00.000Z',
      ],
      // An interval wholly inside the skipped hour has no time that day.
      [
        'spring: 02:00-03:00 does not exist',
        calendarOf('Europe/Berlin', { sunday: '02:00-03:00' }),
        '2026-03-28T12:00Z',
        30,
        '2026-04-05T00:30:00.000Z',
      ],
      [
        'spring: 02:30-03:30 is 03:00-03:30',
        calendarOf('Europe/Berlin', { sunday: '02:30-03:30' }),
        '2026-03-28T12:00Z',
        30,
        '2026-03-29T01:30:00.000Z',
      ],
      // The repeated hour counts twice: 02:00-03:00 CEST, then 02:00-03:00 CET.
      [
        'autumn: 02:00-03:00 twice, 90 min',
        calendarOf('Europe/Berlin', { sunday: '02:00-03:00' }),
        '2026-10-24T12:00Z',
        90,
        '2026-10-25T01:30:00.000Z',
      ],
      [
        'autumn: 02:00-02:30 twice, 45 min',
        calendarOf('Europe/Berlin', { sunday: '02:00-02:30' }),
        '2026-10-24T12:00Z',
        45,
        '2026-10-25T01:15:00.000Z',
      ],
      // 09:00-17:00 is 8 real hours on both switch days.
      [
        'spring Sunday 09-17',
        calendarOf('Europe/Berlin', { sunday: '09:00-17:00' }),
        '2026-03-29T00:00+01:00',
        480,
        '2026-03-29T15:00:00.000Z',
      ],
      [
        'autumn Sunday 09-17',
        calendarOf('Europe/Berlin', { sunday: '09:00-17:00' }),
        '2026-10-25T00:00+02:00',
        480,
        '2026-10-25T16:00:00.000Z',
      ],
      // New York switches at 02:00 local; Lord Howe Island moves by 30 minutes.
      [
        'New York spring 01:00-04:00',
        calendarOf('America/New_York', { sunday: '01:00-04:00' }),
        '2026-03-07T12:00Z',
        120,
        '2026-03-08T08:00:00.000Z',
      ],
      [
        'New York autumn 01:00-04:00',
        calendarOf('America/New_York', { sunday: '01:00-04:00' }),
        '2026-10-31T12:00Z',
        240,
        '2026-11-01T09:00:00.000Z',
      ],
      [
        'Lord Howe autumn 01:00-03:00',
        calendarOf('Australia/Lord_Howe', { sunday: '01:00-03:00' }),
        '2026-04-03T12:00Z',
        150,
        '2026-04-04T16:30:00.000Z',
      ],
      [
        'Lord Howe spring 01:00-03:00',
        calendarOf('Australia/Lord_Howe', { sunday: '01:00-03:00' }),
        '2026-10-02T12:00Z',
        90,
        '2026-10-03T16:00:00.000Z',
      ],
    ];
    it.each(cases)('%s', (_name, calendar, start, minutes, expected) => {
      expect(iso(addBusinessMinutes(calendar, at(start), minutes))).toBe(expected);
    });
  });

  describe('24/7 equals plain addition', () => {
    const starts = [
      '2026-03-29T00:30Z',
      '2026-10-25T00:30Z',
      '2026-06-05T16:30:12.345Z',
      '2028-02-28T23:59Z',
    ];
    const targets = [0, 1, 0.5, 59, 60, 1439, 1440, 10_000, 100_000];
    const grid = starts.flatMap((start) => targets.map((minutes) => [start, minutes] as const));

    it.each(grid)('ALWAYS_OPEN: %s + %d min', (start, minutes) => {
      const expected = at(start).getTime() + Math.round(minutes * 60_000);
      expect(addBusinessMinutes(ALWAYS_OPEN, at(start), minutes).getTime()).toBe(expected);
    });

    it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'])(
      '00:00-24:00 every day in %s, across both DST switches',
      (timeZone) => {
        const calendar = everyDay(timeZone, '00:00-24:00');
        for (const start of starts) {
          for (const minutes of targets) {
            const expected = at(start).getTime() + Math.round(minutes * 60_000);
            expect(addBusinessMinutes(calendar, at(start), minutes).getTime()).toBe(expected);
          }
        }
      },
    );
  });

  it.each([
    ['negative minutes', -1],
    ['NaN minutes', Number.NaN],
    ['infinite minutes', Number.POSITIVE_INFINITY],
  ])('refuses %s', (_name, minutes) => {
    expect(() => addBusinessMinutes(BERLIN, at('2026-06-05T12:00Z'), minutes)).toThrow(RangeError);
  });

  it('refuses an invalid start date', () => {
    expect(() => addBusinessMinutes(BERLIN, new Date('not a date'), 1)).toThrow(
      'start must be a valid Date',
    );
  });

  it('refuses a calendar that was never validated and is invalid', () => {
    const calendar = { ...BERLIN, timeZone: 'Mars/Olympus_Mons' };
    expect(() => addBusinessMinutes(calendar, at('2026-06-05T12:00Z'), 1)).toThrow(
      /Invalid business calendar: timeZone is not a known IANA time zone/,
    );
  });
});

describe('calendars that never open', () => {
  const closedWeek: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    week: Object.fromEntries(
      WEEKDAYS.map((day) => [day, []]),
    ) as unknown as BusinessCalendar['week'],
    holidays: [],
  };
  // Open every day, but every day of the year is a holiday.
  const everyDayOff = calendarOf(
    'Europe/Berlin',
    Object.fromEntries(WEEKDAYS.map((day) => [day, '09:00-17:00'])),
    Array.from({ length: 366 }, (_, day) => {
      const date = new Date(Date.UTC(2028, 0, 1 + day));
      return { recurring: date.toISOString().slice(5, 10) };
    }),
  );

  it.each([
    ['no working hours', closedWeek],
    ['a holiday on every day of the year', everyDayOff],
  ])('%s: adding throws NoWorkingTimeError instead of looping', (_name, calendar) => {
    const start = at('2026-06-05T12:00Z');
    expect(() => addBusinessMinutes(calendar, start, 60)).toThrow(NoWorkingTimeError);
    expect(() => addBusinessMinutes(calendar, start, 0)).toThrow(/no working time within/);
    expect(() => dueAt(calendar, start, 60, [])).toThrow(NoWorkingTimeError);
  });

  it.each([
    ['no working hours', closedWeek],
    ['a holiday on every day of the year', everyDayOff],
  ])('%s: a range has no business time', (_name, calendar) => {
    expect(businessMinutesBetween(calendar, at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z'))).toBe(
      0,
    );
    expect(isBusinessTime(calendar, at('2026-06-05T12:00Z'))).toBe(false);
  });

  it('still finds working time after a long closure', () => {
    // Closed for a whole year of fixed holidays: counting resumes after it.
    const days = Array.from({ length: 365 }, (_, day) => ({
      date: new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10),
    }));
    const calendar = workweek('Europe/Berlin', '09:00-17:00', days);
    // 2027-01-01 is a Friday.
    expect(iso(addBusinessMinutes(calendar, at('2026-01-01T00:00Z'), 60))).toBe(
      '2027-01-01T09:00:00.000Z',
    );
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['the acceptance case', '2026-06-05T16:30+02:00', '2026-06-08T09:30+02:00', 60],
    ['a whole working week', '2026-06-08T00:00+02:00', '2026-06-15T00:00+02:00', 2400],
    ['a weekend', '2026-06-05T17:00+02:00', '2026-06-08T09:00+02:00', 0],
    ['to before from', '2026-06-09T12:00+02:00', '2026-06-09T10:00+02:00', 0],
    ['same instant', '2026-06-09T12:00+02:00', '2026-06-09T12:00+02:00', 0],
    ['fractions are exact', '2026-06-09T12:00+02:00', '2026-06-09T12:00:30+02:00', 0.5],
    ['one millisecond', '2026-06-09T12:00+02:00', '2026-06-09T12:00:00.001+02:00', 1 / 60_000],
    ['week with March DST', '2026-03-23T00:00+01:00', '2026-03-30T00:00+02:00', 2400],
    ['week with October DST', '2026-10-19T00:00+02:00', '2026-10-26T00:00+01:00', 2400],
    ['four weeks', '2026-06-01T00:00+02:00', '2026-06-29T00:00+02:00', 9600],
  ])('Berlin Mon-Fri 09-17: %s', (_name, from, to, expected) => {
    expect(businessMinutesBetween(BERLIN, at(from), at(to))).toBe(expected);
  });

  it.each([
    [
      'Europe/Berlin spring day',
      'Europe/Berlin',
      '2026-03-29T00:00+01:00',
      '2026-03-30T00:00+02:00',
      23 * 60,
    ],
    [
      'Europe/Berlin autumn day',
      'Europe/Berlin',
      '2026-10-25T00:00+02:00',
      '2026-10-26T00:00+01:00',
      25 * 60,
    ],
    [
      'Australia/Lord_Howe autumn day',
      'Australia/Lord_Howe',
      '2026-04-05T00:00+11:00',
      '2026-04-06T00:00+10:30',
      24.5 * 60,
    ],
    [
      'Australia/Sydney spring day',
      'Australia/Sydney',
      '2026-10-04T00:00+10:00',
      '2026-10-05T00:00+11:00',
      23 * 60,
    ],
  ])('00:00-24:00 every day, %s', (_name, timeZone, from, to, expected) => {
    expect(businessMinutesBetween(everyDay(timeZone, '00:00-24:00'), at(from), at(to))).toBe(
      expected,
    );
  });

  it.each([
    ['02:00-03:00 on the spring day', '02:00-03:00', '2026-03-29', 0],
    ['02:00-03:00 on the autumn day', '02:00-03:00', '2026-10-25', 120],
    ['02:00-03:00 on an ordinary day', '02:00-03:00', '2026-06-07', 60],
    ['01:00-04:00 on the spring day', '01:00-04:00', '2026-03-29', 120],
    ['01:00-04:00 on the autumn day', '01:00-04:00', '2026-10-25', 240],
    ['09:00-17:00 on the spring day', '09:00-17:00', '2026-03-29', 480],
    ['09:00-17:00 on the autumn day', '09:00-17:00', '2026-10-25', 480],
  ])('Berlin Sundays %s', (_name, hours, date, expected) => {
    const calendar = calendarOf('Europe/Berlin', { sunday: hours });
    const saturday = new Date(`${date}T00:00Z`).getTime() - 86_400_000;
    const from = new Date(saturday);
    const to = new Date(saturday + 3 * 86_400_000);
    expect(businessMinutesBetween(calendar, from, to)).toBe(expected);
  });

  it('ALWAYS_OPEN gives the plain difference', () => {
    const from = at('2026-03-28T22:17:03.250Z');
    const to = at('2026-11-02T05:00Z');
    expect(businessMinutesBetween(ALWAYS_OPEN, from, to)).toBe(
      (to.getTime() - from.getTime()) / 60_000,
    );
  });
});

describe('businessMinutesBetween is the inverse of addBusinessMinutes', () => {
  // Deterministic grid: starts every 97 minutes over two weeks around a DST switch, so they fall
  // inside, before, after and between intervals, on weekends and on odd minutes.
  const calendars: [string, BusinessCalendar, string][] = [
    ['Berlin with lunch (March switch)', BERLIN_LUNCH, '2026-03-23T00:00Z'],
    ['Berlin with lunch (October switch)', BERLIN_LUNCH, '2026-10-19T00:00Z'],
    ['New York (March switch)', workweek('America/New_York'), '2026-03-02T00:00Z'],
    ['Sydney (April switch)', workweek('Australia/Sydney'), '2026-03-30T00:00Z'],
    ['Kolkata', workweek('Asia/Kolkata', '09:30-13:00,14:00-18:30'), '2026-06-01T00:00Z'],
    [
      'Berlin nights around the switch',
      calendarOf('Europe/Berlin', { saturday: '22:00-24:00', sunday: '00:00-03:30,23:00-24:00' }),
      '2026-03-23T00:00Z',
    ],
    [
      'Berlin with holidays',
      workweek('Europe/Berlin', '09:00-17:00', [{ recurring: '06-03' }, { date: '2026-06-08' }]),
      '2026-06-01T00:00Z',
    ],
  ];
  const targets = [0, 1, 59, 60, 61, 239, 480, 1000, 2400, 7200];

  it.each(calendars)('%s', (_name, calendar, firstStart) => {
    const first = at(firstStart).getTime();
    for (let step = 0; step * 97 < 14 * 24 * 60; step++) {
      const start = new Date(first + step * 97 * 60_000);
      let previous = -Infinity;
      for (const minutes of targets) {
        const due = addBusinessMinutes(calendar, start, minutes);
        expect(businessMinutesBetween(calendar, start, due)).toBe(minutes);
        // Monotonic, and the due instant is working time or the end of an interval.
        expect(due.getTime()).toBeGreaterThanOrEqual(previous);
        previous = due.getTime();
        if (minutes > 0) {
          const justBefore = new Date(due.getTime() - 1);
          expect(isBusinessTime(calendar, justBefore)).toBe(true);
          // Additive: adding in two steps is adding once.
          const half = Math.floor(minutes / 2);
          const twoSteps = addBusinessMinutes(
            calendar,
            addBusinessMinutes(calendar, start, half),
            minutes - half,
          );
          expect(twoSteps.getTime()).toBe(due.getTime());
        }
      }
    }
  });
});

describe('businessMinutesBetween agrees with a minute-by-minute count', () => {
  // An independent reference: step through every minute, read the wall clock with Intl and ask
  // whether it shows working time. Slow, so only over four days around each switch.
  function wallClock(timeZone: string) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    return (instant: number) => {
      const parts = Object.fromEntries(
        format.formatToParts(instant).map((part) => [part.type, part.value]),
      );
      return {
        weekday: parts.weekday.toLowerCase() as Weekday,
        date: `${parts.year}-${parts.month}-${parts.day}`,
        time: `${parts.hour}:${parts.minute}`,
      };
    };
  }

  function isWorkingMinute(
    calendar: BusinessCalendar,
    read: ReturnType<typeof wallClock>,
    t: number,
  ) {
    const { weekday, date, time } = read(t);
    if (calendar.holidays.some((h) => h.date === date || h.recurring === date.slice(5))) {
      return false;
    }
    // Zero-padded HH:MM compares as text.
    return calendar.week[weekday].some(({ start, end }) => start <= time && time < end);
  }

  const hours: Partial<Record<Weekday, string>> = {
    monday: '08:00-12:00,13:00-17:00',
    friday: '09:00-17:00,22:00-24:00',
    saturday: '00:00-01:00,01:30-02:15,02:45-03:30,10:00-11:00',
    sunday: '00:00-00:30,01:00-02:30,02:40-04:00,23:30-24:00',
  };
  const cases: [string, string][] = [
    ['Europe/Berlin', '2026-03-27T00:00Z'],
    ['Europe/Berlin', '2026-10-23T00:00Z'],
    ['America/New_York', '2026-03-06T00:00Z'],
    ['America/Los_Angeles', '2026-10-30T00:00Z'],
    ['Australia/Sydney', '2026-04-02T12:00Z'],
    ['Australia/Lord_Howe', '2026-10-02T00:00Z'],
    ['Asia/Kolkata', '2026-06-05T00:00Z'],
    // Cuba switches at midnight, so a local day starts twice in autumn.
    ['America/Havana', '2026-03-06T00:00Z'],
    ['America/Havana', '2026-10-30T00:00Z'],
  ];

  it.each(cases)('%s from %s', (timeZone, firstInstant) => {
    const calendar = calendarOf(timeZone, hours, [{ recurring: '06-06' }]);
    const read = wallClock(timeZone);
    const first = at(firstInstant).getTime();
    const minutes = 4 * 24 * 60;
    // counts[i] = working minutes in [first, first + i minutes)
    const counts = [0];
    for (let i = 0; i < minutes; i++) {
      counts.push(counts[i] + (isWorkingMinute(calendar, read, first + i * 60_000) ? 1 : 0));
    }
    expect(counts[minutes]).toBeGreaterThan(0);
    for (let from = 0; from < minutes; from += 53) {
      for (let to = from; to <= minutes; to += 211) {
        const actual = businessMinutesBetween(
          calendar,
          new Date(first + from * 60_000),
          new Date(first + to * 60_000),
        );
        expect([from, to, actual]).toEqual([from, to, counts[to] - counts[from]]);
      }
    }
  });
});

describe('dueAt with pauses', () => {
  const monday9 = '2026-06-08T09:00+02:00';
  const pause = (from: string, to: string | null): ClockPause => ({
    from: at(from),
    to: to === null ? null : at(to),
  });

  it.each([
    ['no pauses equals addBusinessMinutes', monday9, 240, [], '2026-06-08T11:00:00.000Z'],
    [
      'one pause in working time',
      monday9,
      240,
      [pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00')],
      '2026-06-08T12:00:00.000Z',
    ],
    [
      'several pauses, one across the night',
      monday9,
      360,
      [
        pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00'),
        pause('2026-06-08T15:00+02:00', '2026-06-09T10:00+02:00'),
      ],
      '2026-06-09T09:00:00.000Z',
    ],
    [
      'unsorted, overlapping pauses',
      monday9,
      240,
      [
        pause('2026-06-08T11:30+02:00', '2026-06-08T12:00+02:00'),
        pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00'),
        pause('2026-06-08T10:30+02:00', '2026-06-08T11:45+02:00'),
      ],
      '2026-06-08T13:00:00.000Z',
    ],
    [
      'a pause that began before the start',
      monday9,
      60,
      [pause('2026-06-05T12:00+02:00', '2026-06-08T10:00+02:00')],
      '2026-06-08T09:00:00.000Z',
    ],
    [
      'a pause outside working hours changes nothing',
      monday9,
      600,
      [pause('2026-06-08T18:00+02:00', '2026-06-09T08:00+02:00')],
      '2026-06-09T09:00:00.000Z',
    ],
    [
      'a pause over the weekend changes nothing',
      '2026-06-05T16:30+02:00',
      60,
      [pause('2026-06-05T17:00+02:00', '2026-06-08T09:00+02:00')],
      '2026-06-08T07:30:00.000Z',
    ],
    [
      'a pause after the due time changes nothing',
      monday9,
      60,
      [pause('2026-06-08T10:00+02:00', '2026-06-08T12:00+02:00')],
      '2026-06-08T08:00:00.000Z',
    ],
    [
      'a half-hour pause in the first hour',
      monday9,
      60,
      [pause('2026-06-08T09:30+02:00', '2026-06-08T10:00+02:00')],
      '2026-06-08T08:30:00.000Z',
    ],
    [
      'an empty or reversed pause is no pause',
      monday9,
      60,
      [
        pause('2026-06-08T09:30+02:00', '2026-06-08T09:30+02:00'),
        pause('2026-06-08T09:40+02:00', '2026-06-08T09:35+02:00'),
      ],
      '2026-06-08T08:00:00.000Z',
    ],
    [
      'zero target inside a pause: the clock starts when the pause ends',
      monday9,
      0,
      [pause('2026-06-08T08:00+02:00', '2026-06-08T09:45+02:00')],
      '2026-06-08T07:45:00.000Z',
    ],
    [
      'an open pause that starts after the due time changes nothing',
      monday9,
      60,
      [pause('2026-06-08T11:00+02:00', null)],
      '2026-06-08T08:00:00.000Z',
    ],
    [
      'an open pause starting exactly at the due time changes nothing',
      monday9,
      60,
      [pause('2026-06-08T10:00+02:00', null)],
      '2026-06-08T08:00:00.000Z',
    ],
    [
      'an open pause before the due time: unknown',
      monday9,
      60,
      [pause('2026-06-08T09:30+02:00', null)],
      null,
    ],
    [
      'an open pause from before the start: unknown',
      monday9,
      0,
      [pause('2026-06-01T09:30+02:00', null)],
      null,
    ],
    [
      'an open pause after a closed one: unknown',
      monday9,
      240,
      [
        pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00'),
        pause('2026-06-08T12:00+02:00', null),
      ],
      null,
    ],
  ])('Berlin Mon-Fri 09-17: %s', (_name, start, target, pauses, expected) => {
    expect(iso(dueAt(BERLIN, at(start), target, pauses))).toBe(expected);
  });

  it('pauses work across DST and time zones', () => {
    // Friday 16:30 CET, pending from Monday 09:00 CEST to 10:00 CEST: due Monday 10:30 CEST.
    const due = dueAt(BERLIN, at('2026-03-27T16:30+01:00'), 60, [
      pause('2026-03-30T09:00+02:00', '2026-03-30T10:00+02:00'),
    ]);
    expect(iso(due)).toBe('2026-03-30T08:30:00.000Z');
  });

  it('refuses an invalid pause date, naming it', () => {
    expect(() =>
      dueAt(BERLIN, at(monday9), 60, [{ from: new Date(Number.NaN), to: null }]),
    ).toThrow('pauses.0.from must be a valid Date');
  });

  it('agrees with elapsedBusinessMinutes over a grid', () => {
    const pauses = [
      pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00'),
      pause('2026-06-08T16:00+02:00', '2026-06-10T12:00+02:00'),
      pause('2026-06-11T08:00+02:00', '2026-06-11T09:30+02:00'),
    ];
    for (let target = 0; target <= 2400; target += 37) {
      const due = dueAt(BERLIN_LUNCH, at(monday9), target, pauses);
      expect(due).not.toBeNull();
      expect(elapsedBusinessMinutes(BERLIN_LUNCH, at(monday9), due ?? at(monday9), pauses)).toBe(
        target,
      );
    }
  });
});

describe('elapsedBusinessMinutes', () => {
  const start = at('2026-06-08T09:00+02:00');
  const pause = (from: string, to: string | null): ClockPause => ({
    from: at(from),
    to: to === null ? null : at(to),
  });

  it.each([
    ['no pauses', '2026-06-08T15:00+02:00', [], 360],
    [
      'one pause',
      '2026-06-08T15:00+02:00',
      [pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00')],
      300,
    ],
    [
      'several pauses',
      '2026-06-09T10:00+02:00',
      [
        pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00'),
        pause('2026-06-08T16:00+02:00', '2026-06-09T09:30+02:00'),
      ],
      390,
    ],
    [
      'now inside a pause',
      '2026-06-08T10:30+02:00',
      [pause('2026-06-08T10:00+02:00', '2026-06-08T11:00+02:00')],
      60,
    ],
    [
      'an open pause stops the clock at its start',
      '2026-06-09T15:00+02:00',
      [pause('2026-06-08T13:00+02:00', null)],
      240,
    ],
    [
      'an open pause that starts later',
      '2026-06-08T12:00+02:00',
      [pause('2026-06-08T13:00+02:00', null)],
      180,
    ],
    ['now before start', '2026-06-08T08:00+02:00', [], 0],
    ['across the weekend', '2026-06-15T09:00+02:00', [], 2400],
    ['seconds count as fractions', '2026-06-08T09:00:45+02:00', [], 0.75],
  ])('Berlin Mon-Fri 09-17, from Monday 09:00: %s', (_name, now, pauses, expected) => {
    expect(elapsedBusinessMinutes(BERLIN, start, at(now), pauses)).toBe(expected);
  });

  it('without pauses equals businessMinutesBetween', () => {
    const now = at('2026-10-30T12:00+01:00');
    expect(elapsedBusinessMinutes(BERLIN_LUNCH, start, now)).toBe(
      businessMinutesBetween(BERLIN_LUNCH, start, now),
    );
  });
});

describe('isBusinessTime', () => {
  it.each([
    ['at opening', '2026-06-08T09:00+02:00', true],
    ['just before opening', '2026-06-08T08:59:59.999+02:00', false],
    ['at closing', '2026-06-08T17:00+02:00', false],
    ['just before closing', '2026-06-08T16:59:59.999+02:00', true],
    ['during lunch', '2026-06-08T12:30+02:00', false],
    ['on Saturday', '2026-06-13T10:00+02:00', false],
    ['on a holiday', '2026-06-09T10:00+02:00', false],
  ])('Berlin with lunch, holiday on Tuesday 2026-06-09: %s', (_name, instant, expected) => {
    const calendar = workweek('Europe/Berlin', '09:00-12:00,13:00-17:00', [{ date: '2026-06-09' }]);
    expect(isBusinessTime(calendar, at(instant))).toBe(expected);
  });
});
