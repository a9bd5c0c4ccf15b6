import { Injectable } from '@nestjs/common';
import {
  afterAgentReply,
  afterCustomerReply,
  checkTransition,
  decide,
  isTerminal,
  MAX_MERGE_HOPS,
  type ReplyOutcome,
  type TicketState,
} from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { toPage, type Page } from '../../common/pagination/page.js';
import { Batcher } from '../../common/batching/batcher.js';
import { Clock } from '../../common/time/clock.js';
import { AttachmentService } from '../attachment/attachment.service.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import { UserService } from '../user/user.service.js';
import type {
  CreateMessageDto,
  CreateTicketDto,
  MessageBodyDto,
  MessageCreatedDto,
  TicketDto,
  TicketListQueryDto,
  TimelineDto,
  UpdateTicketDto,
} from './dto/ticket.dto.js';
import { ticketSlaView } from '../sla/ticket-sla.js';
import { HtmlSanitizer } from './html-sanitizer.js';
import { ticketResource } from './related-ticket.js';
import type { TicketPriority } from '../queue/queue.entity.js';
import type { TicketChannel } from './ticket.entity.js';
import { TicketFollowerService } from './ticket-follower.service.js';
import { TicketChangeHooks } from './ticket-change-hooks.js';
import { TicketMessageHooks, type StoredMessage } from './ticket-message-hooks.js';
import { TicketError } from './ticket.error.js';
import { TicketFollowUpService } from './ticket-follow-up.service.js';
import { ticketFilterOf } from './ticket-filter.js';
import { decodeListCursor, listCursorKey } from './ticket-sort.js';
import {
  TicketRepository,
  type NewEvent,
  type NewMessage,
  type TicketChanges,
  type TicketRecord,
  type TicketScope,
} from './ticket.repository.js';

/** A message's content as stored: text, sanitised HTML, and the Message-ID of its mail. */
export type MessageBody = Pick<NewMessage, 'bodyText' | 'bodyHtml' | 'mailMessageId'>;

/** Everything openTicket needs, decided by its caller (the REST API, mail intake). */
export interface OpenTicketInput {
  /** Trimmed, at most 500 characters. */
  subject: string;
  queueId: string;
  priority: TicketPriority;
  state: TicketState;
  channel: TicketChannel;
  /** Lower case, sorted, without repeats. */
  tags: string[];
  /** Who asked: the author of the first message. */
  requester: { id: string; organizationId: string | null; name: string; email: string };
  body: MessageBody;
  /** Who opened it (the `created` and `followers` events); null for Tessera itself. */
  actorId: string | null;
  /** For the message hooks: the first message is the customer's (not staff writing for them). */
  fromCustomer: boolean;
  /** Written by a machine (an auto-reply): nothing may answer it automatically. */
  automatic?: boolean;
  /** Imported history: the `created` event says so. */
  imported?: boolean;
  /** More facts for the `created` event (e.g. the ticket a mail quoted). */
  createdDetails?: Record<string, unknown>;
  /** People who start following the ticket (a CC line). */
  cc?: { email: string; name?: string }[];
  /** Attaches files to the first message, before the hooks see it. */
  attach?: (messageId: string) => Promise<void>;
  /** For the message hooks: the mailbox the mail came in through. */
  mailboxId?: string;
  at: Date;
}

/** A ticket the REST API is asked to open, checked and waiting to be written with others. */
interface Creation {
  actor: RequestActor;
  input: CreateTicketDto;
  opening: { state: TicketState; at: Date; channel: TicketChannel; imported: boolean };
  body: MessageBody;
  idempotency: IdempotentRequest | undefined;
}

interface Created {
  ticket: TicketRecord;
  replayed: boolean;
}

/** What became of a creation in its batch: the new ticket's id, a replay, or a refusal. */
type Written = string | { replayOf: IdempotentRequest } | { refused: unknown };

