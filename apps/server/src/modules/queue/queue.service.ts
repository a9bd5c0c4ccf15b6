import { Injectable } from '@nestjs/common';
import type { QueueAccessLevel } from '@tessera/domain';
import { toPage, type Page } from '../../common/pagination/page.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import { decodeNameCursor, nameCursorKey } from '../../common/pagination/name-cursor.js';
import type { CreateQueueDto, QueueDto, UpdateQueueDto } from './dto/queue.dto.js';
import type { Queue } from './queue.entity.js';
import { QueueError } from './queue.error.js';
import { QueueRepository, type QueueFields } from './queue.repository.js';
import { accessLevelOf, visibleQueueIds } from './queue-scope.js';

const EDITABLE = ['name', 'slug', 'description', 'defaultPriority', 'active'] as const;

/** Queues: the unit of routing and access. They are deactivated, never deleted. */
@Injectable()
export class QueueService {
  constructor(
    private readonly queues: QueueRepository,
    private readonly audit: AuditService,
  ) {}

  /** The queues the actor may see (admins: all), each with the actor's own access level. */
  async list(
    actor: RequestActor,
    filter: { active?: boolean },
    limit: number,
    cursor?: string,
  ): Promise<Page<QueueDto>> {
    const rows = await this.queues.findPage(
      { ...filter, ids: visibleQueueIds(actor) },
      decodeNameCursor(cursor),
      limit,
    );
    return toPage(rows, limit, nameCursorKey, (queue) => this.view(actor, queue));
  }

  async get(actor: RequestActor, id: string): Promise<QueueDto> {
    const queue = await this.queues.findById(id);
    if (!queue) throw QueueError.notFound();
    return this.view(actor, queue);
  }

  async create(actor: RequestActor, input: CreateQueueDto, requestId: string): Promise<QueueDto> {
    return this.queues.transaction(async (manager) => {
      const queue = await this.queues.insert(manager, {
        name: input.name,
        slug: input.slug,
        description: input.description ?? '',
        defaultPriority: input.defaultPriority ?? 'normal',
        active: input.active ?? true,
      });
      await this.audit.record(
        manager,
        actor,
        { action: 'queue.create', entityType: 'queue', entityId: queue.id, after: fieldsOf(queue) },
        requestId,
      );
      return this.view(actor, queue);
    });
  }

  /** Changes only what differs; a request that changes nothing writes (and records) nothing. */
  async update(
    actor: RequestActor,
    id: string,
    input: UpdateQueueDto,
    requestId: string,
  ): Promise<QueueDto> {
    return this.queues.transaction(async (manager) => {
      const current = await this.queues.lockById(manager, id);
      if (!current) throw QueueError.notFound();
      const changed = EDITABLE.filter(
        (field) => input[field] !== undefined && input[field] !== current[field],
      );
      if (changed.length === 0) return this.view(actor, current);
      const before = pick(current, changed);
      const after = pick(input, changed);
      const queue = await this.queues.update(manager, id, after);
      await this.audit.record(
        manager,
        actor,
        { action: 'queue.update', entityType: 'queue', entityId: id, before, after },
        requestId,
      );
      return this.view(actor, queue);
    });
  }

  private view(actor: RequestActor, queue: Queue): QueueDto {
    const access = accessLevelOf(actor, queue.id);
    // Lists hold visible queues only and the guard let the actor at this one; a queue without
    // access is not theirs to know about, as the policy says.
    if (!access) throw QueueError.notFound();
    return toDto(queue, access);
  }
}

function pick(source: QueueFields, fields: readonly (keyof QueueFields)[]): QueueFields {
  return Object.fromEntries(fields.map((field) => [field, source[field]]));
}

function fieldsOf(queue: Queue): Required<QueueFields> {
  return {
    name: queue.name,
    slug: queue.slug,
    description: queue.description,
    defaultPriority: queue.defaultPriority,
    active: queue.active,
  };
}

function toDto(queue: Queue, access: QueueAccessLevel): QueueDto {
  return {
    id: queue.id,
    ...fieldsOf(queue),
    access,
    createdAt: queue.createdAt.toISOString(),
    updatedAt: queue.updatedAt.toISOString(),
  };
}
