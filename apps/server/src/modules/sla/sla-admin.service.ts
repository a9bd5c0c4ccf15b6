// SLA calendars and policies as admins manage them. Every change is audited; a change that can
// move due times (a policy, a calendar's hours) recomputes open tickets in a job after commit.
import { Injectable } from '@nestjs/common';
import { validateCalendar } from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import type {
  CreateSlaCalendarDto,
  SlaCalendarDto,
  UpdateSlaCalendarDto,
} from './dto/sla-calendar.dto.js';
import type {
  CreateSlaPolicyDto,
  SlaConditionsDto,
  SlaPolicyDto,
  UpdateSlaPolicyDto,
} from './dto/sla-policy.dto.js';
import { ALWAYS_OPEN_CALENDAR_ID } from './sla-calendar.entity.js';
import {
  SlaAdminRepository,
  type CalendarFields,
  type CalendarRecord,
  type PolicyFields,
  type PolicyRecord,
} from './sla-admin.repository.js';
import { SlaError } from './sla.error.js';
import { SlaService } from './sla.service.js';

/** Room left between policies placed at the end, to slot others in later. */
const POSITION_STEP = 10;

@Injectable()
export class SlaAdminService {
  constructor(
    private readonly repository: SlaAdminRepository,
    private readonly sla: SlaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async listCalendars(): Promise<{ items: SlaCalendarDto[] }> {
    return { items: (await this.repository.calendars()).map(calendarView) };
  }

  async getCalendar(id: string): Promise<SlaCalendarDto> {
    const calendar = await this.repository.calendar(id);
    if (!calendar) throw SlaError.calendarNotFound();
    return calendarView(calendar);
  }

  async createCalendar(
    actor: RequestActor,
    input: CreateSlaCalendarDto,
    requestId: string,
  ): Promise<SlaCalendarDto> {
    const fields = checkedCalendar(input.name, input.timeZone, input.week, input.holidays ?? []);
    return this.repository.transaction(async (manager) => {
      const calendar = await this.repository.insertCalendar(manager, fields);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'sla_calendar.create',
          entityType: 'sla_calendar',
          entityId: calendar.id,
          after: { ...fields },
        },
        requestId,
      );
      return calendarView(calendar);
    });
  }

  async updateCalendar(
    actor: RequestActor,
    id: string,
    input: UpdateSlaCalendarDto,
    requestId: string,
  ): Promise<SlaCalendarDto> {
    return this.repository.transaction(async (manager) => {
      const current = await this.repository.calendar(id, manager, { lock: true });
      if (!current) throw SlaError.calendarNotFound();
      if (current.builtIn) throw SlaError.builtInCalendar();
      const fields = checkedCalendar(
        input.name ?? current.name,
        input.timeZone !== undefined ? input.timeZone : current.timeZone,
        input.week !== undefined ? input.week : current.week,
        input.holidays !== undefined ? input.holidays : current.holidays,
      );
      const before = calendarFieldsOf(current);
      if (JSON.stringify(before) === JSON.stringify(fields)) return calendarView(current);
      const hoursChanged =
        JSON.stringify({ ...before, name: '' }) !== JSON.stringify({ ...fields, name: '' });
      const calendar = await this.repository.updateCalendar(manager, id, fields, this.clock.now());
      await this.audit.record(
        manager,
        actor,
        {
          action: 'sla_calendar.update',
          entityType: 'sla_calendar',
          entityId: id,
          before: { ...before },
          after: { ...fields },
        },
        requestId,
      );
      if (hoursChanged) await this.sla.reapplyLater(manager);
      return calendarView(calendar);
    });
  }

  async deleteCalendar(actor: RequestActor, id: string, requestId: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const current = await this.repository.calendar(id, manager, { lock: true });
      if (!current) throw SlaError.calendarNotFound();
      if (current.builtIn) throw SlaError.builtInCalendar();
      const users = await this.repository.policiesUsing(manager, id);
      if (users.length > 0) throw SlaError.calendarInUse(users);
      await this.repository.deleteCalendar(manager, id);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'sla_calendar.delete',
          entityType: 'sla_calendar',
          entityId: id,
          before: { ...calendarFieldsOf(current) },
        },
        requestId,
      );
    });
  }

  async listPolicies(): Promise<{ items: SlaPolicyDto[] }> {
    return { items: (await this.repository.policies()).map(policyView) };
  }

  async getPolicy(id: string): Promise<SlaPolicyDto> {
    const policy = await this.repository.policy(id);
    if (!policy) throw SlaError.policyNotFound();
    return policyView(policy);
  }

  async createPolicy(
    actor: RequestActor,
    input: CreateSlaPolicyDto,
    requestId: string,
  ): Promise<SlaPolicyDto> {
    return this.repository.transaction(async (manager) => {
      const last = await this.repository.lastPosition(manager);
      const fields: PolicyFields = {
        name: input.name,
        position: input.position ?? (last === null ? POSITION_STEP : last + POSITION_STEP),
        active: input.active ?? true,
        conditions: conditionsOf(input.conditions ?? {}),
        firstResponseMinutes: input.targets.firstResponseMinutes ?? null,
        nextResponseMinutes: input.targets.nextResponseMinutes ?? null,
        resolutionMinutes: input.targets.resolutionMinutes ?? null,
        calendarId: input.calendarId ?? ALWAYS_OPEN_CALENDAR_ID,
        warningPercent: input.warningPercent ?? 80,
        notify: input.onBreach?.notify ?? true,
        raisePriority: input.onBreach?.raisePriority ?? false,
      };
      await this.check(manager, fields);
      const id = await this.repository.insertPolicy(manager, fields);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'sla_policy.create',
          entityType: 'sla_policy',
          entityId: id,
          after: { ...fields },
        },
        requestId,
      );
      await this.sla.reapplyLater(manager);
      return policyView(await this.found(manager, id));
    });
  }

  async updatePolicy(
    actor: RequestActor,
    id: string,
    input: UpdateSlaPolicyDto,
    requestId: string,
  ): Promise<SlaPolicyDto> {
    return this.repository.transaction(async (manager) => {
      const current = await this.found(manager, id, true);
      const before = policyFieldsOf(current);
      const targets = input.targets ?? {};
      const fields: PolicyFields = {
        name: input.name ?? before.name,
        position: input.position ?? before.position,
        active: input.active ?? before.active,
        conditions: conditionsOf({ ...before.conditions, ...withoutUndefined(input.conditions) }),
        firstResponseMinutes:
          targets.firstResponseMinutes !== undefined
            ? targets.firstResponseMinutes
            : before.firstResponseMinutes,
        nextResponseMinutes:
          targets.nextResponseMinutes !== undefined
            ? targets.nextResponseMinutes
            : before.nextResponseMinutes,
        resolutionMinutes:
          targets.resolutionMinutes !== undefined
            ? targets.resolutionMinutes
            : before.resolutionMinutes,
        calendarId: input.calendarId ?? before.calendarId,
        warningPercent: input.warningPercent ?? before.warningPercent,
        notify: input.onBreach?.notify ?? before.notify,
        raisePriority: input.onBreach?.raisePriority ?? before.raisePriority,
      };
      if (JSON.stringify(fields) === JSON.stringify(before)) return policyView(current);
      await this.check(manager, fields);
      await this.repository.updatePolicy(manager, id, fields, this.clock.now());
      await this.audit.record(
        manager,
        actor,
        {
          action: 'sla_policy.update',
          entityType: 'sla_policy',
          entityId: id,
          before: { ...before },
          after: { ...fields },
        },
        requestId,
      );
      await this.sla.reapplyLater(manager);
      return policyView(await this.found(manager, id));
    });
  }

  /** Tickets it applied to keep their clocks until recomputed (at once, in a job). */
  async deletePolicy(actor: RequestActor, id: string, requestId: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const current = await this.found(manager, id, true);
      await this.repository.deletePolicy(manager, id);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'sla_policy.delete',
          entityType: 'sla_policy',
          entityId: id,
          before: { ...policyFieldsOf(current) },
        },
        requestId,
      );
      await this.sla.reapplyLater(manager);
    });
  }

  private async found(manager: EntityManager, id: string, lock = false): Promise<PolicyRecord> {
    const policy = await this.repository.policy(id, manager, { lock });
    if (!policy) throw SlaError.policyNotFound();
    return policy;
  }

  /** What the DTOs cannot check alone: a target at all, a real calendar, real queues. */
  private async check(manager: EntityManager, fields: PolicyFields): Promise<void> {
    const errors: { field: string; message: string }[] = [];
    if (
      fields.firstResponseMinutes === null &&
      fields.nextResponseMinutes === null &&
      fields.resolutionMinutes === null
    ) {
      errors.push({
        field: 'targets',
        message:
          'must set at least one of firstResponseMinutes, nextResponseMinutes, resolutionMinutes',
      });
    }
    if (!(await this.repository.calendar(fields.calendarId, manager))) {
      errors.push({ field: 'calendarId', message: 'is not an SLA calendar' });
    }
    const unknown = await this.repository.unknownQueues(manager, fields.conditions.queueIds);
    if (unknown.length > 0) {
      errors.push({
        field: 'conditions.queueIds',
        message: `name no queue: ${unknown.join(', ')}`,
      });
    }
    if (errors.length > 0) throw SlaError.invalid(errors);
  }
}

