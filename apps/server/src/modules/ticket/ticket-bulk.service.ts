import { Injectable } from '@nestjs/common';
import { checkTransition, decide, isTerminal, type Resource } from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import { AppError, ValidationFailedError } from '../../common/errors/app-error.js';
import { ErrorCode, httpStatusOf } from '../../common/errors/error-code.js';
import { Clock } from '../../common/time/clock.js';
import type { RequestActor } from '../permission/request-actor.js';
import {
  MAX_TICKET_TAGS,
  type BulkFailedTicketDto,
  type BulkTicketChangesDto,
  type BulkUpdatedTicketDto,
  type BulkUpdateResultDto,
  type BulkUpdateTicketsDto,
} from './dto/ticket-bulk.dto.js';
import { actionsForTicketChange } from './ticket-actions.js';
import { TicketBulkRepository, type BulkTicket } from './ticket-bulk.repository.js';
import { TicketChangeHooks } from './ticket-change-hooks.js';
import { TicketError } from './ticket.error.js';
import { TicketRepository, type NewEvent, type TicketChanges } from './ticket.repository.js';
import { stateChanges } from './ticket.service.js';

type Outcome =
  | { kind: 'failed'; failure: BulkFailedTicketDto }
  | { kind: 'unchanged'; ticket: BulkTicket }
  | {
      kind: 'change';
      ticket: BulkTicket;
      changes: TicketChanges & { id: string };
      events: NewEvent[];
    };

/**
 * One change applied to many tickets, each under the rules and permissions of PATCH, all in one
 * transaction: one locking read, one update, one insert of events. There is no If-Match: the
 * last writer wins, but every changed ticket's version moves on. A ticket the caller may not
 * change is reported, never a reason to refuse the others; one they cannot see is `not_found`.
 */
@Injectable()
export class TicketBulkService {
  constructor(
    private readonly bulk: TicketBulkRepository,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
    private readonly changeHooks: TicketChangeHooks,
  ) {}

  async update(actor: RequestActor, input: BulkUpdateTicketsDto): Promise<BulkUpdateResultDto> {
    const changes = input.changes;
    checkChanges(changes);
    if (
      changes.queueId !== undefined &&
      !(await this.tickets.queueDefaults(changes.queueId))?.active
    ) {
      throw TicketError.invalidField('changes.queueId', 'is not an active queue');
    }
    const now = this.clock.now();
    return this.bulk.transaction(async (manager) => {
      const found = new Map(
        (await this.bulk.lockMany(manager, input.ids)).map((ticket) => [ticket.id, ticket]),
      );
      const workable = await this.queuesWorkable(
        manager,
        changes.assigneeId,
        [...found.values()].map((ticket) => changes.queueId ?? ticket.queueId),
      );
      const outcomes = input.ids.map((id) =>
        this.plan(actor, id, found.get(id), changes, workable, now),
      );
      const planned = outcomes.flatMap((o) => (o.kind === 'change' ? [o] : []));
      const versions = await this.bulk.updateMany(
        manager,
        planned.map((o) => o.changes),
        now,
      );
      const events = planned.flatMap((o) => o.events);
      await this.tickets.insertEvents(manager, events, now);
      await this.changeHooks.afterChange(
        manager,
        planned.map((o) => o.changes.id),
        events,
      );
      const updated: BulkUpdatedTicketDto[] = [];
      const failed: BulkFailedTicketDto[] = [];
      for (const outcome of outcomes) {
        if (outcome.kind === 'failed') failed.push(outcome.failure);
        else {
          const { id, number, version } = outcome.ticket;
          updated.push({ id, number, version: versions.get(id) ?? version });
        }
      }
      return { updated, failed };
    });
  }

