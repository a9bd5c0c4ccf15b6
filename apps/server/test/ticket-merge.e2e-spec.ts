// Merging tickets, linking them, and follow-ups of closed tickets, end to end: what moves where,
// what each side records, who may do it (seen from the refused caller's side too), what stays
// hidden, and where replies land afterwards.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { FixedClock } from './harness/fixed-clock.js';
import { aQueue, aSignedInUser, anOrganization, grant, type TestUser } from './harness/identity.js';
import { expectStatus, fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface Ticket {
  id: string;
  number: number;
  subject: string;
  state: string;
  priority: string;
  queueId: string;
  requesterId: string;
  organizationId: string | null;
  channel: string;
  tags?: string[];
  mergedIntoId: string | null;
  version: number;
  updatedAt: string;
}

interface TimelineItem {
  kind: 'message' | 'event';
  id: string;
  actorId: string | null;
  text?: string | null;
  type?: string;
  before?: unknown;
  after?: unknown;
}

interface Link {
  ticketId: string;
  number: number;
  subject: string;
  state: string;
  kind: string;
  direction: string;
  createdAt: string;
}

const START = new Date('2026-05-04T09:00:00Z');
const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const hex = () => randomBytes(4).toString('hex');
/** A word no other test uses: one lexeme for search. */
const marker = () => `m${hex()}`;

/** What a refusal says, without what differs between any two requests (request id, path). */
function refusal(response: request.Response) {
  const body = response.body as { code?: string; detail?: string; errors?: unknown };
  return { status: response.status, code: body.code, detail: body.detail, errors: body.errors };
}

describe('merge, links and follow-ups', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  /** Moves time on a little, so every change has its own instant (ordering, updatedAt). */
  const tick = () => clock.set(new Date(clock.now().getTime() + 10));
  const api = () => request(server.url);
  const db = () => server.dataSource;

  let admin: SignedIn;
  /** Both agents work queue A. `agent` also replies in B; `viewer` only views B. */
  let queueA: string;
  let queueB: string;
  /** A queue neither agent has any access to. */
  let hiddenQueue: string;
  let agent: SignedIn;
  let viewer: SignedIn;

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    admin = await aSignedInUser(server.url, db(), { role: 'admin' });
    queueA = (await aQueue(db())).id;
    queueB = (await aQueue(db())).id;
    hiddenQueue = (await aQueue(db())).id;
    agent = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Rey Reply' });
    viewer = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Vic View' });
    await grant(db(), queueA, { userId: agent.id }, 'reply');
    await grant(db(), queueB, { userId: agent.id }, 'reply');
    await grant(db(), queueA, { userId: viewer.id }, 'reply');
    await grant(db(), queueB, { userId: viewer.id }, 'view');
  });
  afterAll(async () => {
    await server?.close();
  });

  // ---- helpers: each request that writes moves the clock first ----

  const aCustomer = (organizationId?: string) =>
    aSignedInUser(server.url, db(), { role: 'customer', organizationId: organizationId ?? null });

  async function openTicket(caller: SignedIn, body: Record<string, unknown> = {}) {
    tick();
    const response = await api()
      .post('/api/v1/tickets')
      .set('Authorization', caller.auth)
      .send({
        subject: `Printer trouble ${hex()}`,
        text: 'It jams.',
        queueId: queueA,
        ...(caller.role === 'customer'
          ? {}
          : { requester: { email: `requester-${hex()}@example.com` } }),
        ...body,
      });
    expectStatus(response, 201);
    return response.body as Ticket;
  }

  async function read(caller: SignedIn, reference: string | number): Promise<Ticket> {
    const response = await api()
      .get(`/api/v1/tickets/${encodeURIComponent(reference)}`)
      .set('Authorization', caller.auth);
    expectStatus(response, 200);
    return response.body as Ticket;
  }

  async function change(caller: SignedIn, ticket: Ticket, body: Record<string, unknown>) {
    tick();
    const response = await api()
      .patch(`/api/v1/tickets/${ticket.id}`)
      .set({ Authorization: caller.auth, 'If-Match': `"${ticket.version}"` })
      .send(body);
    expectStatus(response, 200);
    return response.body as Ticket;
  }

  const postMessage = (
    caller: SignedIn,
    reference: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    tick();
    return api()
      .post(`/api/v1/tickets/${reference}/messages`)
      .set({ Authorization: caller.auth, ...headers })
      .send(body);
  };

  async function reply(caller: SignedIn, ticket: Ticket, body: Record<string, unknown>) {
    const response = await postMessage(caller, ticket.id, body);
    expectStatus(response, 201);
    return response.body as { id: string; ticket: Ticket };
  }

  async function closed(caller: SignedIn, body: Record<string, unknown> = {}) {
    const ticket = await openTicket(caller, body);
    const resolved = await change(agent, await read(agent, ticket.id), { state: 'resolved' });
    return change(agent, resolved, { state: 'closed' });
  }

  const merge = (caller: SignedIn, source: string | number, targetId: unknown) => {
    tick();
    return api()
      .post(`/api/v1/tickets/${source}/merge`)
      .set('Authorization', caller.auth)
      .send({ targetId });
  };

  async function timelineOf(caller: SignedIn, reference: string): Promise<TimelineItem[]> {
    const response = await api()
      .get(`/api/v1/tickets/${reference}/timeline`)
      .set('Authorization', caller.auth);
    expectStatus(response, 200);
    return (response.body as { items: TimelineItem[] }).items;
  }

  const eventsOf = async (reference: string, type: string) =>
    (await timelineOf(admin, reference)).filter((item) => item.type === type);

  const messagesOf = (ticketId: string) =>
    db().query<{ id: string; body_text: string; internal: boolean }[]>(
      'SELECT id, body_text, internal FROM ticket_messages WHERE ticket_id = $1 ORDER BY created_at, id',
      [ticketId],
    );

  const link = (caller: SignedIn, from: string, body: Record<string, unknown>) => {
    tick();
    return api().post(`/api/v1/tickets/${from}/links`).set('Authorization', caller.auth).send(body);
  };

  const unlink = (caller: SignedIn, from: string, other: string | number) => {
    tick();
    return api()
      .delete(`/api/v1/tickets/${from}/links/${encodeURIComponent(other)}`)
      .set('Authorization', caller.auth);
  };

  async function linksOf(caller: SignedIn, reference: string): Promise<Link[]> {
    const response = await api()
      .get(`/api/v1/tickets/${reference}/links`)
      .set('Authorization', caller.auth);
    expectStatus(response, 200);
    return (response.body as { items: Link[] }).items;
  }

  // ---------------------------------------------------------------------------------------------

  describe('POST /api/v1/tickets/:id/merge', () => {
    it('moves every message to the target and leaves the source merged, pointing at it', async () => {
      const customer = await aCustomer();
      const word = marker();
      const source = await openTicket(customer, { text: `The ${word} hums.`, tags: [] });
      await reply(agent, source, { text: 'Turn it off and on.' });
      await reply(agent, source, { text: 'Probably the fuse', internal: true });
      const taggedSource = await change(agent, await read(agent, source.id), {
        tags: ['printer', 'vip'],
      });
      const target = await openTicket(agent, { queueId: queueB, tags: ['vip', 'billing'] });
      const before = { source: await messagesOf(source.id), target: await messagesOf(target.id) };
      expect(before.source).toHaveLength(3);

      // The target named by its number, as a JSON number.
      const response = await merge(agent, source.id, target.number);
      expectStatus(response, 200);
      const at = clock.now().toISOString();
      expect(response.body).toMatchObject({
        movedMessages: 3,
        source: {
          id: source.id,
          state: 'merged',
          mergedIntoId: target.id,
          version: taggedSource.version + 1,
          updatedAt: at,
        },
        target: {
          id: target.id,
          state: 'new',
          mergedIntoId: null,
          tags: ['billing', 'printer', 'vip'],
          version: target.version + 1,
          updatedAt: at,
        },
      });

      expect(await messagesOf(source.id)).toEqual([]);
      const moved = await messagesOf(target.id);
      expect(moved.map((m) => m.id).sort()).toEqual(
        [...before.source, ...before.target].map((m) => m.id).sort(),
      );
      // The timelines agree: the conversation is in the target, in order; none is left behind.
      const targetTimeline = await timelineOf(agent, target.id);
      const texts = targetTimeline.filter((i) => i.kind === 'message').map((i) => i.text);
      expect(texts).toEqual([
        `The ${word} hums.`,
        'Turn it off and on.',
        'Probably the fuse',
        'It jams.',
      ]);
      expect((await timelineOf(agent, source.id)).filter((i) => i.kind === 'message')).toEqual([]);

      // Reading the merged ticket still works, by id and by number.
      expect(await read(agent, source.id)).toEqual(response.body.source);
      expect(await read(customer, String(source.number))).toMatchObject({
        state: 'merged',
        mergedIntoId: target.id,
      });
      expect(await read(agent, target.id)).toEqual(response.body.target);

      // Both sides record the merge, by whom, with where it went and where it came from.
      expect(await eventsOf(source.id, 'merged')).toEqual([
        expect.objectContaining({
          actorId: agent.id,
          // Open since the agent's reply.
          before: { state: 'open' },
          after: { intoId: target.id, intoNumber: target.number },
        }),
      ]);
      expect(await eventsOf(target.id, 'merged')).toEqual([
        expect.objectContaining({
          actorId: agent.id,
          before: null,
          after: { fromId: source.id, fromNumber: source.number, messages: 3 },
        }),
      ]);
      expect(await eventsOf(target.id, 'tags')).toEqual([
        expect.objectContaining({
          before: ['billing', 'vip'],
          after: ['billing', 'printer', 'vip'],
        }),
      ]);
    });

    it("finds the merged ticket's words under the target, and no longer under the source", async () => {
      const word = marker();
      const source = await openTicket(agent, { subject: 'Scanner', text: `Error ${word} again` });
      const target = await openTicket(agent, { subject: 'Copier' });
      const search = async (q: string) => {
        const response = await api()
          .get('/api/v1/search')
          .query({ q })
          .set('Authorization', agent.auth);
        expectStatus(response, 200);
        return (response.body.items as { ticket: Ticket }[]).map((hit) => hit.ticket.id);
      };
      expect(await search(word)).toEqual([source.id]);
      expectStatus(await merge(agent, source.id, target.id), 200);
      expect(await search(word)).toEqual([target.id]);
      // Each keeps its own subject.
      expect(await search('scanner')).toContain(source.id);
      expect(await search('scanner')).not.toContain(target.id);
    });

    it('takes the target by id in any case, or by "#number"', async () => {
      const first = await openTicket(agent);
      const target = await openTicket(agent);
      expectStatus(await merge(agent, first.id, target.id.toUpperCase()), 200);
      const second = await openTicket(agent);
      expectStatus(await merge(agent, String(second.number), `#${target.number}`), 200);
      expect((await read(agent, second.id)).mergedIntoId).toBe(target.id);
    });

    it('refuses a ticket merged into itself (400 targetId), by id or number', async () => {
      const ticket = await openTicket(agent);
      for (const targetId of [ticket.id, ticket.number, `#${ticket.number}`]) {
        const response = await merge(agent, ticket.id, targetId);
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['targetId']);
      }
      expect(await read(agent, ticket.id)).toEqual(ticket);
    });

    it('refuses merged and closed tickets on either side (409), changing nothing', async () => {
      const live = await openTicket(agent);
      const done = await closed(agent);
      const gone = await openTicket(agent);
      const into = await openTicket(agent);
      expectStatus(await merge(agent, gone.id, into.id), 200);
      const cases: [Ticket, Ticket, RegExp][] = [
        [live, done, new RegExp(`#${done.number} is closed and cannot take a merge`)],
        [live, await read(agent, gone.id), new RegExp(`#${gone.number} is merged`)],
        [done, live, new RegExp(`#${done.number} is closed and cannot be merged`)],
        [await read(agent, gone.id), live, new RegExp(`#${gone.number} is merged and cannot be`)],
      ];
      for (const [source, target, detail] of cases) {
        const response = await merge(agent, source.id, target.id);
        expectStatus(response, 409);
        expect(response.body.code).toBe('conflict');
        expect(response.body.detail).toMatch(detail);
        expect(await read(agent, source.id)).toEqual(source);
        expect(await read(agent, target.id)).toEqual(target);
      }
      expect(await messagesOf(live.id)).toHaveLength(1);
      expect(await messagesOf(done.id)).toHaveLength(1);
    });

    it('refuses an agent who may only view the target (403), who sees the target exists', async () => {
      const source = await openTicket(viewer);
      const target = await openTicket(agent, { queueId: queueB });
      const response = await merge(viewer, source.id, target.id);
      expectStatus(response, 403);
      expect(response.body.detail).toMatch(/ticket:merge/);
      expect((await read(viewer, source.id)).state).toBe('new');
      expect(await messagesOf(target.id)).toHaveLength(1);
    });

    it('answers a target the agent cannot see exactly as one that does not exist (400 targetId)', async () => {
      const source = await openTicket(agent);
      const hidden = await openTicket(admin, { queueId: hiddenQueue });
      const answers = [];
      for (const targetId of [hidden.id, hidden.number, UNKNOWN_ID, 2_000_000_000]) {
        const response = await merge(agent, source.id, targetId);
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['targetId']);
        answers.push(refusal(response));
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect((await read(agent, source.id)).state).toBe('new');
      expect(await messagesOf(hidden.id)).toHaveLength(1);
    });

    it('names a malformed targetId (400) and never lets customers merge (403)', async () => {
      const ticket = await openTicket(agent);
      for (const targetId of ['ticket 1', '', null, true, 1.5]) {
        const response = await merge(agent, ticket.id, targetId);
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['targetId']);
      }
      const customer = await aCustomer();
      const own = await openTicket(customer);
      const alsoOwn = await openTicket(customer);
      expectStatus(await merge(customer, own.id, alsoOwn.id), 403);
      expect((await read(customer, own.id)).state).toBe('new');
    });

    it("sends a customer's reply to a merged ticket to the ticket it went into", async () => {
      const customer = await aCustomer();
      const duplicate = await openTicket(customer, { text: 'Also: it jams' });
      const original = await openTicket(customer);
      const pending = await change(agent, await read(agent, original.id), { state: 'pending' });
      expectStatus(await merge(agent, duplicate.id, pending.id), 200);

      const answered = await reply(customer, duplicate, { text: 'Any news?' });
      // The answer shows where the reply went: the target, brought back from pending.
      expect(answered.ticket).toMatchObject({ id: original.id, state: 'open' });
      expect((await messagesOf(original.id)).map((m) => m.body_text)).toContain('Any news?');
      expect(await messagesOf(duplicate.id)).toEqual([]);
      expect((await read(agent, duplicate.id)).state).toBe('merged');
    });

    it('follows a chain of merges, and opens a follow-up when its end is closed', async () => {
      const customer = await aCustomer();
      const first = await openTicket(customer);
      const second = await openTicket(customer);
      const third = await openTicket(customer);
      expectStatus(await merge(agent, first.id, second.id), 200);
      expectStatus(await merge(agent, second.id, third.id), 200);
      const landed = await reply(customer, first, { text: 'Hello again' });
      expect(landed.ticket.id).toBe(third.id);

      const resolved = await change(agent, await read(agent, third.id), { state: 'resolved' });
      await change(agent, resolved, { state: 'closed' });
      const followUp = await reply(customer, first, { text: 'It is back' });
      expect(followUp.ticket).toMatchObject({ state: 'new', subject: third.subject });
      expect(await linksOf(customer, followUp.ticket.id)).toEqual([
        expect.objectContaining({ ticketId: third.id, kind: 'follow_up', direction: 'outgoing' }),
      ]);
    });

    it("refuses a customer's reply where the merge went to a ticket they cannot see (409), naming nothing", async () => {
      const customer = await aCustomer();
      const theirs = await openTicket(customer);
      const someoneElses = await openTicket(agent);
      expectStatus(await merge(agent, theirs.id, someoneElses.id), 200);
      const response = await postMessage(customer, theirs.id, { text: 'Hello?' });
      expectStatus(response, 409);
      expect(JSON.stringify(response.body)).not.toContain(someoneElses.id);
      expect(JSON.stringify(response.body)).not.toContain(String(someoneElses.number));
      // Its own first message and the one merged in; not the reply.
      expect((await messagesOf(someoneElses.id)).map((m) => m.body_text)).toEqual([
        'It jams.',
        'It jams.',
      ]);
    });

    it("answers an agent's reply or note to a merged ticket with 409 naming the target", async () => {
      const source = await openTicket(agent);
      const target = await openTicket(agent);
      expectStatus(await merge(agent, source.id, target.id), 200);
      for (const internal of [false, true]) {
        const response = await postMessage(agent, source.id, { text: 'Hi', internal });
        expectStatus(response, 409);
        expect(response.body).toMatchObject({
          code: 'conflict',
          mergedIntoId: target.id,
          mergedIntoNumber: target.number,
        });
        expect(response.body.detail).toContain(`#${target.number}`);
      }
      expect(await messagesOf(target.id)).toHaveLength(2);
    });
  });

  describe('links', () => {
    it('links two tickets once, lists them from both sides, and removes the link', async () => {
      const one = await openTicket(agent);
      const two = await openTicket(agent, { queueId: queueB });

      const created = await link(agent, one.id, { ticketId: two.number });
      expectStatus(created, 201);
      expect(created.body).toEqual({
        ticketId: two.id,
        number: two.number,
        subject: two.subject,
        state: 'new',
        kind: 'related',
        direction: 'outgoing',
        createdAt: clock.now().toISOString(),
      });
      // Linking them again, either way round, changes nothing and shows the link there is.
      const again = await link(agent, one.id, { ticketId: two.id, kind: 'related' });
      expectStatus(again, 200);
      expect(again.body).toEqual(created.body);
      const reverse = await link(agent, two.id, { ticketId: `#${one.number}` });
      expectStatus(reverse, 200);
      expect(reverse.body).toMatchObject({ ticketId: one.id, direction: 'incoming' });

      expect(await linksOf(agent, one.id)).toEqual([created.body]);
      expect(await linksOf(agent, String(two.number))).toEqual([reverse.body]);
      const linked = (ticket: Ticket, other: Ticket, direction: string) => [
        expect.objectContaining({
          actorId: agent.id,
          before: null,
          after: { ticketId: other.id, number: other.number, kind: 'related', direction },
        }),
      ];
      expect(await eventsOf(one.id, 'link')).toEqual(linked(one, two, 'outgoing'));
      expect(await eventsOf(two.id, 'link')).toEqual(linked(two, one, 'incoming'));
      // Linking changes neither ticket.
      expect(await read(agent, one.id)).toEqual(one);

      // Removed from the other side, by number.
      expectStatus(await unlink(agent, two.id, one.number), 204);
      expect(await linksOf(agent, one.id)).toEqual([]);
      expect(await linksOf(agent, two.id)).toEqual([]);
      expect((await eventsOf(one.id, 'unlink')).map((e) => [e.before, e.after])).toEqual([
        [{ ticketId: two.id, number: two.number, kind: 'related', direction: 'outgoing' }, null],
      ]);
      expect((await eventsOf(two.id, 'unlink')).map((e) => [e.before, e.after])).toEqual([
        [{ ticketId: one.id, number: one.number, kind: 'related', direction: 'incoming' }, null],
      ]);
      const gone = await unlink(agent, one.id, two.id);
      expectStatus(gone, 404);
    });

    it('refuses a link to the ticket itself, to nothing, or to a ticket the caller cannot see (400)', async () => {
      const ticket = await openTicket(agent);
      const hidden = await openTicket(admin, { queueId: hiddenQueue });
      const self = await link(agent, ticket.id, { ticketId: ticket.id });
      expectStatus(self, 400);
      expect(fieldsOf(self.body)).toEqual(['ticketId']);
      const answers = [];
      for (const ticketId of [hidden.id, UNKNOWN_ID, hidden.number]) {
        const response = await link(agent, ticket.id, { ticketId });
        expectStatus(response, 400);
        expect(fieldsOf(response.body)).toEqual(['ticketId']);
        answers.push(refusal(response));
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      for (const body of [{ ticketId: 'nope' }, { ticketId: hidden.id, kind: 'follow_up' }, {}]) {
        expectStatus(await link(agent, ticket.id, body), 400);
      }
      expect(await linksOf(admin, hidden.id)).toEqual([]);
    });

    it('needs ticket:update on both tickets: view on the other answers 403', async () => {
      const mine = await openTicket(viewer);
      const viewOnly = await openTicket(agent, { queueId: queueB });
      const response = await link(viewer, mine.id, { ticketId: viewOnly.id });
      expectStatus(response, 403);
      expect(await linksOf(admin, mine.id)).toEqual([]);
      // The same the other way round, where the access guard answers.
      expectStatus(await link(viewer, viewOnly.id, { ticketId: mine.id }), 403);
      expectStatus(await link(admin, mine.id, { ticketId: viewOnly.id }), 201);
      expectStatus(await unlink(viewer, mine.id, viewOnly.id), 403);
      // Unlinking from a ticket one cannot see answers as if they were not linked.
      const hidden = await openTicket(admin, { queueId: hiddenQueue });
      expectStatus(await link(admin, mine.id, { ticketId: hidden.id }), 201);
      expectStatus(await unlink(viewer, mine.id, hidden.id), 404);
      expect(await linksOf(admin, mine.id)).toHaveLength(2);
    });

    it('lists only the links to tickets the caller may see, and tells nothing of the others', async () => {
      const organization = await anOrganization(db());
      const customer = await aCustomer(organization.id);
      const hub = await openTicket(customer);
      const sameQueue = await openTicket(customer);
      const hiddenFromAgent = await openTicket(admin, {
        queueId: hiddenQueue,
        requester: { email: customer.email },
      });
      const otherCustomers = await openTicket(agent);
      for (const other of [sameQueue, hiddenFromAgent, otherCustomers]) {
        expectStatus(await link(admin, hub.id, { ticketId: other.id }), 201);
      }
      const idsFor = async (caller: SignedIn) =>
        (await linksOf(caller, hub.id)).map((l) => l.ticketId).sort();
      expect(await idsFor(admin)).toEqual(
        [sameQueue.id, hiddenFromAgent.id, otherCustomers.id].sort(),
      );
      expect(await idsFor(agent)).toEqual([sameQueue.id, otherCustomers.id].sort());
      expect(await idsFor(customer)).toEqual([sameQueue.id, hiddenFromAgent.id].sort());
      const body = JSON.stringify(
        (await api().get(`/api/v1/tickets/${hub.id}/links`).set('Authorization', agent.auth)).body,
      );
      expect(body).not.toContain(hiddenFromAgent.id);
      expect(body).not.toContain(hiddenFromAgent.subject);
    });
  });

  describe('follow-ups of closed tickets', () => {
    it("opens a new ticket with a customer's reply to a closed one, leaving the closed one as it was", async () => {
      const organization = await anOrganization(db());
      const customer = await aCustomer(organization.id);
      const old = await closed(customer, { priority: 'high', queueId: queueB });
      const before = await read(agent, old.id);

      const response = await postMessage(customer, old.id, { text: 'It broke again.' });
      expectStatus(response, 201);
      const { id: messageId, ticket } = response.body as { id: string; ticket: Ticket };
      expect(ticket.id).not.toBe(old.id);
      expect(ticket).toMatchObject({
        subject: old.subject,
        state: 'new',
        priority: 'high',
        queueId: queueB,
        requesterId: customer.id,
        organizationId: organization.id,
        channel: 'api',
        mergedIntoId: null,
        version: 1,
      });
      expect(ticket.number).toBeGreaterThan(old.number);
      expect(await messagesOf(ticket.id)).toEqual([
        { id: messageId, body_text: 'It broke again.', internal: false },
      ]);

      // The closed ticket: still closed, no new message, same version.
      expect(await read(agent, old.id)).toEqual(before);
      expect(await messagesOf(old.id)).toHaveLength(1);

      expect(await linksOf(customer, ticket.id)).toEqual([
        expect.objectContaining({ ticketId: old.id, kind: 'follow_up', direction: 'outgoing' }),
      ]);
      expect(await linksOf(agent, old.id)).toEqual([
        expect.objectContaining({ ticketId: ticket.id, kind: 'follow_up', direction: 'incoming' }),
      ]);
      expect(await eventsOf(ticket.id, 'created')).toEqual([
        expect.objectContaining({
          actorId: customer.id,
          after: {
            state: 'new',
            queueId: queueB,
            channel: 'api',
            requesterId: customer.id,
            followUpOf: { id: old.id, number: old.number },
          },
        }),
      ]);
      expect(await eventsOf(old.id, 'link')).toEqual([
        expect.objectContaining({
          actorId: customer.id,
          after: {
            ticketId: ticket.id,
            number: ticket.number,
            kind: 'follow_up',
            direction: 'incoming',
          },
        }),
      ]);
      // The customer sees the new ticket and its conversation.
      expect((await timelineOf(customer, ticket.id)).map((i) => i.text)).toEqual([
        'It broke again.',
      ]);
    });

    it('opens one follow-up for a retried reply with the same Idempotency-Key', async () => {
      const customer = await aCustomer();
      const old = await closed(customer);
      const key = { 'Idempotency-Key': `follow-up-${hex()}` };
      const first = await postMessage(customer, old.id, { text: 'Again!' }, key);
      expectStatus(first, 201);
      const retry = await postMessage(customer, old.id, { text: 'Again!' }, key);
      expectStatus(retry, 201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(first.body.ticket.id).not.toBe(old.id);
      expect(await linksOf(admin, old.id)).toHaveLength(1);
      const different = await postMessage(customer, old.id, { text: 'Other' }, key);
      expectStatus(different, 409);
      // A new reply without the key opens another follow-up.
      const another = await postMessage(customer, old.id, { text: 'And again' });
      expectStatus(another, 201);
      expect(another.body.ticket.id).not.toBe(first.body.ticket.id);
      expect(await linksOf(admin, old.id)).toHaveLength(2);
    });

    it('still refuses replies and notes from agents on a closed ticket (409)', async () => {
      const old = await closed(agent);
      for (const internal of [false, true]) {
        const response = await postMessage(agent, old.id, { text: 'Hi', internal });
        expectStatus(response, 409);
        expect(response.body.detail).toMatch(/closed/);
      }
      expect(await linksOf(admin, old.id)).toEqual([]);
      expect(await messagesOf(old.id)).toHaveLength(1);
    });
  });
});
