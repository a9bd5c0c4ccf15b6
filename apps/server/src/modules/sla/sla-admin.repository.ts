// The SQL of SLA calendars and policies as admins manage them.
import { Injectable } from '@nestjs/common';
import type { Holiday, SlaConditions, Weekday, WorkingInterval } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { onUniqueViolation, singleRow } from '../../common/database/postgres.js';
import { SlaError } from './sla.error.js';

export interface CalendarRecord {
  id: string;
  name: string;
  timeZone: string;
  week: Record<Weekday, WorkingInterval[]>;
  holidays: Holiday[];
  builtIn: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type CalendarFields = Pick<CalendarRecord, 'name' | 'timeZone' | 'week' | 'holidays'>;

export interface PolicyFields {
  name: string;
  position: number;
  active: boolean;
  conditions: Required<{ [K in keyof SlaConditions]: string[] }>;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  calendarId: string;
  warningPercent: number;
  notify: boolean;
  raisePriority: boolean;
}

export interface PolicyRecord extends PolicyFields {
  id: string;
  calendarName: string;
  createdAt: Date;
  updatedAt: Date;
}

interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  week: Record<Weekday, WorkingInterval[]>;
  holidays: Holiday[];
  built_in: boolean;
  created_at: Date;
  updated_at: Date;
}

interface PolicyRow {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: SlaConditions;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  calendar_id: string;
  calendar_name: string;
  warning_percent: number;
  notify: boolean;
  raise_priority: boolean;
  created_at: Date;
  updated_at: Date;
}

const CALENDAR_COLUMNS = 'id, name, time_zone, week, holidays, built_in, created_at, updated_at';
const SELECT_POLICY = `
  SELECT p.id, p.name, p.position, p.active, p.conditions, p.first_response_minutes,
         p.next_response_minutes, p.resolution_minutes, p.calendar_id, c.name AS calendar_name,
         p.warning_percent, p.notify, p.raise_priority, p.created_at, p.updated_at
    FROM sla_policies p JOIN sla_calendars c ON c.id = p.calendar_id`;

