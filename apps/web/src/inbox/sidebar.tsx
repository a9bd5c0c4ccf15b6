// The views an agent works from, each with how many tickets it holds right now (the server counts
// up to 10,000, then says "10000+"). Counts reload every minute, when the window regains focus
// and whenever a ticket changes in this tab.
import { useEffect } from 'react';
import { NavLink } from 'react-router';
import { api } from '../api/client.js';
import { useQueues } from '../api/directory.js';
import { unwrap } from '../api/problem.js';
import { useTicketsChanged } from '../api/ticket-events.js';
import type { SavedView } from '../api/types.js';
import { useResource } from '../api/use-resource.js';

const POLL_MS = 60_000;

export interface Count {
  count: number;
  capped: boolean;
}

interface SidebarCounts {
  mine: Count;
  unassigned: Count;
  all: Count;
  queues: Map<string, Count>;
  views: SavedView[];
}

function countOf(list: { count: number; countCapped: boolean }): Count {
  return { count: list.count, capped: list.countCapped };
}

/** Two requests whatever the number of queues: the built-in lists, and the saved views. */
async function loadCounts(): Promise<SidebarCounts> {
  const [inbox, views] = await Promise.all([
    api.GET('/api/v1/views/inbox-counts').then(unwrap),
    api.GET('/api/v1/views').then((result) => unwrap(result).items),
  ]);
  return {
    mine: countOf(inbox.mine),
    unassigned: countOf(inbox.unassigned),
    all: countOf(inbox.all),
    views,
    queues: new Map(inbox.queues.map((queue) => [queue.queueId, countOf(queue)])),
  };
}

export function Sidebar() {
  const queues = useQueues();
  const activeQueues = (queues.data ?? []).filter((queue) => queue.active);
  const counts = useResource(loadCounts, [activeQueues.map((queue) => queue.id).join()]);
  const { reload } = counts;
  useTicketsChanged(reload);
  useEffect(() => {
    const timer = window.setInterval(reload, POLL_MS);
    window.addEventListener('focus', reload);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', reload);
    };
  }, [reload]);

  const data = counts.data;
  return (
    <nav className="sidebar" aria-label="Ticket views">
      <h2 className="sidebar-heading">Inbox</h2>
      <ul>
        <ViewLink to="/inbox/mine" label="My open tickets" count={data?.mine} unit="open" />
        <ViewLink to="/inbox/unassigned" label="Unassigned" count={data?.unassigned} unit="open" />
        <ViewLink to="/inbox/all" label="All open tickets" count={data?.all} unit="open" />
      </ul>
      <h2 className="sidebar-heading">Queues</h2>
      {queues.error && <p className="error small">{queues.error}</p>}
      <ul>
        {activeQueues.map((queue) => (
          <ViewLink
            key={queue.id}
            to={`/inbox/queues/${queue.id}`}
            label={queue.name}
            count={data?.queues.get(queue.id)}
            unit="open"
          />
        ))}
        {queues.data && activeQueues.length === 0 && (
          <li className="muted small">No queues you can see yet.</li>
        )}
      </ul>
      {data && data.views.length > 0 && (
        <>
          <h2 className="sidebar-heading">Views</h2>
          <ul>
            {data.views.map((view) => (
              <ViewLink
                key={view.id}
                to={`/inbox/views/${view.id}`}
                label={view.name}
                count={{ count: view.count, capped: view.countCapped }}
                unit="tickets"
              />
            ))}
          </ul>
        </>
      )}
      {counts.error && (
        <p className="error small" role="status">
          Counts could not be loaded: {counts.error}
        </p>
      )}
    </nav>
  );
}

function ViewLink({
  to,
  label,
  count,
  unit,
}: {
  to: string;
  label: string;
  count?: Count;
  unit?: 'open' | 'tickets';
}) {
  const shown = count ? `${count.count}${count.capped ? '+' : ''}` : undefined;
  // The name says the count in words: "Billing, 3 open".
  const name =
    count === undefined
      ? label
      : `${label}, ${count.capped ? 'more than ' : ''}${count.count} ${unit ?? 'tickets'}`;
  return (
    <li>
      <NavLink to={to} className="view-link" aria-label={name}>
        <span className="view-label">{label}</span>
        {shown !== undefined && (
          <span className="count" aria-hidden="true">
            {shown}
          </span>
        )}
      </NavLink>
    </li>
  );
}
