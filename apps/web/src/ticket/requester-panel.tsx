// Who asked, their organisation, and what else they (and their colleagues) asked lately.
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { unwrap } from '../api/problem.js';
import type { Ticket } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { StateBadge } from '../components/badges.js';

const OTHERS = 8;

export function RequesterPanel({ ticket, isAdmin }: { ticket: Ticket; isAdmin: boolean }) {
  const others = useResource(
    async () =>
      unwrap(
        await api.GET('/api/v1/tickets', {
          params: { query: { requesterId: ticket.requesterId, limit: OTHERS + 1 } },
        }),
      ).items.filter((other) => other.id !== ticket.id),
    [ticket.requesterId, ticket.id],
  );
  const organizationId = ticket.organizationId;
  // Organisations are read by admins only; agents see the organisation's tickets without its name.
  const organization = useResource(
    async () =>
      organizationId && isAdmin
        ? unwrap(
            await api.GET('/api/v1/organizations/{id}', {
              params: { path: { id: organizationId } },
            }),
          )
        : null,
    [organizationId, isAdmin],
  );
  const colleagues = useResource(
    async () =>
      organizationId
        ? unwrap(
            await api.GET('/api/v1/tickets', {
              params: { query: { organizationId, limit: OTHERS + 1 } },
            }),
          ).items.filter(
            (other) => other.id !== ticket.id && other.requesterId !== ticket.requesterId,
          )
        : [],
    [organizationId, ticket.id],
  );

  return (
    <section className="panel requester" aria-labelledby="requester-title">
      <h2 id="requester-title">Requester</h2>
      <p className="requester-name">{ticket.requesterName || ticket.requesterEmail}</p>
      <p className="muted small">
        <a href={`mailto:${ticket.requesterEmail}`}>{ticket.requesterEmail}</a>
      </p>
      {organizationId && (
        <p className="small">
          Organisation: {organization.data?.name ?? (isAdmin ? '…' : 'yes')}
          {organization.data?.tier ? ` (${organization.data.tier})` : ''}
        </p>
      )}
      <h3>Other tickets from {ticket.requesterName || 'this requester'}</h3>
      <TicketLinks tickets={others.data} error={others.error} />
      {organizationId && (
        <>
          <h3>Tickets from colleagues</h3>
          <TicketLinks tickets={colleagues.data} error={colleagues.error} />
        </>
      )}
    </section>
  );
}

function TicketLinks({ tickets, error }: { tickets: Ticket[] | undefined; error?: string }) {
  if (error) return <p className="error small">{error}</p>;
  if (!tickets) return <p className="muted small">Loading…</p>;
  if (tickets.length === 0) return <p className="muted small">None.</p>;
  return (
    <ul className="related-tickets">
      {tickets.slice(0, OTHERS).map((other) => (
        <li key={other.id}>
          <Link to={`/tickets/${other.number}`}>
            #{other.number} {other.subject}
          </Link>{' '}
          <StateBadge state={other.state} />
        </li>
      ))}
    </ul>
  );
}
