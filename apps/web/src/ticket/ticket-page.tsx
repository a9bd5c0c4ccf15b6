// One ticket: its timeline, the composer, its details changed in place, and the requester.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.js';
import { useAgents, useQueues } from '../api/directory.js';
import { describeProblem, readProblem, unwrap } from '../api/problem.js';
import { announceTicketsChanged } from '../api/ticket-events.js';
import type { Ticket } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/auth-context.js';
import { ticketAbilities } from '../auth/permissions.js';
import { PriorityBadge, SlaBadge, StateBadge } from '../components/badges.js';
import { formatDateTime } from '../components/format.js';
import { lastListPath, neighbour } from '../inbox/ticket-navigation.js';
import { useTitle } from '../components/use-title.js';
import { useShortcuts } from '../keyboard/shortcuts.js';
import { ErrorMessage, Loading } from '../layout/status.js';
import { Composer, type ComposerMode } from './composer.js';
import { Properties, type TicketChanges } from './properties.js';
import { RequesterPanel } from './requester-panel.js';
import { SlaDetails } from './sla-details.js';
import { Timeline } from './timeline.js';

export function TicketPage() {
  const { number = '' } = useParams();
  const ticket = useResource(
    async () => unwrap(await api.GET('/api/v1/tickets/{id}', { params: { path: { id: number } } })),
    [number],
  );
  if (ticket.error && !ticket.data) {
    return (
      <section className="ticket-page">
        <h1>Ticket #{number}</h1>
        <ErrorMessage message={ticket.error} onRetry={ticket.reload} />
        <Link to={lastListPath()}>Back to the list</Link>
      </section>
    );
  }
  if (!ticket.data || String(ticket.data.number) !== number.replace(/^#/, '')) {
    return <Loading label="Loading ticket…" />;
  }
  return <TicketView ticket={ticket.data} onTicket={ticket.setData} reloadTicket={ticket.reload} />;
}

function TicketView({
  ticket,
  onTicket,
  reloadTicket,
}: {
  ticket: Ticket;
  onTicket: (ticket: Ticket) => void;
  reloadTicket: () => void;
}) {
  const me = useMe();
  const navigate = useNavigate();
  const agents = useAgents();
  const queues = useQueues();
  const timeline = useResource(
    async () =>
      unwrap(
        await api.GET('/api/v1/tickets/{id}/timeline', { params: { path: { id: ticket.id } } }),
      ).items,
    [ticket.id],
  );
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [changeError, setChangeError] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const stateRef = useRef<HTMLSelectElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const abilities = ticketAbilities(me, ticket);
  useTitle(`#${ticket.number} ${ticket.subject}`);

  useEffect(() => {
    setConflict(false);
    setChangeError(null);
    headingRef.current?.focus();
  }, [ticket.id]);

  async function change(changes: TicketChanges) {
    setSaving(true);
    setChangeError(null);
    try {
      const { data, error, response } = await api.PATCH('/api/v1/tickets/{id}', {
        params: { path: { id: ticket.id }, header: { 'If-Match': `"${ticket.version}"` } },
        body: changes,
      });
      if (data) {
        onTicket(data);
        timeline.reload();
        announceTicketsChanged();
      } else if (response.status === 412) {
        setConflict(true);
      } else {
        setChangeError(describeProblem(readProblem(error, response)));
      }
    } finally {
      setSaving(false);
    }
  }

  // The warning stays until the current version has arrived.
  useEffect(() => setConflict(false), [ticket.version]);

  function reloadAll() {
    setChangeError(null);
    reloadTicket();
    timeline.reload();
  }

  function write(next: ComposerMode) {
    setMode(next);
    // The composer re-renders with the new mode first; focus after that.
    requestAnimationFrame(() => textareaRef.current?.focus());
  }

  function go(step: 1 | -1) {
    const target = neighbour(ticket.number, step);
    if (target !== undefined) void navigate(`/tickets/${target}`);
  }

  useShortcuts({
    r: () => write('reply'),
    n: () => write('note'),
    a: () => {
      if (ticket.assigneeId !== me.id && abilities.take) void change({ assigneeId: me.id });
    },
    s: () => stateRef.current?.focus(),
    j: () => go(1),
    k: () => go(-1),
    u: () => void navigate(lastListPath()),
  });

  return (
    <div className="ticket-page">
      <div className="ticket-header">
        <Link to={lastListPath()} className="back-link">
          ← Back to the list
        </Link>
        <h1 ref={headingRef} tabIndex={-1}>
          <span className="ticket-number">#{ticket.number}</span> {ticket.subject}
        </h1>
        <p className="ticket-meta">
          <StateBadge state={ticket.state} /> <PriorityBadge priority={ticket.priority} />{' '}
          <SlaBadge ticket={ticket} /> <span className="muted">in {ticket.queueName}</span>
          <span className="muted">
            {' '}
            · opened {formatDateTime(ticket.createdAt)} · assigned to{' '}
            {ticket.assigneeName ?? 'nobody'}
          </span>
        </p>
      </div>
      {conflict && (
        <div className="conflict" role="alert">
          <p>
            <strong>Someone else changed this ticket</strong> after you opened it, so your change
            was not saved. Reload to see the current version, then make your change again.
          </p>
          <button type="button" className="primary" onClick={reloadAll}>
            Reload ticket
          </button>
        </div>
      )}
      {changeError && (
        <p className="error" role="alert">
          The change was not saved: {changeError}
        </p>
      )}
      <div className="ticket-columns">
        <div className="ticket-main">
          <h2 className="sr-only">Conversation</h2>
          {timeline.error && <ErrorMessage message={timeline.error} onRetry={timeline.reload} />}
          {timeline.data ? (
            <Timeline
              ticket={ticket}
              entries={timeline.data}
              names={{ agents: agents.data ?? [], queues: queues.data ?? [] }}
            />
          ) : (
            !timeline.error && <Loading label="Loading conversation…" />
          )}
          <h2 className="sr-only">Reply</h2>
          <Composer
            ticket={ticket}
            canReply={abilities.reply}
            canNote={abilities.note}
            mode={mode}
            onModeChange={setMode}
            textareaRef={textareaRef}
            onSent={(updated) => {
              onTicket(updated);
              timeline.reload();
              announceTicketsChanged();
            }}
          />
        </div>
        <aside className="ticket-side" aria-label="Ticket details and requester">
          <Properties
            ticket={ticket}
            agents={agents.data ?? []}
            queues={queues.data ?? []}
            meId={me.id}
            busy={saving}
            abilities={abilities}
            stateRef={stateRef}
            onChange={(changes) => void change(changes)}
          />
          <SlaDetails ticket={ticket} />
          <RequesterPanel ticket={ticket} isAdmin={me.role === 'admin'} />
        </aside>
      </div>
    </div>
  );
}