@Injectable()
export class SlaAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The built-in calendar first, then by name. */
  async calendars(): Promise<CalendarRecord[]> {
    const rows = await this.dataSource.query<CalendarRow[]>(
      `SELECT ${CALENDAR_COLUMNS} FROM sla_calendars ORDER BY built_in DESC, lower(name), id`,
    );
    return rows.map(toCalendar);
  }

  async calendar(
    id: string,
    manager?: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<CalendarRecord | undefined> {
    const [row] = await (manager ?? this.dataSource).query<CalendarRow[]>(
      `SELECT ${CALENDAR_COLUMNS} FROM sla_calendars WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row && toCalendar(row);
  }

  /** Throws SlaError.nameTaken when another calendar has the name in any case. */
  async insertCalendar(manager: EntityManager, fields: CalendarFields): Promise<CalendarRecord> {
    const rows = await onUniqueViolation(
      'sla_calendars_name_lower_key',
      () => SlaError.nameTaken('calendar', fields.name),
      () =>
        manager.query<CalendarRow[]>(
          `INSERT INTO sla_calendars (name, time_zone, week, holidays)
           VALUES ($1, $2, $3, $4) RETURNING ${CALENDAR_COLUMNS}`,
          [
            fields.name,
            fields.timeZone,
            JSON.stringify(fields.week),
            JSON.stringify(fields.holidays),
          ],
        ),
    );
    return toCalendar(singleRow(rows));
  }

  async updateCalendar(
    manager: EntityManager,
    id: string,
    fields: CalendarFields,
    at: Date,
  ): Promise<CalendarRecord> {
    const [rows] = await onUniqueViolation(
      'sla_calendars_name_lower_key',
      () => SlaError.nameTaken('calendar', fields.name),
      () =>
        manager.query<[CalendarRow[], number]>(
          `UPDATE sla_calendars SET name = $2, time_zone = $3, week = $4, holidays = $5, updated_at = $6
            WHERE id = $1 RETURNING ${CALENDAR_COLUMNS}`,
          [
            id,
            fields.name,
            fields.timeZone,
            JSON.stringify(fields.week),
            JSON.stringify(fields.holidays),
            at,
          ],
        ),
    );
    return toCalendar(singleRow(rows));
  }

  async deleteCalendar(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM sla_calendars WHERE id = $1', [id]);
  }

  /** Names of the policies that use the calendar. */
  async policiesUsing(manager: EntityManager, calendarId: string): Promise<string[]> {
    const rows = await manager.query<{ name: string }[]>(
      'SELECT name FROM sla_policies WHERE calendar_id = $1 ORDER BY lower(name)',
      [calendarId],
    );
    return rows.map((row) => row.name);
  }

  /** In the order they are tried: by position, then name. */
  async policies(): Promise<PolicyRecord[]> {
    const rows = await this.dataSource.query<PolicyRow[]>(
      `${SELECT_POLICY} ORDER BY p.position, lower(p.name), p.id`,
    );
    return rows.map(toPolicy);
  }

  async policy(
    id: string,
    manager?: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<PolicyRecord | undefined> {
    const [row] = await (manager ?? this.dataSource).query<PolicyRow[]>(
      `${SELECT_POLICY} WHERE p.id = $1${options.lock ? ' FOR UPDATE OF p' : ''}`,
      [id],
    );
    return row && toPolicy(row);
  }

  async lastPosition(manager: EntityManager): Promise<number | null> {
    const [row] = await manager.query<{ position: number | null }[]>(
      'SELECT max(position) AS position FROM sla_policies',
    );
    return row?.position ?? null;
  }

  /** Throws SlaError.nameTaken when another policy has the name in any case. */
  async insertPolicy(manager: EntityManager, fields: PolicyFields): Promise<string> {
    const rows = await onUniqueViolation(
      'sla_policies_name_lower_key',
      () => SlaError.nameTaken('policy', fields.name),
      () =>
        manager.query<{ id: string }[]>(
          `INSERT INTO sla_policies (name, position, active, conditions, first_response_minutes,
                                     next_response_minutes, resolution_minutes, calendar_id,
                                     warning_percent, notify, raise_priority)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          policyParameters(fields),
        ),
    );
    return singleRow(rows).id;
  }

  async updatePolicy(
    manager: EntityManager,
    id: string,
    fields: PolicyFields,
    at: Date,
  ): Promise<void> {
    await onUniqueViolation(
      'sla_policies_name_lower_key',
      () => SlaError.nameTaken('policy', fields.name),
      () =>
        manager.query(
          `UPDATE sla_policies
              SET name = $1, position = $2, active = $3, conditions = $4,
                  first_response_minutes = $5, next_response_minutes = $6,
                  resolution_minutes = $7, calendar_id = $8, warning_percent = $9, notify = $10,
                  raise_priority = $11, updated_at = $12
            WHERE id = $13`,
          [...policyParameters(fields), at, id],
        ),
    );
  }

  async deletePolicy(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM sla_policies WHERE id = $1', [id]);
  }

  /** Which of the queue ids name no queue. */
  async unknownQueues(manager: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await manager.query<{ id: string }[]>(
      'SELECT id FROM queues WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const known = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !known.has(id));
  }
}

function policyParameters(fields: PolicyFields): unknown[] {
  return [
    fields.name,
    fields.position,
    fields.active,
    JSON.stringify(fields.conditions),
    fields.firstResponseMinutes,
    fields.nextResponseMinutes,
    fields.resolutionMinutes,
    fields.calendarId,
    fields.warningPercent,
    fields.notify,
    fields.raisePriority,
  ];
}

function toCalendar(row: CalendarRow): CalendarRecord {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    week: row.week,
    holidays: row.holidays,
    builtIn: row.built_in,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toPolicy(row: PolicyRow): PolicyRecord {
  const list = (values: readonly string[] | undefined) => [...(values ?? [])];
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    conditions: {
      queueIds: list(row.conditions.queueIds),
      priorities: list(row.conditions.priorities),
      tiers: list(row.conditions.tiers),
      channels: list(row.conditions.channels),
      tags: list(row.conditions.tags),
    },
    firstResponseMinutes: row.first_response_minutes,
    nextResponseMinutes: row.next_response_minutes,
    resolutionMinutes: row.resolution_minutes,
    calendarId: row.calendar_id,
    calendarName: row.calendar_name,
    warningPercent: row.warning_percent,
    notify: row.notify,
    raisePriority: row.raise_priority,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
