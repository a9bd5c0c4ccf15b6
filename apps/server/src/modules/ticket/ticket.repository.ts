import { Injectable } from '@nestjs/common';
import { parseTicketReference, TICKET_STATES, type TicketState } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { singleRow } from '../../common/database/postgres.js';
import type { TicketPriority } from '../queue/queue.entity.js';
import {
  TICKET_SLA_COLUMNS,
  TICKET_SLA_JOIN,
  ticketSlaOf,
  type TicketSla,
  type TicketSlaRow,
} from '../sla/ticket-sla.js';
import type { TicketChannel } from './ticket.entity.js';
import type { TicketEventType } from './ticket-event.entity.js';
import {
  keysetCondition,
  priorityRank,
  TICKET_SORT_SPECS,
  type TicketSort,
} from './ticket-sort.js';
import { prepared } from '../../common/database/prepared-statements.js';

export interface TicketRecord {
  id: string;
  number: number;
  subject: string;
  state: TicketState;
  priority: TicketPriority;
  queueId: string;
  queueName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  requesterId: string;
  requesterName: string;
  requesterEmail: string;
  organizationId: string | null;
  channel: TicketChannel;
  tags: string[];
  mergedIntoId: string | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  reopenCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The applied SLA policy and its clocks (modules/sla). */
  sla: TicketSla;
}

export interface NewTicket {
  subject: string;
  /** Name and address of the requester, for full-text search. */
  requesterText: string;
  state: TicketState;
  priority: TicketPriority;
  queueId: string;
  requesterId: string;
  organizationId: string | null;
  channel: TicketChannel;
  tags: string[];
  /** Set when the ticket opens already resolved or closed. */
  resolvedAt: Date | null;
}

/** Columns a change may set; `undefined` leaves a column as it is. */
export interface TicketChanges {
  subject?: string;
  state?: TicketState;
  priority?: TicketPriority;
  queueId?: string;
  assigneeId?: string | null;
  tags?: string[];
  firstResponseAt?: Date;
  resolvedAt?: Date | null;
  reopened?: boolean;
  /** A public message's text, added to the search document (up to its size limit). */
  searchText?: string;
}

/** A ticket to open with its first message (see TicketRepository.insertOpenings). */
export interface NewOpening {
  ticket: NewTicket;
  message: Omit<NewMessage, 'ticketId'>;
  /** The `created` event: who opened it, and what it records. */
  created: { actorId: string | null; details: Record<string, unknown> };
  at: Date;
}

export interface NewMessage {
  ticketId: string;
  authorId: string | null;
  internal: boolean;
  bodyText: string;
  bodyHtml: string | null;
  /** The Message-ID of the mail it came in as or goes out as. */
  mailMessageId?: string | null;
}

export interface NewEvent {
  ticketId: string;
  actorId: string | null;
  type: TicketEventType;
  before: unknown;
  after: unknown;
}

/** Which tickets a list may show: everything, some queues, or a customer's own (and colleagues'). */
export type TicketScope =
  | { kind: 'all' }
  | { kind: 'queues'; queueIds: string[] }
  | { kind: 'customer'; userId: string; sharedOrganizationId: string | null };

export interface TicketFilter {
  states?: TicketState[];
  priorities?: TicketPriority[];
  queueId?: string;
  /** A user id, or null for unassigned tickets. */
  assigneeId?: string | null;
  requesterId?: string;
  organizationId?: string;
  tag?: string;
  /** ISO instants: each `from` is inclusive, each `to` exclusive. */
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** ISO instant: a running SLA clock is due before it. */
  dueBefore?: string;
}

export interface TimelineRow {
  kind: 'message' | 'event';
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  internal: boolean;
  bodyText: string | null;
  bodyHtml: string | null;
  type: TicketEventType | null;
  before: unknown;
  after: unknown;
}

export const SELECT_TICKET = `
  SELECT t.id, t.number, t.subject, t.state, t.priority, t.queue_id, q.name AS queue_name,
         t.assignee_id, a.name AS assignee_name, t.requester_id, r.name AS requester_name,
         r.email AS requester_email, t.organization_id, t.channel, t.tags, t.merged_into_id,
         t.first_response_at, t.resolved_at, t.reopen_count, t.version, t.created_at, t.updated_at,
         ${TICKET_SLA_COLUMNS}
    FROM tickets t
    JOIN queues q ON q.id = t.queue_id
    JOIN users r ON r.id = t.requester_id
    LEFT JOIN users a ON a.id = t.assignee_id
    ${TICKET_SLA_JOIN}`;

