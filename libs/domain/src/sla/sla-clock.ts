// SLA clocks derived from a ticket's history. Nothing about a clock is stored as it runs: its start,
// pauses and end follow from the ticket's events, so every way a ticket can change (a reply, a
// PATCH, a bulk change, a merge, a job) gives the same answer, and a change of policy recomputes
// the due times from the original start with the paused time kept.
//
// The rules:
// - First response and resolution start when the ticket was created; next response starts at a
//   customer message that arrives while no agent reply is owed (after the first response).
// - Every clock runs while the ticket waits on the agents (`new`, `open`) and stands still while
//   it waits on the customer (`pending`) or is `resolved`.
// - First response is met by the first public agent reply, next response by the next one,
//   resolution by resolving (or closing); a reopened ticket resumes its resolution clock.
// - `closed` and `merged` end every clock: what was not met is stopped.
import { isActive, type TicketState } from '../ticket/ticket-state.js';
import {
  dueAt,
  elapsedBusinessMinutes,
  NoWorkingTimeError,
  type ClockPause,
} from './business-time.js';
import type { BusinessCalendar } from './calendar.js';

export const SLA_TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** What happened to a ticket, as far as SLA clocks care. */
export type SlaHistoryEntry =
  | { readonly kind: 'state'; readonly at: Date; readonly state: TicketState }
  /** A public reply by an agent or admin (not the requester). */
  | { readonly kind: 'agent_reply'; readonly at: Date }
  /** A public message by a customer. */
  | { readonly kind: 'customer_message'; readonly at: Date };

export interface SlaHistory {
  readonly createdAt: Date;
  /** The state the ticket was opened in. */
  readonly initialState: TicketState;
  /** In the order things happened. */
  readonly entries: readonly SlaHistoryEntry[];
}

/** Where a clock stands: counting, standing still, or over (met, or stopped unmet). */
export type ClockPhase = 'running' | 'paused' | 'met' | 'stopped';

export interface ClockRun {
  readonly startedAt: Date;
  /** When it was met or stopped; null while it can still run. */
  readonly endedAt: Date | null;
  readonly phase: ClockPhase;
  /**
   * The stretches between start and end during which it stood still, in order; the last one is
   * open (`to: null`) while the clock is paused.
   */
  readonly pauses: readonly ClockPause[];
}

export type ClockRuns = Readonly<Record<SlaTarget, ClockRun | null>>;

interface Stretch {
  from: number;
  to: number | null;
}

const over = (state: TicketState) => state === 'closed' || state === 'merged';
const settled = (state: TicketState) => state === 'resolved' || state === 'closed';

/**
 * Every clock of a ticket from its history, without a calendar: when it started, where it stood
 * still, and whether it is running, paused, met or stopped. Next response is its latest cycle
 * (null before a customer first writes after an agent reply).
 */
