// The SQL of bulk changes: every ticket of a request locked in one statement and changed in one.
import { Injectable } from '@nestjs/common';
import type { TicketState } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { TicketPriority } from '../queue/queue.entity.js';
import type { TicketChanges } from './ticket.repository.js';

/** What a bulk change reads of each ticket: what access and the rules depend on. */
export interface BulkTicket {
  id: string;
  number: number;
  state: TicketState;
  priority: TicketPriority;
  queueId: string;
  assigneeId: string | null;
  requesterId: string;
  organizationId: string | null;
  tags: string[];
  version: number;
}

@Injectable()
export class TicketBulkRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The tickets that exist among `ids`, locked until the transaction ends. Locked in id order, so
   * two bulk requests over overlapping tickets wait for each other instead of deadlocking.
   */
  async lockMany(manager: EntityManager, ids: string[]): Promise<BulkTicket[]> {
    const rows = await manager.query<
      {
        id: string;
        number: number;
        state: TicketState;
        priority: TicketPriority;
        queue_id: string;
        assignee_id: string | null;
        requester_id: string;
        organization_id: string | null;
        tags: string[];
        version: number;
      }[]
    >(
      `SELECT id, number, state, priority, queue_id, assignee_id, requester_id, organization_id,
              tags, version
         FROM tickets WHERE id = ANY($1::uuid[])
        ORDER BY id
          FOR UPDATE`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      state: row.state,
      priority: row.priority,
      queueId: row.queue_id,
      assigneeId: row.assignee_id,
      requesterId: row.requester_id,
      organizationId: row.organization_id,
      tags: row.tags,
      version: row.version,
    }));
  }

  /**
   * Applies each ticket's own changes in one statement and bumps their versions; returns the new
   * version by ticket id. The changes travel as one JSON array of rows (jsonb_to_recordset, the
   * unnest of records), which carries each ticket's tag array as it is.
   */
  async updateMany(
    manager: EntityManager,
    changes: (TicketChanges & { id: string })[],
    at: Date,
  ): Promise<Map<string, number>> {
    if (changes.length === 0) return new Map();
    const rows = await manager.query<[{ id: string; version: number }[], number]>(
      `UPDATE tickets t SET
         state = COALESCE(c.state, t.state),
         priority = COALESCE(c.priority, t.priority),
         queue_id = COALESCE(c.queue_id, t.queue_id),
         assignee_id = CASE WHEN c.set_assignee THEN c.assignee_id ELSE t.assignee_id END,
         tags = COALESCE(c.tags, t.tags),
         resolved_at = CASE WHEN c.set_resolved THEN c.resolved_at ELSE t.resolved_at END,
         reopen_count = t.reopen_count + CASE WHEN c.reopened THEN 1 ELSE 0 END,
         version = t.version + 1,
         updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS c(
              id uuid, state varchar, priority varchar, queue_id uuid, set_assignee boolean,
              assignee_id uuid, tags text[], set_resolved boolean, resolved_at timestamptz,
              reopened boolean)
       WHERE t.id = c.id
       RETURNING t.id, t.version`,
      [
        JSON.stringify(
          changes.map((c) => ({
            id: c.id,
            state: c.state ?? null,
            priority: c.priority ?? null,
            queue_id: c.queueId ?? null,
            set_assignee: c.assigneeId !== undefined,
            assignee_id: c.assigneeId ?? null,
            tags: c.tags ?? null,
            set_resolved: c.resolvedAt !== undefined,
            resolved_at: c.resolvedAt ?? null,
            reopened: c.reopened ?? false,
          })),
        ),
        at,
      ],
    );
    return new Map(rows[0].map((row) => [row.id, row.version]));
  }
}