/**
 * Creations written together: at most this many in one transaction, and two transactions at a
 * time (each holds a connection of the pool; the rest stay free for everything else). One at a
 * time makes larger batches, but then the database writes them on one core only: two opened
 * about 10% more tickets a second on two cores.
 */
const CREATION_BATCH = { maxBatch: 100, maxConcurrent: 2 };

/** Everything appendMessage needs, decided by its caller (the REST API, mail intake). */
export interface AppendMessageInput {
  /** The author, also the actor of the events; null for Tessera itself (e.g. a bounce note). */
  authorId: string | null;
  internal: boolean;
  /** The author is a customer: a reply that can reopen, and no first response. */
  fromCustomer: boolean;
  body: MessageBody;
  channel: TicketChannel;
  /** Written by a machine (an auto-reply, a bounce): nothing may answer it automatically. */
  automatic?: boolean;
  /** What the message does to a ticket in a state: stay, move, follow up, redirect or refuse. */
  outcome: (state: TicketState) => ReplyOutcome;
  /** The ticket a merged one went into, locked; throws when the message may not follow it. */
  mergeTarget: (merged: TicketRecord, hops: number) => Promise<TicketRecord>;
  /** Attaches files to the message, before the hooks see it. */
  attach?: (messageId: string) => Promise<void>;
  /** For the message hooks: the mailbox the mail came in through. */
  mailboxId?: string;
  at: Date;
}

/**
 * The ticket use cases. Permissions were checked by the access guard before any of these run;
 * what is left here are the rules of tickets themselves (states, versions, who the requester is).
 */
