// The ticket list's sorts and date ranges end to end: every sort walks every ticket exactly once
// through its cursors, ties included, with and without filters; a cursor belongs to its sort.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FixedClock } from './harness/fixed-clock.js';
import { aQueue, aSignedInUser, aUser, grant, type TestUser } from './harness/identity.js';
import { expectStatus, fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };
type Sort = 'updated' | 'created' | 'priority';

interface Row {
  id: string;
  queueId: string;
  state: string;
  priority: string;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
}

const START = new Date('2026-05-04T09:00:00Z');
const RANK: Record<string, number> = { urgent: 4, high: 3, normal: 2, low: 1 };
const STATES = ['new', 'open', 'pending', 'resolved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
/** Few distinct instants, so that many tickets tie on every sort key. */
const instant = (minutes: number) => new Date(START.getTime() - minutes * 60_000).toISOString();
const CREATED = [instant(500), instant(400), instant(300), instant(200), instant(100)];
const UPDATED = [instant(90), instant(60), instant(30), instant(10)];

/** The order each sort promises, computed independently of the server. */
function expectedOrder(rows: Row[], sort: Sort): string[] {
  const key = (row: Row): (string | number)[] =>
    sort === 'updated'
      ? [row.updatedAt, row.id]
      : sort === 'created'
        ? [row.createdAt, row.id]
        : [RANK[row.priority] ?? 0, row.updatedAt, row.id];
  return [...rows]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) {
        const [x, y] = [ka[i] ?? '', kb[i] ?? ''];
        if (x !== y) return x < y ? 1 : -1;
      }
      return 0;
    })
    .map((row) => row.id);
}

