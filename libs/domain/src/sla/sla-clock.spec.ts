import { describe, expect, it } from '@jest/globals';
import type { TicketState } from '../ticket/ticket-state.js';
import { ALWAYS_OPEN, validateCalendar, type BusinessCalendar } from './calendar.js';
import {
  clockRuns,
  evaluateSla,
  pendingSlaAlerts,
  slaAlertKey,
  type ClockRun,
  type SlaHistory,
  type SlaHistoryEntry,
  type SlaTarget,
  type SlaTargets,
} from './sla-clock.js';

/** A history step, `at` in hours after the ticket was created. */
type Step = ['state', number, TicketState] | ['agent', number] | ['customer', number];

const T0 = Date.parse('2026-06-01T08:00:00Z');
const hour = (n: number) => new Date(T0 + n * 3_600_000);

function historyOf(steps: Step[], initialState: TicketState = 'new'): SlaHistory {
  const entries = steps.map((step): SlaHistoryEntry => {
    if (step[0] === 'state') return { kind: 'state', at: hour(step[1]), state: step[2] };
    return { kind: step[0] === 'agent' ? 'agent_reply' : 'customer_message', at: hour(step[1]) };
  });
  return { createdAt: hour(0), initialState, entries };
}

/** A run in hours: phase, start, end, pauses ([from, to] with null for open). */
type Run = [ClockRun['phase'], number, number | null, [number, number | null][]];

function inHours(run: ClockRun | null): Run | null {
  if (run === null) return null;
  const h = (date: Date) => (date.getTime() - T0) / 3_600_000;
  return [
    run.phase,
    h(run.startedAt),
    run.endedAt && h(run.endedAt),
    run.pauses.map((p) => [h(p.from), p.to && h(p.to)]),
  ];
}

describe('clockRuns', () => {
  it.each<[string, Step[], TicketState, Record<SlaTarget, Run | null>]>([
    [
      'a new ticket nobody touched',
      [],
      'new',
      {
        firstResponse: ['running', 0, null, []],
        nextResponse: null,
        resolution: ['running', 0, null, []],
      },
    ],
    [
      'pending pauses every clock, and the customer answering resumes them',
      [
        ['state', 1, 'pending'],
        ['customer', 3],
        ['state', 3, 'open'],
      ],
      'new',
      {
        firstResponse: ['running', 0, null, [[1, 3]]],
        nextResponse: null,
        resolution: ['running', 0, null, [[1, 3]]],
      },
    ],
    [
      'still pending: paused, with an open pause',
      [['state', 1, 'pending']],
      'open',
      {
        firstResponse: ['paused', 0, null, [[1, null]]],
        nextResponse: null,
        resolution: ['paused', 0, null, [[1, null]]],
      },
    ],
    [
      'the first agent reply meets first response',
      [
        ['agent', 2],
        ['state', 2, 'open'],
      ],
      'new',
      {
        firstResponse: ['met', 0, 2, []],
        nextResponse: null,
        resolution: ['running', 0, null, []],
      },
    ],
    [
      'customer messages before the first reply start no next response',
      [
        ['customer', 1],
        ['agent', 2],
      ],
      'new',
      {
        firstResponse: ['met', 0, 2, []],
        nextResponse: null,
        resolution: ['running', 0, null, []],
      },
    ],
    [
      'a customer message after a reply starts next response; another one does not restart it',
      [
        ['agent', 1],
        ['customer', 2],
        ['customer', 3],
      ],
      'open',
      {
        firstResponse: ['met', 0, 1, []],
        nextResponse: ['running', 2, null, []],
        resolution: ['running', 0, null, []],
      },
    ],
    [
      'the next agent reply meets next response',
      [
        ['agent', 1],
        ['customer', 2],
        ['agent', 4],
      ],
      'open',
      {
        firstResponse: ['met', 0, 1, []],
        nextResponse: ['met', 2, 4, []],
        resolution: ['running', 0, null, []],
      },
    ],
    [
      'a reply while pending, then the customer answering (the ticket opens again)',
      [
        ['agent', 1],
        ['state', 1, 'pending'],
        ['customer', 3],
        ['state', 3, 'open'],
      ],
      'open',
      {
        firstResponse: ['met', 0, 1, []],
        nextResponse: ['running', 3, null, []],
        resolution: ['running', 0, null, [[1, 3]]],
      },
    ],
    [
      'resolving meets resolution and pauses an unmet first response',
      [['state', 2, 'resolved']],
      'open',
      {
        firstResponse: ['paused', 0, null, [[2, null]]],
        nextResponse: null,
        resolution: ['met', 0, 2, []],
      },
    ],
    [
      'a reopened ticket resumes its resolution clock: resolved time counts as paused',
      [
        ['state', 2, 'resolved'],
        ['state', 5, 'open'],
      ],
      'open',
      {
        firstResponse: ['running', 0, null, [[2, 5]]],
        nextResponse: null,
        resolution: ['running', 0, null, [[2, 5]]],
      },
    ],
    [
      'resolved again after a reopen: met at the latest resolution',
      [
        ['state', 2, 'resolved'],
        ['state', 5, 'open'],
        ['state', 6, 'resolved'],
      ],
      'open',
      {
        firstResponse: [
          'paused',
          0,
          null,
          [
            [2, 5],
            [6, null],
          ],
        ],
        nextResponse: null,
        resolution: ['met', 0, 6, [[2, 5]]],
      },
    ],
    [
      'closing after resolving keeps resolution met then, and stops what was unmet',
      [
        ['agent', 1],
        ['customer', 2],
        ['state', 3, 'resolved'],
        ['state', 4, 'closed'],
      ],
      'open',
      {
        firstResponse: ['met', 0, 1, []],
        nextResponse: ['stopped', 2, 4, [[3, 4]]],
        resolution: ['met', 0, 3, []],
      },
    ],
    [
      'merging stops every clock that was not met',
      [['state', 2, 'merged']],
      'open',
      {
        firstResponse: ['stopped', 0, 2, []],
        nextResponse: null,
        resolution: ['stopped', 0, 2, []],
      },
    ],
    [
      'imported already resolved: resolution met at once, first response paused',
      [],
      'resolved',
      {
        firstResponse: ['paused', 0, null, [[0, null]]],
        nextResponse: null,
        resolution: ['met', 0, 0, []],
      },
    ],
    [
      'imported closed: nothing runs',
      [['agent', 1]],
      'closed',
      {
        firstResponse: ['stopped', 0, 0, []],
        nextResponse: null,
        resolution: ['met', 0, 0, []],
      },
    ],
  ])('%s', (_name, steps, initial, expected) => {
    const runs = clockRuns(historyOf(steps, initial));
    expect({
      firstResponse: inHours(runs.firstResponse),
      nextResponse: inHours(runs.nextResponse),
      resolution: inHours(runs.resolution),
    }).toEqual(expected);
  });
});

