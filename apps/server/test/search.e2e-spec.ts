// Ticket search end to end: what matches (subject, requester, public messages; never internal
// notes), prefixes, phrases and exclusions, ranking, every filter, who sees what, pagination, bad
// input, and that the GIN index serves the query.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { RECENT_SEARCH_DAYS } from '../src/modules/ticket/ticket-search-tier.js';
import { TicketSearchTierService } from '../src/modules/ticket/ticket-search-tier.service.js';
import { FixedClock } from './harness/fixed-clock.js';
import { aQueue, aSignedInUser, anOrganization, grant, type TestUser } from './harness/identity.js';
import { startTestServer, type TestServer } from './harness/test-server.js';
import { expectStatus } from './harness/problem.js';

type SignedIn = TestUser & { auth: string };

interface Ticket {
  id: string;
  number: number;
  subject: string;
  state: string;
  priority: string;
  version: number;
  updatedAt: string;
  assigneeId?: string | null;
  assigneeName?: string | null;
  tags?: string[];
}

interface Hit {
  ticket: Ticket;
  rank: number;
  headline: string;
}

interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

const START = new Date('2026-05-04T09:00:00Z');
const hex = () => randomBytes(4).toString('hex');
/** A word no other test uses: letters and digits, one lexeme. */
const marker = () => `m${hex()}`;

