import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../../common/pagination/page.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { AuditEvent } from './audit-event.entity.js';
import { AuditRepository, type AuditFilter } from './audit.repository.js';
import type { AuditEventDto } from './dto/audit-event.dto.js';

export interface AuditedChange {
  /** `<entity>.<verb>`, e.g. `queue.update`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The trail of administrative changes: who did what, when, and the values before and after. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** Call inside the change's transaction, with its manager. Never pass secrets in before/after. */
  record(
    manager: EntityManager,
    actor: Pick<RequestActor, 'userId'> | null,
    change: AuditedChange,
    requestId: string | null = null,
  ): Promise<void> {
    return this.repository.insert(manager, {
      actorId: actor?.userId ?? null,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: change.before ?? null,
      after: change.after ?? null,
      requestId,
    });
  }

  async list(filter: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEventDto>> {
    const after = decodeCursor(cursor, ['timestamp', 'uuid']);
    const rows = await this.repository.findPage(filter, after, limit);
    return toPage(rows, limit, (e) => [e.createdAt.toISOString(), e.id], toDto);
  }
}

function toDto(event: AuditEvent): AuditEventDto {
  return {
    id: event.id,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
    createdAt: event.createdAt.toISOString(),
  };
}
