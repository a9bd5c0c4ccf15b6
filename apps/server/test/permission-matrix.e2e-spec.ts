// The permission table in docs/permissions.md, checked through the real API: for every action
// with an endpoint, each kind of caller gets exactly the answer the table gives.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  PERMISSION_COLUMNS,
  readPermissionTable,
  type PermissionColumn,
} from '../../../libs/domain/test/permission-table.js';
import {
  aQueue,
  aSignedInUser,
  anOrganization,
  aTicket,
  aUser,
  grant,
  type TestUser,
} from './harness/identity.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

interface World {
  queueId: string;
  /** A second queue where every agent holds the same access as in the first (moves land here). */
  otherQueueId: string;
  /** An agent nobody signs in as: the object of user and access actions. */
  someone: TestUser;
  /** An agent who can work both queues: the one tickets are assigned to. */
  assignee: TestUser;
  caller: TestUser;
  /** A fresh ticket in the first queue, requested by "customer own" of the sharing organisation. */
  ticketId: string;
  /** Another fresh ticket of theirs, in the second queue (what a merge goes into). */
  otherTicketId: string;
}

interface Call {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: object;
  headers?: Record<string, string>;
}

const FRESH = { 'If-Match': '"1"' };

const unique = () => randomBytes(4).toString('hex');

/** The request that exercises each action, in the table's world. */
const ENDPOINTS: Record<string, (world: World) => Call> = {
  'queue:list': () => ({ method: 'get', path: '/api/v1/queues' }),
  'queue:read': (w) => ({ method: 'get', path: `/api/v1/queues/${w.queueId}` }),
  'queue:create': () => ({
    method: 'post',
    path: '/api/v1/queues',
    body: { name: `Queue ${unique()}`, slug: `q-${unique()}` },
  }),
  'queue:update': (w) => ({
    method: 'patch',
    path: `/api/v1/queues/${w.queueId}`,
    body: { description: unique() },
  }),
  'queue-access:read': (w) => ({ method: 'get', path: `/api/v1/queues/${w.queueId}/access` }),
  'queue-access:update': (w) => ({
    method: 'put',
    path: `/api/v1/queues/${w.queueId}/access/users/${w.someone.id}`,
    body: { level: 'view' },
  }),
  'agent:list': () => ({ method: 'get', path: '/api/v1/agents' }),
  'user:list': () => ({ method: 'get', path: '/api/v1/users' }),
  'user:read (other)': (w) => ({ method: 'get', path: `/api/v1/users/${w.someone.id}` }),
  'user:read (self)': (w) => ({ method: 'get', path: `/api/v1/users/${w.caller.id}` }),
  'user:create': () => ({
    method: 'post',
    path: '/api/v1/users',
    body: { email: `new-${unique()}@example.com`, name: 'New', role: 'customer' },
  }),
  'user:update': (w) => ({
    method: 'patch',
    path: `/api/v1/users/${w.someone.id}`,
    body: { name: `Renamed ${unique()}` },
  }),
  'user:reset-password': (w) => ({
    method: 'post',
    path: `/api/v1/users/${w.someone.id}/password`,
    body: { newPassword: `reset password ${unique()}` },
  }),
  'organization:read': () => ({ method: 'get', path: '/api/v1/organizations' }),
  'organization:write': () => ({
    method: 'post',
    path: '/api/v1/organizations',
    body: { name: `Org ${unique()}` },
  }),
  'team:read': () => ({ method: 'get', path: '/api/v1/teams' }),
  'team:write': () => ({
    method: 'post',
    path: '/api/v1/teams',
    body: { name: `Team ${unique()}` },
  }),
  'audit:read': () => ({ method: 'get', path: '/api/v1/audit-events' }),
  'settings:read': () => ({ method: 'get', path: '/api/v1/settings' }),
  'settings:write': () => ({
    method: 'patch',
    path: '/api/v1/settings',
    body: { ticketHook: 'Ticket#' },
  }),
  'ticket:create': (w) => ({
    method: 'post',
    path: '/api/v1/tickets',
    body: {
      subject: 'Help',
      text: 'Please help',
      queueId: w.queueId,
      // Staff say who asked; customers ask for themselves.
      ...(w.caller.role === 'customer'
        ? {}
        : { requester: { email: `c-${unique()}@example.com` } }),
    },
  }),
  'ticket:read': (w) => ({ method: 'get', path: `/api/v1/tickets/${w.ticketId}` }),
  'ticket:reply': (w) => ({
    method: 'post',
    path: `/api/v1/tickets/${w.ticketId}/messages`,
    body: { text: 'Reply' },
  }),
  'ticket:note': (w) => ({
    method: 'post',
    path: `/api/v1/tickets/${w.ticketId}/messages`,
    body: { text: 'Note', internal: true },
  }),
  'ticket:update': (w) => ({
    method: 'patch',
    path: `/api/v1/tickets/${w.ticketId}`,
    body: { priority: 'high' },
    headers: FRESH,
  }),
  'ticket:take': (w) => ({
    method: 'patch',
    path: `/api/v1/tickets/${w.ticketId}`,
    body: { assigneeId: w.caller.id },
    headers: FRESH,
  }),
  'ticket:assign': (w) => ({
    method: 'patch',
    path: `/api/v1/tickets/${w.ticketId}`,
    body: { assigneeId: w.assignee.id },
    headers: FRESH,
  }),
  'ticket:move': (w) => ({
    method: 'patch',
    path: `/api/v1/tickets/${w.ticketId}`,
    body: { queueId: w.otherQueueId },
    headers: FRESH,
  }),
  'ticket:merge': (w) => ({
    method: 'post',
    path: `/api/v1/tickets/${w.ticketId}/merge`,
    body: { targetId: w.otherTicketId },
  }),
  'view:read': () => ({ method: 'get', path: '/api/v1/views' }),
  'view:write': () => ({
    method: 'post',
    path: '/api/v1/views',
    body: { name: `Mine ${unique()}`, filter: { state: ['open'] } },
  }),
  'view:share': (w) => ({
    method: 'post',
    path: '/api/v1/views',
    body: { name: `Shared ${unique()}`, queueId: w.queueId, filter: { assignee: 'none' } },
  }),
  'mail:read': () => ({ method: 'get', path: '/api/v1/mailboxes' }),
  'mail:write': (w) => ({
    method: 'post',
    path: '/api/v1/mailboxes',
    body: {
      address: `support-${unique()}@example.com`,
      displayName: 'Support',
      queueId: w.queueId,
      imapHost: 'imap.example.com',
      imapUser: 'support',
      imapPassword: 'secret',
    },
  }),
  'template:read': () => ({ method: 'get', path: '/api/v1/mail-templates' }),
  'template:write': () => ({
    method: 'put',
    path: '/api/v1/mail-templates/acknowledgement',
    body: { subject: `Got it ${unique()}: {{subject}}`, text: '{{subject}}', html: '{{subject}}' },
  }),
  'sla:read': () => ({ method: 'get', path: '/api/v1/sla/policies' }),
  'sla:write': () => ({
    method: 'post',
    path: '/api/v1/sla/calendars',
    body: {
      name: `Hours ${unique()}`,
      timeZone: 'Europe/Berlin',
      week: { monday: [{ start: '09:00', end: '17:00' }] },
    },
  }),
  'report:read': () => ({
    method: 'get',
    path: '/api/v1/reports/summary?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z',
  }),
};

