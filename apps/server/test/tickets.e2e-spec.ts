// The ticket REST API end to end: opening, reading by id or number, changing with If-Match,
// replies and internal notes, the timeline as agents and customers see it, and scoped lists.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from './harness/fixed-clock.js';
import {
  aQueue,
  aSignedInUser,
  aTeam,
  anOrganization,
  aUser,
  grant,
  type TestUser,
} from './harness/identity.js';
import { expectStatus, fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };
type State = 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';

interface Ticket {
  id: string;
  number: number;
  subject: string;
  state: State;
  priority: string;
  queueId: string;
  queueName: string;
  assigneeId?: string | null;
  assigneeName?: string | null;
  requesterId: string;
  requesterName: string;
  requesterEmail: string;
  organizationId: string | null;
  channel: string;
  tags?: string[];
  mergedIntoId: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  reopenCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface TimelineItem {
  kind: 'message' | 'event';
  id: string;
  createdAt: string;
  actorId: string | null;
  actorName: string | null;
  internal?: boolean;
  text?: string | null;
  html?: string | null;
  type?: string;
  before?: unknown;
  after?: unknown;
}

const START = new Date('2026-05-04T09:00:00Z');
const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const unique = () => randomBytes(4).toString('hex');

/** The manual transitions of the ticket state machine, as docs/api.md states them. */
const ALLOWED: Record<State, State[]> = {
  new: ['open', 'pending', 'resolved'],
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
  merged: [],
};

describe('tickets API', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  /** Moves time on a little, so every change has its own instant (ordering, updatedAt). */
  const tick = () => clock.set(new Date(clock.now().getTime() + 10));
  const api = () => request(server.url);
  const db = () => server.dataSource;

  let admin: SignedIn;
  /** The queue most tests work in: agent has reply, manager manage, viewer view. */
  let queueId: string;
  let agent: SignedIn;
  let manager: SignedIn;
  let viewer: SignedIn;
  /** An agent without any access. */
  let outsider: SignedIn;

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    admin = await aSignedInUser(server.url, db(), { role: 'admin', name: 'Ada Admin' });
    queueId = (await aQueue(db(), { name: 'Support' })).id;
    agent = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Rey Reply' });
    manager = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Mia Manage' });
    viewer = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Vic View' });
    outsider = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Otto Outside' });
    await grant(db(), queueId, { userId: agent.id }, 'reply');
    await grant(db(), queueId, { userId: manager.id }, 'manage');
    await grant(db(), queueId, { userId: viewer.id }, 'view');
  });
  afterAll(async () => {
    await server?.close();
  });

  // ---- helpers: each request that writes moves the clock first ----

  const aCustomer = (organizationId?: string) =>
    aSignedInUser(server.url, db(), {
      role: 'customer',
      name: `Cus ${unique()}`,
      organizationId: organizationId ?? null,
    });

  const postTicket = (caller: SignedIn, body: Record<string, unknown>) => {
    tick();
    return api().post('/api/v1/tickets').set('Authorization', caller.auth).send(body);
  };

  /** Opens a ticket (201 expected); staff name a fresh requester unless the body says otherwise. */
  async function openTicket(caller: SignedIn, body: Record<string, unknown> = {}): Promise<Ticket> {
    const response = await postTicket(caller, {
      subject: 'The printer is on fire',
      text: 'Smoke everywhere.',
      queueId,
      ...(caller.role === 'customer'
        ? {}
        : { requester: { email: `requester-${unique()}@example.com`, name: 'Rita Requester' } }),
      ...body,
    });
    expectStatus(response, 201);
    return response.body as Ticket;
  }

  const patch = (
    caller: SignedIn,
    reference: string,
    ifMatch: number | string | undefined,
    body: Record<string, unknown>,
  ) => {
    tick();
    const call = api()
      .patch(`/api/v1/tickets/${encodeURIComponent(reference)}`)
      .set('Authorization', caller.auth);
    if (ifMatch !== undefined) {
      call.set('If-Match', typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch);
    }
    return call.send(body);
  };

  /** Changes a ticket at the version it was read (200 expected). */
  async function change(
    caller: SignedIn,
    ticket: Ticket,
    body: Record<string, unknown>,
  ): Promise<Ticket> {
    const response = await patch(caller, ticket.id, ticket.version, body);
    expectStatus(response, 200);
    return response.body as Ticket;
  }

  const postMessage = (caller: SignedIn, reference: string, body: Record<string, unknown>) => {
    tick();
    return api()
      .post(`/api/v1/tickets/${encodeURIComponent(reference)}/messages`)
      .set('Authorization', caller.auth)
      .send(body);
  };

  async function reply(
    caller: SignedIn,
    ticket: { id: string },
    body: Record<string, unknown>,
  ): Promise<{ id: string; ticket: Ticket }> {
    const response = await postMessage(caller, ticket.id, body);
    expectStatus(response, 201);
    return response.body as { id: string; ticket: Ticket };
  }

  async function read(caller: SignedIn, reference: string): Promise<Ticket> {
    const response = await api()
      .get(`/api/v1/tickets/${encodeURIComponent(reference)}`)
      .set('Authorization', caller.auth);
    expectStatus(response, 200);
    return response.body as Ticket;
  }

  async function timelineOf(caller: SignedIn, reference: string): Promise<TimelineItem[]> {
    const response = await api()
      .get(`/api/v1/tickets/${encodeURIComponent(reference)}/timeline`)
      .set('Authorization', caller.auth);
    expectStatus(response, 200);
    return (response.body as { items: TimelineItem[] }).items;
  }

  /** Every page of a list, in order, with the raw bodies for leak checks. */
  async function listAll(
    caller: SignedIn,
    query: Record<string, string | number> = {},
  ): Promise<{ items: Ticket[]; bodies: unknown[] }> {
    const items: Ticket[] = [];
    const bodies: unknown[] = [];
    let cursor: string | null = null;
    do {
      const response = await api()
        .get('/api/v1/tickets')
        .query({ limit: 200, ...query, ...(cursor ? { cursor } : {}) })
        .set('Authorization', caller.auth);
      expectStatus(response, 200);
      bodies.push(response.body);
      items.push(...(response.body.items as Ticket[]));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    return { items, bodies };
  }

  const idsOf = (tickets: { id: string }[]) => tickets.map((t) => t.id);

  /** A fresh ticket in the given state, reached through legal changes. */
  async function ticketIn(state: State, options: { requesterEmail?: string } = {}) {
    let ticket = await openTicket(
      agent,
      options.requesterEmail ? { requester: { email: options.requesterEmail } } : {},
    );
    const path: Record<State, State[]> = {
      new: [],
      open: ['open'],
      pending: ['pending'],
      resolved: ['resolved'],
      closed: ['resolved', 'closed'],
      merged: [],
    };
    for (const next of path[state]) ticket = await change(agent, ticket, { state: next });
    expect(ticket.state).toBe(state);
    return ticket;
  }

  const setQueue = async (id: string, body: Record<string, unknown>) => {
    const response = await api()
      .patch(`/api/v1/queues/${id}`)
      .set('Authorization', admin.auth)
      .send(body);
    expectStatus(response, 200);
  };

  const messagesOf = (ticketId: string) =>
    db().query<{ author_id: string; internal: boolean; body_text: string; body_html: string }[]>(
      'SELECT author_id, internal, body_text, body_html FROM ticket_messages WHERE ticket_id = $1 ORDER BY created_at, id',
      [ticketId],
    );

  // ---------------------------------------------------------------------------------------------

  describe('POST /api/v1/tickets', () => {
    it('lets an agent with reply access open a ticket for a requester, who becomes a customer', async () => {
      const queue = await api()
        .post('/api/v1/queues')
        .set('Authorization', admin.auth)
        .send({ name: 'Hardware', slug: `hardware-${unique()}`, defaultPriority: 'high' });
      expectStatus(queue, 201);
      await grant(db(), queue.body.id, { userId: agent.id }, 'reply');
      const email = `ada-${unique()}@example.com`;

      const response = await postTicket(agent, {
        subject: '  Laptop will not boot  ',
        text: 'It beeps three times.',
        queueId: queue.body.id,
        requester: { email: email.toUpperCase(), name: 'Ada Lovelace' },
        tags: ['VIP', 'printer', ' vip ', 'a-b'],
      });
      expectStatus(response, 201);
      const ticket = response.body as Ticket;
      expect(ticket).toMatchObject({
        subject: 'Laptop will not boot',
        state: 'new',
        priority: 'high',
        queueId: queue.body.id,
        queueName: 'Hardware',
        assigneeId: null,
        assigneeName: null,
        requesterName: 'Ada Lovelace',
        requesterEmail: email,
        organizationId: null,
        channel: 'api',
        tags: ['a-b', 'printer', 'vip'],
        mergedIntoId: null,
        firstResponseAt: null,
        resolvedAt: null,
        reopenCount: 0,
        version: 1,
        createdAt: clock.now().toISOString(),
        updatedAt: clock.now().toISOString(),
      });
      expect(ticket.number).toBeGreaterThanOrEqual(10001);

      const users = await db().query<{ id: string; role: string; name: string }[]>(
        'SELECT id, role, name FROM users WHERE email = $1',
        [email],
      );
      expect(users).toEqual([{ id: ticket.requesterId, role: 'customer', name: 'Ada Lovelace' }]);
      // The body is the first message, written by the requester.
      expect(await messagesOf(ticket.id)).toEqual([
        {
          author_id: ticket.requesterId,
          internal: false,
          body_text: 'It beeps three times.',
          body_html: null,
        },
      ]);
    });

    it('gives numbers from 10001 up, each larger than the last', async () => {
      const first = await openTicket(agent);
      const second = await openTicket(agent);
      expect(second.number).toBeGreaterThan(first.number);
      const [row] = await db().query<{ min: number }[]>('SELECT min(number) AS min FROM tickets');
      expect(row?.min).toBe(10001);
    });

    it('finds the requester again by email, in any case, on the next ticket', async () => {
      const email = `grace-${unique()}@example.com`;
      const first = await openTicket(agent, { requester: { email, name: 'Grace Hopper' } });
      const second = await openTicket(manager, {
        requester: { email: email.toUpperCase(), name: 'G. Hopper' },
      });
      expect(second.requesterId).toBe(first.requesterId);
      const [row] = await db().query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM users WHERE lower(email) = $1',
        [email],
      );
      expect(row?.count).toBe(1);
    });

    it('puts a new requester in the organisation owning their email domain', async () => {
      const domain = `acme-${unique()}.test`;
      const organization = await anOrganization(db(), { domains: [domain] });
      const ticket = await openTicket(agent, { requester: { email: `wile@${domain}` } });
      expect(ticket.organizationId).toBe(organization.id);
      expect(ticket.requesterName).toBe('wile');
    });

    it('lets a customer open a ticket for themselves, without assignee or tags in the answer', async () => {
      const organization = await anOrganization(db());
      const customer = await aCustomer(organization.id);
      const response = await postTicket(customer, {
        subject: 'My invoice is wrong',
        text: 'Twice the amount.',
        queueId,
        tags: ['billing'],
      });
      expectStatus(response, 201);
      expect(response.body).toMatchObject({
        requesterId: customer.id,
        requesterEmail: customer.email,
        organizationId: organization.id,
        state: 'new',
        channel: 'api',
        version: 1,
      });
      for (const key of ['assigneeId', 'assigneeName', 'tags']) {
        expect(response.body).not.toHaveProperty(key);
      }
      expect(await messagesOf(response.body.id)).toEqual([
        expect.objectContaining({ author_id: customer.id, body_text: 'Twice the amount.' }),
      ]);
    });

    it('refuses a customer naming a requester (400 requester)', async () => {
      const customer = await aCustomer();
      const response = await postTicket(customer, {
        subject: 'For my boss',
        text: 'Please',
        queueId,
        requester: { email: `boss-${unique()}@example.com` },
      });
      expectStatus(response, 400);
      expect(fieldsOf(response.body)).toEqual(['requester']);
    });

    it('refuses staff leaving out the requester (400 requester)', async () => {
      for (const caller of [agent, admin]) {
        const response = await postTicket(caller, { subject: 'Who?', text: 'Nobody', queueId });
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['requester']);
      }
    });

    it('refuses an unknown or inactive queue (400 queueId)', async () => {
      const inactive = (await aQueue(db())).id;
      await grant(db(), inactive, { userId: agent.id }, 'reply');
      await setQueue(inactive, { active: false });
      const customer = await aCustomer();
      const attempts: [SignedIn, string][] = [
        [admin, UNKNOWN_ID],
        [customer, UNKNOWN_ID],
        [agent, inactive],
        [admin, inactive],
        [customer, inactive],
      ];
      for (const [caller, target] of attempts) {
        const response = await postTicket(caller, {
          subject: 'Lost',
          text: 'Where does this go?',
          queueId: target,
          ...(caller.role === 'customer' ? {} : { requester: { email: 'x@example.com' } }),
        });
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['queueId']);
      }
      const [row] = await db().query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tickets WHERE queue_id = $1',
        [inactive],
      );
      expect(row?.count).toBe(0);
    });

    it('needs reply access to the queue: view answers 403, none (or an unknown queue) 404', async () => {
      const body = {
        subject: 'Hello',
        text: 'Anyone?',
        requester: { email: `r-${unique()}@example.com` },
      };
      expectStatus(await postTicket(viewer, { ...body, queueId }), 403);
      expectStatus(await postTicket(outsider, { ...body, queueId }), 404);
      expectStatus(await postTicket(outsider, { ...body, queueId: UNKNOWN_ID }), 404);
      const [row] = await db().query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM users WHERE email = $1',
        [body.requester.email],
      );
      expect(row?.count).toBe(0);
    });

    it('names each invalid field', async () => {
      const requester = { email: `v-${unique()}@example.com` };
      const cases: [Record<string, unknown>, string[]][] = [
        [{ queueId, requester }, ['subject', 'text']],
        [{ queueId, requester, subject: '', text: '' }, ['subject', 'text']],
        [{ queueId, requester, subject: 'x'.repeat(501), text: 'Long' }, ['subject']],
        [{ queueId, requester, subject: 'Tags', text: 'Bad', tags: ['no spaces'] }, ['tags']],
        [{ queueId, requester, subject: 'Tags', text: 'Bad', tags: 'vip' }, ['tags']],
        [{ queueId, requester, subject: 'Extra', text: 'Field', colour: 'red' }, ['colour']],
        [{ queueId, requester, subject: 'Prio', text: 'Bad', priority: 'critical' }, ['priority']],
        [
          { queueId, requester: { email: 'nope' }, subject: 'Who', text: 'Bad' },
          ['requester.email'],
        ],
      ];
      for (const [body, fields] of cases) {
        const response = await postTicket(agent, body);
        expectStatus(response, 400);
        expect(response.body.code).toBe('validation_failed');
        expect(fieldsOf(response.body)).toEqual(fields);
      }
      const [row] = await db().query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM users WHERE email = $1',
        [requester.email],
      );
      expect(row?.count).toBe(0);
      // The longest subject allowed is fine.
      const longest = await openTicket(agent, { subject: 's'.repeat(500) });
      expect(longest.subject).toHaveLength(500);
    });

    it('refuses a subject of blanks only (400 subject) instead of storing an empty one', async () => {
      const response = await postTicket(agent, {
        subject: '   ',
        text: 'No subject',
        queueId,
        requester: { email: `blank-${unique()}@example.com` },
      });
      expectStatus(response, 400);
      expect(fieldsOf(response.body)).toEqual(['subject']);
    });

    it('refuses a first message with neither text nor html (html: null) with 400', async () => {
      const email = `null-html-${unique()}@example.com`;
      const response = await postTicket(agent, {
        subject: 'Empty',
        html: null,
        queueId,
        requester: { email },
      });
      expectStatus(response, 400);
      expect(fieldsOf(response.body)).toEqual(expect.arrayContaining(['text']));
    });
  });

  describe('GET /api/v1/tickets/:id', () => {
    it('finds a ticket by UUID, by number and by #number, with its version as ETag', async () => {
      const opened = await openTicket(agent);
      const changed = await change(agent, opened, { priority: 'low' });
      const references = [
        opened.id,
        opened.id.toUpperCase(),
        String(opened.number),
        `#${opened.number}`,
      ];
      for (const reference of references) {
        const response = await api()
          .get(`/api/v1/tickets/${encodeURIComponent(reference)}`)
          .set('Authorization', viewer.auth);
        expectStatus(response, 200);
        expect(response.body).toEqual(changed);
        expect(response.headers.etag).toBe('"2"');
      }
    });

    it('serves ticket #10001 under 10001 and %2310001', async () => {
      const [row] = await db().query<{ id: string }[]>(
        'SELECT id FROM tickets WHERE number = 10001',
      );
      const id = row?.id ?? (await openTicket(agent)).id;
      const plain = await api().get('/api/v1/tickets/10001').set('Authorization', admin.auth);
      const hashed = await api().get('/api/v1/tickets/%2310001').set('Authorization', admin.auth);
      expectStatus(plain, 200);
      expectStatus(hashed, 200);
      expect(plain.body.id).toBe(id);
      expect(hashed.body).toEqual(plain.body);
      expect(hashed.headers.etag).toBe(`"${plain.body.version}"`);
    });

    it('answers 404 for an unknown id or number, or something that is neither', async () => {
      for (const reference of [UNKNOWN_ID, '99999', '%2399999', 'not-a-ticket', '0']) {
        const response = await api()
          .get(`/api/v1/tickets/${reference}`)
          .set('Authorization', admin.auth);
        expectStatus(response, 404);
        expect(response.body.code).toBe('not_found');
      }
    });

    it('answers 404 for a number beyond any ticket number (larger than a 32-bit integer)', async () => {
      for (const reference of ['99999999999', '%2399999999999']) {
        const responses = await Promise.all([
          api().get(`/api/v1/tickets/${reference}`).set('Authorization', admin.auth),
          api().get(`/api/v1/tickets/${reference}/timeline`).set('Authorization', admin.auth),
        ]);
        for (const response of responses) {
          expectStatus(response, 404);
        }
      }
    });

    it('hides a ticket from agents without access to its queue and from other customers (404)', async () => {
      const ticket = await openTicket(agent);
      const stranger = await aCustomer();
      for (const caller of [outsider, stranger]) {
        expectStatus(
          await api().get(`/api/v1/tickets/${ticket.id}`).set('Authorization', caller.auth),
          404,
        );
        expectStatus(
          await api()
            .get(`/api/v1/tickets/${ticket.id}/timeline`)
            .set('Authorization', caller.auth),
          404,
        );
      }
    });
  });

  describe('PATCH /api/v1/tickets/:id', () => {
    describe('If-Match', () => {
      it('is required: 428 precondition_required without it, and nothing changes', async () => {
        const ticket = await openTicket(agent);
        const response = await patch(agent, ticket.id, undefined, { priority: 'urgent' });
        expectStatus(response, 428);
        expect(response.body.code).toBe('precondition_required');
        expect(await read(agent, ticket.id)).toEqual(ticket);
      });

      it('must be the version read: a stale one answers 412 with currentVersion, nothing written', async () => {
        const ticket = await openTicket(agent);
        const changed = await change(agent, ticket, { priority: 'high' });
        const response = await patch(agent, ticket.id, ticket.version, { subject: 'Too late' });
        expectStatus(response, 412);
        expect(response.body).toMatchObject({
          code: 'precondition_failed',
          currentVersion: changed.version,
        });
        expect(await read(agent, ticket.id)).toEqual(changed);
        const events = (await timelineOf(agent, ticket.id)).filter((e) => e.type === 'subject');
        expect(events).toEqual([]);
      });

      it('answers 400 naming If-Match when it is not a version', async () => {
        const ticket = await openTicket(agent);
        for (const value of ['abc', '"v1"', '*', '1.5', '"-1"']) {
          const response = await patch(agent, ticket.id, value, { priority: 'urgent' });
          expectStatus(response, 400);
          expect(fieldsOf(response.body)).toEqual(['If-Match']);
        }
        expect((await read(agent, ticket.id)).version).toBe(1);
      });

      it('accepts the version bare, quoted or as a weak ETag; answers with the new ETag', async () => {
        let ticket = await openTicket(agent);
        for (const [form, priority] of [
          ['1', 'low'],
          ['"2"', 'high'],
          ['W/"3"', 'urgent'],
        ] as const) {
          const response = await patch(agent, ticket.id, form, { priority });
          expectStatus(response, 200);
          expect(response.headers.etag).toBe(`"${ticket.version + 1}"`);
          ticket = response.body as Ticket;
          expect(ticket.priority).toBe(priority);
        }
        expect(ticket.version).toBe(4);
      });
    });

    describe('states', () => {
      const LEGAL: [State, State][] = [
        ['new', 'open'],
        ['new', 'pending'],
        ['new', 'resolved'],
        ['open', 'pending'],
        ['open', 'resolved'],
        ['pending', 'open'],
        ['pending', 'resolved'],
        ['resolved', 'open'],
        ['resolved', 'closed'],
      ];

      it.each(LEGAL)('%s → %s is allowed', async (from, to) => {
        const ticket = await ticketIn(from);
        const response = await patch(agent, ticket.id, ticket.version, { state: to });
        expectStatus(response, 200);
        expect(response.body).toMatchObject({ state: to, version: ticket.version + 1 });
        expect(response.headers.etag).toBe(`"${ticket.version + 1}"`);
        expect(await read(agent, ticket.id)).toEqual(response.body);
        const events = (await timelineOf(agent, ticket.id)).filter((e) => e.type === 'state');
        expect(events.at(-1)).toMatchObject({ actorId: agent.id, before: from, after: to });
      });

      const ILLEGAL: [State, State][] = [
        ['new', 'closed'],
        ['new', 'merged'],
        ['open', 'new'],
        ['open', 'closed'],
        ['open', 'merged'],
        ['pending', 'new'],
        ['pending', 'closed'],
        ['pending', 'merged'],
        ['resolved', 'new'],
        ['resolved', 'pending'],
        ['resolved', 'merged'],
      ];

      it.each(ILLEGAL)(
        '%s → %s answers 409 invalid_transition with the allowed targets',
        async (from, to) => {
          const ticket = await ticketIn(from);
          const response = await patch(agent, ticket.id, ticket.version, { state: to });
          expectStatus(response, 409);
          expect(response.body).toMatchObject({
            code: 'invalid_transition',
            from,
            to,
            allowedTargets: ALLOWED[from],
          });
          expect(await read(agent, ticket.id)).toEqual(ticket);
        },
      );

      it.each(['open', 'pending', 'resolved', 'new', 'merged'] as State[])(
        'a closed ticket cannot become %s (409), and takes no other change either',
        async (to) => {
          const ticket = await ticketIn('closed');
          const response = await patch(agent, ticket.id, ticket.version, { state: to });
          expectStatus(response, 409);
          const other = await patch(agent, ticket.id, ticket.version, { priority: 'urgent' });
          expectStatus(other, 409);
          expect(await read(agent, ticket.id)).toEqual(ticket);
        },
      );

      it('stamps resolvedAt on resolving; reopening counts and clears it; closing keeps it', async () => {
        let ticket = await openTicket(agent);
        ticket = await change(agent, ticket, { state: 'resolved' });
        expect(ticket.resolvedAt).toBe(clock.now().toISOString());
        ticket = await change(agent, ticket, { state: 'open' });
        expect(ticket).toMatchObject({ state: 'open', resolvedAt: null, reopenCount: 1 });
        ticket = await change(agent, ticket, { state: 'pending' });
        ticket = await change(agent, ticket, { state: 'resolved' });
        const resolvedAt = clock.now().toISOString();
        expect(ticket).toMatchObject({ resolvedAt, reopenCount: 1 });
        ticket = await change(agent, ticket, { state: 'closed' });
        expect(ticket).toMatchObject({ state: 'closed', resolvedAt, reopenCount: 1 });
        expect(ticket.updatedAt).toBe(clock.now().toISOString());
      });

      it('is refused to agents with view access only (403)', async () => {
        const ticket = await openTicket(agent);
        expectStatus(await patch(viewer, ticket.id, ticket.version, { state: 'open' }), 403);
        expectStatus(await patch(outsider, ticket.id, ticket.version, { state: 'open' }), 404);
        const customer = await aCustomer();
        const own = await openTicket(customer);
        expectStatus(await patch(customer, own.id, own.version, { state: 'resolved' }), 403);
      });
    });

    it('changes priority, subject and tags, and names invalid values', async () => {
      const ticket = await openTicket(agent, { tags: ['old'] });
      const response = await patch(agent, `#${ticket.number}`, ticket.version, {
        priority: 'urgent',
        subject: '  Printer melted  ',
        tags: ['Zeta', 'alpha', 'ALPHA'],
      });
      expectStatus(response, 200);
      expect(response.body).toMatchObject({
        priority: 'urgent',
        subject: 'Printer melted',
        tags: ['alpha', 'zeta'],
        version: 2,
        updatedAt: clock.now().toISOString(),
      });
      const cleared = await change(agent, response.body as Ticket, { tags: [] });
      expect(cleared.tags).toEqual([]);

      const invalid: [Record<string, unknown>, string[]][] = [
        [{ priority: 'critical' }, ['priority']],
        [{ state: 'done' }, ['state']],
        [{ subject: '' }, ['subject']],
        [{ subject: null, priority: null }, ['priority', 'subject']],
        [{ subject: 'x'.repeat(501) }, ['subject']],
        [{ tags: ['no spaces'] }, ['tags']],
        [{ tags: null }, ['tags']],
        [{ colour: 'red' }, ['colour']],
      ];
      for (const [body, fields] of invalid) {
        const bad = await patch(agent, ticket.id, cleared.version, body);
        expectStatus(bad, 400);
        expect(fieldsOf(bad.body)).toEqual(fields);
      }
      expect(await read(agent, ticket.id)).toEqual(cleared);
    });

    it('refuses a subject of blanks only (400 subject) instead of storing an empty one', async () => {
      const ticket = await openTicket(agent);
      const response = await patch(agent, ticket.id, ticket.version, { subject: '   ' });
      expectStatus(response, 400);
      expect(fieldsOf(response.body)).toEqual(['subject']);
      expect((await read(agent, ticket.id)).subject).toBe(ticket.subject);
    });

    describe('assignment', () => {
      it('lets an agent with reply access take a ticket, but not give it to anyone else (403)', async () => {
        const ticket = await openTicket(agent);
        const toOther = await patch(agent, ticket.id, ticket.version, { assigneeId: manager.id });
        expectStatus(toOther, 403);
        expectStatus(
          await patch(viewer, ticket.id, ticket.version, { assigneeId: viewer.id }),
          403,
        );
        const taken = await change(agent, ticket, { assigneeId: agent.id });
        expect(taken).toMatchObject({
          assigneeId: agent.id,
          assigneeName: 'Rey Reply',
          version: 2,
        });
        // Unassigning is assigning to nobody: it needs manage too.
        expectStatus(await patch(agent, ticket.id, taken.version, { assigneeId: null }), 403);
        expect(await read(agent, ticket.id)).toEqual(taken);
      });

      it('lets a manager assign to another agent and unassign', async () => {
        const ticket = await openTicket(agent);
        const assigned = await change(manager, ticket, { assigneeId: agent.id });
        expect(assigned).toMatchObject({ assigneeId: agent.id, assigneeName: 'Rey Reply' });
        const unassigned = await change(manager, assigned, { assigneeId: null });
        expect(unassigned).toMatchObject({ assigneeId: null, assigneeName: null, version: 3 });
        const byAdmin = await change(admin, unassigned, { assigneeId: manager.id });
        expect(byAdmin.assigneeId).toBe(manager.id);
      });

      it('only gives tickets to agents who can work the queue (reply access), else 400', async () => {
        const ticket = await openTicket(agent);
        const outsider = await aUser(db(), { role: 'agent' });
        const response = await patch(manager, ticket.id, ticket.version, {
          assigneeId: outsider.id,
        });
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['assigneeId']);
        const onlyViews = await aUser(db(), { role: 'agent' });
        await grant(db(), ticket.queueId, { userId: onlyViews.id }, 'view');
        expectStatus(
          await patch(manager, ticket.id, ticket.version, { assigneeId: onlyViews.id }),
          400,
        );
        expect((await read(manager, ticket.id)).assigneeId).toBeNull();
      });

      it('lets an agent take a ticket naming their own id in upper case, as UUIDs are compared', async () => {
        const ticket = await openTicket(agent);
        const response = await patch(agent, ticket.id, ticket.version, {
          assigneeId: agent.id.toUpperCase(),
        });
        expectStatus(response, 200);
        expect(response.body).toMatchObject({ assigneeId: agent.id, version: 2 });
      });

      it('refuses a customer, an unknown or a deactivated user as assignee (400 assigneeId)', async () => {
        const ticket = await openTicket(agent);
        const customer = await aUser(db(), { role: 'customer' });
        const gone = await aUser(db(), { role: 'agent', active: false });
        for (const assigneeId of [customer.id, UNKNOWN_ID, gone.id, ticket.requesterId]) {
          const response = await patch(manager, ticket.id, ticket.version, { assigneeId });
          expectStatus(response, 400);
          expect(fieldsOf(response.body)).toEqual(['assigneeId']);
        }
        const malformed = await patch(manager, ticket.id, ticket.version, { assigneeId: 'me' });
        expectStatus(malformed, 400);
        expect(fieldsOf(malformed.body)).toEqual(['assigneeId']);
        expect(await read(agent, ticket.id)).toEqual(ticket);
      });
    });

    describe('moving to another queue', () => {
      let target: string;
      let viewOnly: string;
      let inactive: string;

      beforeAll(async () => {
        target = (await aQueue(db(), { name: 'Escalations' })).id;
        viewOnly = (await aQueue(db(), { name: 'Watched' })).id;
        inactive = (await aQueue(db(), { name: 'Retired' })).id;
        await grant(db(), target, { userId: manager.id }, 'reply');
        await grant(db(), target, { userId: agent.id }, 'manage');
        await grant(db(), viewOnly, { userId: manager.id }, 'view');
        await grant(db(), inactive, { userId: manager.id }, 'manage');
        await setQueue(inactive, { active: false });
      });

      it('takes manage where the ticket is and reply where it goes', async () => {
        const ticket = await openTicket(agent);
        // agent: reply here (manage at the target) is not enough to move it out.
        expectStatus(await patch(agent, ticket.id, ticket.version, { queueId: target }), 403);
        // manager: view at the target is not enough to move it there.
        expectStatus(await patch(manager, ticket.id, ticket.version, { queueId: viewOnly }), 403);
        const moved = await change(manager, ticket, { queueId: target });
        expect(moved).toMatchObject({ queueId: target, queueName: 'Escalations', version: 2 });
        // Those with access to the old queue only lose sight of it.
        expectStatus(
          await api().get(`/api/v1/tickets/${ticket.id}`).set('Authorization', viewer.auth),
          404,
        );
      });

      it('refuses an inactive or unknown target queue (400 queueId)', async () => {
        const ticket = await openTicket(agent);
        const toInactive = await patch(manager, ticket.id, ticket.version, { queueId: inactive });
        expectStatus(toInactive, 400);
        expect(fieldsOf(toInactive.body)).toEqual(['queueId']);
        const toUnknown = await patch(admin, ticket.id, ticket.version, { queueId: UNKNOWN_ID });
        expectStatus(toUnknown, 400);
        expect(fieldsOf(toUnknown.body)).toEqual(['queueId']);
        const malformed = await patch(admin, ticket.id, ticket.version, { queueId: 'nowhere' });
        expectStatus(malformed, 400);
        expect(fieldsOf(malformed.body)).toEqual(['queueId']);
        expect(await read(agent, ticket.id)).toEqual(ticket);
      });
    });

    it('answers 200 without a new version, event or updatedAt to a change that changes nothing', async () => {
      const ticket = await openTicket(agent, { tags: ['b', 'a'], priority: 'high' });
      const before = await timelineOf(agent, ticket.id);
      for (const body of [
        {},
        { priority: 'high', subject: ticket.subject, tags: ['B', 'a', 'a'], state: 'new' },
      ]) {
        const response = await patch(agent, ticket.id, ticket.version, body);
        expectStatus(response, 200);
        expect(response.body).toEqual(ticket);
        expect(response.headers.etag).toBe('"1"');
      }
      const moveHere = await patch(manager, ticket.id, ticket.version, {
        queueId,
        assigneeId: null,
      });
      expectStatus(moveHere, 200);
      expect(moveHere.body).toEqual(ticket);
      expect(await timelineOf(agent, ticket.id)).toEqual(before);
      // Even a change that changes nothing must name the current version.
      const changed = await change(agent, ticket, { priority: 'low' });
      const stale = await patch(agent, ticket.id, ticket.version, {});
      expectStatus(stale, 412);
      expect(stale.body.currentVersion).toBe(changed.version);
    });

    it('treats the current queue and assignee named in upper case as no change', async () => {
      const opened = await openTicket(agent);
      const ticket = await change(manager, opened, { assigneeId: agent.id });
      const before = await timelineOf(agent, ticket.id);
      const response = await patch(manager, ticket.id, ticket.version, {
        queueId: queueId.toUpperCase(),
        assigneeId: agent.id.toUpperCase(),
      });
      expectStatus(response, 200);
      expect(response.body).toEqual(ticket);
      expect(await timelineOf(agent, ticket.id)).toEqual(before);
    });

    it('lets exactly one of two simultaneous changes from the same version through (200 and 412)', async () => {
      for (let round = 0; round < 3; round++) {
        const ticket = await openTicket(agent);
        const responses = await Promise.all([
          patch(agent, ticket.id, ticket.version, { priority: 'urgent' }),
          patch(manager, ticket.id, ticket.version, { state: 'open' }),
        ]);
        expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
        const loser = responses.find((r) => r.status === 412);
        expect(loser?.body).toMatchObject({ code: 'precondition_failed', currentVersion: 2 });
        const final = await read(agent, ticket.id);
        expect(final.version).toBe(2);
        // Exactly one of the two changes was written.
        expect([final.priority === 'urgent', final.state === 'open'].sort()).toEqual([false, true]);
        const events = (await timelineOf(agent, ticket.id)).filter(
          (e) => e.type === 'priority' || e.type === 'state',
        );
        expect(events).toHaveLength(1);
      }
    });
  });

  describe('POST /api/v1/tickets/:id/messages', () => {
    it("opens a new ticket with an agent's public reply, which is its first response, once", async () => {
      const ticket = await openTicket(agent);
      const first = await reply(agent, ticket, { text: 'Unplug it.' });
      const answeredAt = clock.now().toISOString();
      expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.ticket).toMatchObject({
        state: 'open',
        firstResponseAt: answeredAt,
        version: ticket.version + 1,
        updatedAt: answeredAt,
      });
      const second = await reply(manager, ticket, { text: 'Did that help?' });
      expect(second.ticket).toMatchObject({ state: 'open', firstResponseAt: answeredAt });
      expect(await read(agent, ticket.id)).toEqual(second.ticket);
      const messages = await messagesOf(ticket.id);
      expect(messages.map((m) => [m.author_id, m.internal, m.body_text])).toEqual([
        [ticket.requesterId, false, 'Smoke everywhere.'],
        [agent.id, false, 'Unplug it.'],
        [manager.id, false, 'Did that help?'],
      ]);
    });

    it('lets an agent answer and leave the ticket pending', async () => {
      const ticket = await openTicket(agent);
      const answered = await reply(agent, ticket, { text: 'Send a photo?', state: 'pending' });
      expect(answered.ticket).toMatchObject({
        state: 'pending',
        firstResponseAt: clock.now().toISOString(),
      });
      const staying = await reply(agent, answered.ticket, { text: 'Still waiting' });
      expect(staying.ticket.state).toBe('pending');
    });

    it('refuses an agent reply naming a state the ticket cannot reach (409), storing nothing', async () => {
      const ticket = await openTicket(agent);
      const response = await postMessage(agent, ticket.id, { text: 'Bye', state: 'closed' });
      expectStatus(response, 409);
      expect(response.body).toMatchObject({
        code: 'invalid_transition',
        allowedTargets: ALLOWED.new,
      });
      expect(await messagesOf(ticket.id)).toHaveLength(1);
      expect(await read(agent, ticket.id)).toEqual(ticket);
    });

    it('adds an internal note without touching the state or the first response', async () => {
      const ticket = await openTicket(agent);
      const noted = await reply(agent, ticket, { text: 'Probably a toner issue', internal: true });
      expect(noted.ticket).toMatchObject({ state: 'new', firstResponseAt: null });
      const pending = await change(agent, noted.ticket, { state: 'pending' });
      const again = await reply(manager, pending, { text: 'Still toner', internal: true });
      expect(again.ticket.state).toBe('pending');
      const messages = await messagesOf(ticket.id);
      expect(messages.map((m) => m.internal)).toEqual([false, true, true]);
    });

    it('needs reply access for replies and notes: view answers 403, none 404', async () => {
      const ticket = await openTicket(agent);
      for (const internal of [false, true]) {
        expectStatus(await postMessage(viewer, ticket.id, { text: 'Hi', internal }), 403);
        expectStatus(await postMessage(outsider, ticket.id, { text: 'Hi', internal }), 404);
      }
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    it('brings a pending ticket back to open and reopens a resolved one when the customer answers', async () => {
      const customer = await aCustomer();
      let ticket = await openTicket(customer);
      ticket = await change(agent, ticket, { state: 'pending' });
      const answered = await reply(customer, ticket, { text: 'Here is the photo.' });
      expect(answered.ticket).toMatchObject({ state: 'open', reopenCount: 0 });
      // The requester answering is never the first response.
      expect(answered.ticket.firstResponseAt).toBeNull();

      ticket = await read(agent, ticket.id);
      ticket = await change(agent, ticket, { state: 'resolved' });
      expect(ticket.resolvedAt).not.toBeNull();
      const reopened = await reply(customer, ticket, { text: 'It broke again.' });
      expect(reopened.ticket).toMatchObject({ state: 'open', reopenCount: 1, resolvedAt: null });

      const events = (await timelineOf(agent, ticket.id)).filter((e) => e.type === 'state');
      expect(events.map((e) => [e.before, e.after, e.actorId])).toEqual([
        ['new', 'pending', agent.id],
        ['pending', 'open', customer.id],
        ['open', 'resolved', agent.id],
        ['resolved', 'open', customer.id],
      ]);
    });

    it('leaves new and open tickets as they are when the customer writes', async () => {
      const customer = await aCustomer();
      const ticket = await openTicket(customer);
      const more = await reply(customer, ticket, { text: 'Also the scanner.' });
      expect(more.ticket.state).toBe('new');
      const open = await change(agent, await read(agent, ticket.id), { state: 'open' });
      const evenMore = await reply(customer, open, { text: 'And the fax.' });
      expect(evenMore.ticket.state).toBe('open');
    });

    it('refuses agent messages on a closed ticket (409); a customer reply opens a follow-up', async () => {
      const customer = await aCustomer();
      let ticket = await openTicket(customer);
      ticket = await change(agent, ticket, { state: 'resolved' });
      ticket = await change(agent, ticket, { state: 'closed' });
      expectStatus(await postMessage(agent, ticket.id, { text: 'Hello!' }), 409);
      expectStatus(await postMessage(agent, ticket.id, { text: 'Note', internal: true }), 409);
      // The customer's reply goes to a new ticket (see ticket-merge.e2e-spec.ts for follow-ups).
      const followUp = await reply(customer, ticket, { text: 'Hello?' });
      expect(followUp.ticket.id).not.toBe(ticket.id);
      expect(await messagesOf(followUp.ticket.id)).toHaveLength(1);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
      expect(await read(agent, ticket.id)).toEqual(ticket);
    });

    it('does not reopen a ticket closed while a customer reply to it was being written', async () => {
      const customer = await aCustomer();
      let ticket = await openTicket(customer);
      ticket = await change(agent, ticket, { state: 'resolved' });
      /** Polls until `done` holds; a wait for the database, not a timing assertion. */
      const waitUntil = async (what: string, done: () => Promise<boolean>) => {
        for (let attempt = 0; attempt < 500; attempt++) {
          if (await done()) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`gave up waiting until ${what}`);
      };
      const waiting = async (pattern: string) => {
        const [row] = await db().query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
          [pattern],
        );
        return (row?.count ?? 0) > 0;
      };
      // Lock the requester's user row, which a new message refers to: the reply reads the
      // (resolved) ticket, then waits to write its message while the agent closes the ticket.
      const lock = db().createQueryRunner();
      await lock.connect();
      await lock.startTransaction();
      let close: Promise<request.Response> | undefined;
      let answer: Promise<request.Response> | undefined;
      try {
        await lock.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [customer.id]);
        answer = postMessage(customer, ticket.id, { text: 'Wait, not fixed!' }).then((r) => r);
        await waitUntil('the reply waits', () => waiting('%ticket_messages%'));
        let closeSettled = false;
        close = patch(agent, ticket.id, ticket.version, { state: 'closed' }).then((r) => {
          closeSettled = true;
          return r;
        });
        await waitUntil(
          'the close is done or waits for the reply',
          async () => closeSettled || (await waiting('%UPDATE tickets%')),
        );
      } finally {
        await lock.commitTransaction();
        await lock.release();
      }
      const [closed, answered] = await Promise.all([close, answer]);
      const final = await read(agent, ticket.id);
      // Either order is fine, as long as the outcome is one that the two requests one after the
      // other could give: closed first (the reply opens a follow-up and the closed ticket stays as
      // it is), or the reply first (the close is stale). Never a closed ticket reopened by a reply
      // that was written for a resolved one.
      expect([
        [200, 201, 'closed', 0],
        [412, 201, 'open', 1],
      ]).toContainEqual([closed?.status, answered?.status, final.state, final.reopenCount]);
      const landedIn = (answered?.body as { ticket: Ticket }).ticket.id;
      expect(landedIn === ticket.id).toBe(final.state === 'open');
    });

    it('does not let a customer choose the state (400) or write an internal note (403)', async () => {
      const customer = await aCustomer();
      const ticket = await openTicket(customer);
      const withState = await postMessage(customer, ticket.id, { text: 'Done', state: 'resolved' });
      expectStatus(withState, 400);
      expect(fieldsOf(withState.body)).toEqual(['state']);
      const note = await postMessage(customer, ticket.id, { text: 'Psst', internal: true });
      expectStatus(note, 403);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    it('names invalid fields', async () => {
      const ticket = await openTicket(agent);
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['text']],
        [{ text: '' }, ['text']],
        [{ text: 'Hi', internal: 'yes' }, ['internal']],
        [{ text: 'Hi', state: 'done' }, ['state']],
        [{ text: 'Hi', cc: 'boss@example.com' }, ['cc']],
      ];
      for (const [body, fields] of cases) {
        const response = await postMessage(agent, ticket.id, body);
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(fields);
      }
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    it('refuses a message with neither text nor html (html: null) with 400', async () => {
      const ticket = await openTicket(agent);
      const response = await postMessage(agent, ticket.id, { html: null });
      expectStatus(response, 400);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    describe('HTML', () => {
      const HOSTILE =
        '<p>Hello <b>there</b></p><script>alert(1)</script>' +
        '<p><img src=x onerror=alert(1)><a href="javascript:alert(1)">click</a>' +
        '<img src="https://tracker.example/p.gif"></p>';
      const FORBIDDEN = ['<script', 'onerror', 'javascript:', 'tracker.example', 'alert(1)'];

      const expectClean = (value: string | null | undefined) => {
        expect(typeof value).toBe('string');
        for (const needle of FORBIDDEN) expect(value).not.toContain(needle);
      };

      it('is sanitised before it is stored and served; the text is rendered from it', async () => {
        const ticket = await openTicket(agent);
        const created = await reply(agent, ticket, { html: HOSTILE });
        const [stored] = (await messagesOf(ticket.id)).slice(-1);
        expectClean(stored?.body_html);
        expect(stored?.body_html).toContain('<b>there</b>');
        expect(stored?.body_text).toBe('Hello there\n\nclick');

        const served = (await timelineOf(agent, ticket.id)).find((i) => i.id === created.id);
        expect(served).toMatchObject({ kind: 'message', text: 'Hello there\n\nclick' });
        expectClean(served?.html);
        expect(served?.html).toBe(stored?.body_html);
      });

      it('keeps the text given alongside html, and cleans the first message of a new ticket', async () => {
        const customer = await aCustomer();
        const ticket = await openTicket(customer, { html: HOSTILE, text: undefined });
        const [first] = await messagesOf(ticket.id);
        expectClean(first?.body_html);
        expect(first?.body_text).toBe('Hello there\n\nclick');
        const both = await reply(customer, ticket, { html: HOSTILE, text: 'My own words' });
        const served = (await timelineOf(customer, ticket.id)).find((i) => i.id === both.id);
        expect(served?.text).toBe('My own words');
        expectClean(served?.html);
      });
    });
  });

  describe('GET /api/v1/tickets/:id/timeline', () => {
    it('shows an agent the messages and an event for every change, oldest first', async () => {
      const target = (await aQueue(db(), { name: 'Second line' })).id;
      await grant(db(), target, { userId: manager.id }, 'reply');
      const ticket = await openTicket(agent, { subject: 'Old subject', tags: ['one'] });
      let current = await change(agent, ticket, { state: 'open' });
      current = await change(agent, current, { priority: 'urgent' });
      current = await change(manager, current, { assigneeId: agent.id });
      current = await change(agent, current, { tags: ['two', 'one'] });
      current = await change(agent, current, { subject: 'New subject' });
      current = await change(manager, current, { queueId: target });
      const answer = await reply(manager, current, { text: 'On it.' });
      const note = await reply(manager, current, { text: 'Call them.', internal: true });

      const items = await timelineOf(manager, ticket.id);
      const shape = items.map((i) =>
        i.kind === 'message'
          ? ['message', i.actorId, i.internal, i.text]
          : ['event', i.actorId, i.type, i.before, i.after],
      );
      expect(shape).toEqual([
        [
          'event',
          agent.id,
          'created',
          null,
          { state: 'new', queueId, channel: 'api', requesterId: ticket.requesterId },
        ],
        ['message', ticket.requesterId, false, 'Smoke everywhere.'],
        [
          'event',
          ticket.requesterId,
          'message',
          null,
          { messageId: items[1]?.id, internal: false },
        ],
        ['event', agent.id, 'state', 'new', 'open'],
        ['event', agent.id, 'priority', 'normal', 'urgent'],
        ['event', manager.id, 'assignee', null, agent.id],
        ['event', agent.id, 'tags', ['one'], ['one', 'two']],
        ['event', agent.id, 'subject', 'Old subject', 'New subject'],
        ['event', manager.id, 'queue', queueId, target],
        ['message', manager.id, false, 'On it.'],
        ['event', manager.id, 'message', null, { messageId: answer.id, internal: false }],
        ['message', manager.id, true, 'Call them.'],
        ['event', manager.id, 'message', null, { messageId: note.id, internal: true }],
      ]);
      expect(items[0]?.actorName).toBe('Rey Reply');
      const times = items.map((i) => i.createdAt);
      expect([...times].sort()).toEqual(times);
    });

    it('shows the requester the public messages only: no internal note, no event, ever', async () => {
      const organization = await anOrganization(db(), { shareTickets: true });
      const customer = await aCustomer(organization.id);
      const colleague = await aCustomer(organization.id);
      const secret = `Internal: refund refused ${unique()}`;
      const ticket = await openTicket(agent, { requester: { email: customer.email } });
      expect(ticket.requesterId).toBe(customer.id);
      const note = await reply(agent, ticket, { text: secret, internal: true });
      const answer = await reply(agent, ticket, { text: 'We are on it.' });
      await change(agent, answer.ticket, { assigneeId: agent.id, tags: ['refund'] });
      const theirs = await postMessage(customer, ticket.id, { text: 'Thanks!' });
      expectStatus(theirs, 201);

      // The note is there for agents...
      const forAgents = await timelineOf(agent, ticket.id);
      expect(forAgents.some((i) => i.text === secret)).toBe(true);
      expect(JSON.stringify(forAgents)).toContain(note.id);

      // ...and in nothing the requester or their colleague gets.
      for (const caller of [customer, colleague]) {
        const timeline = await api()
          .get(`/api/v1/tickets/${ticket.id}/timeline`)
          .set('Authorization', caller.auth);
        expectStatus(timeline, 200);
        const items = timeline.body.items as TimelineItem[];
        expect(items.map((i) => [i.kind, i.internal, i.text])).toEqual([
          ['message', false, 'Smoke everywhere.'],
          ['message', false, 'We are on it.'],
          ['message', false, 'Thanks!'],
        ]);
        const got = await api()
          .get(`/api/v1/tickets/${ticket.id}`)
          .set('Authorization', caller.auth);
        expectStatus(got, 200);
        const listed = await listAll(caller);
        expect(idsOf(listed.items)).toContain(ticket.id);
        const seen = [timeline.text, got.text, JSON.stringify(listed.bodies), theirs.text];
        for (const text of seen) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(note.id);
        }
        // Assignment and tags are the agents' business.
        const views = [got.body, theirs.body.ticket, listed.items.find((t) => t.id === ticket.id)];
        for (const view of views) {
          expect(view).toBeDefined();
          for (const key of ['assigneeId', 'assigneeName', 'tags']) {
            expect(view).not.toHaveProperty(key);
          }
        }
      }
    });
  });

  describe('GET /api/v1/tickets', () => {
    it('shows agents the tickets of their queues, direct or through a team; admins all', async () => {
      const direct = (await aQueue(db())).id;
      const viaTeam = (await aQueue(db())).id;
      const hidden = (await aQueue(db())).id;
      const worker = await aSignedInUser(server.url, db(), { role: 'agent' });
      await grant(db(), direct, { userId: worker.id }, 'view');
      const team = await aTeam(db(), [worker.id]);
      await grant(db(), viaTeam, { teamId: team.id }, 'reply');
      const inDirect = await openTicket(admin, { queueId: direct });
      const inTeam = await openTicket(admin, { queueId: viaTeam });
      const inHidden = await openTicket(admin, { queueId: hidden });

      const seen = idsOf((await listAll(worker)).items);
      expect(seen.sort()).toEqual([inDirect.id, inTeam.id].sort());
      const all = idsOf((await listAll(admin)).items);
      expect(all).toEqual(expect.arrayContaining([inDirect.id, inTeam.id, inHidden.id]));
      const [row] = await db().query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tickets',
      );
      expect(all).toHaveLength(row?.count ?? -1);
      expect(idsOf((await listAll(outsider)).items)).toEqual([]);
      // A filter cannot widen the scope.
      expect(idsOf((await listAll(worker, { queueId: hidden })).items)).toEqual([]);
    });

    it("shows customers their own tickets, and colleagues' only when the organisation shares them", async () => {
      const sharing = await anOrganization(db(), { shareTickets: true });
      const notSharing = await anOrganization(db(), { shareTickets: false });
      const [s1, s2, p1, p2, loner] = [
        await aCustomer(sharing.id),
        await aCustomer(sharing.id),
        await aCustomer(notSharing.id),
        await aCustomer(notSharing.id),
        await aCustomer(),
      ];
      const ticketOf = new Map<string, string>();
      for (const customer of [s1, s2, p1, p2, loner]) {
        ticketOf.set(customer.id, (await openTicket(customer)).id);
      }
      const byAgent = await openTicket(agent, { requester: { email: s2.email } });
      const listOf = async (customer: SignedIn) => idsOf((await listAll(customer)).items).sort();

      expect(await listOf(s1)).toEqual(
        [ticketOf.get(s1.id), ticketOf.get(s2.id), byAgent.id].sort(),
      );
      expect(await listOf(s2)).toEqual(
        [ticketOf.get(s1.id), ticketOf.get(s2.id), byAgent.id].sort(),
      );
      expect(await listOf(p1)).toEqual([ticketOf.get(p1.id)]);
      expect(await listOf(p2)).toEqual([ticketOf.get(p2.id)]);
      expect(await listOf(loner)).toEqual([ticketOf.get(loner.id)]);
      // Reading matches listing.
      expectStatus(
        await api().get(`/api/v1/tickets/${byAgent.id}`).set('Authorization', s1.auth),
        200,
      );
      expectStatus(
        await api()
          .get(`/api/v1/tickets/${ticketOf.get(p2.id)}`)
          .set('Authorization', p1.auth),
        404,
      );
    });

    it('does not let a customer find out tags or assignees through filters', async () => {
      const customer = await aCustomer();
      const tagged = await openTicket(customer);
      await openTicket(customer);
      const secretTag = `grumpy-${unique()}`;
      await change(agent, tagged, { tags: [secretTag], assigneeId: agent.id });
      const answer = async (query: Record<string, string>) => {
        const response = await api()
          .get('/api/v1/tickets')
          .query(query)
          .set('Authorization', customer.auth);
        return { status: response.status, ids: idsOf(response.body.items ?? []).sort() };
      };
      // Whatever the answer, it must be the same for a tag the ticket has and one nobody uses,
      // and for the real assignee, another agent and nobody: otherwise it tells what is hidden.
      expect(await answer({ tag: secretTag })).toEqual(await answer({ tag: `unused-${unique()}` }));
      const byAssignee = await answer({ assignee: agent.id });
      expect(await answer({ assignee: manager.id })).toEqual(byAssignee);
      expect(await answer({ assignee: 'none' })).toEqual(byAssignee);
    });

    describe('filters', () => {
      let filterQueue: string;
      let otherQueue: string;
      let organization: string;
      let customer: TestUser;
      const t: Record<string, Ticket> = {};

      beforeAll(async () => {
        filterQueue = (await aQueue(db())).id;
        otherQueue = (await aQueue(db())).id;
        // Tickets are only given to agents who can work them.
        await grant(db(), filterQueue, { userId: agent.id }, 'reply');
        organization = (await anOrganization(db())).id;
        customer = await aUser(db(), { role: 'customer', organizationId: organization });
        t.vip = await openTicket(admin, {
          queueId: filterQueue,
          priority: 'high',
          tags: ['vip', 'printer'],
          requester: { email: customer.email },
        });
        t.mine = await openTicket(admin, { queueId: filterQueue, priority: 'low' });
        t.mine = await change(admin, t.mine, { assigneeId: admin.id, state: 'pending' });
        t.agents = await openTicket(admin, { queueId: filterQueue, tags: ['printer'] });
        t.agents = await change(admin, t.agents, { assigneeId: agent.id, state: 'open' });
        t.done = await openTicket(admin, { queueId: filterQueue, priority: 'urgent' });
        t.done = await change(admin, t.done, { state: 'resolved' });
        t.elsewhere = await openTicket(admin, {
          queueId: otherQueue,
          priority: 'high',
          tags: ['vip'],
          requester: { email: customer.email },
        });
      });

      const filtered = async (query: Record<string, string>) =>
        idsOf((await listAll(admin, { queueId: filterQueue, ...query })).items).sort();
      const ids = (...names: string[]) => names.map((name) => t[name]?.id ?? name).sort();

      it('by queue', async () => {
        expect(await filtered({})).toEqual(ids('vip', 'mine', 'agents', 'done'));
        expect(idsOf((await listAll(admin, { queueId: otherQueue })).items)).toEqual(
          ids('elsewhere'),
        );
        expect(idsOf((await listAll(admin, { queueId: UNKNOWN_ID })).items)).toEqual([]);
      });

      it('by state, one or several', async () => {
        expect(await filtered({ state: 'new' })).toEqual(ids('vip'));
        expect(await filtered({ state: 'new,pending' })).toEqual(ids('vip', 'mine'));
        expect(await filtered({ state: 'open,resolved,closed' })).toEqual(ids('agents', 'done'));
        expect(await filtered({ state: 'closed' })).toEqual([]);
      });

      it('by priority', async () => {
        expect(await filtered({ priority: 'high' })).toEqual(ids('vip'));
        expect(await filtered({ priority: 'low,urgent' })).toEqual(ids('mine', 'done'));
      });

      it('by assignee: me, none or an id', async () => {
        expect(await filtered({ assignee: 'me' })).toEqual(ids('mine'));
        expect(await filtered({ assignee: 'none' })).toEqual(ids('vip', 'done'));
        expect(await filtered({ assignee: agent.id })).toEqual(ids('agents'));
        expect(await filtered({ assignee: agent.id.toUpperCase() })).toEqual(ids('agents'));
        expect(await filtered({ assignee: manager.id })).toEqual([]);
      });

      it('by requester, organisation and tag', async () => {
        expect(await filtered({ requesterId: customer.id })).toEqual(ids('vip'));
        expect(await filtered({ organizationId: organization })).toEqual(ids('vip'));
        expect(await filtered({ tag: 'vip' })).toEqual(ids('vip'));
        expect(await filtered({ tag: 'printer' })).toEqual(ids('vip', 'agents'));
        expect(await filtered({ tag: 'printer', priority: 'normal' })).toEqual(ids('agents'));
        const everywhere = idsOf((await listAll(admin, { requesterId: customer.id })).items);
        expect(everywhere.sort()).toEqual(ids('vip', 'elsewhere'));
      });

      it('names invalid filters (400)', async () => {
        const cases: [Record<string, string>, string][] = [
          [{ state: 'new,bogus' }, 'state'],
          [{ state: 'NEW' }, 'state'],
          [{ priority: 'critical' }, 'priority'],
          [{ queueId: 'support' }, 'queueId'],
          [{ assignee: 'someone' }, 'assignee'],
          [{ requesterId: '42' }, 'requesterId'],
          [{ organizationId: 'acme' }, 'organizationId'],
          [{ tag: 'no spaces' }, 'tag'],
          [{ limit: '0' }, 'limit'],
          [{ limit: '201' }, 'limit'],
          [{ unknown: 'x' }, 'unknown'],
        ];
        for (const [query, field] of cases) {
          const response = await api()
            .get('/api/v1/tickets')
            .query(query)
            .set('Authorization', admin.auth);
          expectStatus(response, 400);
          expect(fieldsOf(response.body)).toEqual([field]);
        }
      });
    });

    describe('pages', () => {
      /** Walks a list page by page, returning every page's items. */
      async function walk(query: Record<string, string | number>, limit: number) {
        const pages: Ticket[][] = [];
        let cursor: string | null = null;
        do {
          const response = await api()
            .get('/api/v1/tickets')
            .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
            .set('Authorization', admin.auth);
          expectStatus(response, 200);
          pages.push(response.body.items as Ticket[]);
          cursor = response.body.nextCursor as string | null;
        } while (cursor && pages.length < 50);
        return pages;
      }

      it('walk every ticket once, most recently updated first, following nextCursor', async () => {
        const pageQueue = (await aQueue(db())).id;
        const created: Ticket[] = [];
        for (let i = 0; i < 12; i++) {
          created.push(await openTicket(admin, { queueId: pageQueue, subject: `Ticket ${i}` }));
        }
        // Touching an old ticket brings it to the front.
        const touched = await change(admin, created[3], { priority: 'high' });
        const expected = [
          touched.id,
          ...idsOf(created.filter((c) => c.id !== touched.id)).reverse(),
        ];

        const pages = await walk({ queueId: pageQueue }, 5);
        expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
        const walked = pages.flat();
        expect(idsOf(walked)).toEqual(expected);
        const times = walked.map((w) => w.updatedAt);
        expect([...times].sort().reverse()).toEqual(times);
        // A page that ends exactly at the end has no next page.
        const exact = await walk({ queueId: pageQueue }, 6);
        expect(exact.map((p) => p.length)).toEqual([6, 6]);
      });

      it('continue where they left off when tickets are added meanwhile', async () => {
        const pageQueue = (await aQueue(db())).id;
        const old: Ticket[] = [];
        for (let i = 0; i < 8; i++) old.push(await openTicket(admin, { queueId: pageQueue }));
        const first = await api()
          .get('/api/v1/tickets')
          .query({ queueId: pageQueue, limit: 3 })
          .set('Authorization', admin.auth);
        expectStatus(first, 200);
        const added: Ticket[] = [];
        for (let i = 0; i < 3; i++) added.push(await openTicket(admin, { queueId: pageQueue }));

        const rest: Ticket[] = [];
        let cursor = first.body.nextCursor as string | null;
        expect(cursor).toEqual(expect.any(String));
        while (cursor) {
          const response = await api()
            .get('/api/v1/tickets')
            .query({ queueId: pageQueue, limit: 3, cursor })
            .set('Authorization', admin.auth);
          expectStatus(response, 200);
          rest.push(...(response.body.items as Ticket[]));
          cursor = response.body.nextCursor as string | null;
        }
        const newestFirst = idsOf(old).reverse();
        expect(idsOf(first.body.items as Ticket[])).toEqual(newestFirst.slice(0, 3));
        expect(idsOf(rest)).toEqual(newestFirst.slice(3));
        for (const ticket of added) expect(idsOf(rest)).not.toContain(ticket.id);
      });

      it('order tickets updated in the same instant by id, without gaps or repeats', async () => {
        const pageQueue = (await aQueue(db())).id;
        tick();
        const at = clock.now();
        const created: Ticket[] = [];
        for (let i = 0; i < 7; i++) {
          const response = await api()
            .post('/api/v1/tickets')
            .set('Authorization', admin.auth)
            .send({
              subject: `Same instant ${i}`,
              text: 'Tick tock',
              queueId: pageQueue,
              requester: { email: `same-${unique()}@example.com` },
            });
          expectStatus(response, 201);
          created.push(response.body as Ticket);
        }
        expect(new Set(created.map((c) => c.updatedAt))).toEqual(new Set([at.toISOString()]));
        const pages = await walk({ queueId: pageQueue }, 3);
        expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
        expect(idsOf(pages.flat())).toEqual(idsOf(created).sort().reverse());
      });

      it('refuse a cursor they did not make (400 cursor)', async () => {
        const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
        for (const cursor of [
          'garbage',
          forged(['2026-05-04T09:00:00.000Z']),
          forged(['yesterday', UNKNOWN_ID]),
          forged(['2026-05-04T09:00:00.000Z', 'not-a-uuid']),
          forged({ updatedAt: '2026-05-04T09:00:00.000Z', id: UNKNOWN_ID }),
        ]) {
          const response = await api()
            .get('/api/v1/tickets')
            .query({ cursor })
            .set('Authorization', admin.auth);
          expectStatus(response, 400);
          expect(fieldsOf(response.body)).toEqual(['cursor']);
        }
      });
    });
  });

  describe('authentication', () => {
    it('answers 401 without a token on every ticket route', async () => {
      const ticket = await openTicket(agent);
      const calls = [
        api().get('/api/v1/tickets'),
        api().post('/api/v1/tickets').send({ subject: 'x', text: 'y', queueId }),
        api().get(`/api/v1/tickets/${ticket.id}`),
        api().get(`/api/v1/tickets/${UNKNOWN_ID}`),
        api().patch(`/api/v1/tickets/${ticket.id}`).set('If-Match', '"1"').send({ state: 'open' }),
        api().post(`/api/v1/tickets/${ticket.id}/messages`).send({ text: 'Hi' }),
        api().get(`/api/v1/tickets/${ticket.id}/timeline`),
        api().get(`/api/v1/tickets/${ticket.id}`).set('Authorization', 'Bearer not-a-token'),
      ];
      for (const call of calls) {
        const response = await call;
        expectStatus(response, 401);
        expect(response.body.code).toBe('unauthorized');
      }
      expect(await read(agent, ticket.id)).toEqual(ticket);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    it('lets a read-only API token read tickets but answers 403 to every write', async () => {
      const created = await api()
        .post('/api/v1/me/tokens')
        .set('Authorization', manager.auth)
        .send({ name: 'reporting', readOnly: true });
      expectStatus(created, 201);
      const token = `Bearer ${created.body.token}`;
      const ticket = await openTicket(agent);

      expectStatus(await api().get('/api/v1/tickets').set('Authorization', token), 200);
      const got = await api().get(`/api/v1/tickets/${ticket.id}`).set('Authorization', token);
      expectStatus(got, 200);
      expect(got.body).toEqual(ticket);
      expectStatus(
        await api().get(`/api/v1/tickets/${ticket.id}/timeline`).set('Authorization', token),
        200,
      );

      const writes = [
        api()
          .post('/api/v1/tickets')
          .set('Authorization', token)
          .send({ subject: 'x', text: 'y', queueId, requester: { email: 'ro@example.com' } }),
        api()
          .patch(`/api/v1/tickets/${ticket.id}`)
          .set({ Authorization: token, 'If-Match': '"1"' })
          .send({ priority: 'urgent' }),
        api()
          .patch(`/api/v1/tickets/${ticket.id}`)
          .set({ Authorization: token, 'If-Match': '"1"' })
          .send({ assigneeId: manager.id }),
        api()
          .post(`/api/v1/tickets/${ticket.id}/messages`)
          .set('Authorization', token)
          .send({ text: 'Hi' }),
        api()
          .post(`/api/v1/tickets/${ticket.id}/messages`)
          .set('Authorization', token)
          .send({ text: 'Hi', internal: true }),
      ];
      for (const write of writes) {
        const response = await write;
        expectStatus(response, 403);
        expect(response.body.detail).toMatch(/read-only/);
      }
      expect(await read(agent, ticket.id)).toEqual(ticket);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });
  });
});