@Injectable()
export class TicketService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly users: UserService,
    private readonly sanitizer: HtmlSanitizer,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    private readonly followUps: TicketFollowUpService,
    private readonly followers: TicketFollowerService,
    private readonly attachments: AttachmentService,
    private readonly messageHooks: TicketMessageHooks,
    private readonly changeHooks: TicketChangeHooks,
  ) {}

  private readonly creations = new Batcher<Creation, Created>(
    (creations) => this.writeCreations(creations),
    CREATION_BATCH,
  );

  /**
   * Opens a ticket; with an idempotency key, a retry returns the ticket the first request opened.
   * Requests that come in while others are being written are written together, in one
   * transaction (group commit, see Batcher).
   */
  async create(
    actor: RequestActor,
    input: CreateTicketDto,
    channel: TicketChannel,
    idempotency?: IdempotentRequest,
  ): Promise<{ ticket: TicketDto; replayed: boolean }> {
    if (actor.role === 'customer' && input.requester) {
      throw TicketError.invalidField(
        'requester',
        'customers open tickets for themselves; leave it out',
      );
    }
    if (actor.role !== 'customer' && !input.requester) {
      throw TicketError.invalidField('requester', 'must say who asked ({ email, name })');
    }
    const { ticket, replayed } = await this.creations.submit({
      actor,
      input,
      opening: this.opening(actor, input, channel),
      body: this.body(input),
      idempotency,
    });
    return { ticket: ticketView(actor, ticket), replayed };
  }

  /**
   * Writes a batch of ticket creations in one transaction: one read for their queues, one for
   * their requesters, one statement for the tickets with their first messages and events, and the
   * message hooks once for all. A creation that cannot be written fails on its own: when the
   * transaction fails, each creation is written again in a transaction of its own, so the one at
   * fault gets its error and the others their tickets.
   */
  private async writeCreations(
    creations: readonly Creation[],
  ): Promise<PromiseSettledResult<Created>[]> {
    let written: Written[];
    let committing = false;
    try {
      written = await this.tickets.transaction(async (manager) => {
        const opened = await this.openCreations(manager, creations);
        committing = true;
        return opened;
      });
    } catch (error) {
      // When the commit itself failed, whether it happened is unknown: nothing is written again.
      if (creations.length === 1 || committing) return creations.map(() => rejected(error));
      const alone: PromiseSettledResult<Created>[] = [];
      for (const creation of creations) alone.push(...(await this.writeCreations([creation])));
      return alone;
    }
    const ids = written.filter((entry) => typeof entry === 'string');
    const tickets = new Map((await this.tickets.findInOrder(ids)).map((t) => [t.id, t]));
    return Promise.allSettled(
      written.map(async (entry) => {
        if (typeof entry === 'string') {
          return { ticket: tickets.get(entry) ?? (await this.load(entry)), replayed: false };
        }
        if ('refused' in entry) throw entry.refused;
        const earlier = await this.idempotency.replay(entry.replayOf);
        return { ticket: await this.load(earlier.ticketId ?? ''), replayed: true };
      }),
    );
  }

  /**
   * The transaction of writeCreations: each creation's ticket id, the request whose earlier answer
   * it repeats (its idempotency key was claimed before), or why it was refused. Whatever else
   * goes wrong throws, and rolls back the whole batch.
   */
  private async openCreations(
    manager: EntityManager,
    creations: readonly Creation[],
  ): Promise<Written[]> {
    const queues = await this.tickets.queueDefaultsOf(
      manager,
      creations.map((creation) => creation.input.queueId),
    );
    const fresh: Creation[] = [];
    const answered = new Map<Creation, Written>();
    for (const creation of creations) {
      const { idempotency } = creation;
      if (!queues.get(creation.input.queueId)?.active) {
        answered.set(creation, {
          refused: TicketError.invalidField('queueId', 'is not an active queue'),
        });
      } else if (idempotency && !(await this.idempotency.claim(manager, idempotency))) {
        answered.set(creation, { replayOf: idempotency });
      } else {
        fresh.push(creation);
      }
    }
    const named = fresh.filter((creation) => creation.input.requester);
    const customers = await this.users.findOrCreateCustomers(
      manager,
      named.map(({ input }) => ({
        email: input.requester?.email ?? '',
        name: input.requester?.name ?? '',
      })),
    );
    const requesters = new Map(named.map((creation, index) => [creation, customers[index]]));
    const opened = await this.openTickets(
      manager,
      fresh.map((creation) => {
        const { actor, input, opening, body } = creation;
        const requester = requesters.get(creation) ?? {
          id: actor.userId,
          organizationId: actor.organizationId,
          name: actor.name,
          email: actor.email,
        };
        return {
          subject: input.subject.trim(),
          queueId: input.queueId,
          priority: input.priority ?? queues.get(input.queueId)?.defaultPriority ?? 'normal',
          state: opening.state,
          channel: opening.channel,
          tags: unique(input.tags ?? []),
          requester,
          body,
          actorId: actor.userId,
          fromCustomer: requester.id !== actor.userId || actor.role === 'customer',
          imported: opening.imported,
          cc: input.cc,
          attach: (messageId: string) =>
            this.attachments.attachUploads(
              manager,
              actor.userId,
              input.attachments ?? [],
              messageId,
            ),
          at: opening.at,
        };
      }),
    );
    const ticketIds = new Map(fresh.map((creation, index) => [creation, opened[index]?.ticketId]));
    const answers: Written[] = [];
    for (const creation of creations) {
      const answer = answered.get(creation);
      if (answer) {
        answers.push(answer);
        continue;
      }
      const ticketId = ticketIds.get(creation) ?? '';
      if (creation.idempotency) {
        await this.idempotency.complete(manager, creation.idempotency, 201, { ticketId });
      }
      answers.push(ticketId);
    }
    return answers;
  }

  /**
   * Opens a ticket in the caller's transaction: the ticket, its first message (with its files,
   * through `attach`), the `created` and `message` events, followers from `cc`, then the message
   * hooks. Mail intake opens tickets through it, acting as Tessera itself.
   */
  async openTicket(
    manager: EntityManager,
    input: OpenTicketInput,
  ): Promise<{ ticketId: string; messageId: string }> {
    const [opened] = await this.openTickets(manager, [input]);
    if (!opened) throw new Error('the ticket was not opened');
    return opened;
  }

  /**
   * openTicket for several tickets at once: one statement writes them all with their first
   * messages and events, and each message hook runs once for all of them. By position.
   */
  async openTickets(
    manager: EntityManager,
    inputs: readonly OpenTicketInput[],
  ): Promise<{ ticketId: string; messageId: string }[]> {
    const opened = await this.tickets.insertOpenings(
      manager,
      inputs.map((input) => ({
        ticket: {
          subject: input.subject,
          requesterText: `${input.requester.name} ${input.requester.email}`,
          state: input.state,
          priority: input.priority,
          queueId: input.queueId,
          requesterId: input.requester.id,
          organizationId: input.requester.organizationId,
          channel: input.channel,
          tags: input.tags,
          resolvedAt: input.state === 'resolved' || input.state === 'closed' ? input.at : null,
        },
        message: { authorId: input.requester.id, internal: false, ...input.body },
        created: {
          actorId: input.actorId,
          details: {
            state: input.state,
            queueId: input.queueId,
            channel: input.channel,
            requesterId: input.requester.id,
            ...(input.imported ? { imported: true } : {}),
            ...input.createdDetails,
          },
        },
        at: input.at,
      })),
    );
    const messages: StoredMessage[] = [];
    for (const [index, input] of inputs.entries()) {
      const { ticketId, messageId } = opened[index] ?? { ticketId: '', messageId: '' };
      await input.attach?.(messageId);
      if (input.cc?.length) {
        await this.followers.addPeople(
          manager,
          { id: ticketId, requesterId: input.requester.id },
          input.cc,
          input.actorId,
          input.at,
        );
      }
      messages.push({
        ticketId,
        messageId,
        authorId: input.requester.id,
        internal: false,
        fromCustomer: input.fromCustomer,
        channel: input.channel,
        opensTicket: true,
        ...(input.automatic ? { automatic: true } : {}),
        ...(input.mailboxId ? { mailboxId: input.mailboxId } : {}),
        ...(input.body.mailMessageId ? { mailMessageId: input.body.mailMessageId } : {}),
      });
    }
    await this.messageHooks.afterMessages(manager, messages);
    return opened;
  }

  async get(actor: RequestActor, reference: string): Promise<TicketDto> {
    return ticketView(actor, await this.find(reference));
  }

  async list(actor: RequestActor, query: TicketListQueryDto): Promise<Page<TicketDto>> {
    // Customers never see tags or assignees, so they cannot filter on them either (as in search).
    if (actor.role === 'customer' && (query.tag !== undefined || query.assignee !== undefined)) {
      throw new ValidationFailedError(
        (['tag', 'assignee'] as const)
          .filter((field) => query[field] !== undefined)
          .map((field) => ({ field, message: 'is not available to customers' })),
      );
    }
    const after = decodeListCursor(query.cursor, query.sort);
    const rows = await this.tickets.findPage(
      scopeOf(actor),
      ticketFilterOf(actor, query),
      query.sort,
      after,
      query.limit,
    );
    return toPage(
      rows,
      query.limit,
      (t) => listCursorKey(query.sort, t),
      (t) => ticketView(actor, t),
    );
  }

  async update(
    actor: RequestActor,
    reference: string,
    ifMatch: string | undefined,
    input: UpdateTicketDto,
  ): Promise<TicketDto> {
    const expected = parseVersion(ifMatch);
    const ticket = await this.find(reference);
    if (isTerminal(ticket.state)) throw TicketError.finished(ticket.state);
    const { changes, events } = await this.plan(actor, ticket, input);
    if (events.length === 0) {
      if (ticket.version !== expected) throw TicketError.stale(ticket.version);
      return ticketView(actor, ticket);
    }
    const now = this.clock.now();
    await this.tickets.transaction(async (manager) => {
      const version = await this.tickets.update(manager, ticket.id, expected, changes, now);
      if (version === undefined) {
        throw TicketError.stale(
          (await this.tickets.currentVersion(manager, ticket.id)) ?? ticket.version,
        );
      }
      await this.tickets.insertEvents(manager, events, now);
      await this.changeHooks.afterChange(manager, [ticket.id], events);
    });
    return ticketView(actor, await this.load(ticket.id));
  }

  /** Adds a reply or note; with an idempotency key, a retry returns the first message. */
  async addMessage(
    actor: RequestActor,
    reference: string,
    input: CreateMessageDto,
    idempotency?: IdempotentRequest,
  ): Promise<{ created: MessageCreatedDto; replayed: boolean }> {
    const found = await this.find(reference);
    const internal = input.internal ?? false;
    const fromCustomer = actor.role === 'customer';
    if (fromCustomer && input.state) {
      throw TicketError.invalidField('state', 'customers cannot choose the state');
    }
    const body = this.body(input);
    const now = this.clock.now();
    const landed = await this.tickets.transaction(async (manager) => {
      if (idempotency && !(await this.idempotency.claim(manager, idempotency))) return undefined;
      // Read again under a row lock: what the reply does depends on the state, and a concurrent
      // change (an agent closing the ticket) must not slip in between.
      const ticket = await this.tickets.findById(manager, found.id, { lock: true });
      if (!ticket) throw TicketError.notFound();
      const { messageId, ticketId } = await this.appendMessage(manager, ticket, {
        authorId: actor.userId,
        internal,
        fromCustomer,
        body,
        // Messages through this API come in over the `api` channel.
        channel: 'api',
        outcome: (state) => this.replyOutcome(state, fromCustomer, internal, input.state),
        // A customer's reply to a merged ticket goes where its conversation went.
        mergeTarget: (merged, hops) => this.mergeTarget(manager, actor, merged, hops),
        attach: (id) =>
          this.attachments.attachUploads(manager, actor.userId, input.attachments ?? [], id),
        at: now,
      });
      const stored = { messageId, ticketId };
      if (idempotency) await this.idempotency.complete(manager, idempotency, 201, stored);
      return stored;
    });
    // The answer shows the ticket the message landed in: a follow-up, or where a merge went.
    if (landed === undefined && idempotency) {
      const earlier = await this.idempotency.replay(idempotency);
      return {
        created: {
          id: earlier.messageId ?? '',
          ticket: ticketView(actor, await this.load(earlier.ticketId ?? found.id)),
        },
        replayed: true,
      };
    }
    return {
      created: {
        id: landed?.messageId ?? '',
        ticket: ticketView(actor, await this.load(landed?.ticketId ?? found.id)),
      },
      replayed: false,
    };
  }

  /**
   * Adds a message to a ticket the caller locked, in the caller's transaction, as `outcome` says:
   * the message on the ticket (moving its state), on the ticket a merged one went into, or as the
   * first message of a follow-up of a closed one; a refusal throws. Events, the first response,
   * files (through `attach`) and the message hooks are handled here. The REST API adds messages
   * through it, and mail intake.
   */
  async appendMessage(
    manager: EntityManager,
    locked: TicketRecord,
    input: AppendMessageInput,
  ): Promise<{ ticketId: string; messageId: string; followUp: boolean }> {
    const { authorId, internal, fromCustomer, channel, at } = input;
    const automatic = input.automatic ? { automatic: true } : {};
    const fromMail = {
      ...(input.mailboxId ? { mailboxId: input.mailboxId } : {}),
      ...(input.body.mailMessageId ? { mailMessageId: input.body.mailMessageId } : {}),
    };
    let ticket = locked;
    let outcome = input.outcome(ticket.state);
    for (let hops = 0; outcome.kind === 'redirect'; hops++) {
      ticket = await input.mergeTarget(ticket, hops);
      outcome = input.outcome(ticket.state);
    }
    if (outcome.kind === 'follow_up') {
      if (authorId === null) throw new Error('a follow-up needs an author');
      const opened = await this.followUps.openFollowUp(
        manager,
        ticket,
        { id: authorId },
        input.body,
        channel,
        at,
      );
      await input.attach?.(opened.messageId);
      await this.messageHooks.afterMessage(manager, {
        ticketId: opened.ticketId,
        messageId: opened.messageId,
        authorId,
        internal: false,
        fromCustomer,
        channel,
        opensTicket: true,
        ...automatic,
        ...fromMail,
      });
      return { ...opened, followUp: true };
    }
    if (outcome.kind === 'refused') throw await this.refusal(manager, ticket);
    // Public messages join the search document; internal notes never do.
    const changes: TicketChanges = internal ? {} : { searchText: input.body.bodyText };
    const events: NewEvent[] = [];
    if (outcome.kind === 'move') {
      Object.assign(changes, stateChanges(ticket, outcome.state, at));
      events.push(eventBy(ticket, authorId, 'state', ticket.state, outcome.state));
    }
    // The first public answer from someone other than the requester is the first response.
    if (!internal && !fromCustomer && authorId !== ticket.requesterId) {
      changes.firstResponseAt = at;
    }
    const id = await this.tickets.insertMessage(
      manager,
      { ticketId: ticket.id, authorId, internal, ...input.body },
      at,
    );
    await input.attach?.(id);
    await this.tickets.update(manager, ticket.id, undefined, changes, at);
    await this.tickets.insertEvents(
      manager,
      [eventBy(ticket, authorId, 'message', null, { messageId: id, internal }), ...events],
      at,
    );
    await this.messageHooks.afterMessage(manager, {
      ticketId: ticket.id,
      messageId: id,
      authorId,
      internal,
      fromCustomer,
      channel,
      opensTicket: false,
      ...automatic,
      ...fromMail,
    });
    return { ticketId: ticket.id, messageId: id, followUp: false };
  }

  /**
   * The ticket a merged one was merged into, locked, for a customer's reply to it. One the
   * customer may not write to is refused like the merged ticket itself, without naming it.
   */
  private async mergeTarget(
    manager: EntityManager,
    actor: RequestActor,
    merged: TicketRecord,
    hops: number,
  ): Promise<TicketRecord> {
    const into =
      merged.mergedIntoId && hops < MAX_MERGE_HOPS
        ? await this.tickets.findById(manager, merged.mergedIntoId, { lock: true })
        : undefined;
    if (!into || !decide(actor, 'ticket:reply', ticketResource(into)).allowed) {
      throw TicketError.finished(merged.state);
    }
    return into;
  }

  /** Why a message is refused: a closed ticket, or a merged one (naming where it went). */
  private async refusal(manager: EntityManager, ticket: TicketRecord): Promise<TicketError> {
    const into =
      ticket.state === 'merged' && ticket.mergedIntoId
        ? await this.tickets.findById(manager, ticket.mergedIntoId)
        : undefined;
    return into ? TicketError.mergedInto(into) : TicketError.finished(ticket.state);
  }

  async timeline(actor: RequestActor, reference: string): Promise<TimelineDto> {
    const ticket = await this.find(reference);
    // Customers see the conversation without internal notes, and none of the internal history.
    const rows = await this.tickets.timeline(ticket.id, actor.role === 'customer');
    const files = await this.attachments.forMessages(
      rows.filter((row) => row.kind === 'message').map((row) => row.id),
    );
    return {
      items: rows.map((row) =>
        row.kind === 'message'
          ? {
              kind: 'message',
              id: row.id,
              createdAt: row.createdAt.toISOString(),
              actorId: row.actorId,
              actorName: row.actorName,
              internal: row.internal,
              text: row.bodyText,
              html: row.bodyHtml,
              attachments: files.get(row.id) ?? [],
            }
          : {
              kind: 'event',
              id: row.id,
              createdAt: row.createdAt.toISOString(),
              actorId: row.actorId,
              actorName: row.actorName,
              type: row.type ?? undefined,
              before: row.before,
              after: row.after,
            },
      ),
    };
  }

  /** What a PATCH changes, and the events that record it; validates targets it points at. */
  private async plan(actor: RequestActor, ticket: TicketRecord, input: UpdateTicketDto) {
    const changes: TicketChanges = {};
    const events: NewEvent[] = [];
    const now = this.clock.now();
    if (input.subject !== undefined && input.subject.trim() !== ticket.subject) {
      changes.subject = input.subject.trim();
      events.push(event(ticket, actor, 'subject', ticket.subject, changes.subject));
    }
    if (input.state !== undefined && input.state !== ticket.state) {
      const check = checkTransition(ticket.state, input.state);
      if (!check.allowed) throw TicketError.invalidTransition(ticket.state, input.state, check);
      Object.assign(changes, stateChanges(ticket, input.state, now));
      events.push(event(ticket, actor, 'state', ticket.state, input.state));
    }
    if (input.priority !== undefined && input.priority !== ticket.priority) {
      changes.priority = input.priority;
      events.push(event(ticket, actor, 'priority', ticket.priority, input.priority));
    }
    if (input.queueId !== undefined && input.queueId !== ticket.queueId) {
      if (!(await this.tickets.queueDefaults(input.queueId))?.active) {
        throw TicketError.invalidField('queueId', 'is not an active queue');
      }
      changes.queueId = input.queueId;
      events.push(event(ticket, actor, 'queue', ticket.queueId, input.queueId));
    }
    if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) {
      const queueId = changes.queueId ?? ticket.queueId;
      if (
        input.assigneeId !== null &&
        !(await this.tickets.canWorkQueue(input.assigneeId, queueId))
      ) {
        throw TicketError.invalidField(
          'assigneeId',
          'is not an active agent with reply access to the queue',
        );
      }
      changes.assigneeId = input.assigneeId;
      events.push(event(ticket, actor, 'assignee', ticket.assigneeId, input.assigneeId));
    }
    if (input.tags !== undefined) {
      const tags = unique(input.tags);
      if (tags.join('\n') !== [...ticket.tags].sort().join('\n')) {
        changes.tags = tags;
        events.push(event(ticket, actor, 'tags', ticket.tags, tags));
      }
    }
    return { changes, events };
  }

  /**
   * How a new ticket starts: in `new` unless staff choose a state, now unless an admin imports
   * history (then at its real time, which must be past), from the caller's channel unless an
   * import says where it came from.
   */
  private opening(
    actor: RequestActor,
    input: CreateTicketDto,
    channel: TicketChannel,
  ): { state: TicketState; at: Date; channel: TicketChannel; imported: boolean } {
    if (actor.role === 'customer' && input.state !== undefined) {
      throw TicketError.forbiddenField('state', 'customers cannot choose the state');
    }
    for (const field of ['createdAt', 'channel'] as const) {
      if (input[field] !== undefined && actor.role !== 'admin') {
        throw TicketError.forbiddenField(field, 'only admins import history');
      }
    }
    const now = this.clock.now();
    const at = input.createdAt === undefined ? now : new Date(input.createdAt);
    if (at.getTime() > now.getTime()) {
      throw TicketError.invalidField('createdAt', 'must not be in the future');
    }
    return {
      state: input.state ?? 'new',
      at,
      channel: input.channel ?? channel,
      imported: input.createdAt !== undefined,
    };
  }

  private replyOutcome(
    state: TicketState,
    fromCustomer: boolean,
    internal: boolean,
    requested: TicketState | undefined,
  ): ReplyOutcome {
    if (fromCustomer) return afterCustomerReply(state);
    if (isTerminal(state)) return { kind: 'refused' };
    if (requested !== undefined && requested !== state) {
      const check = checkTransition(state, requested);
      if (!check.allowed) throw TicketError.invalidTransition(state, requested, check);
      return {
        kind: 'move',
        state: requested,
        reopened: state === 'resolved' && requested === 'open',
      };
    }
    if (requested !== undefined || internal) return { kind: 'stay', state };
    return afterAgentReply(state);
  }

  private body(input: MessageBodyDto): { bodyText: string; bodyHtml: string | null } {
    if (input.html === undefined) return { bodyText: input.text ?? '', bodyHtml: null };
    const html = this.sanitizer.sanitize(input.html);
    return { bodyText: input.text ?? this.sanitizer.toText(html), bodyHtml: html };
  }

  private async find(reference: string): Promise<TicketRecord> {
    const ticket = await this.tickets.findByReference(reference);
    if (!ticket) throw TicketError.notFound();
    return ticket;
  }

  private async load(id: string): Promise<TicketRecord> {
    const ticket = await this.tickets.findById(undefined, id);
    if (!ticket) throw TicketError.notFound();
    return ticket;
  }
}

