// SLA clocks on tickets. recompute derives every clock of some tickets from their events, in the
// transaction of whatever changed them, and stores the result on the tickets; a job records each
// warning and breach once, when it falls due.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ALWAYS_OPEN,
  evaluateSla,
  pendingSlaAlerts,
  raisedPriority,
  selectPolicy,
  slaAlertKey,
  SLA_TARGETS,
  validateCalendar,
  type BusinessCalendar,
  type SlaClock,
  type SlaClocks,
} from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import { oncePerTransaction } from '../../common/database/per-transaction.js';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { JobService } from '../job/job.service.js';
import { TicketChangeHooks } from '../ticket/ticket-change-hooks.js';
import { TicketMessageHooks } from '../ticket/ticket-message-hooks.js';
import { TicketRepository, type NewEvent } from '../ticket/ticket.repository.js';
import { ALWAYS_OPEN_CALENDAR_ID } from './sla-calendar.entity.js';
import { historyOf, recordedAlerts } from './sla-history.js';
import {
  SlaRepository,
  type ActivePolicy,
  type NewNotification,
  type SlaColumns,
  type SlaEventRow,
  type SlaTicketFacts,
} from './sla.repository.js';

/** Runs every minute, once cluster-wide: records warnings and breaches that fell due. */
export const SLA_CHECK_JOB = 'sla.check';
/** Queued by a change of policies or calendars: recomputes every ticket still open to change. */
export const SLA_REAPPLY_JOB = 'sla.reapply';

const BATCH = 200;
/** A sweep stops after this many batches; whatever is left waits for the next minute. */
const MAX_BATCHES = 100;
/** Rounds of re-evaluation after a breach raised a priority (at most urgent, three steps). */
const MAX_ROUNDS = 4;

const NO_SLA: SlaColumns = {
  policyId: null,
  firstResponseStatus: null,
  firstResponseDueAt: null,
  firstResponseBreachedAt: null,
  firstResponseMinutes: null,
  nextResponseStatus: null,
  nextResponseDueAt: null,
  nextResponseBreachedAt: null,
  resolutionStatus: null,
  resolutionDueAt: null,
  resolutionBreachedAt: null,
  resolutionMinutes: null,
  nextDueAt: null,
  nextAlertAt: null,
};

@Injectable()
export class SlaService implements OnModuleInit {
  /** Calendars as the clock works with them, by id and last change. */
  private readonly calendars = new Map<string, BusinessCalendar | null>();

  constructor(
    private readonly repository: SlaRepository,
    private readonly tickets: TicketRepository,
    private readonly messageHooks: TicketMessageHooks,
    private readonly changeHooks: TicketChangeHooks,
    private readonly jobs: JobService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    // Every message (a ticket's first one included) and every other change of tickets.
    this.messageHooks.register((manager, messages) =>
      this.recompute(
        manager,
        messages.map((message) => message.ticketId),
      ),
    );
    this.changeHooks.register((manager, ticketIds) => this.recompute(manager, ticketIds));
    this.jobs.register({
      name: SLA_CHECK_JOB,
      cron: '* * * * *',
      handler: () => this.recordDueAlerts().then(() => undefined),
    });
    this.jobs.register({
      name: SLA_REAPPLY_JOB,
      handler: () => this.reapplyAll().then(() => undefined),
    });
  }

  /**
   * Derives the SLA clocks of the tickets from their events and stores them, in the caller's
   * transaction (which holds the tickets' rows, or has just written them). Call it after any
   * change to a ticket's state, messages, priority, queue, tags or organisation.
   */
  async recompute(manager: EntityManager, ticketIds: string[]): Promise<void> {
    await this.apply(manager, [...new Set(ticketIds)], this.clock.now(), false);
  }

  /**
   * Queues a recomputation of every ticket still open to change, to run after the caller's
   * transaction commits (a policy or calendar changed).
   */
  async reapplyLater(manager: EntityManager): Promise<void> {
    await this.jobs.sendInTransaction(manager, SLA_REAPPLY_JOB, {});
  }

