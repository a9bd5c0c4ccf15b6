// The SQL of SLA clocks: what recompute reads of tickets, their events and the policies (a few
// queries for any number of tickets), the one UPDATE that stores the clocks, and the sweeps.
// Every method takes the caller's EntityManager: these run inside ticket transactions.
import { Injectable } from '@nestjs/common';
import type { Role, SlaConditions, SlaStatus, TicketState } from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import type { TicketPriority } from '../queue/queue.entity.js';
import type { TicketChannel } from '../ticket/ticket.entity.js';
import type { NotificationKind } from './notification/notification.entity.js';
import { prepared, uuidIn } from '../../common/database/prepared-statements.js';

/** What recompute needs of a ticket, and the SLA columns it holds now. */
export interface SlaTicketFacts {
  id: string;
  state: TicketState;
  priority: TicketPriority;
  queueId: string;
  requesterId: string;
  channel: TicketChannel;
  tags: string[];
  tier: string | null;
  createdAt: Date;
  stored: SlaColumns;
}

/** The SLA columns of a ticket, as recompute writes them. */
export interface SlaColumns {
  policyId: string | null;
  firstResponseStatus: SlaStatus | null;
  firstResponseDueAt: Date | null;
  firstResponseBreachedAt: Date | null;
  firstResponseMinutes: number | null;
  nextResponseStatus: SlaStatus | null;
  nextResponseDueAt: Date | null;
  nextResponseBreachedAt: Date | null;
  resolutionStatus: SlaStatus | null;
  resolutionDueAt: Date | null;
  resolutionBreachedAt: Date | null;
  resolutionMinutes: number | null;
  nextDueAt: Date | null;
  nextAlertAt: Date | null;
}

/** One event of a ticket's history that SLA clocks depend on. */
export interface SlaEventRow {
  ticketId: string;
  type: 'created' | 'state' | 'merged' | 'message' | 'sla_warning' | 'sla_breach';
  at: Date;
  before: unknown;
  after: unknown;
  /** For messages: who wrote it and their role. */
  authorId: string | null;
  authorRole: Role | null;
}

export interface ActivePolicy {
  id: string;
  name: string;
  position: number;
  conditions: SlaConditions;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warningPercent: number;
  notify: boolean;
  raisePriority: boolean;
  calendar: {
    id: string;
    timeZone: string;
    week: unknown;
    holidays: unknown;
    updatedAt: Date;
  };
}

export interface NewNotification {
  userId: string;
  ticketId: string;
  kind: NotificationKind;
  details: Record<string, unknown>;
}

interface TicketFactsRow {
  id: string;
  state: TicketState;
  priority: TicketPriority;
  queue_id: string;
  requester_id: string;
  channel: TicketChannel;
  tags: string[];
  tier: string | null;
  created_at: Date;
  sla_policy_id: string | null;
  sla_first_response_status: SlaStatus | null;
  sla_first_response_due_at: Date | null;
  sla_first_response_breached_at: Date | null;
  sla_first_response_minutes: number | null;
  sla_next_response_status: SlaStatus | null;
  sla_next_response_due_at: Date | null;
  sla_next_response_breached_at: Date | null;
  sla_resolution_status: SlaStatus | null;
  sla_resolution_due_at: Date | null;
  sla_resolution_breached_at: Date | null;
  sla_resolution_minutes: number | null;
  sla_next_due_at: Date | null;
  sla_next_alert_at: Date | null;
}

/** Column name → SlaColumns field, in the order of the UPDATE's record. */
const COLUMNS = [
  ['sla_policy_id', 'policyId', 'uuid'],
  ['sla_first_response_status', 'firstResponseStatus', 'varchar'],
  ['sla_first_response_due_at', 'firstResponseDueAt', 'timestamptz'],
  ['sla_first_response_breached_at', 'firstResponseBreachedAt', 'timestamptz'],
  ['sla_first_response_minutes', 'firstResponseMinutes', 'integer'],
  ['sla_next_response_status', 'nextResponseStatus', 'varchar'],
  ['sla_next_response_due_at', 'nextResponseDueAt', 'timestamptz'],
  ['sla_next_response_breached_at', 'nextResponseBreachedAt', 'timestamptz'],
  ['sla_resolution_status', 'resolutionStatus', 'varchar'],
  ['sla_resolution_due_at', 'resolutionDueAt', 'timestamptz'],
  ['sla_resolution_breached_at', 'resolutionBreachedAt', 'timestamptz'],
  ['sla_resolution_minutes', 'resolutionMinutes', 'integer'],
  ['sla_next_due_at', 'nextDueAt', 'timestamptz'],
  ['sla_next_alert_at', 'nextAlertAt', 'timestamptz'],
] as const satisfies readonly (readonly [string, keyof SlaColumns, string])[];

