import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorKey } from '../../common/pagination/page.js';
import { AuditEvent } from './audit-event.entity.js';
import { prepared } from '../../common/database/prepared-statements.js';

export interface NewAuditEvent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Written with the change's own transaction manager, so the event and the change commit together. */
  async insert(manager: EntityManager, event: NewAuditEvent): Promise<void> {
    await manager.query(
      prepared(`INSERT INTO audit_events (actor_id, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`),
      [
        event.actorId,
        event.action,
        event.entityType,
        event.entityId,
        event.before === null ? null : JSON.stringify(event.before),
        event.after === null ? null : JSON.stringify(event.after),
        event.requestId,
      ],
    );
  }

  /** Newest first; `after` is the (createdAt, id) of the last event of the previous page. */
  findPage(
    filter: AuditFilter,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<AuditEvent[]> {
    const query = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (filter.entityType) query.andWhere('e.entityType = :entityType', filter);
    if (filter.entityId) query.andWhere('e.entityId = :entityId', filter);
    if (filter.actorId) query.andWhere('e.actorId = :actorId', filter);
    if (after) {
      query.andWhere('(e.createdAt, e.id) < (:createdAt, :id)', {
        createdAt: after[0],
        id: after[1],
      });
    }
    return query.getMany();
  }
}
