import { Injectable } from '@nestjs/common';
import {
  isEmptySearch,
  parseSearchQuery,
  type SearchFilters,
  type SearchProblem,
} from '@tessera/domain';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { decodeCursor, toPage } from '../../common/pagination/page.js';
import { Clock } from '../../common/time/clock.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { TicketSearchPageDto, TicketSearchQueryDto } from './dto/ticket-search.dto.js';
import {
  TicketSearchRepository,
  type TicketSearchCriteria,
  type TicketSearchCursor,
} from './ticket-search.repository.js';
import { scopeOf, ticketView } from './ticket.service.js';

/** Ranks are written with 6 decimals by the repository; anything else is a forged cursor. */
const RANK = /^\d{1,12}\.\d{6}$/;

/** Full-text search over the tickets the caller may see. */
@Injectable()
export class TicketSearchService {
  constructor(
    private readonly tickets: TicketSearchRepository,
    private readonly clock: Clock,
  ) {}

  async search(actor: RequestActor, input: TicketSearchQueryDto): Promise<TicketSearchPageDto> {
    const { query, problems } = parseSearchQuery(input.q);
    problems.push(...refusedFilters(actor, query.filters));
    if (problems.length > 0) {
      throw new ValidationFailedError(
        problems.map((p) => ({ field: 'q', message: `"${p.token}": ${p.message}` })),
      );
    }
    if (isEmptySearch(query)) {
      throw new ValidationFailedError([
        { field: 'q', message: 'has no words or filters to search for' },
      ]);
    }
    const { hits, since } = await this.tickets.search(
      scopeOf(actor),
      criteria(actor, query.terms, query.filters),
      decodeSearchCursor(input.cursor),
      input.limit,
      this.clock.now(),
    );
    return toPage(
      hits,
      input.limit,
      (hit) => [
        hit.rank,
        hit.ticket.updatedAt.toISOString(),
        hit.ticket.id,
        since?.toISOString() ?? '',
      ],
      (hit) => ({
        ticket: ticketView(actor, hit.ticket),
        rank: Number(hit.rank),
        headline: hit.headline,
      }),
    );
  }
}

/** Customers see neither assignment nor tags, so they may not ask about them either. */
function refusedFilters(actor: RequestActor, filters: SearchFilters): SearchProblem[] {
  if (actor.role !== 'customer') return [];
  const refused: SearchProblem[] = [];
  if (filters.assignee) refused.push({ token: 'assignee:', message: 'only agents filter by it' });
  if (filters.tags) refused.push({ token: 'tag:', message: 'only agents filter by it' });
  return refused;
}

function criteria(
  actor: RequestActor,
  terms: TicketSearchCriteria['terms'],
  filters: SearchFilters,
): TicketSearchCriteria {
  const { assignee } = filters;
  return {
    terms,
    states: filters.states,
    priorities: filters.priorities,
    queueSlug: filters.queue,
    tags: filters.tags,
    assignee:
      assignee === undefined
        ? undefined
        : assignee.kind === 'me'
          ? { userId: actor.userId }
          : assignee.kind === 'none'
            ? null
            : { email: assignee.email },
    requesterEmail: filters.requester,
    number: filters.number,
  };
}

function decodeSearchCursor(cursor: string | undefined): TicketSearchCursor | undefined {
  const key = decodeCursor(cursor, ['text', 'timestamp', 'uuid', 'text']);
  if (!key) return undefined;
  const [rank = '', updatedAt = '', id = '', since = ''] = key;
  if (!RANK.test(rank) || (since !== '' && Number.isNaN(Date.parse(since)))) {
    throw new ValidationFailedError([
      { field: 'cursor', message: 'is not a cursor from this list' },
    ]);
  }
  return { rank, updatedAt, id, since: since === '' ? null : new Date(since) };
}
