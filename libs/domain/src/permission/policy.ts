// Who may do what: the one place Tessera decides it. Controllers declare the action they need;
// a guard asks this policy with the actor and the resource, and nothing else checks permissions.
import { includesLevel, type QueueAccessLevel } from './access-level.js';

export const ROLES = ['admin', 'agent', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  role: Role;
  organizationId: string | null;
  /** The actor's organisation lets its members see each other's tickets. */
  organizationSharesTickets: boolean;
  /** Effective access per queue id: direct grants and team grants combined (strongest wins). */
  queueAccess: ReadonlyMap<string, QueueAccessLevel>;
  /** Authenticated with a read-only API token: every write is refused. */
  readOnly: boolean;
}

/** What an action is about. Ticket fields are what access depends on, nothing more. */
export type Resource =
  | { kind: 'system' }
  | { kind: 'queue'; queueId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'ticket'; queueId: string; requesterId: string; organizationId: string | null }
  | {
      kind: 'ticket-move';
      queueId: string;
      requesterId: string;
      organizationId: string | null;
      toQueueId: string;
    };

export type Action = keyof typeof ACTIONS;

/** Every protected action, whether it writes, and the kind of resource it is about. */
export const ACTIONS = {
  'queue:list': { write: false, resource: 'system' },
  'queue:read': { write: false, resource: 'queue' },
  'queue:create': { write: true, resource: 'system' },
  'queue:update': { write: true, resource: 'queue' },
  'queue-access:read': { write: false, resource: 'queue' },
  'queue-access:update': { write: true, resource: 'queue' },
  'agent:list': { write: false, resource: 'system' },
  'user:list': { write: false, resource: 'system' },
  'user:read': { write: false, resource: 'user' },
  'user:create': { write: true, resource: 'system' },
  'user:update': { write: true, resource: 'user' },
  'user:reset-password': { write: true, resource: 'user' },
  'organization:read': { write: false, resource: 'system' },
  'organization:write': { write: true, resource: 'system' },
  'team:read': { write: false, resource: 'system' },
  'team:write': { write: true, resource: 'system' },
  'audit:read': { write: false, resource: 'system' },
  'settings:read': { write: false, resource: 'system' },
  'settings:write': { write: true, resource: 'system' },
  'ticket:create': { write: true, resource: 'queue' },
  'ticket:read': { write: false, resource: 'ticket' },
  'ticket:reply': { write: true, resource: 'ticket' },
  'ticket:note': { write: true, resource: 'ticket' },
  'ticket:update': { write: true, resource: 'ticket' },
  'ticket:take': { write: true, resource: 'ticket' },
  'ticket:assign': { write: true, resource: 'ticket' },
  'ticket:move': { write: true, resource: 'ticket-move' },
  // Asked of both tickets: the one merged away and the one it goes into.
  'ticket:merge': { write: true, resource: 'ticket' },
  // Saved ticket lists: one's own (read, write), and those shared with a queue (share).
  'view:read': { write: false, resource: 'system' },
  'view:write': { write: true, resource: 'system' },
  'view:share': { write: true, resource: 'queue' },
  // The mail channel's settings and records (mailboxes, quarantined mail): admins only.
  'mail:read': { write: false, resource: 'system' },
  'mail:write': { write: true, resource: 'system' },
  // The templates of the mail Tessera writes itself (acknowledgements, agent notifications).
  'template:read': { write: false, resource: 'system' },
  'template:write': { write: true, resource: 'system' },
  // SLA calendars and policies: agents read them (they see SLA badges), admins change them.
  'sla:read': { write: false, resource: 'system' },
  'sla:write': { write: true, resource: 'system' },
  // Reports (volume, response times, SLA compliance): admins, and agents who manage a queue, for
  // the queues they manage (the report module narrows the figures to them).
  'report:read': { write: false, resource: 'system' },
} as const satisfies Record<string, { write: boolean; resource: Resource['kind'] }>;

export type DenyReason =
  | 'admin_only'
  | 'agents_only'
  | 'queue_access'
  | 'not_visible'
  | 'read_only_token'
  | 'wrong_resource';

export type Decision =
  | { allowed: true }
  | {
      allowed: false;
      reason: DenyReason;
      /** Answer as if the resource did not exist: telling it exists would leak. */
      conceal: boolean;
    };

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenyReason, conceal = false): Decision => ({
  allowed: false,
  reason,
  conceal,
});