export function clockRuns(history: SlaHistory): ClockRuns {
  const created = history.createdAt.getTime();
  // Stretches (anywhere in the ticket's life) during which the ticket did not wait on the agents.
  const still: Stretch[] = [];
  let state = history.initialState;
  if (!isActive(state)) still.push({ from: created, to: null });

  let firstEnd: { at: number; phase: 'met' | 'stopped' } | undefined;
  let settledSince: number | undefined = settled(state) ? created : undefined;
  let resolutionEnd: { at: number; phase: 'met' | 'stopped' } | undefined;
  if (over(state)) {
    firstEnd = { at: created, phase: 'stopped' };
    resolutionEnd = { at: created, phase: 'met' };
  }
  // Whether an agent reply is owed; the first one is the first response's, not a next response.
  let owed = true;
  let cycle: { start: number; end?: { at: number; phase: 'met' | 'stopped' } } | undefined;

  for (const entry of history.entries) {
    const at = entry.at.getTime();
    if (over(state)) break; // closed and merged tickets take no more changes
    switch (entry.kind) {
      case 'agent_reply':
        firstEnd ??= { at, phase: 'met' };
        if (cycle && !cycle.end) cycle.end = { at, phase: 'met' };
        owed = false;
        break;
      case 'customer_message':
        if (!owed) {
          cycle = { start: at };
          owed = true;
        }
        break;
      case 'state': {
        const next = entry.state;
        if (next === state) break;
        if (isActive(state) && !isActive(next)) still.push({ from: at, to: null });
        if (!isActive(state) && isActive(next)) {
          const last = still[still.length - 1];
          if (last) last.to = at;
        }
        if (settled(next)) settledSince ??= at;
        else if (next !== 'merged') settledSince = undefined;
        if (over(next)) {
          firstEnd ??= { at, phase: 'stopped' };
          if (cycle && !cycle.end) cycle.end = { at, phase: 'stopped' };
          resolutionEnd =
            settledSince !== undefined
              ? { at: settledSince, phase: 'met' }
              : { at, phase: 'stopped' };
        }
        state = next;
        break;
      }
    }
  }
  if (!resolutionEnd && settledSince !== undefined) {
    resolutionEnd = { at: settledSince, phase: 'met' };
  }

  const run = (start: number, end: { at: number; phase: 'met' | 'stopped' } | undefined) => {
    const until = end?.at ?? Number.POSITIVE_INFINITY;
    const pauses: ClockPause[] = [];
    for (const stretch of still) {
      const from = Math.max(stretch.from, start);
      const to = Math.min(stretch.to ?? Number.POSITIVE_INFINITY, until);
      if (from >= to) continue;
      pauses.push({
        from: new Date(from),
        to: to === Number.POSITIVE_INFINITY ? null : new Date(to),
      });
    }
    const phase: ClockPhase = end ? end.phase : isActive(state) ? 'running' : 'paused';
    return {
      startedAt: new Date(start),
      endedAt: end ? new Date(end.at) : null,
      phase,
      pauses,
    };
  };

  return {
    firstResponse: run(created, firstEnd),
    nextResponse: cycle ? run(cycle.start, cycle.end) : null,
    resolution: run(created, resolutionEnd),
  };
}

/** Targets in business minutes; null where the policy sets none. */
export type SlaTargets = Readonly<Record<SlaTarget, number | null>>;

/**
 * What a ticket shows for a target: `running` and `warning` (past the warning threshold) count;
 * `paused` stands still; `met` was met in time; `breached` missed its due time (whether it has
 * been met since or not); `stopped` ended unmet without a breach (the ticket was closed or merged).
 */
export type SlaStatus = 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'stopped';

export interface SlaClock {
  readonly target: SlaTarget;
  readonly status: SlaStatus;
  readonly phase: ClockPhase;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  /**
   * When the target is (or was) due. Null while paused before the target was reached: the due
   * time is only known once the clock runs again. For met and stopped clocks, the due time as it
   * stood when they ended.
   */
  readonly dueAt: Date | null;
  /** When the warning threshold is reached; only for running clocks. */
  readonly warningAt: Date | null;
  /** When the target was missed (its due time), if it was. */
  readonly breachedAt: Date | null;
  /** Business minutes the clock ran from start to end, once met (for reports). */
  readonly businessMinutes: number | null;
}

export type SlaClocks = Readonly<Record<SlaTarget, SlaClock | null>>;

export interface SlaEvaluation {
  readonly history: SlaHistory;
  readonly targets: SlaTargets;
  readonly calendar: BusinessCalendar;
  /** The share of a target (1-100) after which a running clock is in `warning`. */
  readonly warningPercent: number;
  readonly now: Date;
}

/** Every clock of a ticket against its policy's targets and calendar, as of `now`. */
export function evaluateSla(input: SlaEvaluation): SlaClocks {
  const runs = clockRuns(input.history);
  const clock = (target: SlaTarget): SlaClock | null => {
    const minutes = input.targets[target];
    const run = runs[target];
    return minutes === null || run === null ? null : evaluateRun(target, run, minutes, input);
  };
  return {
    firstResponse: clock('firstResponse'),
    nextResponse: clock('nextResponse'),
    resolution: clock('resolution'),
  };
}

/** dueAt, with a calendar that never opens giving no due time rather than an error. */
function dueOrNull(
  calendar: BusinessCalendar,
  start: Date,
  minutes: number,
  pauses: readonly ClockPause[],
): Date | null {
  try {
    return dueAt(calendar, start, minutes, pauses);
  } catch (error) {
    if (error instanceof NoWorkingTimeError) return null;
    throw error;
  }
}

