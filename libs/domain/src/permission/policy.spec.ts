import { describe, expect, it } from '@jest/globals';
import {
  PERMISSION_COLUMNS,
  readPermissionTable,
  type Outcome,
  type PermissionColumn,
} from '../../test/permission-table.js';
import type { QueueAccessLevel } from './access-level.js';
import { ACTIONS, decide, type Action, type Actor, type Resource } from './policy.js';

// The world of the table: a ticket in queue Q (and a second queue Q2 to move it to), requested by
// `own`, a member of organisation A, which shares tickets; `shared` is another member of A and
// `other` a member of organisation B.
const Q = 'queue-q';
const Q2 = 'queue-q2';
const OWN = 'customer-own';
const ORG_A = 'org-a';

function actorFor(column: PermissionColumn, readOnly = false): Actor {
  const base = { organizationId: null, organizationSharesTickets: false, readOnly };
  if (column === 'admin')
    return { ...base, userId: 'admin', role: 'admin', queueAccess: new Map() };
  if (column.startsWith('agent')) {
    const level = column.slice('agent '.length);
    const access = new Map<string, QueueAccessLevel>();
    if (level !== 'none') {
      access.set(Q, level as QueueAccessLevel);
      access.set(Q2, level as QueueAccessLevel);
    }
    return { ...base, userId: `agent-${level}`, role: 'agent', queueAccess: access };
  }
  const customer = {
    'customer own': { userId: OWN, organizationId: ORG_A },
    'customer shared org': { userId: 'customer-shared', organizationId: ORG_A },
    'customer other org': { userId: 'customer-other', organizationId: 'org-b' },
  }[column as 'customer own' | 'customer shared org' | 'customer other org'];
  return {
    ...base,
    ...customer,
    organizationSharesTickets: true,
    role: 'customer',
    queueAccess: new Map(),
  };
}

function resourceFor(action: Action, qualifier: string | undefined, actor: Actor): Resource {
  const ticket = { queueId: Q, requesterId: OWN, organizationId: ORG_A };
  switch (ACTIONS[action].resource) {
    case 'system':
      return { kind: 'system' };
    case 'queue':
      return { kind: 'queue', queueId: Q };
    case 'user':
      return { kind: 'user', userId: qualifier === 'self' ? actor.userId : 'someone-else' };
    case 'ticket':
      return { kind: 'ticket', ...ticket };
    case 'ticket-move':
      return { kind: 'ticket-move', ...ticket, toQueueId: Q2 };
  }
}

function outcomeOf(actor: Actor, action: Action, resource: Resource): Outcome {
  const decision = decide(actor, action, resource);
  if (decision.allowed) return 'allow';
  return decision.conceal ? 404 : 403;
}

const table = readPermissionTable();

describe('permission policy', () => {
  it('has a row in docs/permissions.md for every action, and the same write flags', () => {
    const documented = new Set(table.map((row) => row.action));
    expect([...documented].sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const row of table) expect(row.write).toBe(ACTIONS[row.action as Action].write);
  });

  describe.each(
    table.map(
      (row) => [row.qualifier ? `${row.action} (${row.qualifier})` : row.action, row] as const,
    ),
  )('%s', (_name, row) => {
    it.each(PERMISSION_COLUMNS.map((column) => [column, row.outcomes[column]] as const))(
      '%s: %s',
      (column, expected) => {
        const actor = actorFor(column);
        const action = row.action as Action;
        expect(outcomeOf(actor, action, resourceFor(action, row.qualifier, actor))).toBe(expected);
      },
    );

    it('with a read-only token: reads as the table says, writes refused, hidden stays hidden', () => {
      for (const column of PERMISSION_COLUMNS) {
        const actor = actorFor(column, true);
        const action = row.action as Action;
        const outcome = outcomeOf(actor, action, resourceFor(action, row.qualifier, actor));
        const expected = row.outcomes[column];
        expect(outcome).toBe(row.write && expected === 'allow' ? 403 : expected);
      }
    });
  });

  it('takes the strongest of several grants into account only through queueAccess', () => {
    const agent = actorFor('agent none');
    const withView: Actor = { ...agent, queueAccess: new Map([[Q, 'view']]) };
    const ticket: Resource = {
      kind: 'ticket',
      queueId: Q,
      requesterId: OWN,
      organizationId: ORG_A,
    };
    expect(outcomeOf(agent, 'ticket:read', ticket)).toBe(404);
    expect(outcomeOf(withView, 'ticket:read', ticket)).toBe('allow');
  });

  it('lets a customer of a non-sharing organisation see only their own tickets', () => {
    const colleague: Actor = {
      ...actorFor('customer shared org'),
      organizationSharesTickets: false,
    };
    const ticket: Resource = {
      kind: 'ticket',
      queueId: Q,
      requesterId: OWN,
      organizationId: ORG_A,
    };
    expect(outcomeOf(colleague, 'ticket:read', ticket)).toBe(404);
  });

  it('does not treat two customers without an organisation as colleagues', () => {
    const loner: Actor = { ...actorFor('customer other org'), organizationId: null };
    const ticket: Resource = { kind: 'ticket', queueId: Q, requesterId: OWN, organizationId: null };
    expect(outcomeOf(loner, 'ticket:read', ticket)).toBe(404);
  });

  it('needs reply access where a moved ticket lands, not only manage where it leaves', () => {
    const agent: Actor = {
      ...actorFor('agent none'),
      queueAccess: new Map([
        [Q, 'manage'],
        [Q2, 'view'],
      ]),
    };
    const move: Resource = {
      kind: 'ticket-move',
      queueId: Q,
      requesterId: OWN,
      organizationId: ORG_A,
      toQueueId: Q2,
    };
    expect(outcomeOf(agent, 'ticket:move', move)).toBe(403);
  });

  it('needs reply access to both tickets of a merge, each asked on its own', () => {
    const agent: Actor = {
      ...actorFor('agent none'),
      queueAccess: new Map([
        [Q, 'reply'],
        [Q2, 'view'],
      ]),
    };
    const ticketIn = (queueId: string): Resource => ({
      kind: 'ticket',
      queueId,
      requesterId: OWN,
      organizationId: ORG_A,
    });
    expect(outcomeOf(agent, 'ticket:merge', ticketIn(Q))).toBe('allow');
    expect(outcomeOf(agent, 'ticket:merge', ticketIn(Q2))).toBe(403);
    expect(outcomeOf(agent, 'ticket:merge', ticketIn('queue-hidden'))).toBe(404);
  });

  it('refuses a resource of the wrong kind instead of guessing', () => {
    expect(decide(actorFor('admin'), 'ticket:read', { kind: 'system' })).toEqual({
      allowed: false,
      reason: 'wrong_resource',
      conceal: false,
    });
  });
});