/** The ticket as the actor may see it: customers do not see assignment or internal tags. */
export function ticketView(actor: RequestActor, ticket: TicketRecord): TicketDto {
  const dto: TicketDto = {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    state: ticket.state,
    priority: ticket.priority,
    queueId: ticket.queueId,
    queueName: ticket.queueName,
    assigneeId: ticket.assigneeId,
    assigneeName: ticket.assigneeName,
    requesterId: ticket.requesterId,
    requesterName: ticket.requesterName,
    requesterEmail: ticket.requesterEmail,
    organizationId: ticket.organizationId,
    channel: ticket.channel,
    tags: ticket.tags,
    mergedIntoId: ticket.mergedIntoId,
    firstResponseAt: ticket.firstResponseAt?.toISOString() ?? null,
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    reopenCount: ticket.reopenCount,
    version: ticket.version,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    sla: ticketSlaView(ticket.sla),
  };
  if (actor.role === 'customer') {
    delete dto.assigneeId;
    delete dto.assigneeName;
    delete dto.tags;
    delete dto.sla;
  }
  return dto;
}

/** Which tickets the actor may see, as the repository filters them. */
export function scopeOf(actor: RequestActor): TicketScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'agent':
      return { kind: 'queues', queueIds: [...actor.queueAccess.keys()] };
    case 'customer':
      return {
        kind: 'customer',
        userId: actor.userId,
        sharedOrganizationId: actor.organizationSharesTickets ? actor.organizationId : null,
      };
  }
}

