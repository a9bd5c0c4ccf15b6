import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NameKey } from '../../common/pagination/name-cursor.js';
import { onUniqueViolation, singleRow } from '../../common/database/postgres.js';
import { QueueError } from './queue.error.js';
import type { Queue, TicketPriority } from './queue.entity.js';

export interface QueueListFilter {
  active?: boolean;
  /** Only these queues (the caller's visible ones); undefined for all. */
  ids?: string[];
}

export interface QueueListRow extends Queue, NameKey {}

// A type, not an interface, so it is also a Record for the audit trail's before/after.
export type QueueFields = {
  name?: string;
  slug?: string;
  description?: string;
  defaultPriority?: TicketPriority;
  active?: boolean;
};

interface QueueRow {
  id: string;
  name: string;
  slug: string;
  description: string;
  default_priority: TicketPriority;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const QUEUE_COLUMNS =
  'q.id, q.name, q.slug, q.description, q.default_priority, q.active, q.created_at, q.updated_at';
const SLUG_KEY = 'queues_slug_key';

/** Queues themselves; their grants are in QueueGrantRepository. */
@Injectable()
export class QueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One page by (lower(name), id) in a single query; `limit + 1` rows tell if more exist. */
  async findPage(
    filter: QueueListFilter,
    after: NameKey | undefined,
    limit: number,
  ): Promise<QueueListRow[]> {
    const rows = await this.dataSource.query<(QueueRow & { sort_name: string })[]>(
      `SELECT ${QUEUE_COLUMNS}, lower(q.name) AS sort_name
         FROM queues q
        WHERE ($1::boolean IS NULL OR q.active = $1::boolean)
          AND ($2::uuid[] IS NULL OR q.id = ANY($2::uuid[]))
          AND ($3::text IS NULL OR (lower(q.name), q.id) > ($3::text, $4::uuid))
        ORDER BY lower(q.name), q.id
        LIMIT $5`,
      [
        filter.active ?? null,
        filter.ids ?? null,
        after?.sortName ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    );
    return rows.map((row) => ({ ...toQueue(row), sortName: row.sort_name }));
  }

  async findById(id: string, manager?: EntityManager): Promise<Queue | undefined> {
    const [row] = await (manager ?? this.dataSource).query<QueueRow[]>(
      `SELECT ${QUEUE_COLUMNS} FROM queues q WHERE q.id = $1`,
      [id],
    );
    return row && toQueue(row);
  }

  /** The queue, locked until the transaction ends, so concurrent edits see each other's result. */
  async lockById(manager: EntityManager, id: string): Promise<Queue | undefined> {
    const [row] = await manager.query<QueueRow[]>(
      `SELECT ${QUEUE_COLUMNS} FROM queues q WHERE q.id = $1 FOR UPDATE`,
      [id],
    );
    return row && toQueue(row);
  }

  /** Throws QueueError.slugTaken when another queue has the slug. */
  async insert(manager: EntityManager, queue: Required<QueueFields>): Promise<Queue> {
    const rows = await onUniqueViolation(
      SLUG_KEY,
      () => QueueError.slugTaken(queue.slug),
      () =>
        manager.query<QueueRow[]>(
          `INSERT INTO queues AS q (name, slug, description, default_priority, active)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING ${QUEUE_COLUMNS}`,
          [queue.name, queue.slug, queue.description, queue.defaultPriority, queue.active],
        ),
    );
    return toQueue(singleRow(rows));
  }

  /** Changes the given fields only. Throws QueueError.slugTaken when another queue has the slug. */
  async update(manager: EntityManager, id: string, changes: QueueFields): Promise<Queue> {
    const [rows] = await onUniqueViolation(
      SLUG_KEY,
      () => QueueError.slugTaken(changes.slug ?? ''),
      () =>
        manager.query<[QueueRow[], number]>(
          `UPDATE queues AS q
            SET name = COALESCE($2, q.name),
                slug = COALESCE($3, q.slug),
                description = COALESCE($4, q.description),
                default_priority = COALESCE($5, q.default_priority),
                active = COALESCE($6, q.active),
                updated_at = now()
          WHERE q.id = $1
          RETURNING ${QUEUE_COLUMNS}`,
          [
            id,
            changes.name ?? null,
            changes.slug ?? null,
            changes.description ?? null,
            changes.defaultPriority ?? null,
            changes.active ?? null,
          ],
        ),
    );
    return toQueue(singleRow(rows));
  }
}

function toQueue(row: QueueRow): Queue {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    defaultPriority: row.default_priority,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
