// The permissions a change to a ticket needs, read from the request body by the access guard:
// editing, taking it, assigning it to someone else and moving it are separate permissions.
import type { Action } from '@tessera/domain';
import type { RequestActor } from '../permission/request-actor.js';

export function actionsForTicketChange(
  body: Record<string, unknown>,
  actor: RequestActor,
): Action[] {
  const actions = new Set<Action>();
  if (['subject', 'state', 'priority', 'tags'].some((field) => field in body))
    actions.add('ticket:update');
  if ('queueId' in body) actions.add('ticket:move');
  // Taking a ticket yourself needs reply access; giving it to anyone else (or to nobody) needs manage.
  if ('assigneeId' in body) {
    const self =
      typeof body.assigneeId === 'string' && body.assigneeId.toLowerCase() === actor.userId;
    actions.add(self ? 'ticket:take' : 'ticket:assign');
  }
  if (actions.size === 0) actions.add('ticket:update');
  return [...actions];
}

export function actionsForMessage(body: Record<string, unknown>): Action[] {
  return [body.internal === true ? 'ticket:note' : 'ticket:reply'];
}