/** A resolved ticket that opens again counts as reopened and is no longer resolved. */
export function stateChanges(
  ticket: Pick<TicketRecord, 'state'>,
  state: TicketState,
  now: Date,
): TicketChanges {
  if (state === 'resolved') return { state, resolvedAt: now };
  if (ticket.state === 'resolved' && state === 'open')
    return { state, resolvedAt: null, reopened: true };
  return { state };
}

function event(
  ticket: TicketRecord,
  actor: RequestActor,
  type: NewEvent['type'],
  before: unknown,
  after: unknown,
): NewEvent {
  return eventBy(ticket, actor.userId, type, before, after);
}

function eventBy(
  ticket: TicketRecord,
  actorId: string | null,
  type: NewEvent['type'],
  before: unknown,
  after: unknown,
): NewEvent {
  return { ticketId: ticket.id, actorId, type, before, after };
}

function rejected(reason: unknown): PromiseRejectedResult {
  return { status: 'rejected', reason };
}

function unique(tags: string[]): string[] {
  return [...new Set(tags)].sort();
}

/** `3`, `"3"` or `W/"3"`; a missing header is refused (428), a malformed one too (400). */
function parseVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined) throw TicketError.versionRequired();
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match?.[1])
    throw TicketError.invalidField('If-Match', 'must be the ticket version, e.g. "3"');
  return Number(match[1]);
}