/** The calendar normalised by validateCalendar, or a 400 naming every bad part. */
function checkedCalendar(
  name: string,
  timeZone: unknown,
  week: unknown,
  holidays: unknown,
): CalendarFields {
  const result = validateCalendar({ timeZone, week, holidays });
  if (!result.ok) throw SlaError.invalid(result.errors);
  const { calendar } = result;
  return {
    name,
    timeZone: calendar.timeZone,
    week: Object.fromEntries(
      Object.entries(calendar.week).map(([day, intervals]) => [
        day,
        intervals.map(({ start, end }) => ({ start, end })),
      ]),
    ) as CalendarFields['week'],
    holidays: calendar.holidays.map((holiday) => ({ ...holiday })),
  };
}

/** A stored calendar in the normal form checkedCalendar gives (weekdays in order). */
function calendarFieldsOf(calendar: CalendarRecord): CalendarFields {
  return checkedCalendar(calendar.name, calendar.timeZone, calendar.week, calendar.holidays);
}

function withoutUndefined<T extends object>(input: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(input ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function conditionsOf(input: {
  [K in keyof SlaConditionsDto]?: readonly string[];
}): PolicyFields['conditions'] {
  const set = (values: readonly string[] | undefined) => [...new Set(values ?? [])];
  return {
    queueIds: set(input.queueIds),
    priorities: set(input.priorities),
    tiers: set(input.tiers),
    channels: set(input.channels),
    tags: set(input.tags),
  };
}

function policyFieldsOf(policy: PolicyRecord): PolicyFields {
  return {
    name: policy.name,
    position: policy.position,
    active: policy.active,
    conditions: policy.conditions,
    firstResponseMinutes: policy.firstResponseMinutes,
    nextResponseMinutes: policy.nextResponseMinutes,
    resolutionMinutes: policy.resolutionMinutes,
    calendarId: policy.calendarId,
    warningPercent: policy.warningPercent,
    notify: policy.notify,
    raisePriority: policy.raisePriority,
  };
}

function calendarView(calendar: CalendarRecord): SlaCalendarDto {
  const { week, holidays } = calendarFieldsOf(calendar);
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    week,
    holidays,
    builtIn: calendar.builtIn,
    createdAt: calendar.createdAt.toISOString(),
    updatedAt: calendar.updatedAt.toISOString(),
  };
}

function policyView(policy: PolicyRecord): SlaPolicyDto {
  return {
    id: policy.id,
    name: policy.name,
    position: policy.position,
    active: policy.active,
    conditions: policy.conditions as SlaPolicyDto['conditions'],
    targets: {
      firstResponseMinutes: policy.firstResponseMinutes,
      nextResponseMinutes: policy.nextResponseMinutes,
      resolutionMinutes: policy.resolutionMinutes,
    },
    calendarId: policy.calendarId,
    calendarName: policy.calendarName,
    warningPercent: policy.warningPercent,
    onBreach: { notify: policy.notify, raisePriority: policy.raisePriority },
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}
