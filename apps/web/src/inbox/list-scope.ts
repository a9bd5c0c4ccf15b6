// What a ticket list shows, from its address: a built-in scope (mine, unassigned, all), a queue,
// a saved view or a search, plus the filters and sort in the query string.
import type { TicketListQuery, TicketSort, TicketState } from '../api/types.js';

/** Tickets waiting on the agents or the customer: what "open" means in the sidebar. */
export const OPEN_WORK: TicketState[] = ['new', 'open', 'pending'];

export type ListScope =
  | { kind: 'mine' }
  | { kind: 'unassigned' }
  | { kind: 'all' }
  | { kind: 'queue'; queueId: string }
  | { kind: 'view'; viewId: string }
  | { kind: 'search'; q: string };

export interface ListFilters {
  /** 'open-work' (new, open, pending), 'any', or one state. */
  state: string;
  priority: string;
  /** '' (anyone), 'me', 'none' or a user id; only where the scope does not fix it. */
  assignee: string;
  tag: string;
  sort: TicketSort;
}

export function readFilters(params: URLSearchParams, sorts: readonly string[]): ListFilters {
  const sort = params.get('sort') ?? 'updated';
  return {
    state: params.get('state') ?? 'open-work',
    priority: params.get('priority') ?? '',
    assignee: params.get('assignee') ?? '',
    tag: params.get('tag') ?? '',
    sort: (sorts.includes(sort) ? sort : 'updated') as TicketSort,
  };
}

/** The GET /api/v1/tickets query for a scope and its filters (views and search use their own). */
export function ticketQuery(scope: ListScope, filters: ListFilters): TicketListQuery {
  const query: TicketListQuery = { sort: filters.sort };
  if (filters.state === 'open-work') query.state = [...OPEN_WORK];
  else if (filters.state !== 'any') query.state = [filters.state];
  if (filters.priority) query.priority = [filters.priority];
  if (filters.tag.trim()) query.tag = filters.tag.trim().toLowerCase();
  if (filters.assignee) query.assignee = filters.assignee;
  if (scope.kind === 'mine') query.assignee = 'me';
  if (scope.kind === 'unassigned') query.assignee = 'none';
  if (scope.kind === 'queue') query.queueId = scope.queueId;
  return query;
}

export function scopeKey(scope: ListScope): string {
  switch (scope.kind) {
    case 'queue':
      return `queue:${scope.queueId}`;
    case 'view':
      return `view:${scope.viewId}`;
    case 'search':
      return `search:${scope.q}`;
    default:
      return scope.kind;
  }
}
