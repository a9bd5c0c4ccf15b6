// Around the ticket record: help-desk settings (the subject hook, the quiet period), resolved
// tickets closing by themselves, followers (CCs), and admins importing history.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { AUTO_CLOSE_JOB } from '../src/modules/ticket/ticket-auto-close.service.js';
import { JobService } from '../src/modules/job/job.service.js';
import { FixedClock } from './harness/fixed-clock.js';
import { aQueue, aSignedInUser, aUser, grant, signIn, type TestUser } from './harness/identity.js';
import { expectStatus, fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';
import { waitForJob } from './harness/wait-for-job.js';

type SignedIn = TestUser & { auth: string };

const START = new Date('2026-06-01T08:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const unique = () => randomBytes(4).toString('hex');

describe('ticket lifecycle', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  let queueId: string;
  let admin: SignedIn;
  let agent: SignedIn;
  let viewer: SignedIn;
  let customer: SignedIn;

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    const db = server.dataSource;
    queueId = (await aQueue(db)).id;
    admin = await aSignedInUser(server.url, db, { role: 'admin' });
    agent = await aSignedInUser(server.url, db, { role: 'agent' });
    viewer = await aSignedInUser(server.url, db, { role: 'agent' });
    customer = await aSignedInUser(server.url, db, { role: 'customer' });
    await grant(db, queueId, { userId: agent.id }, 'reply');
    await grant(db, queueId, { userId: viewer.id }, 'view');
  });
  afterAll(async () => {
    await server?.close();
  });

  const api = () => request(server.url);

  async function open(
    by: SignedIn,
    extra: Record<string, unknown> = {},
  ): Promise<
    { id: string; number: number; version: number; state: string } & Record<string, unknown>
  > {
    const response = await api()
      .post('/api/v1/tickets')
      .set('Authorization', by.auth)
      .send({
        subject: `Subject ${unique()}`,
        text: 'Body',
        queueId,
        ...(by.role === 'customer' ? {} : { requester: { email: `r-${unique()}@example.com` } }),
        ...extra,
      });
    expectStatus(response, 201);
    return response.body as { id: string; number: number; version: number; state: string };
  }

  async function setState(by: SignedIn, ticket: { id: string }, state: string): Promise<void> {
    const current = await api().get(`/api/v1/tickets/${ticket.id}`).set('Authorization', by.auth);
    const response = await api()
      .patch(`/api/v1/tickets/${ticket.id}`)
      .set('Authorization', by.auth)
      .set('If-Match', `"${(current.body as { version: number }).version}"`)
      .send({ state });
    expectStatus(response, 200);
  }

  describe('settings', () => {
    it('answers the defaults until an admin changes them, and audits the change', async () => {
      const before = await api().get('/api/v1/settings').set('Authorization', admin.auth);
      expectStatus(before, 200);
      expect(before.body).toEqual({ ticketHook: 'Ticket#', autoCloseAfterDays: 7 });

      const changed = await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin.auth)
        .send({ ticketHook: 'Case#' });
      expectStatus(changed, 200);
      expect(changed.body).toEqual({ ticketHook: 'Case#', autoCloseAfterDays: 7 });
      const after = await api().get('/api/v1/settings').set('Authorization', admin.auth);
      expect(after.body).toMatchObject({ ticketHook: 'Case#' });

      const audit = await api()
        .get('/api/v1/audit-events?entityType=settings')
        .set('Authorization', admin.auth);
      expectStatus(audit, 200);
      expect((audit.body as { items: unknown[] }).items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'settings.update',
            actorId: admin.id,
            before: { ticketHook: 'Ticket#' },
            after: { ticketHook: 'Case#' },
          }),
        ]),
      );
      await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin.auth)
        .send({ ticketHook: 'Ticket#' })
        .expect(200);
    });

    it('refuses bad values naming each field, and changes nothing', async () => {
      const response = await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin.auth)
        .send({ ticketHook: '[Ticket] #', autoCloseAfterDays: -1 });
      expectStatus(response, 400);
      expect(fieldsOf(response.body as { errors: { field: string }[] })).toEqual([
        'autoCloseAfterDays',
        'ticketHook',
      ]);
      const nulls = await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin.auth)
        .send({ autoCloseAfterDays: null });
      expectStatus(nulls, 400);
      const after = await api().get('/api/v1/settings').set('Authorization', admin.auth);
      expect(after.body).toEqual({ ticketHook: 'Ticket#', autoCloseAfterDays: 7 });
    });

    it('is for admins only', async () => {
      for (const caller of [agent, customer]) {
        await api().get('/api/v1/settings').set('Authorization', caller.auth).expect(403);
        await api()
          .patch('/api/v1/settings')
          .set('Authorization', caller.auth)
          .send({ autoCloseAfterDays: 1 })
          .expect(403);
      }
    });
  });

  describe('closing resolved tickets after the quiet period', () => {
    /** Runs the job as if it were `at`, then puts the clock back (tokens live minutes). */
    async function runAutoCloseAt(at: Date): Promise<void> {
      const back = clock.now();
      clock.set(at);
      const jobs = server.server.app.get(JobService);
      const jobId = await jobs.trigger(AUTO_CLOSE_JOB);
      expect(await waitForJob(jobs, AUTO_CLOSE_JOB, jobId)).toBe('completed');
      clock.set(back);
    }

    it('closes only tickets resolved longer ago than the setting, with a state event', async () => {
      clock.set(START);
      const old = await open(agent);
      await setState(agent, old, 'resolved');
      // Three days later (access tokens are short-lived: sign in again at the new time).
      clock.set(new Date(START.getTime() + 3 * DAY));
      const later = { ...agent, auth: `Bearer ${await signIn(server.url, agent.email)}` };
      const recent = await open(later);
      await setState(later, recent, 'resolved');
      const stillOpen = await open(later);

      // Seven days after the first resolution: only the first ticket has been quiet long enough.
      await runAutoCloseAt(new Date(START.getTime() + 7 * DAY + 60_000));

      const stateOf = async (t: { id: string }) =>
        (
          (await api().get(`/api/v1/tickets/${t.id}`).set('Authorization', later.auth)).body as {
            state: string;
          }
        ).state;
      expect(await stateOf(old)).toBe('closed');
      expect(await stateOf(recent)).toBe('resolved');
      expect(await stateOf(stillOpen)).toBe('new');
      clock.set(START);

      const timeline = await api()
        .get(`/api/v1/tickets/${old.id}/timeline`)
        .set('Authorization', agent.auth);
      const events = (timeline.body as { items: { type?: string; actorId: string | null }[] })
        .items;
      expect(events.at(-1)).toMatchObject({
        type: 'state',
        actorId: null,
        before: 'resolved',
        after: 'closed',
      });
    });

    it('keeps resolved tickets resolved when the setting is 0', async () => {
      clock.set(START);
      const ticket = await open(agent);
      await setState(agent, ticket, 'resolved');
      await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin.auth)
        .send({ autoCloseAfterDays: 0 })
        .expect(200);
      await runAutoCloseAt(new Date(START.getTime() + 400 * DAY));
      const after = await api()
        .get(`/api/v1/tickets/${ticket.id}`)
        .set('Authorization', agent.auth);
      expect((after.body as { state: string }).state).toBe('resolved');
      await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin.auth)
        .send({ autoCloseAfterDays: 7 })
        .expect(200);
    });
  });

  describe('followers (CCs)', () => {
    it('makes the CC line followers, found or created by email, never the requester', async () => {
      const colleague = await aUser(server.dataSource, { role: 'customer' });
      const requesterEmail = `req-${unique()}@example.com`;
      const ticket = await open(agent, {
        requester: { email: requesterEmail },
        cc: [
          { email: colleague.email },
          { email: `New.Person-${unique()}@Example.com`, name: 'New Person' },
          { email: requesterEmail },
          { email: colleague.email.toUpperCase() },
          { email: agent.email },
        ],
      });
      const list = await api()
        .get(`/api/v1/tickets/${ticket.number}/followers`)
        .set('Authorization', agent.auth);
      expectStatus(list, 200);
      const items = (
        list.body as { items: { userId: string; name: string; email: string; role: string }[] }
      ).items;
      expect(items).toHaveLength(3);
      expect(items.map((f) => f.role).sort()).toEqual(['agent', 'customer', 'customer']);
      expect(items.find((f) => f.name === 'New Person')?.email).toMatch(
        /^new\.person-.*@example\.com$/,
      );
      expect(items.some((f) => f.email === requesterEmail)).toBe(false);

      const timeline = await api()
        .get(`/api/v1/tickets/${ticket.id}/timeline`)
        .set('Authorization', agent.auth);
      const followerEvents = (
        timeline.body as { items: { type?: string; after?: unknown }[] }
      ).items.filter((item) => item.type === 'followers');
      expect(followerEvents).toHaveLength(1);
      expect((followerEvents[0]?.after as { added: string[] }).added).toHaveLength(3);
    });

    it('lets agents add and remove followers, and records both', async () => {
      const ticket = await open(agent);
      const email = `cc-${unique()}@example.com`;
      const added = await api()
        .post(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', agent.auth)
        .send({ email, name: 'Carla Copy' });
      expectStatus(added, 201);
      const follower = added.body as { userId: string; email: string; role: string };
      expect(follower).toMatchObject({ email, role: 'customer' });
      const again = await api()
        .post(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', agent.auth)
        .send({ email });
      expectStatus(again, 200);

      const requester = await api()
        .post(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', agent.auth)
        .send({ email: (ticket as { requesterEmail?: string }).requesterEmail });
      expectStatus(requester, 400);
      expect(fieldsOf(requester.body as { errors: { field: string }[] })).toEqual(['email']);

      // A second later, so the timeline shows the two changes in the order they were made.
      clock.set(new Date(clock.now().getTime() + 1000));
      await api()
        .delete(`/api/v1/tickets/${ticket.id}/followers/${follower.userId}`)
        .set('Authorization', agent.auth)
        .expect(204);
      await api()
        .delete(`/api/v1/tickets/${ticket.id}/followers/${follower.userId}`)
        .set('Authorization', agent.auth)
        .expect(404);
      const list = await api()
        .get(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', agent.auth);
      expect((list.body as { items: unknown[] }).items).toEqual([]);

      const timeline = await api()
        .get(`/api/v1/tickets/${ticket.id}/timeline`)
        .set('Authorization', agent.auth);
      const events = (
        timeline.body as { items: { type?: string; before?: unknown; after?: unknown }[] }
      ).items.filter((item) => item.type === 'followers');
      expect(events).toEqual([
        expect.objectContaining({ before: null, after: { added: [follower.userId] } }),
        expect.objectContaining({ before: { removed: [follower.userId] }, after: null }),
      ]);
    });

    it('refuses changes from agents who may only view, and shows customers only customers', async () => {
      const ticket = await open(customer, { cc: [{ email: `friend-${unique()}@example.com` }] });
      await api()
        .post(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', agent.auth)
        .send({ email: viewer.email })
        .expect(201);
      await api()
        .post(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', viewer.auth)
        .send({ email: `x-${unique()}@example.com` })
        .expect(403);
      await api()
        .post(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', customer.auth)
        .send({ email: `x-${unique()}@example.com` })
        .expect(403);
      const asCustomer = await api()
        .get(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', customer.auth);
      expectStatus(asCustomer, 200);
      const roles = (asCustomer.body as { items: { role: string }[] }).items.map((f) => f.role);
      expect(roles).toEqual(['customer']);
      const asAgent = await api()
        .get(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', agent.auth);
      expect((asAgent.body as { items: unknown[] }).items).toHaveLength(2);
    });

    it('refuses a CC list that is not a list of addresses, naming the field', async () => {
      const response = await api()
        .post('/api/v1/tickets')
        .set('Authorization', agent.auth)
        .send({
          subject: 'x',
          text: 'y',
          queueId,
          requester: { email: `r-${unique()}@example.com` },
          cc: [{ email: 'not an address' }],
        });
      expectStatus(response, 400);
      expect(fieldsOf(response.body as { errors: { field: string }[] })).toEqual(['cc.0.email']);
    });
  });

  describe('opening in a chosen state and importing history', () => {
    it('lets an admin import a ticket with its real time and state', async () => {
      const createdAt = '2025-02-03T10:15:00.000Z';
      const ticket = await open(admin, { createdAt, state: 'resolved', channel: 'email' });
      expect(ticket).toMatchObject({
        state: 'resolved',
        channel: 'email',
        createdAt,
        updatedAt: createdAt,
        resolvedAt: createdAt,
      });
      const timeline = await api()
        .get(`/api/v1/tickets/${ticket.id}/timeline`)
        .set('Authorization', admin.auth);
      const items = (
        timeline.body as { items: { createdAt: string; type?: string; after?: unknown }[] }
      ).items;
      expect(items.every((item) => item.createdAt === createdAt)).toBe(true);
      expect(items.find((item) => item.type === 'created')?.after).toMatchObject({
        state: 'resolved',
        imported: true,
      });
    });

    it('lets agents open a ticket already pending, not back-dated', async () => {
      const ticket = await open(agent, { state: 'pending' });
      expect(ticket).toMatchObject({ state: 'pending', createdAt: clock.now().toISOString() });

      for (const field of ['createdAt', 'channel'] as const) {
        const response = await api()
          .post('/api/v1/tickets')
          .set('Authorization', agent.auth)
          .send({
            subject: 'x',
            text: 'y',
            queueId,
            requester: { email: `r-${unique()}@example.com` },
            ...(field === 'createdAt'
              ? { createdAt: '2025-01-01T00:00:00Z' }
              : { channel: 'email' }),
          });
        expectStatus(response, 403);
        expect(fieldsOf(response.body as { errors: { field: string }[] })).toEqual([field]);
      }
    });

    it('refuses states and times that cannot be, naming the field', async () => {
      const cases: [Record<string, unknown>, SignedIn, number, string][] = [
        [{ state: 'merged' }, admin, 400, 'state'],
        [{ state: 'open' }, customer, 403, 'state'],
        [
          { createdAt: new Date(clock.now().getTime() + 60_000).toISOString() },
          admin,
          400,
          'createdAt',
        ],
        [{ createdAt: 'yesterday' }, admin, 400, 'createdAt'],
      ];
      for (const [extra, caller, status, field] of cases) {
        const before = await server.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM tickets',
        );
        const response = await api()
          .post('/api/v1/tickets')
          .set('Authorization', caller.auth)
          .send({
            subject: 'x',
            text: 'y',
            queueId,
            ...(caller.role === 'customer'
              ? {}
              : { requester: { email: `r-${unique()}@example.com` } }),
            ...extra,
          });
        expectStatus(response, status);
        expect(fieldsOf(response.body as { errors: { field: string }[] })).toEqual([field]);
        const after = await server.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM tickets',
        );
        expect(after[0]?.n).toBe(before[0]?.n);
      }
    });
  });
});