  /** What happens to one ticket: refused (and why), left as it is, or its changes and events. */
  private plan(
    actor: RequestActor,
    id: string,
    ticket: BulkTicket | undefined,
    input: BulkTicketChangesDto,
    workable: ReadonlySet<string>,
    now: Date,
  ): Outcome {
    if (!ticket) return failed(id, TicketError.notFound());
    const refusal = this.refusal(actor, ticket, input);
    if (refusal) return failed(id, refusal);
    if (isTerminal(ticket.state)) return failed(id, TicketError.finished(ticket.state));

    const changes: TicketChanges & { id: string } = { id };
    const events: NewEvent[] = [];
    const record = (type: NewEvent['type'], before: unknown, after: unknown) =>
      events.push({ ticketId: id, actorId: actor.userId, type, before, after });
    if (input.state !== undefined && input.state !== ticket.state) {
      const check = checkTransition(ticket.state, input.state);
      if (!check.allowed) {
        return failed(id, TicketError.invalidTransition(ticket.state, input.state, check));
      }
      Object.assign(changes, stateChanges(ticket, input.state, now));
      record('state', ticket.state, input.state);
    }
    if (input.priority !== undefined && input.priority !== ticket.priority) {
      changes.priority = input.priority;
      record('priority', ticket.priority, input.priority);
    }
    if (input.queueId !== undefined && input.queueId !== ticket.queueId) {
      changes.queueId = input.queueId;
      record('queue', ticket.queueId, input.queueId);
    }
    if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) {
      if (input.assigneeId !== null && !workable.has(changes.queueId ?? ticket.queueId)) {
        return failed(
          id,
          TicketError.invalidField(
            'changes.assigneeId',
            'is not an active agent with reply access to the queue',
          ),
        );
      }
      changes.assigneeId = input.assigneeId;
      record('assignee', ticket.assigneeId, input.assigneeId);
    }
    if (input.addTags !== undefined || input.removeTags !== undefined) {
      const removed = new Set(input.removeTags);
      const tags = [...new Set([...ticket.tags, ...(input.addTags ?? [])])]
        .filter((tag) => !removed.has(tag))
        .sort();
      if (tags.length > MAX_TICKET_TAGS) {
        return failed(
          id,
          TicketError.invalidField(
            'changes.addTags',
            `would leave more than ${MAX_TICKET_TAGS} tags`,
          ),
        );
      }
      if (tags.join('\n') !== [...ticket.tags].sort().join('\n')) {
        changes.tags = tags;
        record('tags', ticket.tags, tags);
      }
    }
    return events.length
      ? { kind: 'change', ticket, changes, events }
      : { kind: 'unchanged', ticket };
  }

  /** The first action the change needs on this ticket that the policy refuses, as an error. */
  private refusal(
    actor: RequestActor,
    ticket: BulkTicket,
    input: BulkTicketChangesDto,
  ): AppError | undefined {
    const access = {
      queueId: ticket.queueId,
      requesterId: ticket.requesterId,
      organizationId: ticket.organizationId,
    };
    for (const action of actionsForTicketChange(changedFields(input), actor)) {
      const resource: Resource =
        action === 'ticket:move' && input.queueId !== undefined
          ? { kind: 'ticket-move', ...access, toQueueId: input.queueId }
          : { kind: 'ticket', ...access };
      const decision = decide(actor, action, resource);
      if (decision.allowed) continue;
      if (decision.conceal) return TicketError.notFound();
      return new AppError(
        ErrorCode.Forbidden,
        decision.reason === 'read_only_token'
          ? 'This API token is read-only.'
          : `You do not have the permission \`${action}\` here.`,
      );
    }
    return undefined;
  }

  /** The queues (of those given) whose tickets may be given to the assignee; none to check: all. */
  private async queuesWorkable(
    manager: EntityManager,
    assigneeId: string | null | undefined,
    queueIds: string[],
  ): Promise<ReadonlySet<string>> {
    const workable = new Set<string>();
    if (!assigneeId) return workable;
    for (const queueId of new Set(queueIds)) {
      if (await this.tickets.canWorkQueue(assigneeId, queueId, manager)) workable.add(queueId);
    }
    return workable;
  }
}

/** The request as PATCH would carry it, so that it needs the very same permissions. */
function changedFields(input: BulkTicketChangesDto): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of ['state', 'priority', 'queueId', 'assigneeId'] as const) {
    if (input[field] !== undefined) fields[field] = input[field];
  }
  if (input.addTags !== undefined || input.removeTags !== undefined) fields.tags = true;
  return fields;
}

function checkChanges(input: BulkTicketChangesDto): void {
  if (Object.keys(changedFields(input)).length === 0) {
    throw new ValidationFailedError([
      {
        field: 'changes',
        message:
          'must change at least one of state, priority, queueId, assigneeId, addTags, removeTags',
      },
    ]);
  }
  const added = new Set(input.addTags);
  const both = (input.removeTags ?? []).filter((tag) => added.has(tag));
  if (both.length) {
    throw new ValidationFailedError([
      { field: 'changes.removeTags', message: `must not also be added: ${both.join(', ')}` },
    ]);
  }
}

function failed(id: string, error: AppError): Outcome {
  const field = error.fieldErrors?.[0];
  return {
    kind: 'failed',
    failure: {
      id,
      status: httpStatusOf(error.code),
      code: error.code,
      detail: field ? `${field.field} ${field.message}.` : error.detail,
    },
  };
}