export interface TicketRow extends TicketSlaRow {
  id: string;
  number: number;
  subject: string;
  state: TicketState;
  priority: TicketPriority;
  queue_id: string;
  queue_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
  requester_id: string;
  requester_name: string;
  requester_email: string;
  organization_id: string | null;
  channel: TicketChannel;
  tags: string[];
  merged_into_id: string | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  reopen_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

// A tsvector holds at most 1 MB: long conversations stop adding words past these bounds.
const MAX_INDEXED_MESSAGE_CHARS = 100_000;
const MAX_INDEXED_LEXEMES = 50_000;

/** The search document rebuilt with the new subject ($3): subject, requester, public messages. */
export const SEARCH_DOCUMENT_WITH_SUBJECT = `(
  setweight(to_tsvector('simple', $3::text), 'A')
  || setweight(to_tsvector('simple', (SELECT u.name || ' ' || u.email FROM users u WHERE u.id = tickets.requester_id)), 'B')
  || setweight(to_tsvector('simple', left(COALESCE((
       SELECT string_agg(m.body_text, ' ' ORDER BY m.created_at) FROM ticket_messages m
        WHERE m.ticket_id = tickets.id AND NOT m.internal), ''), 1000000)), 'C'))`;

/**
 * The SQL condition (on alias `t`) that keeps a list to what the scope may see; undefined for all.
 * `bind` adds a parameter and returns its placeholder.
 */
export function scopeCondition(
  scope: TicketScope,
  bind: (value: unknown) => string,
): string | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'queues':
      return `t.queue_id = ANY(${bind(scope.queueIds)}::uuid[])`;
    case 'customer':
      return scope.sharedOrganizationId
        ? `(t.requester_id = ${bind(scope.userId)} OR t.organization_id = ${bind(scope.sharedOrganizationId)})`
        : `t.requester_id = ${bind(scope.userId)}`;
  }
}

/**
 * The conditions (on alias `t`) of a ticket list: what the scope may see and what the filter
 * keeps. The list, saved views and their counts are all built on it, so they never disagree.
 * With `stateFrom`, the state is matched against that SQL expression instead of the filter's
 * states (findPage reads one index range per state).
 */
export function listConditions(
  scope: TicketScope,
  filter: TicketFilter,
  bind: (value: unknown) => string,
  options: { stateFrom?: string } = {},
): string[] {
  const where: string[] = [];
  const visible = scopeCondition(scope, bind);
  if (visible) where.push(visible);
  if (options.stateFrom) where.push(`t.state = ${options.stateFrom}`);
  else if (filter.states?.length === 1) where.push(`t.state = ${bind(filter.states[0])}`);
  else if (filter.states?.length) where.push(`t.state = ANY(${bind(filter.states)}::varchar[])`);
  // By rank, the priority indexes' key: each bound priority folds into its rank when planned.
  if (filter.priorities?.length) {
    const ranks = filter.priorities.map((priority) => priorityRank(`${bind(priority)}::text`));
    where.push(`${priorityRank('t.priority')} = ANY(ARRAY[${ranks.join(', ')}])`);
  }
  if (filter.queueId) where.push(`t.queue_id = ${bind(filter.queueId)}`);
  if (filter.assigneeId === null) where.push('t.assignee_id IS NULL');
  else if (filter.assigneeId) where.push(`t.assignee_id = ${bind(filter.assigneeId)}`);
  if (filter.requesterId) where.push(`t.requester_id = ${bind(filter.requesterId)}`);
  if (filter.organizationId) where.push(`t.organization_id = ${bind(filter.organizationId)}`);
  if (filter.tag) where.push(`t.tags @> ARRAY[${bind(filter.tag)}]::text[]`);
  if (filter.createdFrom) where.push(`t.created_at >= ${bind(filter.createdFrom)}::timestamptz`);
  if (filter.createdTo) where.push(`t.created_at < ${bind(filter.createdTo)}::timestamptz`);
  if (filter.updatedFrom) where.push(`t.updated_at >= ${bind(filter.updatedFrom)}::timestamptz`);
  if (filter.updatedTo) where.push(`t.updated_at < ${bind(filter.updatedTo)}::timestamptz`);
  if (filter.dueBefore) where.push(`t.sla_next_due_at < ${bind(filter.dueBefore)}::timestamptz`);
  return where;
}

