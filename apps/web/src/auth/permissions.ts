// What the signed-in user may do, decided by the same policy the server enforces
// (libs/domain), so the screens offer only what will be allowed. The server still decides.
import { decide, type Action, type Actor, type Resource } from '@tessera/domain';
import type { Me, Ticket } from '../api/types.js';

export function actorOf(me: Me): Actor {
  return {
    userId: me.id,
    role: me.role,
    organizationId: me.organizationId,
    // Only customers' ticket visibility depends on it; the workspace serves staff.
    organizationSharesTickets: false,
    queueAccess: new Map(me.queueAccess.map((grant) => [grant.queueId, grant.level])),
    readOnly: me.readOnly,
  };
}

export function can(me: Me, action: Action, resource: Resource): boolean {
  return decide(actorOf(me), action, resource).allowed;
}

export function ticketResource(ticket: Ticket): Extract<Resource, { kind: 'ticket' }> {
  return {
    kind: 'ticket',
    queueId: ticket.queueId,
    requesterId: ticket.requesterId,
    organizationId: ticket.organizationId,
  };
}

/** What the ticket page may offer for one ticket. */
export function ticketAbilities(me: Me, ticket: Ticket) {
  const resource = ticketResource(ticket);
  return {
    update: can(me, 'ticket:update', resource),
    take: can(me, 'ticket:take', resource),
    assign: can(me, 'ticket:assign', resource),
    reply: can(me, 'ticket:reply', resource),
    note: can(me, 'ticket:note', resource),
    moveTo: (queueId: string) =>
      can(me, 'ticket:move', { ...resource, kind: 'ticket-move', toQueueId: queueId }),
  };
}

export type TicketAbilities = ReturnType<typeof ticketAbilities>;
