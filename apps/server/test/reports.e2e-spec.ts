// Reports through the API, on a small world built through the API with a fixed clock, each
// figure computed by hand below: volume and backlog per bucket (UTC, Berlin, weeks, months),
// response times (median and p90 as PostgreSQL's percentile_cont interpolates them), SLA
// compliance, the summary with its reopen rate, filters, who may read reports, and validation.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { JobService } from '../src/modules/job/job.service.js';
import { SLA_CHECK_JOB } from '../src/modules/sla/sla.service.js';
import { FixedClock } from './harness/fixed-clock.js';
import { anOrganization, aQueue, aUser, grant, signIn, type TestUser } from './harness/identity.js';
import { expectStatus, problemFieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';
import { waitForJob } from './harness/wait-for-job.js';

// The world (times UTC; Berlin is UTC+1 until 29 March 2026). Queue A has an SLA policy on a
// Berlin office calendar (Monday to Friday 09:00-17:00 = 08:00-16:00 UTC): first response 60,
// next response 60, resolution 480 business minutes. Queue B has none.
//
//  T9  B normal  imported: opened Fri 20 Feb 10:00 as open; resolved Thu 5 Mar 14:00
//  T10 B normal  imported: opened Mon 2 Mar 06:00 as resolved
//  T1  A high    Mon 2 Mar 08:00 opened (requester in the Enterprise organisation, worker takes
//                it); 08:30 answered; 12:00 resolved
//  T2  A normal  Mon 09:00 opened (worker takes it); 10:30 answered (first response due 10:00:
//                breached); 11:00 pending; 13:00 the customer answers (open again; a next
//                response is owed); 13:40 answered (next response met); 15:00 resolved
//  T6  B low     Mon 10:00 opened; 10:20 answered; 11:00 resolved; Thu 5 Mar 09:00 closed
//  T3  A high    Mon 15:30 opened (Enterprise); Tue 3 Mar 08:20 answered; 10:00 resolved;
//                Wed 4 Mar 09:00 the customer answers (reopened; a next response is owed);
//                11:00 answered (next response due 10:00: breached); 12:00 resolved
//  T4  A normal  Tue 08:00 opened, never answered: first response breached Tue 09:00,
//                resolution breached Tue 16:00 (recorded by the SLA sweep)
//  T5  A normal  Tue 23:30 opened (Wednesday 00:30 in Berlin); 23:40 answered; 23:45 resolved
//  T7  B high    Wed 10:00 opened; 10:10 pending
//  T8  B normal  Thu 09:00 opened; 10:00 merged into T7
//
// Reports are read on Fri 6 Mar 12:00, over [Mon 2 Mar 00:00Z, Sat 7 Mar 00:00Z) unless said.

const at = (iso: string) => new Date(iso);
const RANGE = 'from=2026-03-02T00:00:00Z&to=2026-03-07T00:00:00Z';
const WORKDAY = [{ start: '09:00', end: '17:00' }];

interface TicketView {
  id: string;
  version: number;
  state: string;
}

describe('reports', () => {
  let server: TestServer;
  const clock = new FixedClock(at('2026-03-01T00:00:00Z'));
  let admin: TestUser;
  /** Reply access to both queues: answers tickets and takes some. */
  let worker: TestUser;
  /** Manages queue A, replies in queue B: reports on queue A only. */
  let manager: TestUser;
  /** View access to queue A. */
  let viewer: TestUser;
  /** Requester of T1 and T3, in an organisation of tier Enterprise. */
  let enterprise: TestUser;
  /** Requester of the other tickets, without an organisation. */
  let customer: TestUser;
  let organizationId: string;
  const queues = { a: '', b: '', c: '' };
  const t: Record<string, string> = {};

  const tokens = new Map<string, { at: number; auth: string }>();
  async function auth(user: TestUser): Promise<string> {
    const now = clock.now().getTime();
    const cached = tokens.get(user.id);
    if (cached?.at === now) return cached.auth;
    const fresh = `Bearer ${await signIn(server.url, user.email)}`;
    tokens.set(user.id, { at: now, auth: fresh });
    return fresh;
  }

  async function call(
    user: TestUser,
    method: 'get' | 'post' | 'patch',
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<request.Response> {
    return request(server.url)
      [method](path)
      .set({ Authorization: await auth(user), ...headers })
      .send(body);
  }

  async function open(
    name: string,
    queue: 'a' | 'b',
    priority: string,
    requester: TestUser,
    extra: Record<string, unknown> = {},
    by: TestUser = worker,
  ): Promise<void> {
    const response = await call(by, 'post', '/api/v1/tickets', {
      subject: `Ticket ${name}`,
      text: 'Help, please',
      queueId: queues[queue],
      priority,
      requester: { email: requester.email },
      ...extra,
    });
    expectStatus(response, 201);
    t[name] = (response.body as TicketView).id;
  }

  async function patch(name: string, changes: Record<string, unknown>, by = admin): Promise<void> {
    const id = t[name] ?? '';
    const current = await call(by, 'get', `/api/v1/tickets/${id}`);
    expectStatus(current, 200);
    const version = (current.body as TicketView).version;
    expectStatus(
      await call(by, 'patch', `/api/v1/tickets/${id}`, changes, { 'If-Match': `"${version}"` }),
      200,
    );
  }

  async function reply(name: string, by: TestUser): Promise<void> {
    const response = await call(by, 'post', `/api/v1/tickets/${t[name] ?? ''}/messages`, {
      text: `A message from ${by.role}`,
    });
    expectStatus(response, 201);
  }

  async function report(path: string, as: TestUser = admin): Promise<Record<string, unknown>> {
    const response = await call(as, 'get', `/api/v1/reports/${path}`);
    expectStatus(response, 200);
    return response.body as Record<string, unknown>;
  }

  const set = (iso: string) => clock.set(at(iso));

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    const db = server.dataSource;
    admin = await aUser(db, { role: 'admin' });
    worker = await aUser(db, { role: 'agent' });
    manager = await aUser(db, { role: 'agent' });
    viewer = await aUser(db, { role: 'agent' });
    organizationId = (await anOrganization(db, { tier: 'Enterprise' })).id;
    enterprise = await aUser(db, { role: 'customer', organizationId });
    customer = await aUser(db, { role: 'customer' });
    for (const key of ['a', 'b', 'c'] as const) queues[key] = (await aQueue(db)).id;
    for (const queue of [queues.a, queues.b])
      await grant(db, queue, { userId: worker.id }, 'reply');
    await grant(db, queues.a, { userId: manager.id }, 'manage');
    await grant(db, queues.b, { userId: manager.id }, 'reply');
    await grant(db, queues.a, { userId: viewer.id }, 'view');

    const calendar = await call(admin, 'post', '/api/v1/sla/calendars', {
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      week: {
        monday: WORKDAY,
        tuesday: WORKDAY,
        wednesday: WORKDAY,
        thursday: WORKDAY,
        friday: WORKDAY,
      },
    });
    expectStatus(calendar, 201);
    expectStatus(
      await call(admin, 'post', '/api/v1/sla/policies', {
        name: 'Queue A',
        conditions: { queueIds: [queues.a] },
        targets: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 },
        calendarId: (calendar.body as { id: string }).id,
      }),
      201,
    );

    // History, in the order it happened.
    await open(
      'T9',
      'b',
      'normal',
      customer,
      { createdAt: '2026-02-20T10:00:00Z', state: 'open' },
      admin,
    );
    set('2026-03-02T07:00:00Z');
    await open(
      'T10',
      'b',
      'normal',
      customer,
      { createdAt: '2026-03-02T06:00:00Z', state: 'resolved' },
      admin,
    );
    set('2026-03-02T08:00:00Z');
    await open('T1', 'a', 'high', enterprise);
    await patch('T1', { assigneeId: worker.id }, worker);
    set('2026-03-02T08:30:00Z');
    await reply('T1', worker);
    set('2026-03-02T09:00:00Z');
    await open('T2', 'a', 'normal', customer);
    await patch('T2', { assigneeId: worker.id }, worker);
    set('2026-03-02T10:00:00Z');
    await open('T6', 'b', 'low', customer);
    set('2026-03-02T10:20:00Z');
    await reply('T6', worker);
    set('2026-03-02T10:30:00Z');
    await reply('T2', worker);
    set('2026-03-02T11:00:00Z');
    await patch('T2', { state: 'pending' });
    await patch('T6', { state: 'resolved' });
    set('2026-03-02T12:00:00Z');
    await patch('T1', { state: 'resolved' });
    set('2026-03-02T13:00:00Z');
    await reply('T2', customer);
    set('2026-03-02T13:40:00Z');
    await reply('T2', worker);
    set('2026-03-02T15:00:00Z');
    await patch('T2', { state: 'resolved' });
    set('2026-03-02T15:30:00Z');
    await open('T3', 'a', 'high', enterprise);
    set('2026-03-03T08:00:00Z');
    await open('T4', 'a', 'normal', customer);
    set('2026-03-03T08:20:00Z');
    await reply('T3', worker);
    set('2026-03-03T10:00:00Z');
    await patch('T3', { state: 'resolved' });
    set('2026-03-03T23:30:00Z');
    await open('T5', 'a', 'normal', customer);
    set('2026-03-03T23:40:00Z');
    await reply('T5', worker);
    set('2026-03-03T23:45:00Z');
    await patch('T5', { state: 'resolved' });
    set('2026-03-04T09:00:00Z');
    await reply('T3', enterprise);
    set('2026-03-04T10:00:00Z');
    await open('T7', 'b', 'high', customer);
    set('2026-03-04T10:10:00Z');
    await patch('T7', { state: 'pending' });
    set('2026-03-04T11:00:00Z');
    await reply('T3', worker);
    set('2026-03-04T12:00:00Z');
    await patch('T3', { state: 'resolved' });
    set('2026-03-05T09:00:00Z');
    await patch('T6', { state: 'closed' });
    await open('T8', 'b', 'normal', customer);
    set('2026-03-05T10:00:00Z');
    expectStatus(
      await call(admin, 'post', `/api/v1/tickets/${t.T8 ?? ''}/merge`, { targetId: t.T7 }),
      200,
    );
    set('2026-03-05T14:00:00Z');
    await patch('T9', { state: 'resolved' });

    // Friday noon: the SLA sweep records T4's breaches; every report is read now.
    set('2026-03-06T12:00:00Z');
    const jobs = server.server.app.get(JobService);
    const jobId = await jobs.trigger(SLA_CHECK_JOB);
    expect(await waitForJob(jobs, SLA_CHECK_JOB, jobId)).toBe('completed');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has the SLA clocks the figures below rely on', async () => {
    const clocks = async (name: string) =>
      (
        (await call(admin, 'get', `/api/v1/tickets/${t[name] ?? ''}`)).body as {
          sla: Record<string, { status: string; breachedAt: string | null } | null>;
        }
      ).sla;
    expect((await clocks('T2')).firstResponse).toMatchObject({
      status: 'breached',
      breachedAt: '2026-03-02T10:00:00.000Z',
    });
    expect((await clocks('T2')).nextResponse).toMatchObject({ status: 'met' });
    expect((await clocks('T3')).nextResponse).toMatchObject({
      status: 'breached',
      breachedAt: '2026-03-04T10:00:00.000Z',
    });
    expect(await clocks('T4')).toMatchObject({
      firstResponse: { status: 'breached', breachedAt: '2026-03-03T09:00:00.000Z' },
      resolution: { status: 'breached', breachedAt: '2026-03-03T16:00:00.000Z' },
    });
  });

  describe('volume', () => {
    // Backlog (new, open or pending) at 2 Mar 00:00: T9. Then, per UTC day:
    //  2 Mar  +T1 -T1 +T2 -T2 +T6 -T6 +T3 (T10 opens resolved) → T9, T3      = 2
    //  3 Mar  +T4 -T3 +T5 -T5                                  → T9, T4      = 2
    //  4 Mar  +T3 (reopened) +T7 -T3                           → T9, T4, T7  = 3
    //  5 Mar  +T8 -T8 (merged) -T9 (T6 closing changes nothing) → T4, T7     = 2
    //  6 Mar                                                    → T4, T7     = 2
    it('counts per UTC day: created, resolutions, reopens and the backlog at day end', async () => {
      expect(await report(`volume?${RANGE}`)).toEqual({
        range: {
          from: '2026-03-02T00:00:00.000Z',
          to: '2026-03-07T00:00:00.000Z',
          interval: 'day',
          timeZone: 'UTC',
        },
        totals: { created: 9, resolved: 8, reopened: 1, backlogAtStart: 1, backlogAtEnd: 2 },
        buckets: [
          // Created T10 T1 T2 T6 T3; resolved T10 (imported resolved) T6 T1 T2.
          day('2026-03-02', '2026-03-02T00:00', '2026-03-03T00:00', 5, 4, 0, 2),
          // Created T4 T5; resolved T3 T5.
          day('2026-03-03', '2026-03-03T00:00', '2026-03-04T00:00', 2, 2, 0, 2),
          // Created T7; resolved T3 again, after its reopen.
          day('2026-03-04', '2026-03-04T00:00', '2026-03-05T00:00', 1, 1, 1, 3),
          // Created T8; resolved T9.
          day('2026-03-05', '2026-03-05T00:00', '2026-03-06T00:00', 1, 1, 0, 2),
          day('2026-03-06', '2026-03-06T00:00', '2026-03-07T00:00', 0, 0, 0, 2),
        ],
      });
    });

    // The same range in Berlin: days start at 23:00 UTC, the first and last are cut to the range.
    // T5 (opened 23:30, resolved 23:45 UTC on 3 Mar) belongs to 4 Mar there.
    it('cuts buckets at local midnights of the time zone', async () => {
      const body = await report(`volume?${RANGE}&tz=Europe/Berlin`);
      expect(body.totals).toEqual({
        created: 9,
        resolved: 8,
        reopened: 1,
        backlogAtStart: 1,
        backlogAtEnd: 2,
      });
      expect(body.buckets).toEqual([
        day('2026-03-02', '2026-03-02T00:00', '2026-03-02T23:00', 5, 4, 0, 2),
        day('2026-03-03', '2026-03-02T23:00', '2026-03-03T23:00', 1, 1, 0, 2),
        day('2026-03-04', '2026-03-03T23:00', '2026-03-04T23:00', 2, 2, 1, 3),
        day('2026-03-05', '2026-03-04T23:00', '2026-03-05T23:00', 1, 1, 0, 2),
        day('2026-03-06', '2026-03-05T23:00', '2026-03-06T23:00', 0, 0, 0, 2),
        day('2026-03-07', '2026-03-06T23:00', '2026-03-07T00:00', 0, 0, 0, 2),
      ]);
    });

    // Ranges that start before the first ticket count the backlog from the history; the ones
    // above from the tickets open now. Weeks start on Monday.
    it('counts per week, the backlog from the start of history', async () => {
      const body = await report(
        'volume?from=2026-02-16T00:00:00Z&to=2026-03-09T00:00:00Z&interval=week',
      );
      expect(body.totals).toEqual({
        created: 10,
        resolved: 8,
        reopened: 1,
        backlogAtStart: 0,
        backlogAtEnd: 2,
      });
      expect(body.buckets).toEqual([
        day('2026-02-16', '2026-02-16T00:00', '2026-02-23T00:00', 1, 0, 0, 1),
        day('2026-02-23', '2026-02-23T00:00', '2026-03-02T00:00', 0, 0, 0, 1),
        day('2026-03-02', '2026-03-02T00:00', '2026-03-09T00:00', 9, 8, 1, 2),
      ]);
    });

    // March in Berlin ends at 22:00 UTC: summer time starts on 29 March.
    it('counts per month, across a change to summer time', async () => {
      const body = await report(
        `volume?from=${encodeURIComponent('2026-02-01T00:00:00+01:00')}` +
          `&to=${encodeURIComponent('2026-04-01T00:00:00+02:00')}&interval=month&tz=Europe/Berlin`,
      );
      expect(body.buckets).toEqual([
        day('2026-02-01', '2026-01-31T23:00', '2026-02-28T23:00', 1, 0, 0, 1),
        day('2026-03-01', '2026-02-28T23:00', '2026-03-31T22:00', 9, 8, 1, 2),
      ]);
    });
  });

  describe('response times', () => {
    // First responses in the range (calendar minutes from opening; business minutes of queue A's
    // calendar, Berlin 09:00-17:00):
    //   T1 30 (30), T6 20 (no policy), T2 90 (90), T3 16 h 50 = 1010 (16:30-17:00 + 09:00-09:20 =
    //   50), T5 10 (00:40 at night: 0).
    // percentile_cont(f) over n sorted values takes position f·(n-1) and interpolates linearly.
    //   calendar 10 20 30 90 1010: median pos 2 → 30; p90 pos 3.6 → 90 + 0.6·920 = 642
    //   business 0 30 50 90:       median pos 1.5 → 40; p90 pos 2.7 → 50 + 0.7·40 = 78
    // Resolutions in the range (as they stand):
    //   T10 0 (imported resolved), T6 60, T1 240 (240), T2 360 (120 + 120: the pending 2 hours do
    //   not count), T3 44 h 30 = 2670 (30 + 120 + 180: resolved from Tue 11:00 to Wed 10:00 in
    //   Berlin does not count), T5 15 (0), T9 13 days 4 h = 18960.
    //   calendar 0 15 60 240 360 2670 18960: median pos 3 → 240;
    //                                        p90 pos 5.4 → 2670 + 0.4·16290 = 9186
    //   business 0 240 240 330:              median pos 1.5 → 240; p90 pos 2.7 → 240 + 0.7·90 = 303
    it('gives median and p90, calendar and business, overall and per day', async () => {
      const body = await report(`response-times?${RANGE}`);
      expect(body.firstResponse).toEqual(stats([5, 30, 642], [4, 40, 78]));
      expect(body.resolution).toEqual(stats([7, 240, 9186], [4, 240, 303]));
      expect(body.buckets).toEqual([
        {
          ...bucket('2026-03-02', '2026-03-02T00:00', '2026-03-03T00:00'),
          // 20 30 90: median 30, p90 pos 1.8 → 30 + 0.8·60 = 78; business 30 90: 60, 30 + 0.9·60
          firstResponse: stats([3, 30, 78], [2, 60, 84]),
          // 0 60 240 360: median pos 1.5 → 150, p90 pos 2.7 → 240 + 0.7·120 = 324
          resolution: stats([4, 150, 324], [2, 240, 240]),
        },
        {
          ...bucket('2026-03-03', '2026-03-03T00:00', '2026-03-04T00:00'),
          // 10 1010: median 510, p90 10 + 0.9·1000 = 910; business 0 50: 25, 45
          firstResponse: stats([2, 510, 910], [2, 25, 45]),
          resolution: stats([1, 15, 15], [1, 0, 0]),
        },
        {
          ...bucket('2026-03-04', '2026-03-04T00:00', '2026-03-05T00:00'),
          firstResponse: stats([0, null, null], [0, null, null]),
          resolution: stats([1, 2670, 2670], [1, 330, 330]),
        },
        {
          ...bucket('2026-03-05', '2026-03-05T00:00', '2026-03-06T00:00'),
          firstResponse: stats([0, null, null], [0, null, null]),
          resolution: stats([1, 18960, 18960], [0, null, null]),
        },
        {
          ...bucket('2026-03-06', '2026-03-06T00:00', '2026-03-07T00:00'),
          firstResponse: stats([0, null, null], [0, null, null]),
          resolution: stats([0, null, null], [0, null, null]),
        },
      ]);
    });

    it('buckets by the local day of the answer or the resolution', async () => {
      const body = await report(`response-times?${RANGE}&tz=Europe/Berlin`);
      const buckets = body.buckets as {
        date: string;
        firstResponse: unknown;
        resolution: unknown;
      }[];
      expect(buckets.map((b) => b.date)).toEqual([
        '2026-03-02',
        '2026-03-03',
        '2026-03-04',
        '2026-03-05',
        '2026-03-06',
        '2026-03-07',
      ]);
      // T5, answered 23:40 and resolved 23:45 UTC on 3 March, is on 4 March in Berlin.
      expect(buckets[1]).toMatchObject({
        firstResponse: stats([1, 1010, 1010], [1, 50, 50]),
        resolution: stats([0, null, null], [0, null, null]),
      });
      // 15 2670: median 1342.5, p90 15 + 0.9·2655 = 2404.5; business 0 330: 165, 297
      expect(buckets[2]).toMatchObject({
        firstResponse: stats([1, 10, 10], [1, 0, 0]),
        resolution: stats([2, 1342.5, 2404.5], [2, 165, 297]),
      });
    });
  });

  describe('SLA compliance', () => {
    // Met in time, when met: first response T1 T3 T5; next response T2 (13:40); resolution
    // T1 T2 T3 T5. Missed, at the due time: first response T2 (Mon 10:00) T4 (Tue 09:00); next
    // response T3 (Wed 10:00); resolution T4 (Tue 16:00). Queue B has no policy.
    it('gives met, breached and the share met per target', async () => {
      expect(await report(`sla?${RANGE}`)).toEqual({
        range: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-07T00:00:00.000Z' },
        firstResponse: { met: 3, breached: 2, compliance: 0.6 },
        nextResponse: { met: 1, breached: 1, compliance: 0.5 },
        resolution: { met: 4, breached: 1, compliance: 0.8 },
        overall: { met: 8, breached: 4, compliance: 8 / 12 },
      });
    });

    it('counts each target where it was decided', async () => {
      // Monday only: T1's first response and resolution, T2's (late) first response, next
      // response and resolution.
      expect(await report('sla?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z')).toMatchObject({
        firstResponse: { met: 1, breached: 1, compliance: 0.5 },
        nextResponse: { met: 1, breached: 0, compliance: 1 },
        resolution: { met: 2, breached: 0, compliance: 1 },
      });
      // Nothing was decided on Friday.
      expect(await report('sla?from=2026-03-06T00:00:00Z&to=2026-03-07T00:00:00Z')).toMatchObject({
        overall: { met: 0, breached: 0, compliance: null },
      });
    });
  });

  describe('summary', () => {
    it('gives the headline figures, with the reopen rate', async () => {
      expect(await report(`summary?${RANGE}`)).toEqual({
        range: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-07T00:00:00.000Z' },
        created: 9,
        resolved: 8,
        reopened: 1,
        // One reopen (T3) in eight resolutions.
        reopenRate: 0.125,
        backlogAtStart: 1,
        backlogAtEnd: 2,
        firstResponse: stats([5, 30, 642], [4, 40, 78]),
        resolution: stats([7, 240, 9186], [4, 240, 303]),
        sla: { met: 8, breached: 4, compliance: 8 / 12 },
      });
    });

    it('counts the backlog from the start of history for an early range', async () => {
      expect(
        await report('summary?from=2026-02-16T00:00:00Z&to=2026-03-09T00:00:00Z'),
      ).toMatchObject({
        created: 10,
        resolved: 8,
        reopened: 1,
        backlogAtStart: 0,
        backlogAtEnd: 2,
      });
    });

    // Queue A: T1 T2 T3 T4 T5. Resolutions T1 T2 T3 T3 T5, one reopen; T4 still open.
    //   first response calendar 10 30 90 1010: median 60, p90 pos 2.7 → 90 + 0.7·920 = 734
    //   resolution calendar 15 240 360 2670: median 300, p90 pos 2.7 → 360 + 0.7·2310 = 1977
    const queueA = {
      created: 5,
      resolved: 5,
      reopened: 1,
      reopenRate: 0.2,
      backlogAtStart: 0,
      backlogAtEnd: 1,
      firstResponse: stats([4, 60, 734], [4, 40, 78]),
      resolution: stats([4, 300, 1977], [4, 240, 303]),
      sla: { met: 8, breached: 4, compliance: 8 / 12 },
    };

    it('filters by queue, priority, tier, organisation and assignee', async () => {
      expect(await report(`summary?${RANGE}&queueId=${queues.a}`)).toMatchObject(queueA);
      // High: T1 T3 T7 (pending, still open).
      expect(await report(`summary?${RANGE}&priority=high`)).toMatchObject({
        created: 3,
        resolved: 3,
        reopened: 1,
        reopenRate: 1 / 3,
        backlogAtStart: 0,
        backlogAtEnd: 1,
      });
      // The Enterprise organisation: T1 T3, in any case of the tier.
      const enterpriseFigures = {
        created: 2,
        resolved: 3,
        reopened: 1,
        backlogAtEnd: 0,
        // T1 30, T3 1010: median 520, p90 30 + 0.9·980 = 912
        firstResponse: stats([2, 520, 912], [2, 40, 48]),
      };
      expect(await report(`summary?${RANGE}&tier=ENTERPRISE`)).toMatchObject(enterpriseFigures);
      expect(await report(`summary?${RANGE}&organizationId=${organizationId}`)).toMatchObject(
        enterpriseFigures,
      );
      // Taken by the worker: T1 T2.
      expect(await report(`summary?${RANGE}&assignee=${worker.id}`)).toMatchObject({
        created: 2,
        resolved: 2,
        reopened: 0,
        reopenRate: 0,
        backlogAtEnd: 0,
      });
      // Nobody's: T9 (opened before the range) T10 T6 T3 T4 T5 T7 T8.
      expect(await report(`summary?${RANGE}&assignee=none`)).toMatchObject({
        created: 7,
        resolved: 6,
        reopened: 1,
        backlogAtStart: 1,
        backlogAtEnd: 2,
      });
    });

    it('shows an agent the queues they manage, and nothing else', async () => {
      expect(await report(`summary?${RANGE}`, manager)).toMatchObject(queueA);
      expect(await report(`summary?${RANGE}&queueId=${queues.a}`, manager)).toMatchObject(queueA);
      // Queue B, where the manager replies: forbidden. Queue C, where they hold nothing: hidden.
      expectStatus(
        await call(manager, 'get', `/api/v1/reports/summary?${RANGE}&queueId=${queues.b}`),
        403,
      );
      expectStatus(
        await call(manager, 'get', `/api/v1/reports/volume?${RANGE}&queueId=${queues.c}`),
        404,
      );
    });
  });

  describe('access', () => {
    it('refuses customers and agents who manage no queue', async () => {
      for (const path of ['volume', 'response-times', 'sla', 'summary']) {
        for (const user of [customer, enterprise, viewer, worker]) {
          const response = await call(user, 'get', `/api/v1/reports/${path}?${RANGE}`);
          expectStatus(response, 403);
          expect(response.body).toMatchObject({ code: 'forbidden' });
        }
      }
    });
  });

  describe('validation', () => {
    it.each([
      ['volume?from=2026-03-07T00:00:00Z&to=2026-03-02T00:00:00Z', ['to']],
      ['volume?from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00Z', ['to']],
      ['sla?from=2024-03-01T00:00:00Z&to=2026-03-01T00:00:01Z', ['to']],
      ['summary?to=2026-03-02T00:00:00Z', ['from']],
      ['summary?from=2026-03-02&to=2026-03-03T00:00:00Z', ['from']],
      [`volume?${RANGE}&tz=Mars/Olympus`, ['tz']],
      [`volume?${RANGE}&tz=${encodeURIComponent('+02:00')}`, ['tz']],
      [`volume?${RANGE}&interval=year`, ['interval']],
      [`response-times?${RANGE}&priority=high,whenever`, ['priority']],
      [`sla?${RANGE}&queueId=queue-a&assignee=someone`, ['assignee', 'queueId']],
      [`summary?${RANGE}&tz=UTC`, ['tz']],
    ])('refuses %s, naming %j', async (path, fields) => {
      const response = await call(admin, 'get', `/api/v1/reports/${path}`);
      expectStatus(response, 400);
      expect(problemFieldsOf(response)).toEqual(fields);
    });

    it('takes exactly two years', async () => {
      const body = await report('sla?from=2024-03-07T00:00:00Z&to=2026-03-07T00:00:00Z');
      expect(body.overall).toEqual({ met: 8, breached: 4, compliance: 8 / 12 });
    });
  });
});

