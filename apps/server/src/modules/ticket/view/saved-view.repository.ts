import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { singleRow } from '../../../common/database/postgres.js';
import type { TicketSort } from '../ticket-sort.js';
import { listConditions, type TicketFilter, type TicketScope } from '../ticket.repository.js';

export interface SavedViewRecord {
  id: string;
  name: string;
  ownerId: string | null;
  queueId: string | null;
  /** As the API took it (the list's filter fields). */
  filter: Record<string, unknown>;
  sort: TicketSort;
  createdAt: Date;
  updatedAt: Date;
}

export type NewSavedView = Pick<
  SavedViewRecord,
  'name' | 'ownerId' | 'queueId' | 'filter' | 'sort'
>;

interface SavedViewRow {
  id: string;
  name: string;
  owner_id: string | null;
  queue_id: string | null;
  filter: Record<string, unknown>;
  sort: TicketSort;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'v.id, v.name, v.owner_id, v.queue_id, v.filter, v.sort, v.created_at, v.updated_at';

/** Saved views, and the live counts of the tickets they show. */
@Injectable()
export class SavedViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user's own views, then those shared with the queues (`all`: every queue), by name. */
  async findVisible(userId: string, queueIds: string[] | 'all'): Promise<SavedViewRecord[]> {
    const rows = await this.dataSource.query<SavedViewRow[]>(
      `SELECT ${COLUMNS} FROM ticket_views v
        WHERE v.owner_id = $1
           OR ${queueIds === 'all' ? 'v.queue_id IS NOT NULL' : 'v.queue_id = ANY($2::uuid[])'}
        ORDER BY v.queue_id IS NOT NULL, lower(v.name), v.id`,
      queueIds === 'all' ? [userId] : [userId, queueIds],
    );
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<SavedViewRecord | undefined> {
    const [row] = await this.dataSource.query<SavedViewRow[]>(
      `SELECT ${COLUMNS} FROM ticket_views v WHERE v.id = $1`,
      [id],
    );
    return row && toRecord(row);
  }

  /** How many views the user has of their own, or the queue has shared. */
  async countOf(owner: { ownerId: string } | { queueId: string }): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ticket_views WHERE ${'ownerId' in owner ? 'owner_id' : 'queue_id'} = $1`,
      ['ownerId' in owner ? owner.ownerId : owner.queueId],
    );
    return row?.n ?? 0;
  }

  async queueExists(queueId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>('SELECT 1 FROM queues WHERE id = $1', [
      queueId,
    ]);
    return rows.length > 0;
  }

  /** The active queues in the scope, by name: the inbox counts one list per queue. */
  async activeQueueIds(scope: TicketScope): Promise<string[]> {
    if (scope.kind === 'customer') return [];
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM queues
        WHERE active ${scope.kind === 'queues' ? 'AND id = ANY($1::uuid[])' : ''}
        ORDER BY lower(name), id`,
      scope.kind === 'queues' ? [scope.queueIds] : [],
    );
    return rows.map((row) => row.id);
  }

  async insert(view: NewSavedView, at: Date): Promise<string> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO ticket_views (name, owner_id, queue_id, filter, sort, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
      [view.name, view.ownerId, view.queueId, JSON.stringify(view.filter), view.sort, at],
    );
    return singleRow(rows).id;
  }

  /** Replaces every field (the service merges the change into what it read). */
  async update(id: string, view: NewSavedView, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE ticket_views
          SET name = $2, owner_id = $3, queue_id = $4, filter = $5, sort = $6, updated_at = $7
        WHERE id = $1`,
      [id, view.name, view.ownerId, view.queueId, JSON.stringify(view.filter), view.sort, at],
    );
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM ticket_views WHERE id = $1', [id]);
  }

  /**
   * How many tickets each filter keeps within the scope, counting no further than `cap + 1` (more
   * is reported as such): one statement, one index-backed branch per filter, on the very
   * conditions the ticket list pages through, so a count and its list never disagree.
   */
  async countTickets(scope: TicketScope, filters: TicketFilter[], cap: number): Promise<number[]> {
    if (filters.length === 0) return [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const limit = bind(cap + 1);
    const branches = filters.map((filter, i) => {
      const where = listConditions(scope, filter, bind);
      return `SELECT ${i} AS i, count(*)::int AS n FROM (
                SELECT 1 FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 LIMIT ${limit}) c`;
    });
    const rows = await this.dataSource.query<{ i: number; n: number }[]>(
      branches.join('\n UNION ALL\n'),
      params,
    );
    const counts = new Array<number>(filters.length).fill(0);
    for (const row of rows) counts[row.i] = row.n;
    return counts;
  }
}

function toRecord(row: SavedViewRow): SavedViewRecord {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.owner_id,
    queueId: row.queue_id,
    filter: row.filter,
    sort: row.sort,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
