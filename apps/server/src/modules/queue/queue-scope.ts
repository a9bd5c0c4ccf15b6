// Which queues an actor sees in lists, and the access level they hold on one. This is data
// scoping, not a permission check (the access guard asked the policy already); it follows the
// policy's notion of access: admins hold everything, agents what their grants and teams give.
import type { QueueAccessLevel } from '@tessera/domain';
import type { RequestActor } from '../permission/request-actor.js';

type Scoped = Pick<RequestActor, 'role' | 'queueAccess'>;

/** The ids of the queues the actor may see; undefined means every queue. */
export function visibleQueueIds(actor: Scoped): string[] | undefined {
  return actor.role === 'admin' ? undefined : [...actor.queueAccess.keys()];
}

export function accessLevelOf(actor: Scoped, queueId: string): QueueAccessLevel | undefined {
  return actor.role === 'admin' ? 'manage' : actor.queueAccess.get(queueId);
}
