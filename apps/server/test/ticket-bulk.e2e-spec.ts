// Bulk changes end to end: hundreds of tickets in one request and one transaction, each ticket
// under the permissions and rules of PATCH, refusals reported per ticket without leaking hidden
// tickets, and nothing written at all when the transaction fails.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FixedClock } from './harness/fixed-clock.js';
import { aQueue, aSignedInUser, aUser, grant, type TestUser } from './harness/identity.js';
import { expectStatus, fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface Result {
  updated: { id: string; number: number; version: number }[];
  failed: { id: string; status: number; code: string; detail: string }[];
}

interface StoredTicket {
  id: string;
  state: string;
  priority: string;
  queue_id: string;
  assignee_id: string | null;
  tags: string[];
  version: number;
  resolved_at: Date | null;
  reopen_count: number;
  updated_at: Date;
}

const START = new Date('2026-05-04T09:00:00Z');
const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('bulk ticket changes', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  const tick = () => clock.set(new Date(clock.now().getTime() + 1000));
  const api = () => request(server.url);
  const db = () => server.dataSource;

  let admin: SignedIn;
  /** Reply on A, view on B, nothing on C. */
  let agent: SignedIn;
  /** Manage on A, reply on B. */
  let manager: SignedIn;
  /** May work A (reply) but not B (view): a possible assignee in A only. */
  let worker: TestUser;
  let customer: SignedIn;
  let queueA: string;
  let queueB: string;
  let queueC: string;

  /** Tickets written straight to the database, in the given state and with the given fields. */
  async function tickets(
    count: number,
    queueId: string,
    fields: { state?: string; priority?: string; tags?: string[]; requesterId?: string } = {},
  ): Promise<string[]> {
    const rows = await db().query<{ id: string }[]>(
      `INSERT INTO tickets (subject, state, priority, queue_id, requester_id, channel, tags,
                            resolved_at, created_at, updated_at)
       SELECT 'Bulk ' || i, $2::text, $3, $4, $5, 'api', $6,
              CASE WHEN $2::text IN ('resolved', 'closed') THEN $7::timestamptz END, $7, $7
         FROM generate_series(1, $1::int) i
       RETURNING id`,
      [
        count,
        fields.state ?? 'new',
        fields.priority ?? 'normal',
        queueId,
        fields.requesterId ?? customer.id,
        fields.tags ?? [],
        clock.now(),
      ],
    );
    return rows.map((row) => row.id);
  }

  async function stored(ids: string[]): Promise<StoredTicket[]> {
    return db().query<StoredTicket[]>(
      `SELECT id, state, priority, queue_id, assignee_id, tags, version, resolved_at, reopen_count,
              updated_at
         FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }

  async function eventCount(ids: string[], type?: string): Promise<number> {
    const [row] = await db().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ticket_events
        WHERE ticket_id = ANY($1::uuid[]) AND ($2::text IS NULL OR type = $2)`,
      [ids, type ?? null],
    );
    return row?.n ?? -1;
  }

  const post = (caller: SignedIn | string, body: unknown) => {
    tick();
    return api()
      .post('/api/v1/tickets/bulk')
      .set('Authorization', typeof caller === 'string' ? caller : caller.auth)
      .send(body as object);
  };

  async function bulk(caller: SignedIn, ids: string[], changes: object): Promise<Result> {
    const response = await post(caller, { ids, changes });
    expectStatus(response, 200);
    return response.body as Result;
  }

  const idsOf = (items: { id: string }[]) => items.map((item) => item.id).sort();

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    admin = await aSignedInUser(server.url, db(), { role: 'admin' });
    agent = await aSignedInUser(server.url, db(), { role: 'agent' });
    manager = await aSignedInUser(server.url, db(), { role: 'agent' });
    worker = await aUser(db(), { role: 'agent' });
    customer = await aSignedInUser(server.url, db(), { role: 'customer' });
    queueA = (await aQueue(db())).id;
    queueB = (await aQueue(db())).id;
    queueC = (await aQueue(db())).id;
    await grant(db(), queueA, { userId: agent.id }, 'reply');
    await grant(db(), queueB, { userId: agent.id }, 'view');
    await grant(db(), queueA, { userId: manager.id }, 'manage');
    await grant(db(), queueB, { userId: manager.id }, 'reply');
    await grant(db(), queueA, { userId: worker.id }, 'reply');
    await grant(db(), queueB, { userId: worker.id }, 'view');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('changes 500 tickets in one request, with an event and a new version for each', async () => {
    const ids = await tickets(500, queueA);
    const result = await bulk(agent, ids, { priority: 'urgent' });
    expect(result.failed).toEqual([]);
    expect(result.updated).toHaveLength(500);
    // In the order asked for.
    expect(result.updated.map((u) => u.id)).toEqual(ids);
    expect(new Set(result.updated.map((u) => u.version))).toEqual(new Set([2]));

    const after = await stored(ids);
    expect(after).toHaveLength(500);
    for (const ticket of after) {
      expect(ticket).toMatchObject({ priority: 'urgent', version: 2, updated_at: clock.now() });
    }
    expect(await eventCount(ids)).toBe(500);
    const [sample] = await db().query<{ actor_id: string; before: unknown; after: unknown }[]>(
      `SELECT actor_id, before, after FROM ticket_events WHERE ticket_id = $1`,
      [ids[0]],
    );
    expect(sample).toEqual({ actor_id: agent.id, before: 'normal', after: 'urgent' });

    // The priority sort sees the change at once.
    const listed = await api()
      .get('/api/v1/tickets')
      .query({ sort: 'priority', queueId: queueA, limit: 5 })
      .set('Authorization', agent.auth);
    expectStatus(listed, 200);
    expect(listed.body.items.map((t: { priority: string }) => t.priority)).toEqual(
      Array(5).fill('urgent'),
    );
  });

  it('refuses more than 500 tickets, and anything malformed, naming the field (400)', async () => {
    const [one] = await tickets(1, queueA);
    const ids = await tickets(501, queueA);
    const cases: [unknown, string[]][] = [
      [{ ids, changes: { priority: 'high' } }, ['ids']],
      [{ ids: [], changes: { priority: 'high' } }, ['ids']],
      [{ ids: [one, one], changes: { priority: 'high' } }, ['ids']],
      [{ ids: [one, one?.toUpperCase()], changes: { priority: 'high' } }, ['ids']],
      [{ ids: ['10042'], changes: { priority: 'high' } }, ['ids']],
      [{ ids: [one], changes: {} }, ['changes']],
      [{ ids: [one] }, ['changes']],
      [{ ids: [one], changes: { priority: 'critical' } }, ['changes.priority']],
      [{ ids: [one], changes: { state: null } }, ['changes.state']],
      [{ ids: [one], changes: { subject: 'New' } }, ['changes.subject']],
      [{ ids: [one], changes: { addTags: ['a b'] } }, ['changes.addTags']],
      [{ ids: [one], changes: { addTags: ['x'], removeTags: ['x'] } }, ['changes.removeTags']],
      [{ ids: [one], changes: { queueId: UNKNOWN_ID } }, ['changes.queueId']],
    ];
    for (const [body, fields] of cases) {
      const response = await post(admin, body);
      expectStatus(response, 400);
      expect(fieldsOf(response.body)).toEqual(fields);
    }
    expect(await eventCount([...ids, one ?? ''])).toBe(0);
    expect(new Set((await stored(ids)).map((t) => t.version))).toEqual(new Set([1]));
  });

  it('changes what the caller may change, reports the rest, and hides what they cannot see', async () => {
    const inA = await tickets(2, queueA);
    const inB = await tickets(2, queueB);
    const inC = await tickets(1, queueC);
    const ids = [inB[0], inA[0], inC[0], UNKNOWN_ID, inA[1], inB[1]] as string[];
    const result = await bulk(agent, ids, { state: 'open' });

    expect(idsOf(result.updated)).toEqual([...inA].sort());
    // B: the agent may see but not change them (view access), as PATCH would answer.
    const refused = result.failed.filter((f) => inB.includes(f.id));
    expect(refused).toHaveLength(2);
    for (const failure of refused) {
      expect(failure).toMatchObject({ status: 403, code: 'forbidden' });
      expect(failure.detail).toContain('ticket:update');
    }
    // C and the unknown id: the same answer, so nothing tells that the C ticket exists.
    const hidden = result.failed.filter((f) => f.id === inC[0] || f.id === UNKNOWN_ID);
    expect(hidden.map(({ id: _id, ...rest }) => rest)).toEqual([
      { status: 404, code: 'not_found', detail: 'No such ticket.' },
      { status: 404, code: 'not_found', detail: 'No such ticket.' },
    ]);
    expect(result.failed.map((f) => f.id)).toEqual([inB[0], inC[0], UNKNOWN_ID, inB[1]]);

    for (const ticket of await stored([...inB, ...inC])) {
      expect(ticket).toMatchObject({ state: 'new', version: 1 });
    }
    expect(await eventCount([...inB, ...inC])).toBe(0);
    for (const ticket of await stored(inA)) {
      expect(ticket).toMatchObject({ state: 'open', version: 2 });
    }
  });

  it('checks each permission PATCH would: taking, assigning and moving', async () => {
    const inA = await tickets(2, queueA);
    // Taking needs reply; giving to someone else needs manage.
    const taken = await bulk(agent, inA, { assigneeId: agent.id });
    expect(idsOf(taken.updated)).toEqual([...inA].sort());
    const given = await bulk(agent, inA, { assigneeId: worker.id });
    expect(given.updated).toEqual([]);
    expect(given.failed.map((f) => [f.status, f.detail])).toEqual(
      inA.map(() => [403, 'You do not have the permission `ticket:assign` here.']),
    );
    // Moving needs manage where it is and reply where it goes.
    const moved = await bulk(agent, inA, { queueId: queueB });
    expect(moved.failed.map((f) => f.detail)).toEqual(
      inA.map(() => 'You do not have the permission `ticket:move` here.'),
    );
    const movedByManager = await bulk(manager, inA, { queueId: queueB, priority: 'low' });
    expect(idsOf(movedByManager.updated)).toEqual([...inA].sort());
    for (const ticket of await stored(inA)) {
      expect(ticket).toMatchObject({ queue_id: queueB, priority: 'low', version: 3 });
    }
    expect(await eventCount(inA, 'queue')).toBe(2);
    expect(await eventCount(inA, 'priority')).toBe(2);
  });

  it('gives tickets only to someone who can work their queue, ticket by ticket', async () => {
    const inA = await tickets(1, queueA);
    const inB = await tickets(1, queueB);
    const result = await bulk(admin, [...inA, ...inB], { assigneeId: worker.id });
    expect(result.updated.map((u) => u.id)).toEqual(inA);
    expect(result.failed).toEqual([
      {
        id: inB[0],
        status: 400,
        code: 'validation_failed',
        detail: 'changes.assigneeId is not an active agent with reply access to the queue.',
      },
    ]);
    expect((await stored(inA))[0]?.assignee_id).toBe(worker.id);
    expect((await stored(inB))[0]?.assignee_id).toBeNull();
    // Moving and assigning at once: the queue it lands in decides.
    const both = await bulk(admin, inB, { queueId: queueA, assigneeId: worker.id });
    expect(both.failed).toEqual([]);
    const unassigned = await bulk(admin, [...inA, ...inB], { assigneeId: null });
    expect(unassigned.updated).toHaveLength(2);
    expect((await stored([...inA, ...inB])).map((t) => t.assignee_id)).toEqual([null, null]);
  });

  it('reports an illegal transition per ticket while the others change', async () => {
    const [fresh] = await tickets(1, queueA, { state: 'new' });
    const [resolved] = await tickets(1, queueA, { state: 'resolved' });
    const [closed] = await tickets(1, queueA, { state: 'closed' });
    const [pending] = await tickets(1, queueA, { state: 'pending' });
    const ids = [fresh, resolved, closed, pending] as string[];
    const result = await bulk(agent, ids, { state: 'pending' });

    expect(result.updated).toEqual([
      { id: fresh, number: expect.any(Number), version: 2 },
      // Already pending: nothing to change, no new version.
      { id: pending, number: expect.any(Number), version: 1 },
    ]);
    expect(result.failed).toEqual([
      {
        id: resolved,
        status: 409,
        code: 'invalid_transition',
        detail: 'A resolved ticket cannot become pending. Allowed from resolved: open, closed.',
      },
      {
        id: closed,
        status: 409,
        code: 'conflict',
        detail: 'The ticket is closed and takes no more changes.',
      },
    ]);
    const after = new Map((await stored(ids)).map((t) => [t.id, t]));
    expect(after.get(fresh ?? '')?.state).toBe('pending');
    expect(after.get(resolved ?? '')).toMatchObject({ state: 'resolved', version: 1 });
    expect(await eventCount(ids)).toBe(1);
  });

  it('keeps resolvedAt and reopenCount as PATCH does', async () => {
    const ids = await tickets(2, queueA, { state: 'open' });
    await bulk(agent, ids, { state: 'resolved' });
    const resolvedAt = clock.now();
    for (const ticket of await stored(ids)) {
      expect(ticket).toMatchObject({ state: 'resolved', resolved_at: resolvedAt, reopen_count: 0 });
    }
    await bulk(agent, ids, { state: 'open' });
    for (const ticket of await stored(ids)) {
      expect(ticket).toMatchObject({ state: 'open', resolved_at: null, reopen_count: 1 });
    }
  });

  it('adds and removes tags on each ticket, recording what changed', async () => {
    const [plain] = await tickets(1, queueA);
    const [tagged] = await tickets(1, queueA, { tags: ['old', 'vip'] });
    const [full] = await tickets(1, queueA, {
      tags: Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, '0')}`),
    });
    const [done] = await tickets(1, queueA, { tags: ['new-tag'] });
    const result = await bulk(agent, [plain, tagged, full, done] as string[], {
      addTags: ['New-Tag'],
      removeTags: ['old'],
    });
    expect(result.failed).toEqual([
      {
        id: full,
        status: 400,
        code: 'validation_failed',
        detail: 'changes.addTags would leave more than 20 tags.',
      },
    ]);
    const after = new Map((await stored([plain, tagged, done] as string[])).map((t) => [t.id, t]));
    expect(after.get(plain ?? '')?.tags).toEqual(['new-tag']);
    expect(after.get(tagged ?? '')?.tags).toEqual(['new-tag', 'vip']);
    // Nothing to change on `done`: no event, same version.
    expect(after.get(done ?? '')?.version).toBe(1);
    const [event] = await db().query<{ before: unknown; after: unknown }[]>(
      `SELECT before, after FROM ticket_events WHERE ticket_id = $1 AND type = 'tags'`,
      [tagged],
    );
    expect(event).toEqual({ before: ['old', 'vip'], after: ['new-tag', 'vip'] });
    expect(await eventCount([plain, tagged, full, done] as string[])).toBe(2);
  });

  it('writes nothing at all when the transaction fails', async () => {
    const ids = await tickets(20, queueA);
    await db().query(`
      CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'events refused for this test'; END $$;
      CREATE TRIGGER refuse_events BEFORE INSERT ON ticket_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_events();`);
    try {
      const response = await post(agent, { ids, changes: { priority: 'high', state: 'open' } });
      expectStatus(response, 500);
    } finally {
      await db().query(
        `DROP TRIGGER refuse_events ON ticket_events; DROP FUNCTION refuse_events();`,
      );
    }
    for (const ticket of await stored(ids)) {
      expect(ticket).toMatchObject({ state: 'new', priority: 'normal', version: 1 });
    }
    expect(await eventCount(ids)).toBe(0);
    // And the same request succeeds once nothing is in its way.
    expect((await bulk(agent, ids, { priority: 'high' })).updated).toHaveLength(20);
  });

  it('moves versions on, so a PATCH with a version read before is refused (412)', async () => {
    const [id] = await tickets(1, queueA);
    await bulk(agent, [id ?? ''], { priority: 'low' });
    tick();
    const response = await api()
      .patch(`/api/v1/tickets/${id}`)
      .set({ Authorization: agent.auth, 'If-Match': '"1"' })
      .send({ priority: 'high' });
    expectStatus(response, 412);
    expect(response.body.currentVersion).toBe(2);
  });

  it('lets customers change nothing, and tells them only about their own tickets', async () => {
    const [own] = await tickets(1, queueA, { requesterId: customer.id });
    const other = await aUser(db(), { role: 'customer' });
    const [foreign] = await tickets(1, queueA, { requesterId: other.id });
    const result = await bulk(customer, [own, foreign] as string[], { priority: 'urgent' });
    expect(result.updated).toEqual([]);
    expect(result.failed.map((f) => [f.id, f.status])).toEqual([
      [own, 403],
      [foreign, 404],
    ]);
  });

  it('refuses read-only API tokens (403) and requests without a token (401)', async () => {
    const [id] = await tickets(1, queueA);
    const token = await api()
      .post('/api/v1/me/tokens')
      .set('Authorization', agent.auth)
      .send({ name: 'reporting', readOnly: true });
    expectStatus(token, 201);
    const readOnly = await post(`Bearer ${token.body.token}`, {
      ids: [id],
      changes: { priority: 'high' },
    });
    expectStatus(readOnly, 403);
    expect(readOnly.body.detail).toMatch(/read-only/);
    expectStatus(
      await api()
        .post('/api/v1/tickets/bulk')
        .send({ ids: [id], changes: { priority: 'high' } }),
      401,
    );
    expect((await stored([id ?? '']))[0]?.version).toBe(1);
  });
});