function day(
  date: string,
  start: string,
  end: string,
  created: number,
  resolved: number,
  reopened: number,
  backlog: number,
) {
  return { ...bucket(date, start, end), created, resolved, reopened, backlog };
}

function bucket(date: string, start: string, end: string) {
  return { date, start: `${start}:00.000Z`, end: `${end}:00.000Z` };
}

type Figures = [number, number | null, number | null];

function stats([count, median, p90]: Figures, [bCount, bMedian, bP90]: Figures) {
  return {
    calendar: { count, median, p90 },
    business: { count: bCount, median: bMedian, p90: bP90 },
  };
}

// PGlite runs another PostgreSQL version than the servers: the same statements must work there.
describe('reports on the embedded database', () => {
  it('answers every report', async () => {
    const clock = new FixedClock(at('2026-03-02T08:00:00Z'));
    const server = await startTestServer({ database: 'embedded', clock });
    try {
      const db = server.dataSource;
      const admin = await aUser(db, { role: 'admin' });
      const queueId = (await aQueue(db)).id;
      const get = async (path: string) => {
        const response = await request(server.url)
          .get(`/api/v1/reports/${path}`)
          .set('Authorization', `Bearer ${await signIn(server.url, admin.email)}`);
        expectStatus(response, 200);
        return response.body as Record<string, unknown>;
      };
      const created = await request(server.url)
        .post('/api/v1/tickets')
        .set('Authorization', `Bearer ${await signIn(server.url, admin.email)}`)
        .send({ subject: 'Hi', text: 'Hello', queueId, requester: { email: 'e@example.com' } });
      expectStatus(created, 201);
      clock.set(at('2026-03-02T08:30:00Z'));
      const answered = await request(server.url)
        .post(`/api/v1/tickets/${(created.body as TicketView).id}/messages`)
        .set('Authorization', `Bearer ${await signIn(server.url, admin.email)}`)
        .send({ text: 'Done', state: 'resolved' });
      expectStatus(answered, 201);

      const volume = await get(`volume?${RANGE}&tz=Europe/Berlin&interval=week`);
      expect(volume.totals).toEqual({
        created: 1,
        resolved: 1,
        reopened: 0,
        backlogAtStart: 0,
        backlogAtEnd: 0,
      });
      const times = await get(`response-times?${RANGE}&tz=Europe/Berlin`);
      expect(times.firstResponse).toEqual(stats([1, 30, 30], [0, null, null]));
      expect(times.resolution).toEqual(stats([1, 30, 30], [0, null, null]));
      expect(await get(`sla?${RANGE}`)).toMatchObject({
        overall: { met: 0, breached: 0, compliance: null },
      });
      expect(await get(`summary?${RANGE}&priority=normal,high`)).toMatchObject({
        created: 1,
        resolved: 1,
        reopenRate: 0,
      });
    } finally {
      await server.close();
    }
  });
});
