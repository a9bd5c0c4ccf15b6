// Saved views end to end: personal and queue-shared views, who sees and changes which, their
// live counts (always the number of tickets their list shows the caller) and their ticket pages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from './harness/fixed-clock.js';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import { expectStatus, fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface View {
  id: string;
  name: string;
  queueId: string | null;
  filter: Record<string, unknown>;
  sort: string;
  count: number;
  countCapped: boolean;
  createdAt: string;
  updatedAt: string;
}

const START = new Date('2026-05-04T09:00:00Z');
const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const unique = () => randomBytes(4).toString('hex');

describe('saved views API', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  const tick = () => clock.set(new Date(clock.now().getTime() + 1000));
  const api = () => request(server.url);
  const db = () => server.dataSource;

  let admin: SignedIn;
  /** Queue A: manager manages it, replier replies, viewer views; outsider only sees queue B. */
  let queueA: string;
  let queueB: string;
  let manager: SignedIn;
  let replier: SignedIn;
  let viewer: SignedIn;
  let outsider: SignedIn;
  let customer: SignedIn;

  async function insertTicket(
    queueId: string,
    fields: { state?: string; priority?: string; assigneeId?: string | null; tags?: string[] },
  ): Promise<string> {
    tick();
    const [row] = await db().query<{ id: string }[]>(
      `INSERT INTO tickets (subject, state, priority, queue_id, assignee_id, requester_id, channel,
                            tags, created_at, updated_at)
       VALUES ('Viewed', $1, $2, $3, $4, $5, 'api', $6, $7, $7) RETURNING id`,
      [
        fields.state ?? 'new',
        fields.priority ?? 'normal',
        queueId,
        fields.assigneeId ?? null,
        customer.id,
        fields.tags ?? [],
        clock.now(),
      ],
    );
    return row?.id ?? '';
  }

  const createView = (caller: SignedIn, body: Record<string, unknown>) =>
    api().post('/api/v1/views').set('Authorization', caller.auth).send(body);

  async function aView(caller: SignedIn, body: Record<string, unknown>): Promise<View> {
    const response = await createView(caller, { name: `View ${unique()}`, ...body });
    expectStatus(response, 201);
    return response.body as View;
  }

  async function viewsOf(caller: SignedIn): Promise<View[]> {
    const response = await api().get('/api/v1/views').set('Authorization', caller.auth);
    expectStatus(response, 200);
    return response.body.items as View[];
  }

  /** Every ticket id of a paged list, in order. */
  async function walk(
    caller: SignedIn,
    path: string,
    query: Record<string, unknown> = {},
  ): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await api()
        .get(path)
        .query({ ...query, limit: 3, ...(cursor ? { cursor } : {}) })
        .set('Authorization', caller.auth);
      expectStatus(response, 200);
      ids.push(...(response.body.items as { id: string }[]).map((t) => t.id));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    return ids;
  }

  /** The view's filter as a query string of GET /tickets. */
  const asQuery = (view: View) =>
    Object.fromEntries(
      Object.entries({ ...view.filter, sort: view.sort }).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.join(',') : value,
      ]),
    );

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    admin = await aSignedInUser(server.url, db(), { role: 'admin' });
    // Named so that A sorts first, as queues are listed by name.
    queueA = (await aQueue(db(), { name: `A ${unique()}` })).id;
    queueB = (await aQueue(db(), { name: `B ${unique()}` })).id;
    manager = await aSignedInUser(server.url, db(), { role: 'agent' });
    replier = await aSignedInUser(server.url, db(), { role: 'agent' });
    viewer = await aSignedInUser(server.url, db(), { role: 'agent' });
    outsider = await aSignedInUser(server.url, db(), { role: 'agent' });
    customer = await aSignedInUser(server.url, db(), { role: 'customer' });
    await grant(db(), queueA, { userId: manager.id }, 'manage');
    await grant(db(), queueA, { userId: replier.id }, 'reply');
    await grant(db(), queueA, { userId: viewer.id }, 'view');
    await grant(db(), queueB, { userId: outsider.id }, 'view');
    await grant(db(), queueB, { userId: replier.id }, 'view');
    const states = ['new', 'open', 'pending', 'resolved', 'closed'];
    const priorities = ['low', 'normal', 'high', 'urgent'];
    for (let i = 0; i < 30; i++) {
      await insertTicket(i % 4 === 3 ? queueB : queueA, {
        state: states[i % states.length],
        priority: priorities[(i * 3) % priorities.length],
        assigneeId: [null, replier.id, manager.id][i % 3] ?? null,
        tags: i % 5 === 0 ? ['vip'] : [],
      });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('personal views', () => {
    it('are created, read, changed and deleted by their owner', async () => {
      const created = await aView(replier, {
        name: '  My open work  ',
        filter: { state: ['new', 'open'], assignee: 'me' },
        sort: 'priority',
      });
      expect(created).toMatchObject({
        name: 'My open work',
        queueId: null,
        filter: { state: ['new', 'open'], assignee: 'me' },
        sort: 'priority',
        countCapped: false,
        createdAt: clock.now().toISOString(),
      });
      expect((await viewsOf(replier)).map((v) => v.id)).toContain(created.id);

      tick();
      const changed = await api()
        .patch(`/api/v1/views/${created.id}`)
        .set('Authorization', replier.auth)
        .send({ name: 'Urgent', filter: { priority: ['urgent'] } });
      expectStatus(changed, 200);
      expect(changed.body).toMatchObject({
        id: created.id,
        name: 'Urgent',
        filter: { priority: ['urgent'] },
        sort: 'priority',
        updatedAt: clock.now().toISOString(),
      });
      const got = await api().get(`/api/v1/views/${created.id}`).set('Authorization', replier.auth);
      expectStatus(got, 200);
      expect(got.body).toEqual(changed.body);

      expectStatus(
        await api().delete(`/api/v1/views/${created.id}`).set('Authorization', replier.auth),
        204,
      );
      expectStatus(
        await api().get(`/api/v1/views/${created.id}`).set('Authorization', replier.auth),
        404,
      );
      expect((await viewsOf(replier)).map((v) => v.id)).not.toContain(created.id);
    });

    it("are nobody else's business: other users, admins included, get 404", async () => {
      const mine = await aView(replier, { filter: { state: ['open'] } });
      for (const other of [manager, viewer, admin]) {
        expect((await viewsOf(other)).map((v) => v.id)).not.toContain(mine.id);
        const calls = [
          api().get(`/api/v1/views/${mine.id}`),
          api().get(`/api/v1/views/${mine.id}/tickets`),
          api().patch(`/api/v1/views/${mine.id}`).send({ name: 'Taken' }),
          api().delete(`/api/v1/views/${mine.id}`),
        ];
        for (const call of calls) expectStatus(await call.set('Authorization', other.auth), 404);
      }
      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        expectStatus(
          await api().get(`/api/v1/views/${id}`).set('Authorization', replier.auth),
          404,
        );
      }
    });

    it('are also kept by agents without any queue access, who see no tickets in them', async () => {
      const loner = await aSignedInUser(server.url, db(), { role: 'agent' });
      const view = await aView(loner, {});
      expect(view.count).toBe(0);
      expect(await walk(loner, `/api/v1/views/${view.id}/tickets`)).toEqual([]);
    });
  });

  describe('inbox counts', () => {
    interface ListCount {
      count: number;
      countCapped: boolean;
    }
    const OPEN_WORK = 'new,open,pending';
    const inboxCounts = async (caller: SignedIn) => {
      const response = await api()
        .get('/api/v1/views/inbox-counts')
        .set('Authorization', caller.auth);
      expectStatus(response, 200);
      return response.body as {
        mine: ListCount;
        unassigned: ListCount;
        all: ListCount;
        queues: (ListCount & { queueId: string })[];
      };
    };
    const exactly = async (caller: SignedIn, query: Record<string, unknown>) => ({
      count: (await walk(caller, '/api/v1/tickets', { state: OPEN_WORK, ...query })).length,
      countCapped: false,
    });

    it('equal the open work each built-in list shows the caller, per active queue they see', async () => {
      const closed = await aQueue(db());
      await db().query('UPDATE queues SET active = false WHERE id = $1', [closed.id]);
      await grant(db(), closed.id, { userId: replier.id }, 'reply');
      await insertTicket(closed.id, { state: 'open', assigneeId: replier.id });

      for (const caller of [replier, outsider, manager]) {
        const counts = await inboxCounts(caller);
        const seen = [queueA, queueB].filter((queue) =>
          caller === replier ? true : caller === outsider ? queue === queueB : queue === queueA,
        );
        expect(counts).toEqual({
          mine: await exactly(caller, { assignee: 'me' }),
          unassigned: await exactly(caller, { assignee: 'none' }),
          all: await exactly(caller, {}),
          queues: await Promise.all(
            seen.map(async (queueId) => ({ queueId, ...(await exactly(caller, { queueId })) })),
          ),
        });
      }
      // The inactive queue is no list of its own, though its open tickets count in "mine".
      const replierCounts = await inboxCounts(replier);
      expect(replierCounts.queues.map((queue) => queue.queueId)).not.toContain(closed.id);
      expect(replierCounts.mine.count).toBeGreaterThan(0);
      expect(replierCounts.all.count).toBeGreaterThan(replierCounts.unassigned.count);
    });

    it('see nothing without queue access, and are not for customers (403)', async () => {
      const stranger = await aSignedInUser(server.url, db(), { role: 'agent' });
      const none = { count: 0, countCapped: false };
      expect(await inboxCounts(stranger)).toEqual({
        mine: none,
        unassigned: none,
        all: none,
        queues: [],
      });
      const refused = await api()
        .get('/api/v1/views/inbox-counts')
        .set('Authorization', customer.auth);
      expectStatus(refused, 403);
    });
  });

  describe('counts', () => {
    it("equal the number of tickets each view's list shows the caller, for every filter", async () => {
      const filters: [Record<string, unknown>, string][] = [
        [{}, 'updated'],
        [{ state: ['new', 'open', 'pending'] }, 'priority'],
        [{ state: ['open'], queueId: queueA }, 'created'],
        [{ assignee: 'me' }, 'updated'],
        [{ assignee: 'none', state: ['new', 'closed'] }, 'priority'],
        [{ assignee: manager.id }, 'created'],
        [{ priority: ['high', 'urgent'] }, 'priority'],
        [{ tag: 'vip' }, 'updated'],
        [{ requesterId: customer.id, queueId: queueB }, 'updated'],
        [{ createdFrom: new Date(START.getTime() + 10_000).toISOString() }, 'created'],
        [{ updatedTo: new Date(START.getTime() + 20_000).toISOString() }, 'updated'],
      ];
      const created: View[] = [];
      for (const [filter, sort] of filters) created.push(await aView(replier, { filter, sort }));
      const listed = new Map((await viewsOf(replier)).map((view) => [view.id, view]));
      for (const view of created) {
        const counted = listed.get(view.id);
        if (!counted) throw new Error(`view ${view.id} not listed`);
        const shown = await walk(replier, `/api/v1/views/${view.id}/tickets`);
        expect({ filter: view.filter, count: counted.count }).toEqual({
          filter: view.filter,
          count: shown.length,
        });
        expect(counted.countCapped).toBe(false);
        // The view's page is the ticket list with its filter and sort.
        expect(await walk(replier, '/api/v1/tickets', asQuery(view))).toEqual(shown);
      }
      // The filters do select: not every view shows the same tickets.
      expect(new Set(created.map((v) => listed.get(v.id)?.count)).size).toBeGreaterThan(3);
    });

    it('change as soon as a ticket changes', async () => {
      const view = await aView(replier, { filter: { state: ['open'], assignee: 'me' } });
      const ticketId = await insertTicket(queueA, { state: 'new', assigneeId: replier.id });
      const countOf = async () =>
        (await viewsOf(replier)).find((v) => v.id === view.id)?.count ?? -1;
      const before = await countOf();
      expect(before).toBe(view.count);

      tick();
      const opened = await api()
        .patch(`/api/v1/tickets/${ticketId}`)
        .set({ Authorization: replier.auth, 'If-Match': '"1"' })
        .send({ state: 'open' });
      expectStatus(opened, 200);
      expect(await countOf()).toBe(before + 1);

      tick();
      const given = await api()
        .patch(`/api/v1/tickets/${ticketId}`)
        .set({ Authorization: manager.auth, 'If-Match': '"2"' })
        .send({ assigneeId: manager.id });
      expectStatus(given, 200);
      expect(await countOf()).toBe(before);
    });

    it('stop at 10000, reported as countCapped', async () => {
      const big = (await aQueue(db())).id;
      await db().query(
        `INSERT INTO tickets (subject, queue_id, requester_id, channel)
         SELECT 'Many', $1, $2, 'email' FROM generate_series(1, 10001)`,
        [big, customer.id],
      );
      const capped = await aView(admin, { filter: { queueId: big } });
      expect(capped).toMatchObject({ count: 10_000, countCapped: true });
      await db().query(
        `DELETE FROM tickets WHERE id = (SELECT id FROM tickets WHERE queue_id = $1 LIMIT 1)`,
        [big],
      );
      const exact = (await viewsOf(admin)).find((v) => v.id === capped.id);
      expect(exact).toMatchObject({ count: 10_000, countCapped: false });
    });
  });

  describe('shared views', () => {
    let shared: View;

    beforeAll(async () => {
      shared = await aView(manager, {
        name: 'Team: mine, open',
        queueId: queueA,
        filter: { assignee: 'me', state: ['new', 'open', 'pending'] },
      });
    });

    it('are seen by everyone with access to the queue, counted for each of them', async () => {
      for (const caller of [manager, replier, viewer, admin]) {
        const view = (await viewsOf(caller)).find((v) => v.id === shared.id);
        expect(view).toMatchObject({ queueId: queueA, name: 'Team: mine, open' });
        // `me` is whoever looks.
        const shown = await walk(caller, `/api/v1/views/${shared.id}/tickets`);
        expect(view?.count).toBe(shown.length);
        const [assignees] = await db().query<{ ids: string[] | null }[]>(
          'SELECT array_agg(DISTINCT assignee_id) AS ids FROM tickets WHERE id = ANY($1::uuid[])',
          [shown],
        );
        expect(assignees?.ids ?? [caller.id]).toEqual([caller.id]);
      }
      expect((await viewsOf(replier)).find((v) => v.id === shared.id)?.count).toBeGreaterThan(0);
    });

    it('are hidden from agents without access to the queue (404)', async () => {
      expect((await viewsOf(outsider)).map((v) => v.id)).not.toContain(shared.id);
      for (const path of [`/api/v1/views/${shared.id}`, `/api/v1/views/${shared.id}/tickets`]) {
        expectStatus(await api().get(path).set('Authorization', outsider.auth), 404);
      }
      expectStatus(
        await api()
          .patch(`/api/v1/views/${shared.id}`)
          .set('Authorization', outsider.auth)
          .send({ name: 'Mine now' }),
        404,
      );
    });

    it('are created, changed and deleted only with manage on the queue, or by admins', async () => {
      const body = { name: 'Shared', queueId: queueA, filter: {} };
      for (const [caller, status] of [
        [replier, 403],
        [viewer, 403],
        [outsider, 404],
      ] as const) {
        const response = await createView(caller, body);
        expectStatus(response, status);
      }
      expectStatus(
        await createView(replier, { ...body, queueId: queueB, name: 'Only view access' }),
        403,
      );
      const byAdmin = await aView(admin, { queueId: queueB, filter: { state: ['open'] } });
      expect((await viewsOf(outsider)).map((v) => v.id)).toContain(byAdmin.id);

      for (const caller of [replier, viewer]) {
        expectStatus(
          await api()
            .patch(`/api/v1/views/${shared.id}`)
            .set('Authorization', caller.auth)
            .send({ name: 'Renamed' }),
          403,
        );
        expectStatus(
          await api().delete(`/api/v1/views/${shared.id}`).set('Authorization', caller.auth),
          403,
        );
      }
      const renamed = await api()
        .patch(`/api/v1/views/${shared.id}`)
        .set('Authorization', manager.auth)
        .send({ name: 'Team: mine, open (renamed)' });
      expectStatus(renamed, 200);
      // Sharing a personal view needs manage where it goes; moving a shared one, manage there too.
      const personal = await aView(manager, { filter: {} });
      expectStatus(
        await api()
          .patch(`/api/v1/views/${personal.id}`)
          .set('Authorization', manager.auth)
          .send({ queueId: queueB }),
        404,
      );
      const sharedNow = await api()
        .patch(`/api/v1/views/${personal.id}`)
        .set('Authorization', manager.auth)
        .send({ queueId: queueA });
      expectStatus(sharedNow, 200);
      expect((await viewsOf(viewer)).map((v) => v.id)).toContain(personal.id);
      expectStatus(
        await api().delete(`/api/v1/views/${byAdmin.id}`).set('Authorization', admin.auth),
        204,
      );
    });

    it('refuse a queue that does not exist (admins 400 naming queueId, agents 404)', async () => {
      const unknown = await createView(admin, { name: 'Nowhere', queueId: UNKNOWN_ID });
      expectStatus(unknown, 400);
      expect(fieldsOf(unknown.body)).toEqual(['queueId']);
      expectStatus(await createView(manager, { name: 'Nowhere', queueId: UNKNOWN_ID }), 404);
    });
  });

  it('validates the filter with the rules of the ticket list (400 naming the field)', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ filter: { state: ['new', 'bogus'] } }, ['filter.state']],
      [{ filter: { priority: 'critical' } }, ['filter.priority']],
      [{ filter: { assignee: 'someone' } }, ['filter.assignee']],
      [{ filter: { queueId: 'support' } }, ['filter.queueId']],
      [{ filter: { tag: 'no spaces' } }, ['filter.tag']],
      [{ filter: { createdFrom: '2026-05-04' } }, ['filter.createdFrom']],
      [
        { filter: { updatedFrom: '2026-05-04T10:00:00Z', updatedTo: '2026-05-04T09:00:00Z' } },
        ['filter.updatedTo'],
      ],
      [{ filter: { limit: 5 } }, ['filter.limit']],
      [{ filter: { sort: 'priority' } }, ['filter.sort']],
      [{ filter: 'state:open' }, ['filter']],
      [{ filter: null }, ['filter']],
      [{ sort: 'soonest' }, ['sort']],
      [{ name: '   ' }, ['name']],
      [{ name: 'x'.repeat(101) }, ['name']],
      [{ queueId: 'support' }, ['queueId']],
    ];
    for (const [body, fields] of cases) {
      const response = await createView(replier, { name: 'Invalid', ...body });
      expectStatus(response, 400);
      expect(fieldsOf(response.body)).toEqual(fields);
    }
    const view = await aView(replier, {});
    const patched = await api()
      .patch(`/api/v1/views/${view.id}`)
      .set('Authorization', replier.auth)
      .send({ filter: { state: 'open,nope' } });
    expectStatus(patched, 400);
    expect(fieldsOf(patched.body)).toEqual(['filter.state']);
  });

  it('are not for customers (403)', async () => {
    const mine = await aView(replier, {});
    const calls = [
      api().get('/api/v1/views'),
      api().post('/api/v1/views').send({ name: 'Mine', filter: {} }),
      api().get(`/api/v1/views/${mine.id}`),
      api().get(`/api/v1/views/${mine.id}/tickets`),
      api().patch(`/api/v1/views/${mine.id}`).send({ name: 'Mine' }),
      api().delete(`/api/v1/views/${mine.id}`),
    ];
    for (const call of calls) {
      const response = await call.set('Authorization', customer.auth);
      expectStatus(response, 403);
      expect(response.body.code).toBe('forbidden');
    }
  });

  it('lists my own views first, then shared ones, each by name', async () => {
    const someone = await aSignedInUser(server.url, db(), { role: 'agent' });
    const queue = (await aQueue(db())).id;
    await grant(db(), queue, { userId: someone.id }, 'manage');
    await aView(someone, { name: 'b mine' });
    await aView(someone, { name: 'A mine' });
    await aView(someone, { name: 'a shared', queueId: queue });
    expect((await viewsOf(someone)).map((v) => v.name)).toEqual(['A mine', 'b mine', 'a shared']);
  });
});