  /** The breach sweep: records the warnings and breaches due by now. Returns how many tickets. */
  async recordDueAlerts(): Promise<number> {
    const now = this.clock.now();
    let swept = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await this.tickets.transaction(async (manager) => {
        const ids = await this.repository.lockAlerting(manager, now, BATCH);
        await this.apply(manager, ids, now, true);
        return ids.length;
      });
      swept += count;
      if (count < BATCH) break;
    }
    if (swept > 0) this.runtime.logger.info({ tickets: swept }, 'sla alerts recorded');
    return swept;
  }

  /** Recomputes every ticket not closed or merged, in batches. Returns how many. */
  async reapplyAll(): Promise<number> {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const ids: string[] = await this.tickets.transaction(async (manager) => {
        const locked = await this.repository.lockOpenAfter(manager, after, BATCH);
        await this.apply(manager, locked, this.clock.now(), false);
        return locked;
      });
      total += ids.length;
      if (ids.length < BATCH) break;
      after = ids[ids.length - 1] ?? null;
    }
    this.runtime.logger.info({ tickets: total }, 'sla policies reapplied');
    return total;
  }

  /**
   * The active policies, read once per transaction however many tickets it touches one after the
   * other (a batch of mail): policies change in transactions of their own, which reapply them
   * in a job afterwards.
   */
  private activePolicies(manager: EntityManager): Promise<ActivePolicy[]> {
    return oncePerTransaction(manager, 'sla:active-policies', () =>
      this.repository.activePolicies(manager),
    );
  }

  private async apply(
    manager: EntityManager,
    ticketIds: string[],
    now: Date,
    recordAlerts: boolean,
  ): Promise<void> {
    if (ticketIds.length === 0) return;
    const policies = await this.activePolicies(manager);
    let pending = ticketIds;
    for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
      pending = await this.applyOnce(manager, pending, policies, now, recordAlerts);
    }
  }

  /**
   * One pass over the tickets: match, evaluate, store, and (for the sweep) record what fell due.
   * Returns the tickets whose priority a breach raised: their policy may change, so they are
   * evaluated again.
   */
  private async applyOnce(
    manager: EntityManager,
    ticketIds: string[],
    policies: ActivePolicy[],
    now: Date,
    recordAlerts: boolean,
  ): Promise<string[]> {
    const facts = await this.repository.ticketFacts(manager, ticketIds);
    const matched = new Map<string, ActivePolicy>();
    for (const ticket of facts) {
      const policy = selectPolicy(policies, {
        queueId: ticket.queueId,
        priority: ticket.priority,
        tier: ticket.tier,
        channel: ticket.channel,
        tags: ticket.tags,
      });
      if (policy) matched.set(ticket.id, policy);
    }
    const events = new Map<string, SlaEventRow[]>();
    for (const row of await this.repository.events(manager, [...matched.keys()])) {
      const list = events.get(row.ticketId) ?? [];
      list.push(row);
      events.set(row.ticketId, list);
    }

    const writes: { id: string; columns: SlaColumns }[] = [];
    const alertEvents: NewEvent[] = [];
    const toNotify: Omit<NewNotification, 'userId'>[] = [];
    const raise: SlaTicketFacts[] = [];
    for (const ticket of facts) {
      const policy = matched.get(ticket.id);
      const calendar = policy && this.calendarOf(policy);
      let columns = NO_SLA;
      if (policy && calendar) {
        const rows = events.get(ticket.id) ?? [];
        const clocks = evaluateSla({
          history: historyOf(ticket, rows),
          targets: {
            firstResponse: policy.firstResponseMinutes,
            nextResponse: policy.nextResponseMinutes,
            resolution: policy.resolutionMinutes,
          },
          calendar,
          warningPercent: policy.warningPercent,
          now,
        });
        const recorded = recordedAlerts(rows);
        const pending = pendingSlaAlerts(clocks, recorded, now);
        const due = pending.due;
        let nextAt = pending.nextAt;
        if (recordAlerts && due.length > 0) {
          for (const alert of due) {
            const kind = alert.kind === 'warning' ? 'sla_warning' : 'sla_breach';
            const details = { target: alert.target, dueAt: alert.dueAt.toISOString() };
            alertEvents.push({
              ticketId: ticket.id,
              actorId: null,
              type: kind,
              before: null,
              after: { ...details, policy: { id: policy.id, name: policy.name } },
            });
            recorded.add(slaAlertKey(alert));
            // A target met late is on record; nobody needs to be told any more.
            if (alert.open && policy.notify) toNotify.push({ ticketId: ticket.id, kind, details });
          }
          const breached = due.some((alert) => alert.kind === 'breach' && alert.open);
          if (
            breached &&
            policy.raisePriority &&
            raisedPriority(ticket.priority) !== ticket.priority
          ) {
            raise.push(ticket);
          }
          nextAt = pendingSlaAlerts(clocks, recorded, now).nextAt;
        }
        columns = columnsOf(policy.id, clocks, nextAt);
      }
      if (!sameColumns(columns, ticket.stored)) writes.push({ id: ticket.id, columns });
    }

    await this.repository.writeColumns(manager, writes);
    await this.tickets.insertEvents(manager, alertEvents, now);
    if (toNotify.length > 0) {
      const recipients = await this.repository.alertRecipients(manager, [
        ...new Set(toNotify.map((n) => n.ticketId)),
      ]);
      await this.repository.insertNotifications(
        manager,
        toNotify.flatMap((n) =>
          (recipients.get(n.ticketId) ?? []).map((userId) => ({ ...n, userId })),
        ),
        now,
      );
    }
    for (const ticket of raise) {
      const priority = raisedPriority(ticket.priority);
      await this.tickets.update(manager, ticket.id, undefined, { priority }, now);
    }
    await this.tickets.insertEvents(
      manager,
      raise.map((ticket) => ({
        ticketId: ticket.id,
        actorId: null,
        type: 'priority',
        before: ticket.priority,
        after: raisedPriority(ticket.priority),
      })),
      now,
    );
    return raise.map((ticket) => ticket.id);
  }

  /** The policy's calendar as the clock works with it; null if it were ever stored invalid. */
  private calendarOf(policy: ActivePolicy): BusinessCalendar | null {
    const stored = policy.calendar;
    if (stored.id === ALWAYS_OPEN_CALENDAR_ID) return ALWAYS_OPEN;
    const key = `${stored.id}@${stored.updatedAt.getTime()}`;
    let calendar = this.calendars.get(key);
    if (calendar === undefined) {
      const result = validateCalendar({
        timeZone: stored.timeZone,
        week: stored.week,
        holidays: stored.holidays,
      });
      calendar = result.ok ? result.calendar : null;
      if (this.calendars.size >= 1_000) this.calendars.clear();
      this.calendars.set(key, calendar);
    }
    return calendar;
  }
}