/** update()'s statement: the columns besides the subject and search document, by $4 to $14. */
function updateStatement(subjectAndSearch: string): string {
  return prepared(`UPDATE tickets SET
     ${subjectAndSearch},
     state = COALESCE($4, state),
     priority = COALESCE($5, priority),
     queue_id = COALESCE($6, queue_id),
     assignee_id = CASE WHEN $7 THEN $8::uuid ELSE assignee_id END,
     tags = COALESCE($9, tags),
     first_response_at = COALESCE(first_response_at, $10),
     resolved_at = CASE WHEN $11 THEN $12::timestamptz ELSE resolved_at END,
     reopen_count = reopen_count + CASE WHEN $13 THEN 1 ELSE 0 END,
     version = version + 1,
     updated_at = $14
   WHERE id = $1 AND ($2::int IS NULL OR version = $2)
   RETURNING version`);
}

/** A new subject ($3), and the search document rebuilt with it. */
const UPDATE_WITH_SUBJECT = updateStatement(
  `subject = $3::text, search_vector = ${SEARCH_DOCUMENT_WITH_SUBJECT}`,
);

/** The subject kept; a public message's text ($3, when not null) added to the search document. */
const UPDATE_KEEPING_SUBJECT = updateStatement(
  `search_vector = CASE
     WHEN $3::text IS NULL OR length(search_vector) >= ${MAX_INDEXED_LEXEMES} THEN search_vector
     ELSE search_vector
          || setweight(to_tsvector('simple', left($3::text, ${MAX_INDEXED_MESSAGE_CHARS})), 'C')
   END`,
);