describe('ticket list: sorts and ranges', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  const api = () => request(server.url);
  let admin: SignedIn;
  let agent: SignedIn;
  let customer: TestUser;
  let queueA: string;
  let queueB: string;
  const rows: Row[] = [];

  async function insertTicket(row: Omit<Row, 'id'>): Promise<void> {
    const [inserted] = await server.dataSource.query<{ id: string }[]>(
      `INSERT INTO tickets (subject, state, priority, queue_id, assignee_id, requester_id, channel,
                            created_at, updated_at, resolved_at)
       VALUES ('Sorted', $1::text, $2, $3, $4, $5, 'api', $6, $7,
               CASE WHEN $1::text IN ('resolved', 'closed') THEN $7::timestamptz END)
       RETURNING id`,
      [
        row.state,
        row.priority,
        row.queueId,
        row.assigneeId,
        customer.id,
        row.createdAt,
        row.updatedAt,
      ],
    );
    rows.push({ ...row, id: inserted?.id ?? '' });
  }

  /** Every page of the list, in order, and how many pages it took. */
  async function walk(
    caller: SignedIn,
    query: Record<string, string | number>,
    limit: number,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let pages = 0;
    let cursor: string | null = null;
    do {
      const response = await api()
        .get('/api/v1/tickets')
        .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
        .set('Authorization', caller.auth);
      expectStatus(response, 200);
      ids.push(...(response.body.items as { id: string }[]).map((t) => t.id));
      cursor = response.body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 100);
    return { ids, pages };
  }

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    const db = server.dataSource;
    admin = await aSignedInUser(server.url, db, { role: 'admin' });
    agent = await aSignedInUser(server.url, db, { role: 'agent' });
    customer = await aUser(db, { role: 'customer' });
    queueA = (await aQueue(db)).id;
    queueB = (await aQueue(db)).id;
    await grant(db, queueA, { userId: agent.id }, 'reply');
    for (let i = 0; i < 46; i++) {
      await insertTicket({
        queueId: i % 6 === 5 ? queueB : queueA,
        state: STATES[i % STATES.length] ?? 'new',
        priority: PRIORITIES[(i * 7) % PRIORITIES.length] ?? 'normal',
        assigneeId: i % 3 === 0 ? null : agent.id,
        createdAt: CREATED[i % CREATED.length] ?? START.toISOString(),
        updatedAt: UPDATED[(i * 3) % UPDATED.length] ?? START.toISOString(),
      });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const sorts: Sort[] = ['updated', 'created', 'priority'];

  it.each(sorts)(
    'sort=%s walks every ticket once, in order, ties broken by id, at any page size',
    async (sort) => {
      const expected = expectedOrder(rows, sort);
      for (const limit of [1, 4, 7, 46, 200]) {
        const { ids, pages } = await walk(admin, { sort }, limit);
        expect(ids).toEqual(expected);
        expect(pages).toBe(Math.max(1, Math.ceil(rows.length / limit)));
      }
    },
  );

  it('sorts by most recently updated when no sort is given', async () => {
    expect((await walk(admin, {}, 5)).ids).toEqual(expectedOrder(rows, 'updated'));
  });

  it('puts urgent tickets first, then high, normal and low, each most recently updated first', async () => {
    const { ids } = await walk(admin, { sort: 'priority' }, 200);
    const priorities = ids.map((id) => rows.find((r) => r.id === id)?.priority);
    const firstOf = (p: string) => priorities.indexOf(p);
    const lastOf = (p: string) => priorities.lastIndexOf(p);
    expect(lastOf('urgent')).toBeLessThan(firstOf('high'));
    expect(lastOf('high')).toBeLessThan(firstOf('normal'));
    expect(lastOf('normal')).toBeLessThan(firstOf('low'));
  });

  describe.each(sorts)('sort=%s with filters', (sort) => {
    const cases: [string, Record<string, string>, (row: Row) => boolean][] = [
      ['a queue', { queueId: '<A>' }, (r) => r.queueId === '<A>'],
      [
        'a queue and several states',
        { queueId: '<A>', state: 'new,open,pending' },
        (r) => r.queueId === '<A>' && ['new', 'open', 'pending'].includes(r.state),
      ],
      [
        'a queue and one state',
        { queueId: '<A>', state: 'open' },
        (r) => r.queueId === '<A>' && r.state === 'open',
      ],
      [
        'an assignee and several states',
        { assignee: '<agent>', state: 'open,resolved' },
        (r) => r.assigneeId === '<agent>' && ['open', 'resolved'].includes(r.state),
      ],
      ['unassigned', { assignee: 'none' }, (r) => r.assigneeId === null],
      [
        'unassigned in two states',
        { assignee: 'none', state: 'new,closed' },
        (r) => r.assigneeId === null && ['new', 'closed'].includes(r.state),
      ],
      [
        'several states and priorities',
        { state: 'new,pending', priority: 'urgent,low' },
        (r) => ['new', 'pending'].includes(r.state) && ['urgent', 'low'].includes(r.priority),
      ],
    ];

    it.each(cases)('walks %s without gaps or repeats', async (_name, query, keep) => {
      const resolve = (value: string) => value.replace('<A>', queueA).replace('<agent>', agent.id);
      const resolved = Object.fromEntries(
        Object.entries(query).map(([key, value]) => [key, resolve(value)]),
      );
      const expected = expectedOrder(
        rows.filter((row) =>
          keep({
            ...row,
            queueId: row.queueId === queueA ? '<A>' : row.queueId,
            assigneeId: row.assigneeId === agent.id ? '<agent>' : row.assigneeId,
          }),
        ),
        sort,
      );
      expect(expected.length).toBeGreaterThan(2);
      for (const limit of [2, 5]) {
        expect((await walk(admin, { ...resolved, sort }, limit)).ids).toEqual(expected);
      }
    });

    it("shows an agent their queues' tickets only", async () => {
      const expected = expectedOrder(
        rows.filter((row) => row.queueId === queueA),
        sort,
      );
      expect((await walk(agent, { sort }, 6)).ids).toEqual(expected);
    });
  });

  describe('date ranges', () => {
    const between = (field: 'createdAt' | 'updatedAt', from?: string, to?: string) =>
      rows.filter(
        (row) =>
          (from === undefined || row[field] >= from) && (to === undefined || row[field] < to),
      );

    it('keep created and updated instants from inclusive, to exclusive', async () => {
      const [c1, c3, u1, u3] = [CREATED[1], CREATED[3], UPDATED[1], UPDATED[3]] as string[];
      const cases: [Record<string, string>, Row[]][] = [
        [{ createdFrom: c1, createdTo: c3 }, between('createdAt', c1, c3)],
        [{ createdFrom: c3 }, between('createdAt', c3)],
        [{ createdTo: c1 }, between('createdAt', undefined, c1)],
        [{ updatedFrom: u1, updatedTo: u3 }, between('updatedAt', u1, u3)],
        [
          { createdFrom: c1, updatedTo: u3 },
          between('createdAt', c1).filter((r) => r.updatedAt < u3),
        ],
      ];
      for (const [query, kept] of cases) {
        expect(kept.length).toBeGreaterThan(0);
        expect(kept.length).toBeLessThan(rows.length);
        for (const sort of sorts) {
          expect((await walk(admin, { ...query, sort }, 4)).ids).toEqual(expectedOrder(kept, sort));
        }
      }
    });

    it('read offsets, and answer an empty range with an empty page', async () => {
      const c2 = new Date(CREATED[2] ?? '');
      // The same instant as CREATED[2], written at +02:00.
      const local = new Date(c2.getTime() + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
      expect((await walk(admin, { createdFrom: local, createdTo: local }, 50)).ids).toEqual([]);
      expect((await walk(admin, { createdFrom: local }, 50)).ids.sort()).toEqual(
        between('createdAt', CREATED[2])
          .map((r) => r.id)
          .sort(),
      );
    });

    it('name a malformed instant, or a range that ends before it starts (400)', async () => {
      const cases: [Record<string, string>, string[]][] = [
        [{ createdFrom: 'yesterday' }, ['createdFrom']],
        [{ createdFrom: '2026-05-04' }, ['createdFrom']],
        [{ createdTo: '2026-05-04T09:00:00' }, ['createdTo']],
        [{ updatedFrom: '2026-02-30T09:00:00Z' }, ['updatedFrom']],
        [{ updatedTo: '2026-05-04T25:00:00Z' }, ['updatedTo']],
        [{ updatedTo: '0000-01-01T00:00:00Z' }, ['updatedTo']],
        [{ createdFrom: '2026-05-04T10:00:00Z', createdTo: '2026-05-04T09:00:00Z' }, ['createdTo']],
        [
          { updatedFrom: '2026-05-04T11:00:00+02:00', updatedTo: '2026-05-04T08:59:59Z' },
          ['updatedTo'],
        ],
        [{ sort: 'soonest' }, ['sort']],
        [{ sort: 'PRIORITY' }, ['sort']],
      ];
      for (const [query, fields] of cases) {
        const response = await api()
          .get('/api/v1/tickets')
          .query(query)
          .set('Authorization', admin.auth);
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(fields);
      }
    });
  });

  describe('cursors', () => {
    async function firstCursor(sort: Sort): Promise<string> {
      const response = await api()
        .get('/api/v1/tickets')
        .query({ sort, limit: 3 })
        .set('Authorization', admin.auth);
      expectStatus(response, 200);
      return response.body.nextCursor as string;
    }

    it("refuse another sort's cursor (400 cursor)", async () => {
      for (const made of sorts) {
        const cursor = await firstCursor(made);
        for (const used of sorts.filter((s) => s !== made)) {
          const response = await api()
            .get('/api/v1/tickets')
            .query({ sort: used, cursor })
            .set('Authorization', admin.auth);
          expectStatus(response, 400);
          expect(fieldsOf(response.body)).toEqual(['cursor']);
        }
      }
    });

    it('refuse forged cursors (400 cursor)', async () => {
      const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const cases: [string, string][] = [
        ['priority', forged(['priority', 'critical', START.toISOString(), rows[0]?.id])],
        ['priority', forged(['priority', 4, START.toISOString(), rows[0]?.id])],
        ['updated', forged([START.toISOString(), rows[0]?.id])],
        ['created', forged(['created', 'yesterday', rows[0]?.id])],
      ];
      for (const [sort, cursor] of cases) {
        const response = await api()
          .get('/api/v1/tickets')
          .query({ sort, cursor })
          .set('Authorization', admin.auth);
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['cursor']);
      }
    });
  });

  it('moves a ticket in the priority order as soon as its priority changes', async () => {
    const low = rows.find((r) => r.priority === 'low' && r.state === 'new');
    if (!low) throw new Error('no new low ticket');
    const [{ version }] = await server.dataSource.query<{ version: number }[]>(
      'SELECT version FROM tickets WHERE id = $1',
      [low.id],
    );
    clock.set(new Date(START.getTime() + 60_000));
    const changed = await api()
      .patch(`/api/v1/tickets/${low.id}`)
      .set({ Authorization: admin.auth, 'If-Match': `"${version}"` })
      .send({ priority: 'urgent' });
    expectStatus(changed, 200);
    Object.assign(low, { priority: 'urgent', updatedAt: changed.body.updatedAt as string });
    const { ids } = await walk(admin, { sort: 'priority' }, 10);
    expect(ids[0]).toBe(low.id);
    expect(ids).toEqual(expectedOrder(rows, 'priority'));
  });
});