@Injectable()
export class SlaRepository {
  async ticketFacts(manager: EntityManager, ids: string[]): Promise<SlaTicketFacts[]> {
    const match = uuidIn('t.id', ids);
    const rows = await manager.query<TicketFactsRow[]>(
      prepared(`SELECT t.id, t.state, t.priority, t.queue_id, t.requester_id, t.channel, t.tags, o.tier,
              t.created_at, ${COLUMNS.map(([column]) => `t.${column}`).join(', ')}
         FROM tickets t LEFT JOIN organizations o ON o.id = t.organization_id
        WHERE ${match.condition}`),
      [match.value],
    );
    return rows.map((row) => ({
      id: row.id,
      state: row.state,
      priority: row.priority,
      queueId: row.queue_id,
      requesterId: row.requester_id,
      channel: row.channel,
      tags: row.tags,
      tier: row.tier,
      createdAt: row.created_at,
      stored: Object.fromEntries(
        COLUMNS.map(([column, field]) => [field, row[column as keyof TicketFactsRow] ?? null]),
      ) as unknown as SlaColumns,
    }));
  }

  /**
   * The events SLA clocks depend on, per ticket in the order they happened: within one instant
   * (one request) the ticket's creation first, then the message, then what it changed.
   */
  async events(manager: EntityManager, ticketIds: string[]): Promise<SlaEventRow[]> {
    if (ticketIds.length === 0) return [];
    const rows = await manager.query<
      {
        ticket_id: string;
        type: SlaEventRow['type'];
        created_at: Date;
        before: unknown;
        after: unknown;
        author_id: string | null;
        author_role: Role | null;
      }[]
    >(
      prepared(`SELECT e.ticket_id, e.type, e.created_at, e.before, e.after, m.author_id, u.role AS author_role
         FROM ticket_events e
         LEFT JOIN ticket_messages m
           ON e.type = 'message' AND m.id = (e.after ->> 'messageId')::uuid
         LEFT JOIN users u ON u.id = m.author_id
        WHERE e.ticket_id = ANY($1::uuid[])
          AND e.type IN ('created', 'state', 'merged', 'message', 'sla_warning', 'sla_breach')
        ORDER BY e.ticket_id, e.created_at,
                 CASE e.type WHEN 'created' THEN 0 WHEN 'message' THEN 1 ELSE 2 END, e.id`),
      [ticketIds],
    );
    return rows.map((row) => ({
      ticketId: row.ticket_id,
      type: row.type,
      at: row.created_at,
      before: row.before,
      after: row.after,
      authorId: row.author_id,
      authorRole: row.author_role,
    }));
  }

