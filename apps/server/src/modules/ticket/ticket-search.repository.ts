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
  ): Promise<TicketSearchHit[]> {
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
    const rank = query
      ? `round(ts_rank_cd(t.search_vector, ${query})::numeric, 6)`
      : 'round(0::numeric, 6)';

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
    if (after) {
      const updatedAt = `${bind(after.updatedAt)}::timestamptz`;
      const id = `${bind(after.id)}::uuid`;
      where.push(
        query
          ? `(${rank}, t.updated_at, t.id) < (${bind(after.rank)}::numeric, ${updatedAt}, ${id})`
          : `(t.updated_at, t.id) < (${updatedAt}, ${id})`,
      );
    }

    // Rank and filter first, on the search document alone; the page's tickets and headlines
    // (ts_headline is costly) are read for the hits that are returned and no others.
    const rows = await this.dataSource.query<(TicketRow & { rank: string; headline: string })[]>(
      `WITH hits AS (
         SELECT t.id, t.updated_at, ${rank} AS hit_rank
           FROM tickets t
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${query ? 'hit_rank DESC,' : ''} t.updated_at DESC, t.id DESC
          LIMIT ${bind(limit + 1)})
       SELECT page.*, h.hit_rank::text AS rank,
              ${query ? `ts_headline('simple', ${ESCAPED_SUBJECT}, ${query}, 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')` : ESCAPED_SUBJECT} AS headline
         FROM hits h
        CROSS JOIN LATERAL (${SELECT_TICKET} WHERE t.id = h.id) page
        ORDER BY h.hit_rank DESC, h.updated_at DESC, h.id DESC`,
      params,
    );
    return rows.map((row) => ({ ticket: toRecord(row), rank: row.rank, headline: row.headline }));
  }
}

/** The id of the user with this (lower-case) address: one lookup on the unique lower(email). */
function userByEmail(placeholder: string): string {
  return `SELECT id FROM users WHERE lower(email) = ${placeholder}`;
}
