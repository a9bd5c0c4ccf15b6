// Full-text search over tickets: ranked hits from the GIN-indexed search document, scoped to what
// the caller may see, one keyset page at a time.
import { Injectable } from '@nestjs/common';
import type { SearchTerm, TicketState } from '@tessera/domain';
import { DataSource } from 'typeorm';
import type { TicketPriority } from '../queue/queue.entity.js';
import { prepared } from '../../common/database/prepared-statements.js';
import { recentSearchHorizon, recentSearchSince } from './ticket-search-tier.js';
import { toTsQueryText } from './ticket-search.tsquery.js';
import {
  inIdOrder,
  scopeCondition,
  SELECT_TICKET,
  toRecord,
  type TicketRecord,
  type TicketRow,
  type TicketScope,
} from './ticket.repository.js';

/** What to look for: text terms and filters, every one of which must hold. */
export interface TicketSearchCriteria {
  terms: readonly SearchTerm[];
  states?: TicketState[];
  priorities?: TicketPriority[];
  queueSlug?: string;
  /** Each one must be on the ticket. */
  tags?: string[];
  /** By user id or by email address; null for unassigned tickets. */
  assignee?: { userId: string } | { email: string } | null;
  requesterEmail?: string;
  number?: number;
}

/** Where the previous page ended. */
export interface TicketSearchCursor {
  /** The rank as the database wrote it (a decimal with 6 places), compared exactly. */
  rank: string;
  /** The window of recent tickets the first page searched (null: all of them). */
  since: Date | null;
  updatedAt: string;
  id: string;
}

export interface TicketSearchHit {
  ticket: TicketRecord;
  /** A decimal with 6 places; 0 when the search has no text terms. */
  rank: string;
  /** The subject as HTML: escaped, with the words that matched in `<mark>`. */
  headline: string;
}

