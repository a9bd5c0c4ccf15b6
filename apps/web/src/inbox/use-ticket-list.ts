// One ticket list, page by page: the first page when the list changes, more on demand. Deep pages
// cost what the first does (keyset cursors), so thousands of tickets stay fast.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { Ticket } from '../api/types.js';
import { scopeKey, ticketQuery, type ListFilters, type ListScope } from './list-scope.js';

export const PAGE_SIZE = 50;

export interface ListRow {
  ticket: Ticket;
  /** Search only: the subject as escaped HTML with the matches in <mark>. */
  headline?: string;
}

interface Page {
  rows: ListRow[];
  nextCursor: string | null;
}

async function fetchPage(
  scope: ListScope,
  filters: ListFilters,
  cursor: string | undefined,
): Promise<Page> {
  if (scope.kind === 'view') {
    const page = unwrap(
      await api.GET('/api/v1/views/{id}/tickets', {
        params: { path: { id: scope.viewId }, query: { limit: PAGE_SIZE, cursor } },
      }),
    );
    return { rows: page.items.map((ticket) => ({ ticket })), nextCursor: page.nextCursor };
  }
  if (scope.kind === 'search') {
    if (!scope.q.trim()) return { rows: [], nextCursor: null };
    const page = unwrap(
      await api.GET('/api/v1/search', {
        params: { query: { q: scope.q, limit: PAGE_SIZE, cursor } },
      }),
    );
    return {
      rows: page.items.map((hit) => ({ ticket: hit.ticket, headline: hit.headline })),
      nextCursor: page.nextCursor,
    };
  }
  const page = unwrap(
    await api.GET('/api/v1/tickets', {
      params: { query: { ...ticketQuery(scope, filters), limit: PAGE_SIZE, cursor } },
    }),
  );
  return { rows: page.items.map((ticket) => ({ ticket })), nextCursor: page.nextCursor };
}

export interface TicketList {
  rows: ListRow[];
  hasMore: boolean;
  loading: boolean;
  error: string | undefined;
  loadMore: () => void;
  reload: () => void;
}

export function useTicketList(scope: ListScope, filters: ListFilters): TicketList {
  const key = `${scopeKey(scope)}|${JSON.stringify(filters)}`;
  const [rows, setRows] = useState<ListRow[]>([]);
  // The list the rows belong to: while another list loads, its predecessor's rows are not
  // shown, so nothing can be selected or opened from a list the screen has already left.
  const [rowsFor, setRowsFor] = useState<string | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);
  // Answers for a list the screen has left are dropped.
  const current = useRef(key);
  const args = useRef({ scope, filters });
  args.current = { scope, filters };

  useEffect(() => {
    current.current = key;
    setLoading(true);
    setError(undefined);
    fetchPage(args.current.scope, args.current.filters, undefined)
      .then((page) => {
        if (current.current !== key) return;
        setRows(page.rows);
        setRowsFor(key);
        setCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (current.current !== key) return;
        setRows([]);
        setRowsFor(key);
        setCursor(null);
        setError(errorMessage(failure));
      })
      .finally(() => {
        if (current.current === key) setLoading(false);
      });
  }, [key, generation]);

  const loadMore = useCallback(() => {
    if (!cursor || loading) return;
    const startedFor = current.current;
    setLoading(true);
    fetchPage(args.current.scope, args.current.filters, cursor)
      .then((page) => {
        if (current.current !== startedFor) return;
        setRows((previous) => {
          const seen = new Set(previous.map((row) => row.ticket.id));
          return [...previous, ...page.rows.filter((row) => !seen.has(row.ticket.id))];
        });
        setCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (current.current === startedFor) setError(errorMessage(failure));
      })
      .finally(() => {
        if (current.current === startedFor) setLoading(false);
      });
  }, [cursor, loading]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const shown = rowsFor === key;
  return {
    rows: shown ? rows : [],
    hasMore: shown && cursor !== null,
    loading: loading || !shown,
    error,
    loadMore,
    reload,
  };
}