function outcomeOf(status: number): 'allow' | number {
  if (status >= 200 && status < 300) return 'allow';
  return status;
}

describe('permission matrix through the API', () => {
  let server: TestServer;
  let queueId: string;
  let otherQueueId: string;
  let ownCustomerId = '';
  let sharingOrganizationId = '';
  let someone: TestUser;
  let assignee: TestUser;
  const callers = new Map<PermissionColumn, TestUser & { auth: string }>();
  const table = readPermissionTable();

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
    const db = server.dataSource;
    queueId = (await aQueue(db)).id;
    otherQueueId = (await aQueue(db)).id;
    someone = await aUser(db, { role: 'agent' });
    assignee = await aUser(db, { role: 'agent' });
    for (const queue of [queueId, otherQueueId]) {
      await grant(db, queue, { userId: assignee.id }, 'reply');
    }
    const sharing = await anOrganization(db, { shareTickets: true });
    sharingOrganizationId = sharing.id;
    const other = await anOrganization(db);
    for (const column of PERMISSION_COLUMNS) {
      const options =
        column === 'admin'
          ? { role: 'admin' as const }
          : column.startsWith('agent')
            ? { role: 'agent' as const }
            : {
                role: 'customer' as const,
                organizationId: column === 'customer other org' ? other.id : sharing.id,
              };
      const caller = await aSignedInUser(server.url, db, options);
      const level = column.startsWith('agent ') ? column.slice('agent '.length) : 'none';
      if (level !== 'none') {
        for (const queue of [queueId, otherQueueId]) {
          await grant(db, queue, { userId: caller.id }, level as 'view' | 'reply' | 'manage');
        }
      }
      if (column === 'customer own') ownCustomerId = caller.id;
      callers.set(column, caller);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has an endpoint for every action of the table', () => {
    const names = table.map((row) =>
      row.qualifier ? `${row.action} (${row.qualifier})` : row.action,
    );
    expect(names.sort()).toEqual(Object.keys(ENDPOINTS).sort());
  });

  it.each(
    table.map(
      (row) => [row.qualifier ? `${row.action} (${row.qualifier})` : row.action, row] as const,
    ),
  )('%s answers every caller as the table says', async (name, row) => {
    const endpoint = ENDPOINTS[name];
    if (!endpoint) throw new Error(`no endpoint mapped for ${name}`);
    const answers: Partial<Record<PermissionColumn, 'allow' | number>> = {};
    for (const column of PERMISSION_COLUMNS) {
      const caller = callers.get(column);
      if (!caller) throw new Error(`no caller for ${column}`);
      // A fresh ticket for every call, so one caller's change never decides the next one's answer.
      const ticket = await aTicket(server.dataSource, {
        queueId,
        requesterId: ownCustomerId,
        organizationId: sharingOrganizationId,
      });
      const otherTicket = await aTicket(server.dataSource, {
        queueId: otherQueueId,
        requesterId: ownCustomerId,
        organizationId: sharingOrganizationId,
      });
      const call = endpoint({
        queueId,
        otherQueueId,
        someone,
        assignee,
        caller,
        ticketId: ticket.id,
        otherTicketId: otherTicket.id,
      });
      const response = await request(server.url)
        [call.method](call.path)
        .set({ Authorization: caller.auth, ...call.headers })
        .send(call.body ?? {});
      answers[column] = outcomeOf(response.status);
    }
    expect(answers).toEqual(row.outcomes);
  });
});