/** The subject, HTML-escaped before the headline marks are put in (entities stay one token). */
const ESCAPED_SUBJECT = `replace(replace(replace(replace(replace(page.subject,
  '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;

/** How many of the most recently updated matches a text search ranks. */
export const SEARCH_WINDOW = 500;

@Injectable()
export class TicketSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of hits, best first: by rank (subject matches weigh most, then the requester, then
   * public messages), then most recently updated. Without text terms, by updated_at alone.
   */
  async search(
    scope: TicketScope,
    criteria: TicketSearchCriteria,
    after: TicketSearchCursor | undefined,
    limit: number,
    now: Date,
  ): Promise<{ hits: TicketSearchHit[]; since: Date | null }> {
    // A later page searches the window its first page chose, so pages never overlap or skip.
    // Filters alone list every match by recency: no window.
    const ranked = toTsQueryText(criteria.terms) !== undefined;
    const windows =
      after !== undefined ? [after.since] : ranked ? [recentSearchSince(now), null] : [null];
    // The recent tier holds every ticket updated since then (and the job that prunes it keeps a
    // day more); a cursor from longer ago searches its window in the whole index instead.
    const tierHolds = recentSearchHorizon(now);
    for (const [i, since] of windows.entries()) {
      const source = since !== null && since >= tierHolds ? 'recent' : 'tickets';
      const { hits, candidates } = await this.searchWindow(
        scope,
        criteria,
        after,
        limit,
        since,
        source,
      );
      // Words stop at the first window that holds enough matches to rank, or at the last.
      if (candidates >= SEARCH_WINDOW || i === windows.length - 1) {
        return { hits, since };
      }
    }
    throw new Error('unreachable: the last search window returns');
  }

  private async searchWindow(
    scope: TicketScope,
    criteria: TicketSearchCriteria,
    after: TicketSearchCursor | undefined,
    limit: number,
    since: Date | null,
    source: 'recent' | 'tickets',
  ): Promise<{ hits: TicketSearchHit[]; candidates: number }> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const tsquery = toTsQueryText(criteria.terms);
    // Bound once, referred to wherever it is needed; the text never becomes part of the SQL.
    const query =
      tsquery === undefined ? undefined : `to_tsquery('simple', ${bind(tsquery)}::text)`;
    // Rounded so that the cursor carries the exact value the next page compares with. ts_rank
    // weighs where the words are (subject, requester, messages) and how often, as ts_rank_cd
    // does, without measuring how close together they stand: a quarter of the cost per document.
    // It is computed with the candidates, so no search document is carried through their sort.
    const rank = (alias: string) =>
      `round(ts_rank(${alias}.search_vector, ${query ?? ''})::numeric, 6)`;

    // The conditions on the ticket itself; the recent tier joins the ticket only when there are any.
    const filters: string[] = [];
    if (criteria.states?.length) filters.push(`t.state = ANY(${bind(criteria.states)}::varchar[])`);
    if (criteria.priorities?.length)
      filters.push(`t.priority = ANY(${bind(criteria.priorities)}::varchar[])`);
    if (criteria.queueSlug)
      filters.push(`t.queue_id = (SELECT id FROM queues WHERE slug = ${bind(criteria.queueSlug)})`);
    if (criteria.tags?.length) filters.push(`t.tags @> ${bind(criteria.tags)}::text[]`);
    if (criteria.assignee === null) filters.push('t.assignee_id IS NULL');
    else if (criteria.assignee && 'userId' in criteria.assignee)
      filters.push(`t.assignee_id = ${bind(criteria.assignee.userId)}`);
    else if (criteria.assignee)
      filters.push(`t.assignee_id = (${userByEmail(bind(criteria.assignee.email))})`);
    if (criteria.requesterEmail)
      filters.push(`t.requester_id = (${userByEmail(bind(criteria.requesterEmail))})`);
    if (criteria.number !== undefined) filters.push(`t.number = ${bind(criteria.number)}`);
    const cursor = after && {
      rank: query ? `${bind(after.rank)}::numeric` : '0',
      updatedAt: `${bind(after.updatedAt)}::timestamptz`,
      id: `${bind(after.id)}::uuid`,
    };
    // With text terms, ranking every match would cost in proportion to how common the words are
    // (a word in a tenth of a million tickets means reading a hundred thousand rows). So only the
    // 500 most recently updated matches are ranked. They come from the recent tier when it
    // holds that many: its GIN index covers the last months' tickets only, so reading the postings
    // of a common word costs a fraction of what it costs in the index of every ticket, and the
    // planner may instead walk the tier newest first, testing each document, when the words are
    // common enough to fill the window within a few thousand rows. Otherwise the words are rare
    // enough for the whole index. There the sort key is written as an expression on purpose:
    // walking the whole updated_at index newest first and testing every document would cost far
    // more for all but the most common words.
    const candidateQuery = () =>
      source === 'recent'
        ? `SELECT r.ticket_id AS id, r.updated_at, ${rank('r')} AS hit_rank
             FROM ticket_search_recent r
             ${filters.length > 0 ? 'JOIN tickets t ON t.id = r.ticket_id' : ''}
             ${whereClause([
               `r.search_vector @@ ${withScope(query ?? '', scope, bind)}`,
               `r.updated_at >= ${bind(since)}`,
               ...filters,
             ])}
            ORDER BY r.updated_at DESC, r.ticket_id DESC LIMIT ${SEARCH_WINDOW}`
        : `SELECT t.id, t.updated_at, ${rank('t')} AS hit_rank FROM tickets t
             ${whereClause([
               `t.search_vector @@ ${query}`,
               ...optional(scopeCondition(scope, bind)),
               ...(since === null ? [] : [`t.updated_at >= ${bind(since)}`]),
               ...filters,
             ])}
            ORDER BY t.updated_at + interval '0 s' DESC, t.id DESC LIMIT ${SEARCH_WINDOW}`;
    const hits = query
      ? `candidates AS MATERIALIZED (${candidateQuery()}),
         hits AS (
           SELECT c.id, c.updated_at, c.hit_rank
             FROM candidates c
            ${cursor ? `WHERE (c.hit_rank, c.updated_at, c.id) < (${cursor.rank}, ${cursor.updatedAt}, ${cursor.id})` : ''}
            ORDER BY c.hit_rank DESC, c.updated_at DESC, c.id DESC
            LIMIT ${bind(limit + 1)})`
      : `hits AS (
           SELECT t.id, t.updated_at, round(0::numeric, 6) AS hit_rank FROM tickets t
            ${whereClause([
              ...optional(scopeCondition(scope, bind)),
              ...filters,
              ...(cursor ? [`(t.updated_at, t.id) < (${cursor.updatedAt}, ${cursor.id})`] : []),
            ])}
            ORDER BY t.updated_at DESC, t.id DESC
            LIMIT ${bind(limit + 1)})`;

    const found = await this.dataSource.query<{ id: string; rank: string; candidates: number }[]>(
      `WITH ${hits}
       SELECT h.id, h.hit_rank::text AS rank,
              ${query ? '(SELECT count(*) FROM candidates)::int' : '0'} AS candidates
         FROM hits h
        ORDER BY h.hit_rank DESC, h.updated_at DESC, h.id DESC`,
      params,
    );
    // The page's tickets and headlines (ts_headline is costly) are read for the hits that are
    // returned and no others, by a statement of fixed text: planned once per connection, where
    // the joins of a ticket's row would cost more to plan each time than to run.
    const rows = await this.dataSource.query<(TicketRow & { headline: string })[]>(PAGE_OF_HITS, [
      found.map((hit) => hit.id),
      tsquery ?? null,
    ]);
    const rankOf = new Map(found.map((hit) => [hit.id, hit.rank]));
    const page = inIdOrder([...rankOf.keys()], rows).map((row) => ({
      ticket: toRecord(row),
      rank: rankOf.get(row.id) ?? '0',
      headline: row.headline,
    }));
    // An empty page tells no count, but none is needed: only a first page (no cursor) tries
    // several windows, and a first page comes back empty only when its window holds no match.
    return { hits: page, candidates: found[0]?.candidates ?? 0 };
  }
}

/** The tickets of a page of hits (`$1`) with their headlines for the tsquery text `$2`, if any. */
const PAGE_OF_HITS = prepared(`
  SELECT page.*,
         CASE WHEN $2::text IS NULL THEN ${ESCAPED_SUBJECT}
              ELSE ts_headline('simple', ${ESCAPED_SUBJECT}, to_tsquery('simple', $2::text),
                               'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')
         END AS headline
    FROM (${SELECT_TICKET} WHERE t.id = ANY($1::uuid[])) page`);

/**
 * The words' tsquery, and, unless the caller sees every ticket, the scope's terms of the recent
 * tier's documents (see the RecentSearchTier migration): the GIN index itself keeps to what the
 * caller may see. An agent without queues gets a NULL query, which matches nothing.
 */
function withScope(query: string, scope: TicketScope, bind: (value: unknown) => string): string {
  const term = (kind: string, id: string) => `quote_literal('@${kind} ' || ${id})`;
  switch (scope.kind) {
    case 'all':
      return query;
    case 'queues':
      return `(${query} && (SELECT string_agg(${term('queue', 'id::text')}, ' | ')
                              FROM unnest(${bind(scope.queueIds)}::uuid[]) AS id)::tsquery)`;
    case 'customer': {
      const own = term('requester', `${bind(scope.userId)}::text`);
      const terms = scope.sharedOrganizationId
        ? `${own} || ' | ' || ${term('organization', `${bind(scope.sharedOrganizationId)}::text`)}`
        : own;
      return `(${query} && (${terms})::tsquery)`;
    }
  }
}

function optional(condition: string | undefined): string[] {
  return condition === undefined ? [] : [condition];
}

function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** The id of the user with this (lower-case) address: one lookup on the unique lower(email). */
function userByEmail(placeholder: string): string {
  return `SELECT id FROM users WHERE lower(email) = ${placeholder}`;
}