  /** Active policies with their calendars, in the order they are tried. */
  async activePolicies(manager: EntityManager): Promise<ActivePolicy[]> {
    const rows = await manager.query<
      {
        id: string;
        name: string;
        position: number;
        conditions: SlaConditions;
        first_response_minutes: number | null;
        next_response_minutes: number | null;
        resolution_minutes: number | null;
        warning_percent: number;
        notify: boolean;
        raise_priority: boolean;
        calendar_id: string;
        time_zone: string;
        week: unknown;
        holidays: unknown;
        calendar_updated_at: Date;
      }[]
    >(
      prepared(`SELECT p.id, p.name, p.position, p.conditions, p.first_response_minutes,
              p.next_response_minutes, p.resolution_minutes, p.warning_percent, p.notify,
              p.raise_priority, c.id AS calendar_id, c.time_zone, c.week, c.holidays,
              c.updated_at AS calendar_updated_at
         FROM sla_policies p JOIN sla_calendars c ON c.id = p.calendar_id
        WHERE p.active
        ORDER BY p.position, lower(p.name), p.id`),
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      position: row.position,
      conditions: row.conditions,
      firstResponseMinutes: row.first_response_minutes,
      nextResponseMinutes: row.next_response_minutes,
      resolutionMinutes: row.resolution_minutes,
      warningPercent: row.warning_percent,
      notify: row.notify,
      raisePriority: row.raise_priority,
      calendar: {
        id: row.calendar_id,
        timeZone: row.time_zone,
        week: row.week,
        holidays: row.holidays,
        updatedAt: row.calendar_updated_at,
      },
    }));
  }

  /** Stores each ticket's SLA columns in one statement; version and updated_at stay as they are. */
  async writeColumns(
    manager: EntityManager,
    rows: { id: string; columns: SlaColumns }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      prepared(`UPDATE tickets t
          SET ${COLUMNS.map(([column]) => `${column} = c.${column}`).join(', ')}
         FROM jsonb_to_recordset($1::jsonb)
           AS c(id uuid, ${COLUMNS.map(([column, , type]) => `${column} ${type}`).join(', ')})
        WHERE t.id = c.id`),
      [
        JSON.stringify(
          rows.map(({ id, columns }) => ({
            id,
            ...Object.fromEntries(COLUMNS.map(([column, field]) => [column, columns[field]])),
          })),
        ),
      ],
    );
  }

  /**
   * Tickets whose next warning or breach is due by `now`, locked; rows another transaction
   * holds are left for the next run (which comes a minute later).
   */
  async lockAlerting(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM tickets
        WHERE sla_next_alert_at <= $1
        ORDER BY sla_next_alert_at
        LIMIT $2
          FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Up to `limit` tickets still open to change (not closed or merged) after `afterId`, locked. */
  async lockOpenAfter(
    manager: EntityManager,
    afterId: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM tickets
        WHERE state NOT IN ('closed', 'merged')
          AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id
        LIMIT $2
          FOR UPDATE`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Who hears of a ticket's SLA alerts: its assignee and the agents who manage its queue
   * (granted directly or through a team), if they are active staff.
   */
  async alertRecipients(
    manager: EntityManager,
    ticketIds: string[],
  ): Promise<Map<string, string[]>> {
    const recipients = new Map<string, string[]>();
    if (ticketIds.length === 0) return recipients;
    const rows = await manager.query<{ ticket_id: string; user_id: string }[]>(
      `SELECT DISTINCT x.ticket_id, x.user_id
         FROM (
           SELECT t.id AS ticket_id, t.assignee_id AS user_id
             FROM tickets t WHERE t.id = ANY($1::uuid[]) AND t.assignee_id IS NOT NULL
           UNION ALL
           SELECT t.id, g.user_id
             FROM tickets t
             JOIN queue_grants g ON g.queue_id = t.queue_id AND g.level = 'manage'
            WHERE t.id = ANY($1::uuid[]) AND g.user_id IS NOT NULL
           UNION ALL
           SELECT t.id, m.user_id
             FROM tickets t
             JOIN queue_grants g ON g.queue_id = t.queue_id AND g.level = 'manage'
             JOIN team_members m ON m.team_id = g.team_id
            WHERE t.id = ANY($1::uuid[])
         ) x
         JOIN users u ON u.id = x.user_id AND u.active AND u.role <> 'customer'
        ORDER BY x.ticket_id, x.user_id`,
      [ticketIds],
    );
    for (const row of rows) {
      const list = recipients.get(row.ticket_id) ?? [];
      list.push(row.user_id);
      recipients.set(row.ticket_id, list);
    }
    return recipients;
  }

  async insertNotifications(
    manager: EntityManager,
    notifications: NewNotification[],
    at: Date,
  ): Promise<void> {
    if (notifications.length === 0) return;
    await manager.query(
      prepared(`INSERT INTO notifications (user_id, ticket_id, kind, details, created_at)
       SELECT n.user_id, n.ticket_id, n.kind, n.details, $2
         FROM jsonb_to_recordset($1::jsonb)
           AS n(user_id uuid, ticket_id uuid, kind varchar, details jsonb)`),
      [
        JSON.stringify(
          notifications.map((n) => ({
            user_id: n.userId,
            ticket_id: n.ticketId,
            kind: n.kind,
            details: n.details,
          })),
        ),
        at,
      ],
    );
  }
}