export function decide(actor: Actor, action: Action, resource: Resource): Decision {
  const spec = ACTIONS[action];
  if (resource.kind !== spec.resource) return deny('wrong_resource');
  // Visibility first: a read-only token must not learn that a hidden ticket exists either.
  const hidden = concealed(actor, resource);
  if (hidden) return hidden;
  if (spec.write && actor.readOnly) return deny('read_only_token');
  if (actor.role === 'admin') return ALLOW;
  return actor.role === 'agent'
    ? decideForAgent(actor, action, resource)
    : decideForCustomer(actor, action, resource);
}

/**
 * What the actor cannot see is answered as not found, whatever the action: a ticket hidden from
 * them, or (for agents) a queue they hold no access to. Otherwise a 403 on a real id against a 404
 * on a made-up one would tell that it exists.
 */
function concealed(actor: Actor, resource: Resource): Decision | undefined {
  if (resource.kind === 'queue') {
    const hidden = actor.role === 'agent' && !actor.queueAccess.has(resource.queueId);
    return hidden ? deny('not_visible', true) : undefined;
  }
  if (resource.kind !== 'ticket' && resource.kind !== 'ticket-move') return undefined;
  return canSeeTicket(actor, resource) ? undefined : deny('not_visible', true);
}

function canSeeTicket(
  actor: Actor,
  ticket: { queueId: string; requesterId: string; organizationId: string | null },
): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'agent':
      return includesLevel(actor.queueAccess.get(ticket.queueId), 'view');
    case 'customer':
      return (
        ticket.requesterId === actor.userId ||
        (actor.organizationSharesTickets &&
          actor.organizationId !== null &&
          ticket.organizationId === actor.organizationId)
      );
  }
}

function decideForAgent(actor: Actor, action: Action, resource: Resource): Decision {
  const level = (queueId: string) => actor.queueAccess.get(queueId);
  const needs = (queueId: string, needed: QueueAccessLevel) =>
    includesLevel(level(queueId), needed) ? ALLOW : deny('queue_access');
  switch (action) {
    case 'queue:list':
    case 'agent:list':
      return ALLOW;
    case 'queue:read':
      return ALLOW; // visibility (any access to the queue) was checked first
    case 'queue:update':
    case 'queue-access:read':
      return resource.kind === 'queue' ? needs(resource.queueId, 'manage') : deny('wrong_resource');
    case 'ticket:create':
      return resource.kind === 'queue' ? needs(resource.queueId, 'reply') : deny('wrong_resource');
    case 'ticket:read':
      return ALLOW; // visibility was checked first
    case 'ticket:reply':
    case 'ticket:note':
    case 'ticket:update':
    case 'ticket:take':
    case 'ticket:merge':
      return resource.kind === 'ticket' ? needs(resource.queueId, 'reply') : deny('wrong_resource');
    case 'ticket:assign':
      return resource.kind === 'ticket'
        ? needs(resource.queueId, 'manage')
        : deny('wrong_resource');
    case 'ticket:move':
      if (resource.kind !== 'ticket-move') return deny('wrong_resource');
      // Moving a ticket out takes manage here and the right to work tickets where it lands.
      return includesLevel(level(resource.queueId), 'manage') &&
        includesLevel(level(resource.toQueueId), 'reply')
        ? ALLOW
        : deny('queue_access');
    case 'view:read':
    case 'view:write':
      return ALLOW; // their own views; what any view shows is scoped like the ticket list
    case 'sla:read':
      return ALLOW;
    case 'report:read':
      return [...actor.queueAccess.values()].includes('manage') ? ALLOW : deny('queue_access');
    case 'view:share':
      return resource.kind === 'queue' ? needs(resource.queueId, 'manage') : deny('wrong_resource');
    case 'user:read':
      return resource.kind === 'user' && resource.userId === actor.userId
        ? ALLOW
        : deny('admin_only');
    default:
      return deny('admin_only');
  }
}

function decideForCustomer(actor: Actor, action: Action, resource: Resource): Decision {
  switch (action) {
    case 'ticket:create':
    case 'ticket:read':
    case 'ticket:reply':
      return ALLOW; // visibility was checked first; a customer may open tickets in any queue
    case 'user:read':
      return resource.kind === 'user' && resource.userId === actor.userId
        ? ALLOW
        : deny('agents_only');
    default:
      return deny('agents_only');
  }
}