function columnsOf(policyId: string, clocks: SlaClocks, nextAlertAt: Date | null): SlaColumns {
  const { firstResponse: first, nextResponse: next, resolution } = clocks;
  const running = SLA_TARGETS.map((target) => clocks[target]).filter(
    (clock): clock is SlaClock => clock?.phase === 'running' && clock.dueAt !== null,
  );
  const nextDueAt = running.reduce<Date | null>(
    (soonest, clock) =>
      clock.dueAt && (soonest === null || clock.dueAt < soonest) ? clock.dueAt : soonest,
    null,
  );
  const minutes = (clock: SlaClock | null) =>
    clock?.businessMinutes == null ? null : Math.floor(clock.businessMinutes);
  return {
    policyId,
    firstResponseStatus: first?.status ?? null,
    firstResponseDueAt: first?.dueAt ?? null,
    firstResponseBreachedAt: first?.breachedAt ?? null,
    firstResponseMinutes: minutes(first),
    nextResponseStatus: next?.status ?? null,
    nextResponseDueAt: next?.dueAt ?? null,
    nextResponseBreachedAt: next?.breachedAt ?? null,
    resolutionStatus: resolution?.status ?? null,
    resolutionDueAt: resolution?.dueAt ?? null,
    resolutionBreachedAt: resolution?.breachedAt ?? null,
    resolutionMinutes: minutes(resolution),
    nextDueAt,
    nextAlertAt,
  };
}

function sameColumns(a: SlaColumns, b: SlaColumns): boolean {
  return (Object.keys(a) as (keyof SlaColumns)[]).every((key) => {
    const [x, y] = [a[key], b[key]];
    if (x instanceof Date || y instanceof Date) {
      return x instanceof Date && y instanceof Date && x.getTime() === y.getTime();
    }
    return x === y;
  });
}
