// SLA calendars, policies and clocks through the API: which policy applies, due times in business
// hours, pauses, reopening, policy changes, imported history, warnings and breaches recorded once
// by the sweep, notifications, the `due` sort, and who may see and change what.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { JobService } from '../src/modules/job/job.service.js';
import { SLA_CHECK_JOB, SLA_REAPPLY_JOB } from '../src/modules/sla/sla.service.js';
import { FixedClock } from './harness/fixed-clock.js';
import { anOrganization, aQueue, aUser, grant, signIn, type TestUser } from './harness/identity.js';
import { expectStatus, fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';
import { waitForJob } from './harness/wait-for-job.js';

interface SlaClockView {
  status: string;
  dueAt: string | null;
  breachedAt: string | null;
}
interface TicketView {
  id: string;
  number: number;
  state: string;
  priority: string;
  version: number;
  firstResponseAt: string | null;
  sla?: {
    policy: { id: string; name: string } | null;
    firstResponse: SlaClockView | null;
    nextResponse: SlaClockView | null;
    resolution: SlaClockView | null;
    nextDueAt: string | null;
  };
}
interface TimelineItem {
  kind: string;
  type?: string;
  after?: unknown;
}

const unique = () => randomBytes(4).toString('hex');
const MINUTE = 60_000;
/** Friday 2026-06-05 16:30 in Berlin (summer time, UTC+2). */
const FRIDAY_1630 = new Date('2026-06-05T14:30:00Z');
/** Monday 2026-06-08 09:00 in Berlin. */
const MONDAY_9 = new Date('2026-06-08T07:00:00Z');
const WORKDAY = [{ start: '09:00', end: '17:00' }];

describe('SLA', () => {
  let server: TestServer;
  const clock = new FixedClock(MONDAY_9);
  let admin: TestUser;
  /** Manages every queue of this file: hears of every warning and breach. */
  let manager: TestUser;
  /** Works the alert queue (reply), and gets tickets assigned. */
  let worker: TestUser;
  let customer: TestUser;
  let berlinCalendarId: string;
  const queues: Record<'tier' | 'berlin' | 'priority' | 'alert' | 'import' | 'due', string> = {
    tier: '',
    berlin: '',
    priority: '',
    alert: '',
    import: '',
    due: '',
  };
  let enterpriseDomain: string;

  // Access tokens live minutes and the clock jumps days: sign in again whenever it moved.
  const tokens = new Map<string, { at: number; auth: string }>();
  async function auth(user: TestUser): Promise<string> {
    const at = clock.now().getTime();
    const cached = tokens.get(user.id);
    if (cached?.at === at) return cached.auth;
    const fresh = `Bearer ${await signIn(server.url, user.email)}`;
    tokens.set(user.id, { at, auth: fresh });
    return fresh;
  }

  const api = () => request(server.url);

  async function call(
    user: TestUser,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<request.Response> {
    return api()
      [method](path)
      .set({ Authorization: await auth(user), ...headers })
      .send(body);
  }

  async function createPolicy(body: Record<string, unknown>): Promise<{ id: string }> {
    const response = await call(admin, 'post', '/api/v1/sla/policies', {
      name: `Policy ${unique()}`,
      ...body,
    });
    expectStatus(response, 201);
    return response.body as { id: string };
  }

  async function open(
    by: TestUser,
    queue: keyof typeof queues,
    extra: Record<string, unknown> = {},
  ): Promise<TicketView> {
    const response = await call(by, 'post', '/api/v1/tickets', {
      subject: `Subject ${unique()}`,
      text: 'Help, please',
      queueId: queues[queue],
      ...(by.role === 'customer' ? {} : { requester: { email: `r-${unique()}@example.com` } }),
      ...extra,
    });
    expectStatus(response, 201);
    return response.body as TicketView;
  }

  async function get(id: string, as: TestUser = admin): Promise<TicketView> {
    const response = await call(as, 'get', `/api/v1/tickets/${id}`);
    expectStatus(response, 200);
    return response.body as TicketView;
  }

  async function patch(id: string, changes: Record<string, unknown>): Promise<TicketView> {
    const current = await get(id);
    const response = await call(admin, 'patch', `/api/v1/tickets/${id}`, changes, {
      'If-Match': `"${current.version}"`,
    });
    expectStatus(response, 200);
    return response.body as TicketView;
  }

  async function reply(
    by: TestUser,
    id: string,
    extra: Record<string, unknown> = {},
  ): Promise<TicketView> {
    const response = await call(by, 'post', `/api/v1/tickets/${id}/messages`, {
      text: `Message ${unique()}`,
      ...extra,
    });
    expectStatus(response, 201);
    return (response.body as { ticket: TicketView }).ticket;
  }

  async function timeline(id: string): Promise<TimelineItem[]> {
    const response = await call(admin, 'get', `/api/v1/tickets/${id}/timeline`);
    expectStatus(response, 200);
    return (response.body as { items: TimelineItem[] }).items;
  }

  const alertsOf = async (id: string) =>
    (await timeline(id))
      .filter((item) => item.type === 'sla_warning' || item.type === 'sla_breach')
      .map((item) => ({ type: item.type, ...(item.after as { target: string; dueAt: string }) }))
      .map(({ type, target, dueAt }) => ({ type, target, dueAt }))
      // Alerts recorded in one sweep share their instant: order them by due time, then target.
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.target.localeCompare(b.target));

  async function runJob(name: string): Promise<void> {
    const jobs = server.server.app.get(JobService);
    const jobId = await jobs.trigger(name);
    expect(await waitForJob(jobs, name, jobId)).toBe('completed');
  }

  async function notificationsOf(user: TestUser, ticketId: string) {
    const response = await call(user, 'get', '/api/v1/notifications?limit=200');
    expectStatus(response, 200);
    return (
      response.body as {
        items: { id: string; kind: string; ticketId: string; details: unknown; readAt: unknown }[];
      }
    ).items.filter((n) => n.ticketId === ticketId);
  }

  const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MINUTE);

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    const db = server.dataSource;
    admin = await aUser(db, { role: 'admin' });
    manager = await aUser(db, { role: 'agent' });
    worker = await aUser(db, { role: 'agent' });
    customer = await aUser(db, { role: 'customer' });
    for (const key of Object.keys(queues) as (keyof typeof queues)[]) {
      queues[key] = (await aQueue(db)).id;
      await grant(db, queues[key], { userId: manager.id }, 'manage');
      await grant(db, queues[key], { userId: worker.id }, 'reply');
    }
    enterpriseDomain = `ent-${unique()}.example`;
    await anOrganization(db, { tier: 'Enterprise', domains: [enterpriseDomain] });

    const calendar = await call(admin, 'post', '/api/v1/sla/calendars', {
      name: `Berlin office ${unique()}`,
      timeZone: 'Europe/Berlin',
      week: {
        monday: WORKDAY,
        tuesday: WORKDAY,
        wednesday: WORKDAY,
        thursday: WORKDAY,
        friday: WORKDAY,
      },
      holidays: [{ recurring: '12-25', name: 'Christmas Day' }],
    });
    expectStatus(calendar, 201);
    berlinCalendarId = (calendar.body as { id: string }).id;

    // First match wins, by position: the most specific policies come first.
    await createPolicy({
      name: `Enterprise urgent ${unique()}`,
      position: 10,
      conditions: { queueIds: [queues.tier], tiers: ['enterprise'], priorities: ['urgent'] },
      targets: { firstResponseMinutes: 30 },
    });
    await createPolicy({
      name: `Enterprise ${unique()}`,
      position: 20,
      conditions: { queueIds: [queues.tier], tiers: ['enterprise'] },
      targets: { firstResponseMinutes: 120 },
    });
    await createPolicy({
      name: `Standard ${unique()}`,
      position: 30,
      conditions: { queueIds: [queues.tier] },
      targets: { firstResponseMinutes: 480 },
    });
    await createPolicy({
      name: `Berlin office hours ${unique()}`,
      conditions: { queueIds: [queues.berlin] },
      targets: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480 },
      calendarId: berlinCalendarId,
    });
    await createPolicy({
      name: `Priority urgent ${unique()}`,
      position: 40,
      conditions: { queueIds: [queues.priority], priorities: ['urgent'] },
      targets: { resolutionMinutes: 120 },
      calendarId: berlinCalendarId,
    });
    await createPolicy({
      name: `Priority other ${unique()}`,
      position: 50,
      conditions: { queueIds: [queues.priority] },
      targets: { resolutionMinutes: 480 },
      calendarId: berlinCalendarId,
    });
    await createPolicy({
      name: `Alerting ${unique()}`,
      conditions: { queueIds: [queues.alert] },
      targets: { firstResponseMinutes: 100 },
      warningPercent: 80,
      onBreach: { notify: true, raisePriority: true },
    });
    await createPolicy({
      name: `Imports ${unique()}`,
      conditions: { queueIds: [queues.import] },
      targets: { firstResponseMinutes: 60, resolutionMinutes: 240 },
    });
    for (const [priority, minutes] of [
      ['urgent', 30],
      ['high', 60],
      ['normal', 120],
    ] as const) {
      await createPolicy({
        name: `Due ${priority} ${unique()}`,
        conditions: { queueIds: [queues.due], priorities: [priority] },
        targets: { firstResponseMinutes: minutes },
      });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('policies and calendars', () => {
    it('chooses the policy by tier and priority, first match by position', async () => {
      clock.set(MONDAY_9);
      const cases: [string, string, string, string][] = [
        // requester's domain, priority → policy name prefix, first response due (24/7: +min)
        [enterpriseDomain, 'urgent', 'Enterprise urgent', at(MONDAY_9, 30).toISOString()],
        [enterpriseDomain, 'normal', 'Enterprise ', at(MONDAY_9, 120).toISOString()],
        ['example.com', 'urgent', 'Standard', at(MONDAY_9, 480).toISOString()],
      ];
      for (const [domain, priority, policy, dueAt] of cases) {
        const ticket = await open(worker, 'tier', {
          priority,
          requester: { email: `c-${unique()}@${domain}` },
        });
        expect(ticket.sla?.policy?.name.startsWith(policy)).toBe(true);
        expect(ticket.sla?.firstResponse).toEqual({ status: 'running', dueAt, breachedAt: null });
        expect(ticket.sla?.resolution).toBeNull();
      }
    });

    it('re-evaluates the policy on a priority or queue change, from the original start', async () => {
      clock.set(MONDAY_9);
      const ticket = await open(worker, 'tier', {
        requester: { email: `c-${unique()}@${enterpriseDomain}` },
      });
      expect(ticket.sla?.firstResponse?.dueAt).toBe(at(MONDAY_9, 120).toISOString());
      clock.set(at(MONDAY_9, 10));
      const urgent = await patch(ticket.id, { priority: 'urgent' });
      expect(urgent.sla?.policy?.name.startsWith('Enterprise urgent')).toBe(true);
      expect(urgent.sla?.firstResponse?.dueAt).toBe(at(MONDAY_9, 30).toISOString());
      // A queue no policy covers: no SLA at all.
      const moved = await patch(ticket.id, { queueId: queues.alert });
      expect(moved.sla?.policy?.name.startsWith('Alerting')).toBe(true);
      expect(moved.sla?.firstResponse?.dueAt).toBe(at(MONDAY_9, 100).toISOString());
      const otherQueue = (await aQueue(server.dataSource)).id;
      const none = await patch(ticket.id, { queueId: otherQueue });
      expect(none.sla).toEqual({
        policy: null,
        firstResponse: null,
        nextResponse: null,
        resolution: null,
        nextDueAt: null,
      });
    });

    it('validates calendars and policies, naming the fields', async () => {
      const calendar = await call(admin, 'post', '/api/v1/sla/calendars', {
        name: `Broken ${unique()}`,
        timeZone: 'Mars/Olympus',
        week: { monday: [{ start: '09:00', end: '08:00' }], funday: [] },
        holidays: [{ date: '2026-02-30' }],
      });
      expectStatus(calendar, 400);
      expect(fieldsOf(calendar.body as { errors: { field: string }[] })).toEqual([
        'holidays.0.date',
        'timeZone',
        'week.funday',
        'week.monday.0.end',
      ]);

      const policy = await call(admin, 'post', '/api/v1/sla/policies', {
        name: `Empty ${unique()}`,
        targets: {},
        calendarId: '00000000-0000-4000-8000-00000000dead',
        conditions: { priorities: ['whenever'] },
      });
      expectStatus(policy, 400);
      expect(fieldsOf(policy.body as { errors: { field: string }[] })).toEqual([
        'conditions.priorities',
      ]);
      const noTarget = await call(admin, 'post', '/api/v1/sla/policies', {
        name: `Empty ${unique()}`,
        targets: { firstResponseMinutes: null },
        calendarId: '00000000-0000-4000-8000-00000000dead',
      });
      expectStatus(noTarget, 400);
      expect(fieldsOf(noTarget.body as { errors: { field: string }[] })).toEqual([
        'calendarId',
        'targets',
      ]);
    });

    it('keeps the built-in 24/7 calendar, and calendars in use', async () => {
      const list = await call(admin, 'get', '/api/v1/sla/calendars');
      expectStatus(list, 200);
      const [first] = (list.body as { items: { id: string; builtIn: boolean; name: string }[] })
        .items;
      expect(first).toMatchObject({ builtIn: true, name: '24/7' });
      const builtIn = first?.id ?? '';
      expectStatus(await call(admin, 'delete', `/api/v1/sla/calendars/${builtIn}`), 409);
      expectStatus(
        await call(admin, 'patch', `/api/v1/sla/calendars/${builtIn}`, { name: 'Mine' }),
        409,
      );
      expectStatus(await call(admin, 'delete', `/api/v1/sla/calendars/${berlinCalendarId}`), 409);

      const spare = await call(admin, 'post', '/api/v1/sla/calendars', {
        name: `Spare ${unique()}`,
        timeZone: 'UTC',
        week: { saturday: [{ start: '10:00', end: '14:00' }] },
      });
      expectStatus(spare, 201);
      const id = (spare.body as { id: string }).id;
      const renamed = await call(admin, 'patch', `/api/v1/sla/calendars/${id}`, {
        name: 'Weekend',
      });
      expectStatus(renamed, 200);
      expect(renamed.body).toMatchObject({
        name: 'Weekend',
        week: { monday: [], saturday: [{ start: '10:00', end: '14:00' }] },
      });
      expectStatus(await call(admin, 'delete', `/api/v1/sla/calendars/${id}`), 204);
      expectStatus(await call(admin, 'get', `/api/v1/sla/calendars/${id}`), 404);
    });

    it('lets agents read policies but not change them; customers neither', async () => {
      expectStatus(await call(manager, 'get', '/api/v1/sla/policies'), 200);
      expectStatus(await call(manager, 'get', '/api/v1/sla/calendars'), 200);
      const refused = await call(manager, 'post', '/api/v1/sla/policies', {
        name: `Agent's own ${unique()}`,
        targets: { firstResponseMinutes: 1 },
      });
      expectStatus(refused, 403);
      expectStatus(
        await call(manager, 'post', '/api/v1/sla/calendars', {
          name: `Agent's ${unique()}`,
          timeZone: 'UTC',
          week: { monday: WORKDAY },
        }),
        403,
      );
      expectStatus(await call(customer, 'get', '/api/v1/sla/policies'), 403);
      const names = (
        (await call(admin, 'get', '/api/v1/sla/policies')).body as { items: { name: string }[] }
      ).items.map((p) => p.name);
      expect(names.some((name) => name.startsWith("Agent's own"))).toBe(false);
    });
  });

  describe('clocks', () => {
    it('counts business hours: Friday 16:30 with a one-hour target is due Monday 09:30', async () => {
      clock.set(FRIDAY_1630);
      const ticket = await open(worker, 'berlin');
      expect(ticket.sla).toEqual({
        policy: { id: expect.any(String), name: expect.stringMatching(/^Berlin office hours/) },
        firstResponse: { status: 'running', dueAt: '2026-06-08T07:30:00.000Z', breachedAt: null },
        nextResponse: null,
        // 30 minutes on Friday, 450 on Monday.
        resolution: { status: 'running', dueAt: '2026-06-08T14:30:00.000Z', breachedAt: null },
        nextDueAt: '2026-06-08T07:30:00.000Z',
      });
    });

    it('pauses while pending: the due time moves by the paused business time', async () => {
      clock.set(MONDAY_9);
      const ticket = await open(customer, 'berlin');
      expect((await get(ticket.id)).sla?.firstResponse?.dueAt).toBe('2026-06-08T08:00:00.000Z');

      clock.set(at(MONDAY_9, 30));
      const pending = await patch(ticket.id, { state: 'pending' });
      expect(pending.sla?.firstResponse).toEqual({
        status: 'paused',
        dueAt: null,
        breachedAt: null,
      });
      expect(pending.sla?.resolution?.status).toBe('paused');
      expect(pending.sla?.nextDueAt).toBeNull();

      // The customer answers at 11:00: 90 paused minutes later, the ticket is open again.
      clock.set(at(MONDAY_9, 120));
      await reply(customer, ticket.id);
      // Customers never see the sla object: read it as staff.
      const back = await get(ticket.id);
      expect(back.state).toBe('open');
      expect(back.sla?.firstResponse).toEqual({
        status: 'running',
        dueAt: '2026-06-08T09:30:00.000Z',
        breachedAt: null,
      });
      expect(back.sla?.resolution?.dueAt).toBe('2026-06-09T08:30:00.000Z');
      // Not a next response: the first one is still owed.
      expect(back.sla?.nextResponse).toBeNull();
    });

    it('meets first response with the first public agent reply, not a note', async () => {
      clock.set(MONDAY_9);
      const ticket = await open(customer, 'berlin');
      clock.set(at(MONDAY_9, 5));
      const noted = await reply(worker, ticket.id, { internal: true });
      expect(noted.sla?.firstResponse?.status).toBe('running');
      clock.set(at(MONDAY_9, 10));
      const answered = await reply(worker, ticket.id);
      expect(answered.firstResponseAt).toBe(at(MONDAY_9, 10).toISOString());
      expect(answered.sla?.firstResponse).toEqual({
        status: 'met',
        dueAt: '2026-06-08T08:00:00.000Z',
        breachedAt: null,
      });
      expect(answered.sla?.nextDueAt).toBe(answered.sla?.resolution?.dueAt);
      const stored = await server.dataSource.query<{ minutes: number }[]>(
        'SELECT sla_first_response_minutes AS minutes FROM tickets WHERE id = $1',
        [ticket.id],
      );
      expect(stored[0]?.minutes).toBe(10);
    });

    it('resumes resolution when a resolved ticket reopens, and starts a next response', async () => {
      clock.set(MONDAY_9);
      const ticket = await open(customer, 'berlin');
      clock.set(at(MONDAY_9, 10));
      await reply(worker, ticket.id);
      clock.set(at(MONDAY_9, 120));
      const resolved = await patch(ticket.id, { state: 'resolved' });
      expect(resolved.sla?.resolution).toMatchObject({ status: 'met', breachedAt: null });

      // Tuesday 09:00: 120 of 480 minutes were used; the customer's answer reopens the ticket.
      clock.set(new Date('2026-06-09T07:00:00Z'));
      await reply(customer, ticket.id);
      const reopened = await get(ticket.id);
      expect(reopened.state).toBe('open');
      expect(reopened.sla?.resolution).toEqual({
        status: 'running',
        dueAt: '2026-06-09T13:00:00.000Z',
        breachedAt: null,
      });
      expect(reopened.sla?.nextResponse).toEqual({
        status: 'running',
        dueAt: '2026-06-09T08:00:00.000Z',
        breachedAt: null,
      });
      expect(reopened.sla?.firstResponse?.status).toBe('met');

      clock.set(new Date('2026-06-09T07:20:00Z'));
      const answered = await reply(worker, ticket.id);
      expect(answered.sla?.nextResponse?.status).toBe('met');
    });

    it('recomputes from the original start, keeping paused time, when the priority changes', async () => {
      clock.set(MONDAY_9);
      const ticket = await open(worker, 'priority');
      clock.set(at(MONDAY_9, 60));
      await patch(ticket.id, { state: 'pending' });
      clock.set(at(MONDAY_9, 120));
      const open_ = await patch(ticket.id, { state: 'open' });
      // 480 business minutes from Monday 09:00 with one paused hour: Tuesday 10:00.
      expect(open_.sla?.resolution?.dueAt).toBe('2026-06-09T08:00:00.000Z');

      clock.set(at(MONDAY_9, 150));
      const urgent = await patch(ticket.id, { priority: 'urgent' });
      expect(urgent.sla?.policy?.name.startsWith('Priority urgent')).toBe(true);
      // 120 minutes from 09:00, without the paused hour: 12:00.
      expect(urgent.sla?.resolution).toEqual({
        status: 'running',
        dueAt: '2026-06-08T10:00:00.000Z',
        breachedAt: null,
      });
    });

    it('applies the same rules to bulk changes and merges', async () => {
      clock.set(MONDAY_9);
      const [a, b] = [await open(worker, 'berlin'), await open(worker, 'berlin')];
      clock.set(at(MONDAY_9, 30));
      const bulk = await call(admin, 'post', '/api/v1/tickets/bulk', {
        ids: [a.id, b.id],
        changes: { state: 'pending' },
      });
      expectStatus(bulk, 200);
      expect((await get(a.id)).sla?.firstResponse?.status).toBe('paused');

      clock.set(at(MONDAY_9, 60));
      const merged = await call(admin, 'post', `/api/v1/tickets/${a.id}/merge`, {
        targetId: b.id,
      });
      expectStatus(merged, 200);
      const source = await get(a.id);
      expect(source.sla?.firstResponse?.status).toBe('stopped');
      expect(source.sla?.resolution?.status).toBe('stopped');
      expect(source.sla?.nextDueAt).toBeNull();
    });

    it('shows staff the sla object and customers nothing of it', async () => {
      clock.set(MONDAY_9);
      const ticket = await open(customer, 'berlin');
      expect(ticket).not.toHaveProperty('sla');
      expect(await get(ticket.id, customer)).not.toHaveProperty('sla');
      const list = await call(customer, 'get', '/api/v1/tickets');
      expectStatus(list, 200);
      for (const item of (list.body as { items: object[] }).items) {
        expect(item).not.toHaveProperty('sla');
      }
      expect((await get(ticket.id, manager)).sla?.policy).not.toBeNull();
    });
  });

  describe('warnings and breaches', () => {
    it('records the warning and the breach once each, with notifications', async () => {
      const start = new Date('2026-06-10T08:00:00Z');
      clock.set(start);
      const ticket = await open(worker, 'alert', { priority: 'normal' });
      await patch(ticket.id, { assigneeId: worker.id });
      const dueAt = at(start, 100).toISOString();
      expect((await get(ticket.id)).sla?.firstResponse?.dueAt).toBe(dueAt);

      clock.set(at(start, 79));
      await runJob(SLA_CHECK_JOB);
      expect(await alertsOf(ticket.id)).toEqual([]);

      clock.set(at(start, 80));
      await runJob(SLA_CHECK_JOB);
      clock.set(at(start, 81));
      await runJob(SLA_CHECK_JOB);
      expect(await alertsOf(ticket.id)).toEqual([
        { type: 'sla_warning', target: 'firstResponse', dueAt },
      ]);
      expect((await get(ticket.id)).sla?.firstResponse?.status).toBe('warning');

      clock.set(at(start, 100));
      await runJob(SLA_CHECK_JOB);
      clock.set(at(start, 130));
      await runJob(SLA_CHECK_JOB);
      expect(await alertsOf(ticket.id)).toEqual([
        { type: 'sla_warning', target: 'firstResponse', dueAt },
        { type: 'sla_breach', target: 'firstResponse', dueAt },
      ]);
      const after = await get(ticket.id);
      expect(after.sla?.firstResponse).toEqual({ status: 'breached', dueAt, breachedAt: dueAt });
      // The policy raises the priority one step on a breach, as Tessera (no actor).
      expect(after.priority).toBe('high');
      const raised = (await timeline(ticket.id)).filter((item) => item.type === 'priority');
      expect(raised).toEqual([
        expect.objectContaining({ actorId: null, before: 'normal', after: 'high' }),
      ]);

      for (const user of [manager, worker]) {
        const kinds = (await notificationsOf(user, ticket.id)).map((n) => n.kind);
        expect(kinds).toEqual(['sla_breach', 'sla_warning']);
      }
    });

    it('gives imported history its due times, and a breach event when the sweep runs', async () => {
      clock.set(new Date('2026-06-10T12:00:00Z'));
      const createdAt = '2026-06-01T08:00:00.000Z';
      const ticket = await open(admin, 'import', { createdAt, channel: 'email' });
      expect(ticket.sla?.firstResponse).toEqual({
        status: 'breached',
        dueAt: '2026-06-01T09:00:00.000Z',
        breachedAt: '2026-06-01T09:00:00.000Z',
      });
      expect(ticket.sla?.resolution?.dueAt).toBe('2026-06-01T12:00:00.000Z');

      await runJob(SLA_CHECK_JOB);
      await runJob(SLA_CHECK_JOB);
      expect(await alertsOf(ticket.id)).toEqual([
        { type: 'sla_breach', target: 'firstResponse', dueAt: '2026-06-01T09:00:00.000Z' },
        { type: 'sla_breach', target: 'resolution', dueAt: '2026-06-01T12:00:00.000Z' },
      ]);
      const kinds = (await notificationsOf(manager, ticket.id)).map((n) => n.kind);
      expect(kinds).toEqual(['sla_breach', 'sla_breach']);
    });

    it('shows each user their own notifications only, and marks them read', async () => {
      const [mine] = (await call(manager, 'get', '/api/v1/notifications?unread=true')).body
        .items as { id: string; readAt: string | null }[];
      expect(mine).toBeDefined();
      const id = mine?.id ?? '';
      expectStatus(await call(customer, 'post', `/api/v1/notifications/${id}/read`), 404);
      const read = await call(manager, 'post', `/api/v1/notifications/${id}/read`);
      expectStatus(read, 200);
      expect(read.body).toMatchObject({ id, readAt: clock.now().toISOString() });
      const unread = (await call(manager, 'get', '/api/v1/notifications?unread=true')).body
        .items as { id: string }[];
      expect(unread.some((n) => n.id === id)).toBe(false);
      const customers = await call(customer, 'get', '/api/v1/notifications');
      expectStatus(customers, 200);
      expect(customers.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('lists', () => {
    it('sorts by the soonest due time, tickets without a running clock last', async () => {
      const start = new Date('2026-06-11T08:00:00Z');
      clock.set(start);
      const normal = await open(worker, 'due', { priority: 'normal' });
      const urgent = await open(worker, 'due', { priority: 'urgent' });
      const low = await open(worker, 'due', { priority: 'low' });
      const high = await open(worker, 'due', { priority: 'high' });
      expect(low.sla?.policy).toBeNull();

      const page = async (query: string) => {
        const response = await call(
          manager,
          'get',
          `/api/v1/tickets?queueId=${queues.due}&sort=due&${query}`,
        );
        expectStatus(response, 200);
        return response.body as { items: TicketView[]; nextCursor: string | null };
      };
      const all = await page('');
      expect(all.items.map((t) => t.id)).toEqual([urgent.id, high.id, normal.id, low.id]);

      const first = await page('limit=2');
      expect(first.items.map((t) => t.id)).toEqual([urgent.id, high.id]);
      const second = await page(`limit=2&cursor=${first.nextCursor ?? ''}`);
      expect(second.items.map((t) => t.id)).toEqual([normal.id, low.id]);
      expect(second.nextCursor).toBeNull();

      const soon = await page(`dueBefore=${encodeURIComponent(at(start, 90).toISOString())}`);
      expect(soon.items.map((t) => t.id)).toEqual([urgent.id, high.id]);
      const states = await page('state=new,open');
      expect(states.items.map((t) => t.id)).toEqual([urgent.id, high.id, normal.id, low.id]);
    });
  });

  it('applies a new policy to tickets already open', async () => {
    clock.set(MONDAY_9);
    const queueId = (await aQueue(server.dataSource)).id;
    const response = await call(admin, 'post', '/api/v1/tickets', {
      subject: 'Before any policy',
      text: 'Hello',
      queueId,
      requester: { email: `r-${unique()}@example.com` },
    });
    expectStatus(response, 201);
    const id = (response.body as TicketView).id;
    expect((await get(id)).sla?.policy).toBeNull();
    await createPolicy({
      name: `Late ${unique()}`,
      conditions: { queueIds: [queueId] },
      targets: { resolutionMinutes: 60 },
    });
    await runJob(SLA_REAPPLY_JOB);
    expect((await get(id)).sla?.resolution?.dueAt).toBe(at(MONDAY_9, 60).toISOString());
  });
});

describe('SLA on the embedded database', () => {
  it('computes due times and records breaches', async () => {
    const clock = new FixedClock(MONDAY_9);
    const server = await startTestServer({ database: 'embedded', clock });
    try {
      const db = server.dataSource;
      const admin = await aUser(db, { role: 'admin' });
      const queueId = (await aQueue(db)).id;
      const auth = `Bearer ${await signIn(server.url, admin.email)}`;
      const policy = await request(server.url)
        .post('/api/v1/sla/policies')
        .set('Authorization', auth)
        .send({
          name: 'Everything',
          conditions: { queueIds: [queueId] },
          targets: { firstResponseMinutes: 15 },
        });
      expectStatus(policy, 201);
      const created = await request(server.url)
        .post('/api/v1/tickets')
        .set('Authorization', auth)
        .send({ subject: 'Hi', text: 'Hello', queueId, requester: { email: 'e@example.com' } });
      expectStatus(created, 201);
      const ticket = created.body as TicketView;
      expect(ticket.sla?.firstResponse?.dueAt).toBe(
        new Date(MONDAY_9.getTime() + 15 * MINUTE).toISOString(),
      );

      clock.set(new Date(MONDAY_9.getTime() + 20 * MINUTE));
      const jobs = server.server.app.get(JobService);
      const jobId = await jobs.trigger(SLA_CHECK_JOB);
      expect(await waitForJob(jobs, SLA_CHECK_JOB, jobId)).toBe('completed');
      const rows = await db.query<{ type: string }[]>(
        `SELECT type FROM ticket_events WHERE ticket_id = $1 AND type LIKE 'sla_%'`,
        [ticket.id],
      );
      expect(rows.map((row) => row.type)).toEqual(['sla_breach']);
    } finally {
      await server.close();
    }
  });
});