describe('ticket search API', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  /** Moves time on a little, so every change has its own instant (ordering by updatedAt). */
  const tick = () => clock.set(new Date(clock.now().getTime() + 10));
  const api = () => request(server.url);
  const db = () => server.dataSource;

  let admin: SignedIn;
  /** Reply access to support and billing. */
  let agent: SignedIn;
  /** Reply access to support only. */
  let narrow: SignedIn;
  /** Another agent with access to both, to be assigned tickets. */
  let colleague: SignedIn;
  let support: { id: string; slug: string };
  let billing: { id: string; slug: string };
  /** No agent here has access to it. */
  let secret: { id: string; slug: string };

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock });
    admin = await aSignedInUser(server.url, db(), { role: 'admin', name: 'Ada Admin' });
    agent = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Rey Reply' });
    narrow = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Nia Narrow' });
    colleague = await aSignedInUser(server.url, db(), {
      role: 'agent',
      name: 'Col League',
      email: `Col.League-${hex()}@example.com`.toLowerCase(),
    });
    support = await aQueue(db(), { name: 'Support', slug: `support-${hex()}` });
    billing = await aQueue(db(), { name: 'Billing', slug: `billing-${hex()}` });
    secret = await aQueue(db(), { name: 'Secret', slug: `secret-${hex()}` });
    for (const queue of [support, billing]) {
      await grant(db(), queue.id, { userId: agent.id }, 'reply');
      await grant(db(), queue.id, { userId: colleague.id }, 'reply');
    }
    await grant(db(), support.id, { userId: narrow.id }, 'reply');
  });
  afterAll(async () => {
    await server?.close();
  });

  // ---- helpers ----

  const aCustomer = (options: { name?: string; organizationId?: string } = {}) =>
    aSignedInUser(server.url, db(), {
      role: 'customer',
      name: options.name ?? `Cus ${hex()}`,
      organizationId: options.organizationId ?? null,
    });

  /** Opens a ticket through the API as `caller` (staff name a fresh requester unless given). */
  async function openTicket(
    body: {
      subject: string;
      text?: string;
      queueId?: string;
      requester?: { email: string; name?: string };
      priority?: string;
      tags?: string[];
    },
    caller: SignedIn = admin,
  ): Promise<Ticket> {
    tick();
    const response = await api()
      .post('/api/v1/tickets')
      .set('Authorization', caller.auth)
      .send({
        text: 'Nothing more to say.',
        queueId: support.id,
        ...(caller.role === 'customer'
          ? {}
          : { requester: { email: `requester-${hex()}@example.com`, name: 'Rita Requester' } }),
        ...body,
      });
    expectStatus(response, 201);
    return response.body as Ticket;
  }

  async function addMessage(
    ticket: { id: string },
    body: { text: string; internal?: boolean; state?: string },
    caller: SignedIn = admin,
  ): Promise<Ticket> {
    tick();
    const response = await api()
      .post(`/api/v1/tickets/${ticket.id}/messages`)
      .set('Authorization', caller.auth)
      .send(body);
    expectStatus(response, 201);
    return (response.body as { ticket: Ticket }).ticket;
  }

  async function change(
    ticket: Ticket,
    body: Record<string, unknown>,
    caller: SignedIn = admin,
  ): Promise<Ticket> {
    tick();
    const response = await api()
      .patch(`/api/v1/tickets/${ticket.id}`)
      .set('Authorization', caller.auth)
      .set('If-Match', `"${ticket.version}"`)
      .send(body);
    expectStatus(response, 200);
    return response.body as Ticket;
  }

  const searchRequest = (caller: SignedIn, query: Record<string, string | number>) =>
    api().get('/api/v1/search').query(query).set('Authorization', caller.auth);

  /** One page of hits (200 expected). */
  async function search(
    caller: SignedIn,
    q: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: Hit[]; nextCursor: string | null }> {
    const response = await searchRequest(caller, { q, ...page });
    expectStatus(response, 200);
    return response.body as { items: Hit[]; nextCursor: string | null };
  }

  /** The ids of the hits of a search, best first. */
  const found = async (caller: SignedIn, q: string) =>
    (await search(caller, q)).items.map((hit) => hit.ticket.id);

  async function expectInvalid(caller: SignedIn, query: Record<string, string>, field: string) {
    const response = await searchRequest(caller, query);
    expectStatus(response, 400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.body as Problem;
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.map((e) => e.field)).toContain(field);
    return body.errors ?? [];
  }

  // ---- what matches ----

  describe('matching', () => {
    it('finds a word in the subject and marks it in the headline', async () => {
      const m = marker();
      const ticket = await openTicket({ subject: `The ${m} printer is broken` });
      const { items } = await search(agent, m);
      expect(items.map((hit) => hit.ticket.id)).toEqual([ticket.id]);
      expect(items[0]?.headline).toBe(`The <mark>${m}</mark> printer is broken`);
      expect(items[0]?.ticket).toMatchObject({ id: ticket.id, number: ticket.number });
      expect(items[0]?.rank).toBeGreaterThan(0);
    });

    it('finds a word in a public message, in the first one and in replies', async () => {
      const [first, later] = [marker(), marker()];
      const ticket = await openTicket({ subject: 'A question', text: `It says ${first}.` });
      await addMessage(ticket, { text: `Try ${later} then.` }, agent);
      expect(await found(agent, first)).toEqual([ticket.id]);
      expect(await found(agent, later)).toEqual([ticket.id]);
      // The headline is the subject; it shows no match when the words were elsewhere.
      expect((await search(agent, later)).items[0]?.headline).toBe('A question');
    });

    it("finds the requester's name and email address", async () => {
      const m = marker();
      const email = `ann-${hex()}@example.com`;
      const ticket = await openTicket({
        subject: 'Hello',
        requester: { email, name: `Annabel ${m}` },
      });
      expect(await found(agent, m)).toEqual([ticket.id]);
      expect(await found(agent, email)).toEqual([ticket.id]);
      expect(await found(agent, email.toUpperCase())).toEqual([ticket.id]);
    });

    it('matches whole words, and as a prefix a word that ends in *', async () => {
      const m = marker();
      const ticket = await openTicket({ subject: `${m} printer jammed` });
      expect(await found(agent, `${m} PRINTER`)).toEqual([ticket.id]);
      expect(await found(agent, `${m} print`)).toEqual([]);
      expect(await found(agent, `${m} print*`)).toEqual([ticket.id]);
      expect(await found(agent, `${m} PRINT* jam*`)).toEqual([ticket.id]);
      expect(await found(agent, `${m.slice(0, 6)}*`)).toContain(ticket.id);
      expect(await found(agent, m.slice(0, 6))).not.toContain(ticket.id);
      expect(await found(agent, `${m} rinter*`)).toEqual([]);
      expect(await found(agent, `${m} printers`)).toEqual([]);
      expect(await found(agent, `${m} -jam*`)).toEqual([]);
    });

    it('matches a quoted phrase only with its words together and in order', async () => {
      const m = marker();
      const jam = await openTicket({ subject: m, text: 'There is a paper jam in tray 2.' });
      const other = await openTicket({ subject: m, text: 'A jam of paper everywhere.' });
      expect(await found(agent, `${m} "paper jam"`)).toEqual([jam.id]);
      expect(await found(agent, `${m} "jam of paper"`)).toEqual([other.id]);
      expect(await found(agent, `${m} "jam paper"`)).toEqual([]);
      expect((await found(agent, `${m} paper jam`)).sort()).toEqual([jam.id, other.id].sort());
    });

    it('leaves out tickets with an excluded word or phrase', async () => {
      const m = marker();
      const toner = await openTicket({ subject: m, text: 'The toner is empty.' });
      const jam = await openTicket({ subject: m, text: 'A paper jam.' });
      const neither = await openTicket({ subject: m, text: 'It just stopped.' });
      expect((await found(agent, `${m} -toner`)).sort()).toEqual([jam.id, neither.id].sort());
      expect((await found(agent, `${m} -ton*`)).sort()).toEqual([jam.id, neither.id].sort());
      expect((await found(agent, `${m} -"paper jam"`)).sort()).toEqual(
        [toner.id, neither.id].sort(),
      );
      expect(await found(agent, `${m} -toner -paper -stopped`)).toEqual([]);
    });

    it('ranks a match in the subject above a match in a message only, however recent', async () => {
      const m = marker();
      const inSubject = await openTicket({ subject: `${m} keeps failing`, text: 'As it says.' });
      const inMessage = await openTicket({ subject: 'Keeps failing', text: `Error ${m}.` });
      await addMessage(inMessage, { text: 'Any news?' });
      const { items } = await search(agent, m);
      expect(items.map((hit) => hit.ticket.id)).toEqual([inSubject.id, inMessage.id]);
      expect(items[0]?.rank).toBeGreaterThan(items[1]?.rank ?? Infinity);
    });

    it('escapes the subject in the headline, which is HTML', async () => {
      const m = marker();
      await openTicket({ subject: `<img src=x onerror=alert(1)> ${m} & "it's" <b>` });
      const [hit] = (await search(agent, m)).items;
      expect(hit?.headline).toBe(
        `&lt;img src=x onerror=alert(1)&gt; <mark>${m}</mark> &amp; &quot;it&#39;s&quot; &lt;b&gt;`,
      );
    });

    it('never matches the words of an internal note, for agents or customers', async () => {
      const [note, published] = [marker(), marker()];
      const customer = await aCustomer();
      const ticket = await openTicket({
        subject: 'Refund please',
        requester: { email: customer.email },
      });
      await addMessage(ticket, {
        text: `Internal: ${note} is a known troublemaker.`,
        internal: true,
      });
      await addMessage(ticket, { text: `We are on it (${published}).` }, agent);
      for (const caller of [agent, admin, customer]) {
        expect(await found(caller, note)).toEqual([]);
        expect(await found(caller, `"${note}"`)).toEqual([]);
        // Only the note's word: the ticket itself is visible and found by its public words.
        expect(await found(caller, published)).toEqual([ticket.id]);
      }
    });
  });

  // ---- filters ----

  describe('filters', () => {
    let m: string;
    let annEmail: string;
    /** billing, urgent, vip, requester Ann, open, assigned to agent */
    let first: Ticket;
    /** support, low, no tags, another requester, new, unassigned */
    let second: Ticket;
    /** support, high, vip + printer, requester Ann, pending, assigned to colleague */
    let third: Ticket;

    beforeAll(async () => {
      m = marker();
      annEmail = `ann-${hex()}@example.com`;
      first = await openTicket({
        subject: `${m} one`,
        queueId: billing.id,
        priority: 'urgent',
        tags: ['vip'],
        requester: { email: annEmail, name: 'Ann' },
      });
      first = await addMessage(first, { text: 'On it.' }, agent);
      first = await change(first, { assigneeId: agent.id }, agent);
      second = await openTicket({ subject: `${m} two`, priority: 'low' });
      third = await openTicket({
        subject: `${m} three`,
        priority: 'high',
        tags: ['vip', 'printer'],
        requester: { email: annEmail.toUpperCase() },
      });
      third = await addMessage(third, { text: 'Which model?', state: 'pending' }, agent);
      third = await change(third, { assigneeId: colleague.id });
      expect([first.state, second.state, third.state]).toEqual(['open', 'new', 'pending']);
    });

    const ids = (...tickets: Ticket[]) => tickets.map((t) => t.id).sort();
    const foundSorted = async (caller: SignedIn, q: string) => (await found(caller, q)).sort();

    it('by state, one or several', async () => {
      expect(await foundSorted(agent, `${m} state:open`)).toEqual(ids(first));
      expect(await foundSorted(agent, `${m} state:new,pending`)).toEqual(ids(second, third));
      expect(await foundSorted(agent, `${m} state:new state:Open`)).toEqual(ids(first, second));
      expect(await foundSorted(agent, `${m} state:closed`)).toEqual([]);
    });

    it('by priority, one or several', async () => {
      expect(await foundSorted(agent, `${m} priority:urgent`)).toEqual(ids(first));
      expect(await foundSorted(agent, `${m} priority:low,high`)).toEqual(ids(second, third));
    });

    it('by queue slug', async () => {
      expect(await foundSorted(agent, `${m} queue:${billing.slug}`)).toEqual(ids(first));
      expect(await foundSorted(agent, `${m} queue:${support.slug}`)).toEqual(ids(second, third));
      expect(await foundSorted(agent, `${m} queue:no-such-queue`)).toEqual([]);
    });

    it('by tag, every one given', async () => {
      expect(await foundSorted(agent, `${m} tag:vip`)).toEqual(ids(first, third));
      expect(await foundSorted(agent, `${m} tag:VIP tag:printer`)).toEqual(ids(third));
      expect(await foundSorted(agent, `${m} tag:nothing`)).toEqual([]);
    });

    it('by assignee: me, none, or an email address', async () => {
      expect(await foundSorted(agent, `${m} assignee:me`)).toEqual(ids(first));
      expect(await foundSorted(colleague, `${m} assignee:me`)).toEqual(ids(third));
      expect(await foundSorted(agent, `${m} assignee:none`)).toEqual(ids(second));
      expect(await foundSorted(agent, `${m} assignee:${colleague.email.toUpperCase()}`)).toEqual(
        ids(third),
      );
      expect(await foundSorted(agent, `${m} assignee:nobody@example.com`)).toEqual([]);
    });

    it('by requester email address, in any case', async () => {
      expect(await foundSorted(agent, `${m} requester:${annEmail}`)).toEqual(ids(first, third));
      expect(await foundSorted(agent, `${m} requester:${annEmail.toUpperCase()}`)).toEqual(
        ids(first, third),
      );
      expect(await foundSorted(agent, `${m} requester:nobody@example.com`)).toEqual([]);
    });

    it('by number, as #10042 or number:10042', async () => {
      expect(await found(agent, `#${second.number}`)).toEqual([second.id]);
      expect(await found(agent, `number:${second.number}`)).toEqual([second.id]);
      expect(await found(agent, `${m} #${second.number}`)).toEqual([second.id]);
      expect(await found(agent, `one #${second.number}`)).toEqual([]);
    });

    it('combined, with words', async () => {
      expect(
        await found(
          agent,
          `state:pending priority:high queue:${support.slug} tag:vip ` +
            `assignee:${colleague.email} requester:${annEmail} ${m} thr* -one`,
        ),
      ).toEqual([third.id]);
    });

    it('alone, without words: most recently updated first, rank 0', async () => {
      const { items } = await search(agent, `requester:${annEmail}`);
      expect(items.map((hit) => hit.ticket.id)).toEqual([third.id, first.id]);
      expect(items.map((hit) => hit.rank)).toEqual([0, 0]);
      expect(items[0]?.headline).toBe(`${m} three`);
    });
  });

  // ---- who sees what ----

  describe('scope', () => {
    it('gives agents the tickets of their queues only, filters or not', async () => {
      const m = marker();
      const inSupport = await openTicket({ subject: m });
      const inBilling = await openTicket({ subject: m, queueId: billing.id });
      const inSecret = await openTicket({ subject: m, queueId: secret.id });
      expect((await found(agent, m)).sort()).toEqual([inSupport.id, inBilling.id].sort());
      expect(await found(narrow, m)).toEqual([inSupport.id]);
      expect(await found(agent, `${m} queue:${secret.slug}`)).toEqual([]);
      expect(await found(agent, `queue:${secret.slug}`)).toEqual([]);
      expect(await found(narrow, `#${inBilling.number}`)).toEqual([]);
      expect((await found(admin, m)).sort()).toEqual(
        [inSupport.id, inBilling.id, inSecret.id].sort(),
      );
    });

    it('gives customers their own tickets, without assignment or tags', async () => {
      const m = marker();
      const organization = await anOrganization(db(), { shareTickets: false });
      const ann = await aCustomer({ organizationId: organization.id });
      const bob = await aCustomer({ organizationId: organization.id });
      let own = await openTicket({
        subject: m,
        requester: { email: ann.email },
        tags: ['vip'],
      });
      own = await change(own, { assigneeId: agent.id });
      const colleagues = await openTicket({ subject: m, requester: { email: bob.email } });
      await openTicket({ subject: m });
      const byAnn = await openTicket({ subject: `${m} from the portal`, queueId: billing.id }, ann);

      const { items } = await search(ann, m);
      expect(items.map((hit) => hit.ticket.id).sort()).toEqual([own.id, byAnn.id].sort());
      for (const hit of items) {
        expect(hit.ticket).not.toHaveProperty('assigneeId');
        expect(hit.ticket).not.toHaveProperty('assigneeName');
        expect(hit.ticket).not.toHaveProperty('tags');
      }
      expect(await found(bob, m)).toEqual([colleagues.id]);
      expect(await found(ann, `#${colleagues.number}`)).toEqual([]);
      expect(await found(ann, `requester:${bob.email}`)).toEqual([]);
      // Agents do see assignment and tags.
      const [seenByAgent] = (await search(agent, `${m} tag:vip`)).items;
      expect(seenByAgent?.ticket).toMatchObject({ assigneeId: agent.id, tags: ['vip'] });
    });

    it("gives customers their colleagues' tickets when the organisation shares them", async () => {
      const m = marker();
      const organization = await anOrganization(db(), { shareTickets: true });
      const carol = await aCustomer({ organizationId: organization.id });
      const dave = await aCustomer({ organizationId: organization.id });
      const outsider = await aCustomer();
      const carols = await openTicket({ subject: m, requester: { email: carol.email } });
      const daves = await openTicket({ subject: m, requester: { email: dave.email } });
      await openTicket({ subject: m, requester: { email: outsider.email } });
      expect((await found(carol, m)).sort()).toEqual([carols.id, daves.id].sort());
      expect((await found(carol, `requester:${dave.email}`)).sort()).toEqual([daves.id]);
    });

    it('refuses assignee and tag filters from customers', async () => {
      const customer = await aCustomer();
      const errors = await expectInvalid(customer, { q: 'printer tag:vip assignee:me' }, 'q');
      expect(errors.map((e) => e.message).join(' ')).toMatch(/tag:.*only agents/);
      expect(errors.map((e) => e.message).join(' ')).toMatch(/assignee:.*only agents/);
    });
  });

  // ---- pages ----

  describe('pagination', () => {
    async function allPages(caller: SignedIn, q: string, limit: number): Promise<Hit[]> {
      const hits: Hit[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const body = await search(caller, q, { limit, ...(cursor ? { cursor } : {}) });
        expect(body.items.length).toBeLessThanOrEqual(limit);
        hits.push(...body.items);
        if (body.nextCursor === null) return hits;
        cursor = body.nextCursor;
      }
      throw new Error('more pages than tickets');
    }

    it('finds old matches of a rare word, widening the window of recent tickets', async () => {
      const m = marker();
      const requester = await aCustomer();
      await db().query(
        `INSERT INTO tickets (subject, queue_id, requester_id, channel, search_vector, updated_at)
         SELECT 'Rare ' || d, $1, $2, 'api',
                setweight(to_tsvector('simple', $3 || ' rare'), 'A'),
                $4::timestamptz - make_interval(days => d)
           FROM unnest(ARRAY[1, 60, 400]) AS d`,
        [support.id, requester.id, m, clock.now()],
      );
      const hits = await allPages(admin, m, 2);
      expect(hits.map((hit) => hit.ticket.subject).sort()).toEqual([
        'Rare 1',
        'Rare 400',
        'Rare 60',
      ]);
    });

    it('ranks the 500 most recently updated matches of a common word, and no older ones', async () => {
      const m = marker();
      const requester = await aCustomer();
      // 505 matches, one minute apart: the five oldest fall outside the ranked window.
      await db().query(
        `INSERT INTO tickets (subject, queue_id, requester_id, channel, search_vector, updated_at)
         SELECT 'Common ' || i, $1, $2, 'api',
                setweight(to_tsvector('simple', $3 || ' ' || i), 'A'),
                $4::timestamptz - make_interval(mins => i)
           FROM generate_series(1, 505) AS i`,
        [support.id, requester.id, m, clock.now()],
      );
      const hits: Hit[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const body = await search(admin, m, { limit: 100, ...(cursor ? { cursor } : {}) });
        hits.push(...body.items);
        if (body.nextCursor === null) break;
        cursor = body.nextCursor;
      }
      expect(hits).toHaveLength(500);
      expect(new Set(hits.map((hit) => hit.ticket.id)).size).toBe(500);
      const subjects = new Set(hits.map((hit) => hit.ticket.subject));
      for (const oldest of [501, 502, 503, 504, 505]) {
        expect(subjects.has(`Common ${oldest}`)).toBe(false);
      }
      expect(subjects.has('Common 500')).toBe(true);
    });

    it('walks every hit once, in rank order, two at a time', async () => {
      const m = marker();
      const tickets: Ticket[] = [];
      // Different ranks, and ties in rank and in updatedAt (created in the same instant).
      tickets.push(await openTicket({ subject: `${m} ${m} subject twice` }));
      tickets.push(await openTicket({ subject: `${m} in subject` }));
      tickets.push(await openTicket({ subject: 'Plain', text: `${m} in a message` }));
      tickets.push(await openTicket({ subject: 'Plain', text: `${m} in a message too` }));
      clock.set(new Date(clock.now().getTime() + 1000));
      const sameInstant = clock.now();
      for (let i = 0; i < 3; i++) {
        clock.set(sameInstant);
        tickets.push(await openTicket({ subject: `Same ${m}`, text: 'Same.' }));
      }
      tickets.push(
        await openTicket({ subject: 'Requester', requester: { email: `${m}@example.com` } }),
      );

      const whole = (await search(agent, m, { limit: 50 })).items;
      expect(whole.map((hit) => hit.ticket.id).sort()).toEqual(tickets.map((t) => t.id).sort());
      const ranks = whole.map((hit) => hit.rank);
      expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

      const paged = await allPages(agent, m, 2);
      expect(paged.map((hit) => hit.ticket.id)).toEqual(whole.map((hit) => hit.ticket.id));
      expect(new Set(paged.map((hit) => hit.ticket.id)).size).toBe(tickets.length);
      expect(paged.map((hit) => hit.rank)).toEqual(ranks);
    });

    it('pages a search by filters alone, most recently updated first', async () => {
      const requester = { email: `paged-${hex()}@example.com` };
      const tickets: Ticket[] = [];
      for (let i = 0; i < 5; i++)
        tickets.push(await openTicket({ subject: `No. ${i}`, requester }));
      const paged = await allPages(agent, `requester:${requester.email}`, 2);
      expect(paged.map((hit) => hit.ticket.id)).toEqual(tickets.map((t) => t.id).reverse());
    });

    it('refuses a cursor it did not make', async () => {
      const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const id = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
      for (const cursor of [
        'nonsense',
        forged(['2026-05-04T09:00:00.000Z', id]),
        forged(['1e9', '2026-05-04T09:00:00.000Z', id]),
        forged(['NaN', '2026-05-04T09:00:00.000Z', id]),
        forged(['0.100000', 'yesterday', id]),
      ]) {
        await expectInvalid(agent, { q: 'printer', cursor }, 'cursor');
      }
    });
  });

  // ---- bad input ----

  describe('recent tier', () => {
    /**
     * The ticket's row in the recent tier, or undefined: its updated_at, its words (the search
     * document without the scope's terms) and the scope's terms.
     */
    async function tierRow(ticketId: string) {
      const [row] = await db().query<Record<string, unknown>[]>(
        `SELECT updated_at,
                ts_delete(search_vector, ARRAY(
                  SELECT lexeme FROM unnest(search_vector) WHERE lexeme LIKE '@%'))::text AS words,
                ARRAY(SELECT lexeme FROM unnest(search_vector)
                       WHERE lexeme LIKE '@%' ORDER BY lexeme) AS scope
           FROM ticket_search_recent WHERE ticket_id = $1`,
        [ticketId],
      );
      return row;
    }
    /** The same, as the ticket itself has them. */
    async function ticketRow(ticketId: string) {
      const [row] = await db().query<Record<string, unknown>[]>(
        `SELECT updated_at, search_vector::text AS words,
                ARRAY(SELECT s FROM unnest(ARRAY['@queue ' || queue_id,
                        '@requester ' || requester_id, '@organization ' || organization_id]) AS s
                       WHERE s IS NOT NULL ORDER BY s) AS scope
           FROM tickets WHERE id = $1`,
        [ticketId],
      );
      return row;
    }

    it('follows every write to a ticket: opened, answered, moved, bulk-updated, merged', async () => {
      const m = marker();
      const ticket = await openTicket({ subject: `${m} opened` });
      const expectInStep = async (id: string) => {
        const mirrored = await tierRow(id);
        expect(mirrored).toBeDefined();
        expect(mirrored).toEqual(await ticketRow(id));
      };
      await expectInStep(ticket.id);
      expect(String((await tierRow(ticket.id))?.words)).toContain(m);

      const answered = await addMessage(ticket, { text: `${m}reply words` });
      await expectInStep(ticket.id);
      expect(String((await tierRow(ticket.id))?.words)).toContain(`${m}reply`);

      await change(answered, { queueId: billing.id });
      await expectInStep(ticket.id);
      expect((await tierRow(ticket.id))?.scope).toContain(`@queue ${billing.id}`);

      tick();
      const bulk = await api()
        .post('/api/v1/tickets/bulk')
        .set('Authorization', admin.auth)
        .send({ ids: [ticket.id], changes: { queueId: support.id } });
      expectStatus(bulk, 200);
      await expectInStep(ticket.id);
      expect((await tierRow(ticket.id))?.scope).toContain(`@queue ${support.id}`);

      const target = await openTicket({ subject: `${m}target` });
      tick();
      const merged = await api()
        .post(`/api/v1/tickets/${ticket.id}/merge`)
        .set('Authorization', admin.auth)
        .send({ targetId: target.id });
      expectStatus(merged, 200);
      await expectInStep(ticket.id);
      await expectInStep(target.id);
      expect(String((await tierRow(target.id))?.words)).toContain(`${m}reply`);
    });

    it('answers from the tier when it holds enough matches, scoped by where each ticket is now', async () => {
      const m = marker();
      const organization = await anOrganization(db(), { shareTickets: true });
      const carol = await aCustomer({ organizationId: organization.id });
      const dave = await aCustomer({ organizationId: organization.id });
      const outsider = await aCustomer();
      // 500 matches each in support (Carol's), billing (Dave's) and secret (the outsider's),
      // interleaved in time, written straight to the table (the trigger fills the tier).
      const batches = new Map<string, Set<string>>();
      for (const [name, queue, requester, organizationId, offset] of [
        ['support', support, carol, organization.id, 0],
        ['billing', billing, dave, organization.id, 20],
        ['secret', secret, outsider, null, 40],
      ] as const) {
        const rows = await db().query<{ id: string }[]>(
          `INSERT INTO tickets (subject, queue_id, requester_id, organization_id, channel,
                                search_vector, updated_at)
           SELECT 'Tier ' || i, $1, $2, $3, 'api', setweight(to_tsvector('simple', $4), 'C'),
                  $5::timestamptz - make_interval(secs => i * 60 + $6)
             FROM generate_series(1, 500) AS i
           RETURNING id`,
          [queue.id, requester.id, organizationId, m, clock.now(), offset],
        );
        batches.set(name, new Set(rows.map((row) => row.id)));
      }
      const batchesOf = (ids: string[]) =>
        [...batches].filter(([, batch]) => ids.some((id) => batch.has(id))).map(([name]) => name);

      const query = jest.spyOn(db(), 'query');
      try {
        for (const [caller, expected] of [
          [narrow, ['support']],
          [agent, ['support', 'billing']],
          [carol, ['support', 'billing']],
          [dave, ['support', 'billing']],
          [outsider, ['secret']],
          [admin, ['support', 'billing', 'secret']],
        ] as const) {
          query.mockClear();
          const hits = (await search(caller, m, { limit: 100 })).items.map((h) => h.ticket.id);
          expect(hits).toHaveLength(100);
          expect(batchesOf(hits)).toEqual(expected);
          // One query, on the tier alone: it holds 500 matches to rank.
          const searches = query.mock.calls.filter(([sql]) => sql.includes('search_vector @@'));
          expect(searches.map(([sql]) => sql.includes('FROM ticket_search_recent r'))).toEqual([
            true,
          ]);
        }
      } finally {
        query.mockRestore();
      }

      const moved = await openTicket({ subject: `${m} moved`, queueId: secret.id });
      expect(await found(narrow, m)).not.toContain(moved.id);
      await change(moved, { queueId: support.id });
      expect((await found(narrow, m))[0]).toBe(moved.id);
    });

    it('pages on from the whole index with a cursor older than the tier keeps, missing nothing', async () => {
      const m = marker();
      const requester = await aCustomer();
      // 500 matches: the 490 newest minutes old, the 10 oldest half a day inside the days a first
      // page searches the tier for (RECENT_SEARCH_DAYS), and gone from the tier two days later.
      await db().query(
        `INSERT INTO tickets (subject, queue_id, requester_id, channel, search_vector, updated_at)
         SELECT 'Paged ' || i, $1, $2, 'api', setweight(to_tsvector('simple', $3), 'C'),
                CASE WHEN i <= 490 THEN $4::timestamptz - make_interval(mins => i)
                     ELSE $4::timestamptz - make_interval(days => $5) + interval '12 hours'
                          - make_interval(mins => i)
                END
           FROM generate_series(1, 500) AS i`,
        [support.id, requester.id, m, clock.now(), RECENT_SEARCH_DAYS],
      );
      const first = await search(admin, m, { limit: 100 });
      expect(first.items).toHaveLength(100);
      const seen = first.items.map((hit) => hit.ticket.subject);

      // Two days later (the others' sessions would have expired: put the clock back after).
      const before = clock.now();
      clock.set(new Date(before.getTime() + 2 * 24 * 60 * 60 * 1000));
      try {
        await server.server.app.get(TicketSearchTierService).prune();
        const later = await aSignedInUser(server.url, db(), { role: 'admin' });
        let cursor = first.nextCursor;
        while (cursor !== null) {
          const page = await search(later, m, { limit: 100, cursor });
          seen.push(...page.items.map((hit) => hit.ticket.subject));
          cursor = page.nextCursor;
        }
      } finally {
        clock.set(before);
      }
      expect(new Set(seen).size).toBe(500);
      expect(seen.filter((subject) => Number(subject.split(' ')[1]) > 490)).toHaveLength(10);
    });

    it('lets old tickets go, which the whole index still finds, and takes them back when written to', async () => {
      const m = marker();
      const requester = await aCustomer();
      const inserted = await db().query<{ id: string; subject: string }[]>(
        `INSERT INTO tickets (subject, queue_id, requester_id, channel, search_vector, updated_at)
         SELECT 'Aged ' || d, $1, $2, 'api', setweight(to_tsvector('simple', $3), 'A'),
                $4::timestamptz - make_interval(days => d)
           FROM unnest(ARRAY[1, $5, $5 + 2, 400]) AS d
         RETURNING id, subject`,
        [support.id, requester.id, m, clock.now(), RECENT_SEARCH_DAYS],
      );
      const [edge, past] = [`Aged ${RECENT_SEARCH_DAYS}`, `Aged ${RECENT_SEARCH_DAYS + 2}`];
      const idOf = (subject: string) => inserted.find((row) => row.subject === subject)?.id ?? '';
      for (const row of inserted) expect(await tierRow(row.id)).toBeDefined();

      const pruned = await server.server.app.get(TicketSearchTierService).prune();
      expect(pruned).toBeGreaterThanOrEqual(2);
      expect(await tierRow(idOf('Aged 1'))).toBeDefined();
      expect(await tierRow(idOf(edge))).toBeDefined();
      expect(await tierRow(idOf(past))).toBeUndefined();
      expect(await tierRow(idOf('Aged 400'))).toBeUndefined();
      expect((await found(admin, m)).sort()).toEqual(inserted.map((row) => row.id).sort());

      await db().query('UPDATE tickets SET updated_at = $2 WHERE id = $1', [
        idOf('Aged 400'),
        clock.now(),
      ]);
      expect(await tierRow(idOf('Aged 400'))).toEqual(await ticketRow(idOf('Aged 400')));
    });
  });

  describe('input', () => {
    it('names q and the token for an invalid filter value', async () => {
      const errors = await expectInvalid(agent, { q: 'printer state:bogus' }, 'q');
      expect(errors).toEqual([{ field: 'q', message: expect.stringContaining('state:bogus') }]);
      expect(errors[0]?.message).toMatch(/"bogus" is not a state/);
      const more = await expectInvalid(agent, { q: 'priority:critical requester:ann' }, 'q');
      expect(more.map((e) => e.message)).toEqual([
        expect.stringContaining('priority:critical'),
        expect.stringContaining('requester:ann'),
      ]);
    });

    it('refuses an empty, blank, missing or overlong q', async () => {
      await expectInvalid(agent, { q: '' }, 'q');
      await expectInvalid(agent, { q: '   ' }, 'q');
      await expectInvalid(agent, { q: '& | !' }, 'q');
      await expectInvalid(agent, {}, 'q');
      await expectInvalid(agent, { q: 'a'.repeat(501) }, 'q');
      expectStatus(await searchRequest(agent, { q: 'a'.repeat(500) }), 200);
      await expectInvalid(agent, { q: 'printer', limit: '0' }, 'limit');
    });

    it('takes hostile input as text, never as tsquery syntax', async () => {
      const m = marker();
      const ticket = await openTicket({ subject: `${m} a b` });
      expect(await found(agent, `a & b | !( ) : * ' \\ ${m}`)).toEqual([ticket.id]);
      for (const q of [
        "a & b | !( ) : * ' \\",
        "a' | 'b",
        "x') OR 1=1 --",
        'a:*b',
        'a <-> b <2> c',
        "don't",
        'e-mail foo-bar-baz',
        'http://example.com/a?b=c&d=e',
        '(((((a',
        '"unterminated phrase',
        'ab\u0000cd',
        'tab\tnew\nline',
        'no\u00a0break\u3000ideographic\u0085nel',
        'emoji 😀 smile',
        'e\u0301 combining',
        `${'a'.repeat(250)} ${'b'.repeat(249)}`,
        Array.from({ length: 250 }, () => 'x').join(' '),
        'Re: Fwd: [Ticket#10042] printer',
      ]) {
        expectStatus(await searchRequest(agent, { q }), 200);
      }
      // Nothing but punctuation is nothing to search for; a number too large is no number.
      for (const q of ["'", "\\'", '!!!!!!', '-"', '- -- ---', '😀', '#99999999999999999999']) {
        await expectInvalid(agent, { q }, 'q');
      }
    });

    it('answers 401 without a token', async () => {
      const response = await api().get('/api/v1/search').query({ q: 'printer' });
      expectStatus(response, 401);
    });
  });

  // ---- the index ----

  describe('plan', () => {
    it('finds hits through the GIN index on the search document', async () => {
      const requester = await aCustomer();
      // A few thousand tickets of filler words, written straight to the table.
      await db().query(
        `INSERT INTO tickets (subject, queue_id, requester_id, channel, search_vector)
         SELECT 'Filler ' || i, $1, $2, 'api',
                setweight(to_tsvector('simple', 'filler ' || i || ' ' || md5(i::text)), 'A')
           FROM generate_series(1, 5000) AS i`,
        [support.id, requester.id],
      );
      // As autovacuum would: moves the GIN pending lists into the indexes, and counts the rows.
      await db().query('VACUUM ANALYZE tickets, ticket_search_recent');
      const m = marker();
      const ticket = await openTicket({ subject: `${m} needle` });

      const query = jest.spyOn(db(), 'query');
      try {
        for (const [caller, q] of [
          [admin, `${m} needle`],
          [agent, `${m} state:new -haystack`],
          [agent, `"${m} needle"`],
        ] as const) {
          query.mockClear();
          expect(await found(caller, q)).toEqual([ticket.id]);
          // A rare word: the recent tier holds too few matches to rank, the whole index is next.
          const searches = query.mock.calls.filter(([sql]) => sql.includes('search_vector @@'));
          const indexes: string[] = [];
          for (const [sql, params] of searches) {
            const plan = await db().query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, params);
            const text = plan.map((row) => row['QUERY PLAN']).join('\n');
            indexes.push(/Bitmap Index Scan on (\w+_search_idx)/.exec(text)?.[1] ?? text);
          }
          expect(indexes).toEqual(['ticket_search_recent_search_idx', 'tickets_search_idx']);
        }
      } finally {
        query.mockRestore();
      }
    });
  });
});