/** Monday to Friday 09:00-17:00 in Berlin, validated like every stored calendar. */
function berlinWorkweek(): BusinessCalendar {
  const day = [{ start: '09:00', end: '17:00' }];
  const result = validateCalendar({
    timeZone: 'Europe/Berlin',
    week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
    holidays: [],
  });
  if (!result.ok) throw new Error('bad test calendar');
  return result.calendar;
}

const BERLIN = berlinWorkweek();
const NONE: SlaTargets = { firstResponse: null, nextResponse: null, resolution: null };

/** A history with times written as ISO instants (with their offset). */
function dated(
  createdAt: string,
  steps: (['state', string, TicketState] | ['agent' | 'customer', string])[],
  initialState: TicketState = 'new',
): SlaHistory {
  return {
    createdAt: new Date(createdAt),
    initialState,
    entries: steps.map((step): SlaHistoryEntry => {
      const at = new Date(step[1]);
      if (step[0] === 'state') return { kind: 'state', at, state: step[2] };
      return { kind: step[0] === 'agent' ? 'agent_reply' : 'customer_message', at };
    }),
  };
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
// Monday 2026-06-08, Berlin summer time (UTC+2).
const MONDAY_9 = '2026-06-08T09:00:00+02:00';

describe('evaluateSla', () => {
  it.each<
    [
      string,
      SlaHistory,
      SlaTarget,
      number,
      string,
      { status: string; dueAt: string | null; breachedAt?: string | null; minutes?: number | null },
    ]
  >([
    [
      'Friday 16:30 with a one-hour first response is due Monday 09:30',
      dated('2026-06-05T16:30:00+02:00', []),
      'firstResponse',
      60,
      '2026-06-05T16:30:00+02:00',
      { status: 'running', dueAt: '2026-06-08T07:30:00.000Z' },
    ],
    [
      'pending moves the due time by the paused business time (90 minutes)',
      dated(MONDAY_9, [
        ['state', '2026-06-08T10:00:00+02:00', 'pending'],
        ['customer', '2026-06-08T11:30:00+02:00'],
        ['state', '2026-06-08T11:30:00+02:00', 'open'],
      ]),
      'firstResponse',
      240,
      '2026-06-08T11:30:00+02:00',
      { status: 'running', dueAt: '2026-06-08T12:30:00.000Z' },
    ],
    [
      'a pause over the night counts only its business time (Mon 16:00 to Tue 10:00)',
      dated(MONDAY_9, [
        ['state', '2026-06-08T16:00:00+02:00', 'pending'],
        ['state', '2026-06-09T10:00:00+02:00', 'open'],
      ]),
      'resolution',
      480,
      '2026-06-09T10:00:00+02:00',
      // 420 of 480 minutes used: past the 80 % warning threshold.
      { status: 'warning', dueAt: '2026-06-09T09:00:00.000Z' },
    ],
    [
      'while pending there is no due time',
      dated(MONDAY_9, [['state', '2026-06-08T10:00:00+02:00', 'pending']]),
      'firstResponse',
      240,
      '2026-06-08T15:00:00+02:00',
      { status: 'paused', dueAt: null, breachedAt: null },
    ],
    [
      'resolving meets resolution, counting business minutes',
      dated(MONDAY_9, [['state', '2026-06-08T11:00:00+02:00', 'resolved']]),
      'resolution',
      480,
      '2026-06-08T12:00:00+02:00',
      { status: 'met', dueAt: '2026-06-08T15:00:00.000Z', breachedAt: null, minutes: 120 },
    ],
    [
      'a reopened ticket resumes resolution where it stood (120 of 480 used)',
      dated(MONDAY_9, [
        ['state', '2026-06-08T11:00:00+02:00', 'resolved'],
        ['customer', '2026-06-09T09:00:00+02:00'],
        ['state', '2026-06-09T09:00:00+02:00', 'open'],
      ]),
      'resolution',
      480,
      '2026-06-09T09:00:00+02:00',
      { status: 'running', dueAt: '2026-06-09T13:00:00.000Z', minutes: null },
    ],
    [
      'past the warning threshold (80 of 100 minutes)',
      dated(MONDAY_9, []),
      'firstResponse',
      100,
      '2026-06-08T10:20:00+02:00',
      { status: 'warning', dueAt: '2026-06-08T08:40:00.000Z', breachedAt: null },
    ],
    [
      'past the due time',
      dated(MONDAY_9, []),
      'firstResponse',
      60,
      '2026-06-08T10:00:00+02:00',
      {
        status: 'breached',
        dueAt: '2026-06-08T08:00:00.000Z',
        breachedAt: '2026-06-08T08:00:00.000Z',
      },
    ],
    [
      'met in time',
      dated(MONDAY_9, [['agent', '2026-06-08T09:45:00+02:00']]),
      'firstResponse',
      60,
      '2026-06-08T12:00:00+02:00',
      { status: 'met', dueAt: '2026-06-08T08:00:00.000Z', breachedAt: null, minutes: 45 },
    ],
    [
      'met late stays breached',
      dated(MONDAY_9, [['agent', '2026-06-08T10:30:00+02:00']]),
      'firstResponse',
      60,
      '2026-06-08T12:00:00+02:00',
      {
        status: 'breached',
        dueAt: '2026-06-08T08:00:00.000Z',
        breachedAt: '2026-06-08T08:00:00.000Z',
        minutes: 90,
      },
    ],
    [
      'breached before it was paused',
      dated(MONDAY_9, [['state', '2026-06-08T10:30:00+02:00', 'pending']]),
      'firstResponse',
      60,
      '2026-06-08T12:00:00+02:00',
      {
        status: 'breached',
        dueAt: '2026-06-08T08:00:00.000Z',
        breachedAt: '2026-06-08T08:00:00.000Z',
      },
    ],
    [
      'merged before the due time: stopped, not breached',
      dated(MONDAY_9, [['state', '2026-06-08T09:30:00+02:00', 'merged']]),
      'firstResponse',
      60,
      '2026-06-08T12:00:00+02:00',
      { status: 'stopped', dueAt: '2026-06-08T08:00:00.000Z', breachedAt: null },
    ],
    [
      'an imported ticket from long ago is breached at its due time',
      dated('2026-01-13T10:15:00+01:00', []),
      'firstResponse',
      60,
      MONDAY_9,
      {
        status: 'breached',
        dueAt: '2026-01-13T10:15:00.000Z',
        breachedAt: '2026-01-13T10:15:00.000Z',
      },
    ],
  ])('%s', (_name, history, target, minutes, now, expected) => {
    const clocks = evaluateSla({
      history,
      targets: { ...NONE, [target]: minutes },
      calendar: BERLIN,
      warningPercent: 80,
      now: new Date(now),
    });
    const clock = clocks[target];
    expect({
      status: clock?.status,
      dueAt: iso(clock?.dueAt),
      ...('breachedAt' in expected ? { breachedAt: iso(clock?.breachedAt) } : {}),
      ...('minutes' in expected ? { minutes: clock?.businessMinutes ?? null } : {}),
    }).toEqual(expected);
  });

  it('recomputes from the original start, keeping paused time, when the targets change', () => {
    // Opened Monday 09:00, pending 10:00-11:00: a priority change at 11:30 switches the policy.
    const history = dated(MONDAY_9, [
      ['state', '2026-06-08T10:00:00+02:00', 'pending'],
      ['state', '2026-06-08T11:00:00+02:00', 'open'],
    ]);
    const dueWith = (resolution: number) =>
      iso(
        evaluateSla({
          history,
          targets: { ...NONE, resolution },
          calendar: BERLIN,
          warningPercent: 80,
          now: new Date('2026-06-08T11:30:00+02:00'),
        }).resolution?.dueAt,
      );
    // Normal: 240 minutes from 09:00 without the paused hour is 14:00; urgent: 120 is 12:00.
    expect(dueWith(240)).toBe('2026-06-08T12:00:00.000Z');
    expect(dueWith(120)).toBe('2026-06-08T10:00:00.000Z');
  });

  it('gives no clock for a target the policy does not set, nor next response before it starts', () => {
    const clocks = evaluateSla({
      history: dated(MONDAY_9, []),
      targets: { firstResponse: 60, nextResponse: 30, resolution: null },
      calendar: ALWAYS_OPEN,
      warningPercent: 80,
      now: new Date(MONDAY_9),
    });
    expect(clocks.resolution).toBeNull();
    expect(clocks.nextResponse).toBeNull();
    expect(iso(clocks.firstResponse?.dueAt)).toBe('2026-06-08T08:00:00.000Z');
  });
});

describe('pendingSlaAlerts', () => {
  const history = dated(MONDAY_9, []);
  const clocksAt = (now: string) =>
    evaluateSla({
      history,
      targets: { firstResponse: 100, nextResponse: null, resolution: null },
      calendar: BERLIN,
      warningPercent: 80,
      now: new Date(now),
    });
  const DUE = new Date('2026-06-08T08:40:00.000Z');
  const WARN = new Date('2026-06-08T08:20:00.000Z');
  const warning = slaAlertKey({ kind: 'warning', target: 'firstResponse', dueAt: DUE });
  const breach = slaAlertKey({ kind: 'breach', target: 'firstResponse', dueAt: DUE });

  it.each<[string, string, string[], string[], string | null]>([
    ['before the warning: nothing yet, next at the warning', '10:00', [], [], iso(WARN)],
    ['at the warning', '10:20', [], ['warning'], iso(WARN)],
    ['warning recorded: next at the due time', '10:30', [warning], [], iso(DUE)],
    ['due, warning recorded', '10:40', [warning], ['breach'], iso(DUE)],
    ['due with nothing recorded: only the breach', '11:00', [], ['breach'], iso(DUE)],
    ['breach recorded: nothing more', '12:00', [warning, breach], [], null],
  ])('%s', (_name, time, recorded, dueKinds, nextAt) => {
    const now = new Date(`2026-06-08T${time}:00+02:00`);
    const result = pendingSlaAlerts(clocksAt(now.toISOString()), new Set(recorded), now);
    expect(result.due.map((alert) => alert.kind)).toEqual(dueKinds);
    expect(iso(result.nextAt)).toBe(nextAt);
  });

  it('alerts again for a new due time, and records a late met breach without people', () => {
    const now = new Date('2026-06-08T12:00:00+02:00');
    const older = slaAlertKey({
      kind: 'breach',
      target: 'firstResponse',
      dueAt: new Date('2026-06-08T07:30:00.000Z'),
    });
    const running = pendingSlaAlerts(clocksAt(now.toISOString()), new Set([older]), now);
    expect(running.due).toEqual([
      expect.objectContaining({ kind: 'breach', dueAt: DUE, open: true }),
    ]);

    const metLate = evaluateSla({
      history: dated(MONDAY_9, [['agent', '2026-06-08T11:00:00+02:00']]),
      targets: { firstResponse: 100, nextResponse: null, resolution: null },
      calendar: BERLIN,
      warningPercent: 80,
      now,
    });
    expect(pendingSlaAlerts(metLate, new Set(), now).due).toEqual([
      expect.objectContaining({ kind: 'breach', dueAt: DUE, open: false }),
    ]);
  });
});
