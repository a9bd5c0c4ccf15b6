// Full-text search over tickets: ranked hits from the GIN-indexed search document, scoped to what
// the caller may see, one keyset page at a time.
import { Injectable } from '@nestjs/common';
import type { SearchTerm, TicketState } from '@tessera/domain';
import { DataSource } from 'typeorm';
import type { TicketPriority } from '../queue/queue.entity.js';
import { toTsQueryText } from './ticket-search.tsquery.js';
import {
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
export const SEARCH_WINDOW = 1_000;
/** The windows of recent tickets a text search tries, in days, before searching everything. */
const SEARCH_WINDOW_DAYS = [7, 30, 180];
const DAY_MS = 24 * 60 * 60 * 1000;

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
      after !== undefined
        ? [after.since]
        : ranked
          ? [...SEARCH_WINDOW_DAYS.map((days) => new Date(now.getTime() - days * DAY_MS)), null]
          : [null];
    for (const [i, since] of windows.entries()) {
      const { hits, candidates } = await this.searchWindow(scope, criteria, after, limit, since);
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
    // Rounded so that the cursor carries the exact value the next page compares with.
    const rank = query && `round(ts_rank_cd(c.search_vector, ${query})::numeric, 6)`;

    const where: string[] = [];
    if (query) where.push(`t.search_vector @@ ${query}`);
    const visible = scopeCondition(scope, bind);
    if (visible) where.push(visible);
    if (criteria.states?.length) where.push(`t.state = ANY(${bind(criteria.states)}::varchar[])`);
    if (criteria.priorities?.length)
      where.push(`t.priority = ANY(${bind(criteria.priorities)}::varchar[])`);
    if (criteria.queueSlug)
      where.push(`t.queue_id = (SELECT id FROM queues WHERE slug = ${bind(criteria.queueSlug)})`);
    if (criteria.tags?.length) where.push(`t.tags @> ${bind(criteria.tags)}::text[]`);
    if (criteria.assignee === null) where.push('t.assignee_id IS NULL');
    else if (criteria.assignee && 'userId' in criteria.assignee)
      where.push(`t.assignee_id = ${bind(criteria.assignee.userId)}`);
    else if (criteria.assignee)
      where.push(`t.assignee_id = (${userByEmail(bind(criteria.assignee.email))})`);
    if (criteria.requesterEmail)
      where.push(`t.requester_id = (${userByEmail(bind(criteria.requesterEmail))})`);
    if (criteria.number !== undefined) where.push(`t.number = ${bind(criteria.number)}`);
    const cursor = after && {
      rank: query ? `${bind(after.rank)}::numeric` : '0',
      updatedAt: `${bind(after.updatedAt)}::timestamptz`,
      id: `${bind(after.id)}::uuid`,
    };
    // With text terms, ranking every match would cost in proportion to how common the words are
    // (a word in a tenth of a million tickets means reading a hundred thousand rows). So only the
    // 1,000 most recently updated matches are ranked, taken from the smallest window of recent
    // tickets that holds that many: the GIN index and the updated_at index intersect as bitmaps,
    // and only matches inside the window are read. The sort key is written as an expression on
    // purpose: walking the whole updated_at index newest first and testing every document would
    // cost far more for all but the most common words.
    const windowed = since === null ? where : [...where, `t.updated_at >= ${bind(since)}`];
    const hits = query
      ? `candidates AS MATERIALIZED (
           SELECT t.id, t.updated_at, t.search_vector FROM tickets t ${whereClause(windowed)}
            ORDER BY t.updated_at + interval '0 s' DESC, t.id DESC LIMIT ${SEARCH_WINDOW}),
         hits AS (
           SELECT c.id, c.updated_at, ${rank} AS hit_rank
             FROM candidates c
            ${cursor ? `WHERE (${rank}, c.updated_at, c.id) < (${cursor.rank}, ${cursor.updatedAt}, ${cursor.id})` : ''}
            ORDER BY hit_rank DESC, c.updated_at DESC, c.id DESC
            LIMIT ${bind(limit + 1)})`
      : `hits AS (
           SELECT t.id, t.updated_at, round(0::numeric, 6) AS hit_rank FROM tickets t
            ${whereClause([...where, ...(cursor ? [`(t.updated_at, t.id) < (${cursor.updatedAt}, ${cursor.id})`] : [])])}
            ORDER BY t.updated_at DESC, t.id DESC
            LIMIT ${bind(limit + 1)})`;

    // The page's tickets and headlines (ts_headline is costly) are read for the hits that are
    // returned and no others.
    const rows = await this.dataSource.query<
      (TicketRow & { rank: string; headline: string; candidates: number })[]
    >(
      `WITH ${hits}
       SELECT page.*, h.hit_rank::text AS rank,
              ${query ? '(SELECT count(*) FROM candidates)::int' : '0'} AS candidates,
              ${query ? `ts_headline('simple', ${ESCAPED_SUBJECT}, ${query}, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')` : ESCAPED_SUBJECT} AS headline
         FROM hits h
        CROSS JOIN LATERAL (${SELECT_TICKET} WHERE t.id = h.id) page
        ORDER BY h.hit_rank DESC, h.updated_at DESC, h.id DESC`,
      params,
    );
    // An empty page tells no count, but none is needed: only a first page (no cursor) tries
    // several windows, and a first page comes back empty only when its window holds no match.
    const candidates = rows[0]?.candidates ?? 0;
    return {
      hits: rows.map((row) => ({ ticket: toRecord(row), rank: row.rank, headline: row.headline })),
      candidates,
    };
  }
}

function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** The id of the user with this (lower-case) address: one lookup on the unique lower(email). */
function userByEmail(placeholder: string): string {
  return `SELECT id FROM users WHERE lower(email) = ${placeholder}`;
}