function evaluateRun(
  target: SlaTarget,
  run: ClockRun,
  minutes: number,
  { calendar, warningPercent, now }: SlaEvaluation,
): SlaClock {
  const { startedAt, endedAt, phase, pauses } = run;
  // For a paused clock the last pause is open: a due time comes back only if the target was
  // reached before it began, which is a breach. Ended clocks' pauses are all closed: this is the
  // due time as it stood, compared with when they ended.
  const due = dueOrNull(calendar, startedAt, minutes, pauses);
  let breachedAt: Date | null = null;
  if (due !== null) {
    if (phase === 'running') breachedAt = due.getTime() <= now.getTime() ? due : null;
    else if (phase === 'paused') breachedAt = due;
    else if (endedAt !== null && due.getTime() < endedAt.getTime()) breachedAt = due;
  }
  const warningAt =
    phase === 'running'
      ? dueOrNull(calendar, startedAt, (minutes * warningPercent) / 100, pauses)
      : null;
  let status: SlaStatus;
  if (breachedAt !== null) status = 'breached';
  else if (phase === 'running') {
    status = warningAt !== null && warningAt.getTime() <= now.getTime() ? 'warning' : 'running';
  } else status = phase;
  const businessMinutes =
    phase === 'met' && endedAt !== null
      ? elapsedBusinessMinutes(calendar, startedAt, endedAt, pauses)
      : null;
  return {
    target,
    status,
    phase,
    startedAt,
    endedAt,
    dueAt: due,
    warningAt,
    breachedAt,
    businessMinutes,
  };
}

export type SlaAlertKind = 'warning' | 'breach';

/** A warning or breach to record, once per ticket, target and due time. */
export interface SlaAlert {
  readonly target: SlaTarget;
  readonly kind: SlaAlertKind;
  readonly dueAt: Date;
  /** When it falls due: the warning threshold or the due time. */
  readonly at: Date;
  /** The target is still unmet (running or paused), so people should hear of it. */
  readonly open: boolean;
}

/** Identifies an alert among those recorded: kind, target and the due time it is about. */
export function slaAlertKey(alert: Pick<SlaAlert, 'kind' | 'target' | 'dueAt'>): string {
  return `${alert.kind}:${alert.target}:${alert.dueAt.toISOString()}`;
}

/**
 * The alerts of these clocks that were not recorded yet (`recorded` holds slaAlertKey values):
 * those due by `now`, and when the next one falls due. A warning is never due together with or
 * after the breach of the same due time: that breach says more.
 */
export function pendingSlaAlerts(
  clocks: SlaClocks,
  recorded: ReadonlySet<string>,
  now: Date,
): { due: SlaAlert[]; nextAt: Date | null } {
  const candidates: SlaAlert[] = [];
  for (const target of SLA_TARGETS) {
    const clock = clocks[target];
    if (!clock) continue;
    const open = clock.phase === 'running' || clock.phase === 'paused';
    const breachDue = clock.breachedAt ?? (clock.phase === 'running' ? clock.dueAt : null);
    if (breachDue === null) continue;
    const breach: SlaAlert = { target, kind: 'breach', dueAt: breachDue, at: breachDue, open };
    if (recorded.has(slaAlertKey(breach))) continue;
    candidates.push(breach);
    const warning =
      clock.phase === 'running' && clock.warningAt !== null && clock.breachedAt === null
        ? ({ target, kind: 'warning', dueAt: breachDue, at: clock.warningAt, open } as const)
        : undefined;
    if (
      warning &&
      warning.at.getTime() < breachDue.getTime() &&
      !recorded.has(slaAlertKey(warning))
    ) {
      candidates.push(warning);
    }
  }
  const nextAt = candidates.reduce<Date | null>(
    (soonest, alert) => (soonest === null || alert.at < soonest ? alert.at : soonest),
    null,
  );
  const due = candidates.filter((alert) => alert.at.getTime() <= now.getTime());
  return { due, nextAt };
}