/** Every query on tickets, their messages and their events. */
@Injectable()
export class TicketRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Opens a ticket with its first message and their two events (`created` by `created.actorId`
   * with `created.details`, and `message` by the message's author).
   */
  async insertWithFirstMessage(
    manager: EntityManager,
    ticket: NewTicket,
    message: Omit<NewMessage, 'ticketId'>,
    created: { actorId: string | null; details: Record<string, unknown> },
    at: Date,
  ): Promise<{ ticketId: string; messageId: string }> {
    const [opened] = await this.insertOpenings(manager, [{ ticket, message, created, at }]);
    if (!opened) throw new Error('the ticket was not inserted');
    return opened;
  }

  /**
   * Opens tickets, each with its first message and their two events, in one statement however
   * many there are: the search document is built with the message already in it (a second write
   * to the new row would touch every index again), and a batch of openings costs one round trip
   * and one plan. Numbers follow the order of `openings`; so does the answer.
   */
  async insertOpenings(
    manager: EntityManager,
    openings: readonly NewOpening[],
  ): Promise<{ ticketId: string; messageId: string }[]> {
    if (openings.length === 0) return [];
    const rows = await manager.query<{ ticket_id: string; message_id: string }[]>(
      prepared(`WITH input AS MATERIALIZED (
         SELECT gen_random_uuid() AS ticket_id, gen_random_uuid() AS message_id, i.*
           FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
                  subject text, state text, priority text, queue_id uuid, requester_id uuid,
                  organization_id uuid, channel text, tags text[], at timestamptz,
                  requester_text text, resolved_at timestamptz, author_id uuid, public boolean,
                  mail_message_id text, body_text text, body_html text, actor_id uuid,
                  details jsonb))
                WITH ORDINALITY AS i(subject, state, priority, queue_id, requester_id,
                  organization_id, channel, tags, at, requester_text, resolved_at, author_id,
                  public, mail_message_id, body_text, body_html, actor_id, details, ord))
       , ticket AS (
         INSERT INTO tickets (id, subject, state, priority, queue_id, requester_id, organization_id,
                              channel, tags, created_at, updated_at, search_vector, resolved_at)
         SELECT ticket_id, subject, state, priority, queue_id, requester_id, organization_id,
                channel, tags, at, at,
                setweight(to_tsvector('simple', subject), 'A')
                || setweight(to_tsvector('simple', requester_text), 'B')
                || CASE WHEN public THEN setweight(to_tsvector('simple', left(body_text, ${MAX_INDEXED_MESSAGE_CHARS})), 'C')
                        ELSE ''::tsvector END,
                resolved_at
           FROM input ORDER BY ord)
       , message AS (
         INSERT INTO ticket_messages (id, ticket_id, author_id, internal, body_text, body_html,
                                      created_at, mail_message_id)
         SELECT message_id, ticket_id, author_id, NOT public, body_text, body_html, at,
                mail_message_id
           FROM input ORDER BY ord)
       , events AS (
         INSERT INTO ticket_events (ticket_id, actor_id, type, before, after, created_at)
         SELECT i.ticket_id, e.actor_id, e.type, NULL, e.after, i.at
           FROM input i
          CROSS JOIN LATERAL (VALUES
            (i.actor_id, 'created', i.details, 0),
            (i.author_id, 'message',
             jsonb_build_object('messageId', i.message_id, 'internal', NOT i.public), 1)
          ) AS e(actor_id, type, after, position)
          ORDER BY i.ord, e.position)
       SELECT ticket_id, message_id FROM input ORDER BY ord`),
      [
        JSON.stringify(
          openings.map(({ ticket, message, created, at }) => ({
            subject: ticket.subject,
            state: ticket.state,
            priority: ticket.priority,
            queue_id: ticket.queueId,
            requester_id: ticket.requesterId,
            organization_id: ticket.organizationId,
            channel: ticket.channel,
            tags: ticket.tags,
            at: at.toISOString(),
            requester_text: ticket.requesterText,
            resolved_at: ticket.resolvedAt?.toISOString() ?? null,
            author_id: message.authorId,
            // Public messages join the search document; internal notes never do.
            public: !message.internal,
            mail_message_id: message.mailMessageId ?? null,
            body_text: message.bodyText,
            body_html: message.bodyHtml,
            actor_id: created.actorId,
            details: created.details,
          })),
        ),
      ],
    );
    return rows.map((row) => ({ ticketId: row.ticket_id, messageId: row.message_id }));
  }

  /** With `lock`, the row stays locked until the caller's transaction ends. */
  async findById(
    manager: EntityManager | undefined,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<TicketRecord | undefined> {
    const rows = await (manager ?? this.dataSource).query<TicketRow[]>(
      prepared(`${SELECT_TICKET} WHERE t.id = $1${options.lock ? ' FOR UPDATE OF t' : ''}`),
      [id],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async findByNumber(number: number): Promise<TicketRecord | undefined> {
    const rows = await this.dataSource.query<TicketRow[]>(
      prepared(`${SELECT_TICKET} WHERE t.number = $1`),
      [number],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** The ticket an API reference names: its id, or its number (`10042`, `#10042`). */
  async findByReference(reference: string): Promise<TicketRecord | undefined> {
    const parsed = parseTicketReference(reference);
    if (parsed?.kind === 'id') return this.findById(undefined, parsed.id);
    if (parsed?.kind === 'number') return this.findByNumber(parsed.number);
    return undefined;
  }

  /** What access depends on, by id or number: one indexed lookup for the access guard. */
  async findAccess(
    reference: { id: string } | { number: number },
  ): Promise<{ queueId: string; requesterId: string; organizationId: string | null } | undefined> {
    const [row] = await this.dataSource.query<
      { queue_id: string; requester_id: string; organization_id: string | null }[]
    >(
      `SELECT queue_id, requester_id, organization_id FROM tickets WHERE ${'id' in reference ? 'id' : 'number'} = $1`,
      ['id' in reference ? reference.id : reference.number],
    );
    return (
      row && {
        queueId: row.queue_id,
        requesterId: row.requester_id,
        organizationId: row.organization_id,
      }
    );
  }

  /**
   * Applies changes if the ticket is still at `expectedVersion` (or at any version when it is
   * undefined); bumps the version. Returns the new version, or undefined when the ticket moved on.
   */
  async update(
    manager: EntityManager,
    id: string,
    expectedVersion: number | undefined,
    changes: TicketChanges,
    at: Date,
  ): Promise<number | undefined> {
    // Two statements, each with a plan PostgreSQL can cache: a new subject rebuilds the search
    // document ($3 is the subject), anything else at most appends a message's text ($3).
    const withSubject = changes.subject !== undefined;
    const [rows] = await manager.query<[{ version: number }[], number]>(
      withSubject ? UPDATE_WITH_SUBJECT : UPDATE_KEEPING_SUBJECT,
      [
        id,
        expectedVersion ?? null,
        withSubject ? changes.subject : (changes.searchText ?? null),
        changes.state ?? null,
        changes.priority ?? null,
        changes.queueId ?? null,
        changes.assigneeId !== undefined,
        changes.assigneeId ?? null,
        changes.tags ?? null,
        changes.firstResponseAt ?? null,
        changes.resolvedAt !== undefined,
        changes.resolvedAt ?? null,
        changes.reopened ?? false,
        at,
      ],
    );
    return rows[0]?.version;
  }

  /**
   * Closes up to `limit` tickets resolved before the cutoff, with their state events, in one
   * statement; rows another transaction holds are left for the next run. Returns their ids.
   */
  async closeResolvedBefore(
    manager: EntityManager,
    cutoff: Date,
    at: Date,
    limit: number,
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      prepared(`WITH due AS (
         SELECT id FROM tickets
          WHERE state = 'resolved' AND resolved_at <= $1
          ORDER BY resolved_at
          LIMIT $3
            FOR UPDATE SKIP LOCKED
       ), closed AS (
         UPDATE tickets t SET state = 'closed', version = t.version + 1, updated_at = $2
           FROM due WHERE t.id = due.id
         RETURNING t.id
       ), recorded AS (
         INSERT INTO ticket_events (ticket_id, actor_id, type, before, after, created_at)
         SELECT id, NULL, 'state', '"resolved"'::jsonb, '"closed"'::jsonb, $2 FROM closed
         RETURNING ticket_id
       )
       SELECT ticket_id AS id FROM recorded`),
      [cutoff, at, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Pass the transaction's manager inside one: the embedded database has a single connection. */
  async currentVersion(manager: EntityManager, id: string): Promise<number | undefined> {
    const [row] = await manager.query<{ version: number }[]>(
      prepared('SELECT version FROM tickets WHERE id = $1'),
      [id],
    );
    return row?.version;
  }

  /**
   * Stores a message. A public one joins the ticket's search document through the ticket's
   * update() that follows (`searchText`): one new row version of the ticket, not two.
   */
  async insertMessage(manager: EntityManager, message: NewMessage, at: Date): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      prepared(`INSERT INTO ticket_messages (ticket_id, author_id, internal, body_text, body_html, created_at,
                                    mail_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`),
      [
        message.ticketId,
        message.authorId,
        message.internal,
        message.bodyText,
        message.bodyHtml,
        at,
        message.mailMessageId ?? null,
      ],
    );
    return singleRow(rows).id;
  }

  /** Appends events in one statement. */
  async insertEvents(manager: EntityManager, events: NewEvent[], at: Date): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      prepared(`INSERT INTO ticket_events (ticket_id, actor_id, type, before, after, created_at)
       SELECT e.ticket_id, e.actor_id, e.type, e.before, e.after, $2
         FROM jsonb_to_recordset($1::jsonb)
           AS e(ticket_id uuid, actor_id uuid, type varchar, before jsonb, after jsonb)`),
      [
        JSON.stringify(
          events.map((e) => ({
            ticket_id: e.ticketId,
            actor_id: e.actorId,
            type: e.type,
            before: e.before ?? null,
            after: e.after ?? null,
          })),
        ),
        at,
      ],
    );
  }

  /**
   * One page in the sort's order; `after` is the key (see ticket-sort.ts) the last page ended at.
   * Every sort is an index range on (queue_id | assignee_id, state, key…) or (key…). One range
   * holds one state, so for several states (or all of them, when a queue or assignee narrows the
   * list) each state's first page is read from its own range and the pages merged: the work is
   * `limit` rows per state, never a sort of every matching ticket.
   */
  async findPage(
    scope: TicketScope,
    filter: TicketFilter,
    sort: TicketSort,
    after: string[] | undefined,
    limit: number,
  ): Promise<TicketRecord[]> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { direction, keys } = TICKET_SORT_SPECS[sort];
    const states =
      filter.states?.length || (filter.queueId === undefined && filter.assigneeId === undefined)
        ? filter.states
        : TICKET_STATES;
    const perState = states !== undefined && states.length > 1;
    const where = listConditions(scope, filter, bind, perState ? { stateFrom: 's.state' } : {});
    if (after) where.push(keysetCondition(sort, after, bind));
    const order = keys.map((_key, i) => `k${i} ${direction}`).join(', ');
    const take = bind(limit + 1);
    const ranked = `SELECT t.id, ${keys.map((key, i) => `${key.sql} AS k${i}`).join(', ')}
        FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order} LIMIT ${take}`;
    const page = perState
      ? `SELECT r.* FROM unnest(${bind(states)}::varchar[]) AS s(state)
          CROSS JOIN LATERAL (${ranked}) r
          ORDER BY ${order} LIMIT ${take}`
      : ranked;
    const found = await this.dataSource.query<{ id: string }[]>(
      `SELECT page.id FROM (${page}) page
        ORDER BY ${keys.map((_key, i) => `page.k${i} ${direction}`).join(', ')}`,
      params,
    );
    return this.findInOrder(found.map((row) => row.id));
  }

  /**
   * The tickets with these ids, in the order given (an id without a ticket is left out). One
   * statement of fixed text, planned once per connection: the joins of a ticket's row cost more to
   * plan at each call, as part of a list's query, than to run.
   */
  async findInOrder(ids: string[]): Promise<TicketRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query<TicketRow[]>(
      prepared(`${SELECT_TICKET} WHERE t.id = ANY($1::uuid[])`),
      [ids],
    );
    return inIdOrder(ids, rows).map(toRecord);
  }

  /** Messages and events in order; internal notes and events left out when `publicOnly`. */
  async timeline(ticketId: string, publicOnly: boolean): Promise<TimelineRow[]> {
    const rows = await this.dataSource.query<
      {
        kind: 'message' | 'event';
        id: string;
        created_at: Date;
        actor_id: string | null;
        actor_name: string | null;
        internal: boolean;
        body_text: string | null;
        body_html: string | null;
        type: TicketEventType | null;
        before: unknown;
        after: unknown;
      }[]
    >(
      // Within one instant (one request), the ticket's creation comes first, then the message,
      // then what happened with it.
      `SELECT 'message' AS kind, m.id, m.created_at, m.author_id AS actor_id, u.name AS actor_name,
              m.internal, m.body_text, m.body_html, NULL AS type, NULL::jsonb AS before, NULL::jsonb AS after,
              1 AS rank
         FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id
        WHERE m.ticket_id = $1 AND (NOT $2 OR NOT m.internal)
       UNION ALL
       SELECT 'event', e.id, e.created_at, e.actor_id, u.name, false, NULL, NULL, e.type, e.before, e.after,
              CASE e.type WHEN 'created' THEN 0 WHEN 'message' THEN 2 ELSE 3 END
         FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.ticket_id = $1 AND NOT $2
        ORDER BY created_at, rank, id`,
      [ticketId, publicOnly],
    );
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      createdAt: r.created_at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      internal: r.internal,
      bodyText: r.body_text,
      bodyHtml: r.body_html,
      type: r.type,
      before: r.before,
      after: r.after,
    }));
  }

  async queueDefaults(
    queueId: string,
  ): Promise<{ active: boolean; defaultPriority: TicketPriority } | undefined> {
    // Found by value, not by key: the map's ids are as PostgreSQL writes them (lower case).
    const [queue] = (await this.queueDefaultsOf(this.dataSource.manager, [queueId])).values();
    return queue;
  }

  /**
   * queueDefaults for several queues in one read, by id in lower case (the create DTO lowercases
   * it); an unknown queue is missing from the map.
   */
  async queueDefaultsOf(
    manager: EntityManager,
    queueIds: readonly string[],
  ): Promise<Map<string, { active: boolean; defaultPriority: TicketPriority }>> {
    const rows = await manager.query<
      { id: string; active: boolean; default_priority: TicketPriority }[]
    >(prepared('SELECT id, active, default_priority FROM queues WHERE id = ANY($1::uuid[])'), [
      [...new Set(queueIds)],
    ]);
    return new Map(
      rows.map((row) => [row.id, { active: row.active, defaultPriority: row.default_priority }]),
    );
  }

  /** True when the user may be given tickets of the queue: an admin, or an agent with reply access. */
  async canWorkQueue(userId: string, queueId: string, manager?: EntityManager): Promise<boolean> {
    const rows = await (manager ?? this.dataSource).query<unknown[]>(
      `SELECT 1 FROM users u
        WHERE u.id = $1 AND u.active
          AND (u.role = 'admin' OR (u.role = 'agent' AND EXISTS (
                SELECT 1 FROM queue_grants g
                 WHERE g.queue_id = $2 AND g.level IN ('reply', 'manage')
                   AND (g.user_id = u.id
                        OR g.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = u.id)))))`,
      [userId, queueId],
    );
    return rows.length > 0;
  }
}

/** The rows with these ids, in the order of `ids`; an id without a row is left out. */
export function inIdOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

export function toRecord(row: TicketRow): TicketRecord {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    state: row.state,
    priority: row.priority,
    queueId: row.queue_id,
    queueName: row.queue_name,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    requesterId: row.requester_id,
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    organizationId: row.organization_id,
    channel: row.channel,
    tags: row.tags,
    mergedIntoId: row.merged_into_id,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    reopenCount: row.reopen_count,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sla: ticketSlaOf(row),
  };
}
