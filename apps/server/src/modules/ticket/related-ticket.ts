// A request about two tickets (merge one into another, link them) names the second one in its
// body or path. The access guard judged the first; the second is judged by the same policy here.
import { decide, type Action, type Resource } from '@tessera/domain';
import type { RequestActor } from '../permission/request-actor.js';
import { TicketError } from './ticket.error.js';
import type { TicketRecord } from './ticket.repository.js';

export function ticketResource(ticket: TicketRecord): Resource {
  return {
    kind: 'ticket',
    queueId: ticket.queueId,
    requesterId: ticket.requesterId,
    organizationId: ticket.organizationId,
  };
}

/**
 * Refuses unless the actor may do `action` on the second ticket. One they cannot see is answered
 * exactly like one that does not exist (`unknown`), so its existence never leaks.
 */
export function checkRelatedTicket(
  actor: RequestActor,
  action: Action,
  ticket: TicketRecord | undefined,
  unknown: () => Error,
): asserts ticket is TicketRecord {
  if (!ticket) throw unknown();
  const decision = decide(actor, action, ticketResource(ticket));
  if (decision.allowed) return;
  if (decision.conceal) throw unknown();
  throw TicketError.forbiddenOn(action, ticket.number);
}
