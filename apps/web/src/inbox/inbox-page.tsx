// The ticket list: a built-in view, a queue, a saved view or a search, with filters, sort,
// multi-select for bulk changes and keyboard navigation.
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { TICKET_SORTS } from '../api/api-facts.js';
import { api } from '../api/client.js';
import { useAgents, useQueues } from '../api/directory.js';
import { unwrap } from '../api/problem.js';
import type { Ticket, TicketSort } from '../api/types.js';
import { TICKET_PRIORITIES } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { PriorityBadge, SlaBadge, StateBadge } from '../components/badges.js';
import {
  formatDateTime,
  formatRelative,
  PRIORITY_LABELS,
  STATE_LABELS,
} from '../components/format.js';
import { useTitle } from '../components/use-title.js';
import { useShortcuts } from '../keyboard/shortcuts.js';
import { ErrorMessage, NotFoundPage } from '../layout/status.js';
import { BulkBar, type BulkOutcome } from './bulk-bar.js';
import { Headline } from './headline.js';
import { SaveView } from './save-view.js';
import { readFilters, type ListFilters, type ListScope } from './list-scope.js';
import { rememberList } from './ticket-navigation.js';
import { useTicketList, type ListRow } from './use-ticket-list.js';

const NOTHING_SELECTED: ReadonlySet<string> = new Set();

const SORT_LABELS: Record<string, string> = {
  updated: 'Last update',
  created: 'Newest first',
  priority: 'Priority',
  due: 'Due soonest (SLA)',
};

function useScope(): ListScope | null {
  const { scope, queueId, viewId } = useParams();
  const [params] = useSearchParams();
  if (queueId) return { kind: 'queue', queueId };
  if (viewId) return { kind: 'view', viewId };
  switch (scope) {
    case 'mine':
    case 'unassigned':
    case 'all':
      return { kind: scope };
    case 'search':
      return { kind: 'search', q: params.get('q') ?? '' };
    default:
      return null;
  }
}

export function InboxPage() {
  const scope = useScope();
  if (!scope) return <NotFoundPage />;
  return <TicketListScreen scope={scope} />;
}

