import { Injectable } from '@nestjs/common';
import type { QueueAccessLevel } from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { QueueGrantDto, QueueGrantListDto } from './dto/queue-access.dto.js';
import { QueueError } from './queue.error.js';
import type { Grantee } from './grantee.js';
import { QueueGrantRepository, type GrantRow } from './queue-grant.repository.js';
import { QueueRepository } from './queue.repository.js';

/**
 * Who may work in a queue. Grants go to agents directly or to teams; an agent's effective access
 * is the strongest of them, loaded afresh on every request, so changes apply at once.
 */
@Injectable()
export class QueueAccessService {
  constructor(
    private readonly queues: QueueRepository,
    private readonly grants: QueueGrantRepository,
    private readonly audit: AuditService,
  ) {}

  async list(queueId: string): Promise<QueueGrantListDto> {
    if (!(await this.queues.findById(queueId))) throw QueueError.notFound();
    return { items: (await this.grants.findByQueue(queueId)).map(toDto) };
  }

  /** Creates the grant or changes its level (upsert); recorded only when something changed. */
  async grant(
    actor: RequestActor,
    queueId: string,
    grantee: Grantee,
    level: QueueAccessLevel,
    requestId: string,
  ): Promise<QueueGrantDto> {
    return this.queues.transaction(async (manager) => {
      const granteeName = await this.lockQueueAndGrantee(manager, queueId, grantee);
      const granted = { granteeType: grantee.type, granteeId: grantee.id, granteeName };
      const previous = await this.grants.findGrant(manager, queueId, grantee);
      if (previous?.level === level) return toDto({ ...granted, ...previous });
      const createdAt = await this.grants.upsert(manager, queueId, grantee, level);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'queue_grant.upsert',
          entityType: 'queue',
          entityId: queueId,
          before: previous ? { ...granted, level: previous.level } : null,
          after: { ...granted, level },
        },
        requestId,
      );
      return toDto({ ...granted, level, createdAt });
    });
  }

  async revoke(
    actor: RequestActor,
    queueId: string,
    grantee: Grantee,
    requestId: string,
  ): Promise<void> {
    await this.queues.transaction(async (manager) => {
      if (!(await this.queues.lockById(manager, queueId))) throw QueueError.notFound();
      const removed = await this.grants.delete(manager, queueId, grantee);
      if (!removed) throw QueueError.grantNotFound();
      await this.audit.record(
        manager,
        actor,
        {
          action: 'queue_grant.delete',
          entityType: 'queue',
          entityId: queueId,
          before: { granteeType: grantee.type, granteeId: grantee.id, ...removed },
        },
        requestId,
      );
    });
  }

  /**
   * Locks the queue (its access changes happen one at a time, so the audit trail's before values
   * are exact) and the grantee; returns the grantee's name.
   */
  private async lockQueueAndGrantee(
    manager: EntityManager,
    queueId: string,
    grantee: Grantee,
  ): Promise<string> {
    if (!(await this.queues.lockById(manager, queueId))) throw QueueError.notFound();
    const found = await this.grants.lockGrantee(manager, grantee);
    if (!found) {
      throw grantee.type === 'user' ? QueueError.userNotFound() : QueueError.teamNotFound();
    }
    // Admins hold every queue already and customers may never hold one.
    if (grantee.type === 'user' && found.role !== 'agent') throw QueueError.granteeNotAgent();
    return found.name;
  }
}

function toDto(grant: GrantRow): QueueGrantDto {
  return {
    granteeType: grant.granteeType,
    granteeId: grant.granteeId,
    granteeName: grant.granteeName,
    level: grant.level,
    createdAt: grant.createdAt.toISOString(),
  };
}