function TicketListScreen({ scope }: { scope: ListScope }) {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queues = useQueues();
  const filters = readFilters(params, TICKET_SORTS);
  const list = useTicketList(scope, filters);
  const view = useResource(
    async () =>
      scope.kind === 'view'
        ? unwrap(await api.GET('/api/v1/views/{id}', { params: { path: { id: scope.viewId } } }))
        : undefined,
    [scope.kind === 'view' ? scope.viewId : ''],
  );
  // The selection belongs to one list: keyed by it, a box ticked just as the screen moves to
  // another list can never be carried over to it.
  const [selection, setSelection] = useState<{ list: string; ids: ReadonlySet<string> }>({
    list: '',
    ids: new Set(),
  });
  const [active, setActive] = useState(-1);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const listKey = `${location.pathname}${location.search}`;

  const selected = selection.list === listKey ? selection.ids : NOTHING_SELECTED;

  useEffect(() => {
    setActive(-1);
    setOutcome(null);
  }, [listKey]);

  useEffect(() => {
    rememberList(
      listKey,
      list.rows.map((row) => row.ticket.number),
    );
  }, [listKey, list.rows]);

  const title = (() => {
    switch (scope.kind) {
      case 'mine':
        return 'My open tickets';
      case 'unassigned':
        return 'Unassigned tickets';
      case 'all':
        return 'All tickets';
      case 'queue':
        return queues.data?.find((queue) => queue.id === scope.queueId)?.name ?? 'Queue';
      case 'view':
        return view.data?.name ?? 'Saved view';
      case 'search':
        return scope.q ? `Search: ${scope.q}` : 'Search';
    }
  })();

  useTitle(title);

  function focusRow(index: number) {
    const clamped = Math.max(0, Math.min(index, list.rows.length - 1));
    setActive(clamped);
    tableRef.current
      ?.querySelector<HTMLAnchorElement>(`tr[data-index="${clamped}"] a.subject-link`)
      ?.focus();
  }

  function setSelected(ids: ReadonlySet<string> | ((current: ReadonlySet<string>) => Set<string>)) {
    setSelection((previous) => ({
      list: listKey,
      ids:
        typeof ids === 'function'
          ? ids(previous.list === listKey ? previous.ids : NOTHING_SELECTED)
          : ids,
    }));
  }

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  useShortcuts({
    j: () => focusRow(active + 1),
    k: () => focusRow(active <= 0 ? 0 : active - 1),
    x: () => {
      const row = list.rows[active];
      if (row) toggle(row.ticket.id);
    },
    o: () => {
      const row = list.rows[active];
      if (row) void navigate(`/tickets/${row.ticket.number}`);
    },
    '/': () => searchRef.current?.focus(),
  });

  const selectedTickets = list.rows
    .map((row) => row.ticket)
    .filter((ticket) => selected.has(ticket.id));
  const allSelected = list.rows.length > 0 && selectedTickets.length === list.rows.length;

  function setFilter(name: keyof ListFilters, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <div className="inbox">
      <div className="inbox-header">
        <h1>{title}</h1>
        <SearchBox
          inputRef={searchRef}
          initial={scope.kind === 'search' ? scope.q : ''}
          onSearch={(q) => void navigate(`/inbox/search?q=${encodeURIComponent(q)}`)}
        />
      </div>
      {scope.kind !== 'view' && scope.kind !== 'search' ? (
        <FilterBar scope={scope} filters={filters} onChange={setFilter} />
      ) : scope.kind === 'view' && view.data ? (
        <p className="muted small">
          Filters and order come from the saved view (
          {SORT_LABELS[view.data.sort] ?? view.data.sort}).
        </p>
      ) : null}
      {selectedTickets.length > 0 && (
        <BulkBar
          selected={selectedTickets}
          onClear={() => setSelected(new Set())}
          onDone={(result) => {
            setOutcome(result);
            setSelected(new Set());
            list.reload();
          }}
        />
      )}
      <div role="status" className="bulk-outcome-region">
        {outcome && (
          <div className="bulk-outcome">
            <p>{outcome.text}</p>
            {outcome.failures.length > 0 && (
              <ul>
                {outcome.failures.map((failure) => (
                  <li key={failure}>{failure}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {list.error && <ErrorMessage message={list.error} onRetry={list.reload} />}
      <table
        className="ticket-table"
        ref={tableRef}
        aria-label={`Tickets: ${title}`}
        aria-busy={list.loading}
      >
        <thead>
          <tr>
            <th scope="col" className="col-select">
              <input
                type="checkbox"
                aria-label="Select all tickets shown"
                checked={allSelected}
                onChange={() =>
                  setSelected(
                    allSelected ? new Set() : new Set(list.rows.map((row) => row.ticket.id)),
                  )
                }
              />
            </th>
            <th scope="col">Ticket</th>
            <th scope="col">Requester</th>
            <th scope="col">State</th>
            <th scope="col">Priority</th>
            <th scope="col">Assignee</th>
            <th scope="col">Updated</th>
            <th scope="col">SLA</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row, index) => (
            <TicketRow
              key={row.ticket.id}
              row={row}
              index={index}
              active={index === active}
              selected={selected.has(row.ticket.id)}
              onToggle={() => toggle(row.ticket.id)}
              onFocus={() => setActive(index)}
              showQueue={scope.kind !== 'queue'}
            />
          ))}
        </tbody>
      </table>
      {!list.loading && !list.error && list.rows.length === 0 && (
        <p className="empty">
          {scope.kind === 'search' && !scope.q
            ? 'Type a search above.'
            : 'No tickets here. Nice work.'}
        </p>
      )}
      <div className="list-footer">
        <span className="muted small" aria-live="polite">
          {list.loading ? 'Loading tickets…' : `${list.rows.length} tickets shown`}
        </span>
        {list.hasMore && (
          <button type="button" onClick={list.loadMore} disabled={list.loading}>
            Load more tickets
          </button>
        )}
      </div>
    </div>
  );
}

function TicketRow({
  row,
  index,
  active,
  selected,
  onToggle,
  onFocus,
  showQueue,
}: {
  row: ListRow;
  showQueue: boolean;
  index: number;
  active: boolean;
  selected: boolean;
  onToggle: () => void;
  onFocus: () => void;
}) {
  const ticket: Ticket = row.ticket;
  return (
    <tr
      data-index={index}
      className={`${active ? 'active' : ''} ${selected ? 'selected' : ''}`}
      onFocus={onFocus}
    >
      <td className="col-select">
        <input
          type="checkbox"
          checked={selected}
          onChange={onToggle}
          aria-label={`Select #${ticket.number} ${ticket.subject}`}
        />
      </td>
      <td className="col-subject">
        <span className="ticket-number">#{ticket.number}</span>{' '}
        <Link className="subject-link" to={`/tickets/${ticket.number}`}>
          {row.headline !== undefined ? <Headline html={row.headline} /> : ticket.subject}
        </Link>
        {showQueue && <div className="muted small">{ticket.queueName}</div>}
      </td>
      <td title={ticket.requesterEmail}>{ticket.requesterName || ticket.requesterEmail}</td>
      <td>
        <StateBadge state={ticket.state} />
      </td>
      <td>
        <PriorityBadge priority={ticket.priority} />
      </td>
      <td>{ticket.assigneeName ?? <span className="muted">Unassigned</span>}</td>
      <td>
        <time dateTime={ticket.updatedAt} title={formatDateTime(ticket.updatedAt)}>
          {formatRelative(ticket.updatedAt)}
        </time>
      </td>
      <td>
        <SlaBadge ticket={ticket} />
      </td>
    </tr>
  );
}

function SearchBox({
  initial,
  onSearch,
  inputRef,
}: {
  initial: string;
  onSearch: (q: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (q.trim()) onSearch(q.trim());
  }
  return (
    <form role="search" className="search" onSubmit={submit}>
      <label htmlFor="ticket-search" className="sr-only">
        Search tickets
      </label>
      <input
        id="ticket-search"
        ref={inputRef}
        type="search"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        placeholder="Search: printer state:open priority:urgent #10042"
        aria-keyshortcuts="/"
        aria-describedby="search-syntax"
      />
      <button type="submit">Search</button>
      <details className="search-help" id="search-syntax">
        <summary>Syntax</summary>
        <ul>
          <li>
            <code>printer</code> whole words, <code>print*</code> words starting with it,{' '}
            <code>&quot;paper jam&quot;</code> a phrase, <code>-toner</code> without
          </li>
          <li>
            <code>state:open,pending</code> <code>priority:urgent</code> <code>queue:billing</code>{' '}
            <code>tag:vip</code>
          </li>
          <li>
            <code>assignee:me</code> / <code>assignee:none</code>{' '}
            <code>requester:ann@example.com</code> <code>#10042</code>
          </li>
        </ul>
      </details>
    </form>
  );
}

function FilterBar({
  scope,
  filters,
  onChange,
}: {
  scope: ListScope;
  filters: ListFilters;
  onChange: (name: keyof ListFilters, value: string) => void;
}) {
  const agents = useAgents();
  const [tag, setTag] = useState(filters.tag);
  useEffect(() => setTag(filters.tag), [filters.tag]);
  const assigneeFixed = scope.kind === 'mine' || scope.kind === 'unassigned';
  const sortOptions = useMemo(() => TICKET_SORTS as readonly TicketSort[], []);
  return (
    <form
      className="filter-bar"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        onChange('tag', tag.trim());
      }}
    >
      <label>
        State
        <select value={filters.state} onChange={(event) => onChange('state', event.target.value)}>
          <option value="open-work">Open work (new, open, pending)</option>
          <option value="any">Any state</option>
          {Object.entries(STATE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select
          value={filters.priority}
          onChange={(event) => onChange('priority', event.target.value)}
        >
          <option value="">Any priority</option>
          {TICKET_PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {PRIORITY_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      {!assigneeFixed && (
        <label>
          Assignee
          <select
            value={filters.assignee}
            onChange={(event) => onChange('assignee', event.target.value)}
          >
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Unassigned</option>
            {(agents.data ?? []).map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Tag
        <input
          value={tag}
          size={10}
          onChange={(event) => setTag(event.target.value)}
          onBlur={() => tag.trim() !== filters.tag && onChange('tag', tag.trim())}
        />
      </label>
      <label>
        Sort by
        <select value={filters.sort} onChange={(event) => onChange('sort', event.target.value)}>
          {sortOptions.map((value) => (
            <option key={value} value={value}>
              {SORT_LABELS[value] ?? value}
            </option>
          ))}
        </select>
      </label>
      <SaveView scope={scope} filters={filters} />
    </form>
  );
}
