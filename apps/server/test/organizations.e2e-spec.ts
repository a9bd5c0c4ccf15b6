import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { aSignedInUser, anOrganization, aUser, type TestUser } from './harness/identity.js';
import { problemFieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface Organization {
  id: string;
  name: string;
  tier: string | null;
  shareTickets: boolean;
  domains: string[];
}

/** A fresh tag per test, so each test finds its own rows whatever the others created. */
const tag = () => randomBytes(3).toString('hex');

describe('organisations API', () => {
  let server: TestServer;
  let url: string;
  let admin: SignedIn;
  let agent: SignedIn;
  let customer: SignedIn;

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
    url = server.url;
    admin = await aSignedInUser(url, server.dataSource, { role: 'admin' });
    agent = await aSignedInUser(url, server.dataSource, { role: 'agent' });
    customer = await aSignedInUser(url, server.dataSource, { role: 'customer' });
  });
  afterAll(async () => {
    await server?.close();
  });

  const create = (body: Record<string, unknown>) =>
    request(url).post('/api/v1/organizations').set('Authorization', admin.auth).send(body);
  const update = (id: string, body: Record<string, unknown>) =>
    request(url).patch(`/api/v1/organizations/${id}`).set('Authorization', admin.auth).send(body);

  /** Every page of the list, walked with its cursors. */
  async function walk(
    query: Record<string, string | number>,
  ): Promise<{ items: Organization[]; pages: number }> {
    const items: Organization[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await request(url)
        .get('/api/v1/organizations')
        .query(cursor ? { ...query, cursor } : query)
        .set('Authorization', admin.auth)
        .expect(200);
      items.push(...(response.body.items as Organization[]));
      cursor = response.body.nextCursor as string | null;
      pages += 1;
    } while (cursor);
    return { items, pages };
  }

  async function auditOf(organizationId: string) {
    const response = await request(url)
      .get('/api/v1/audit-events')
      .query({ entityType: 'organization', entityId: organizationId })
      .set('Authorization', admin.auth)
      .expect(200);
    return response.body.items as {
      action: string;
      actorId: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
  }

  describe('create and read', () => {
    it('creates an organisation with lower-cased, de-duplicated domains, and reads it back', async () => {
      const t = tag();
      const response = await create({
        name: `  Acme ${t} `,
        tier: 'enterprise',
        shareTickets: true,
        domains: [`ACME-${t}.test`, `acme-${t}.test`, `widgets-${t}.test`],
      }).expect(201);
      const expected = {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: `Acme ${t}`,
        tier: 'enterprise',
        shareTickets: true,
        domains: [`acme-${t}.test`, `widgets-${t}.test`],
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      };
      expect(response.body).toEqual(expected);
      const read = await request(url)
        .get(`/api/v1/organizations/${response.body.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(read.body).toEqual(response.body);

      const [event] = await auditOf(response.body.id as string);
      expect(event).toMatchObject({
        action: 'organization.create',
        actorId: admin.id,
        before: null,
        after: {
          name: `Acme ${t}`,
          tier: 'enterprise',
          shareTickets: true,
          domains: [`acme-${t}.test`, `widgets-${t}.test`],
        },
      });
    });

    it('defaults to no tier, no sharing and no domains', async () => {
      const response = await create({ name: `Plain ${tag()}` }).expect(201);
      expect(response.body).toMatchObject({ tier: null, shareTickets: false, domains: [] });
    });

    it('answers 404 for an unknown or malformed id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        const response = await request(url)
          .get(`/api/v1/organizations/${id}`)
          .set('Authorization', admin.auth)
          .expect(404);
        expect(response.body.code).toBe('not_found');
      }
    });
  });

  describe('list', () => {
    it('walks every organisation exactly once, ordered by name, across pages', async () => {
      for (let i = 0; i < 5; i += 1) await anOrganization(server.dataSource);
      const { items, pages } = await walk({ limit: 2 });
      const expected = await server.dataSource.query<{ id: string }[]>(
        'SELECT id FROM organizations ORDER BY lower(name)',
      );
      expect(items.map((o) => o.id)).toEqual(expected.map((o) => o.id));
      expect(pages).toBe(Math.ceil(expected.length / 2));
    });

    it('filters by a case-insensitive name prefix, page by page, with domains', async () => {
      const t = tag();
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const organization = await anOrganization(server.dataSource, {
          name: `${i % 2 ? 'Pager' : 'pager'} ${t} ${i}`,
          domains: [`p${i}-${t}.test`],
        });
        ids.push(organization.id);
      }
      await anOrganization(server.dataSource, { name: `Other ${t}` });
      const { items, pages } = await walk({ limit: 3, q: `PAGER ${t}` });
      expect(pages).toBe(3);
      expect(items.map((o) => o.id)).toEqual(ids);
      expect(items.map((o) => o.domains)).toEqual(ids.map((_, i) => [`p${i}-${t}.test`]));
      expect((await walk({ q: '%' })).items).toEqual([]);
    });

    it('names each bad query parameter', async () => {
      const response = await request(url)
        .get('/api/v1/organizations')
        .query({ limit: 201, q: 'x'.repeat(201), sort: 'name' })
        .set('Authorization', admin.auth)
        .expect(400);
      expect(problemFieldsOf(response)).toEqual(['limit', 'q', 'sort']);
    });
  });

  describe('conflicts', () => {
    it('refuses a name already used, whatever its case', async () => {
      const name = `Initech ${tag()}`;
      await create({ name }).expect(201);
      const response = await create({ name: name.toUpperCase() }).expect(409);
      expect(response.body.code).toBe('conflict');
      expect(problemFieldsOf(response)).toEqual(['name']);
      const other = await create({ name: `Other ${tag()}` }).expect(201);
      const renamed = await update(other.body.id as string, { name: name.toLowerCase() }).expect(
        409,
      );
      expect(problemFieldsOf(renamed)).toEqual(['name']);
    });

    it('refuses a domain another organisation owns, and commits nothing', async () => {
      const t = tag();
      const owner = await create({ name: `Owner ${t}`, domains: [`owned-${t}.test`] }).expect(201);
      const response = await create({
        name: `Grabber ${t}`,
        domains: [`free-${t}.test`, `OWNED-${t}.test`],
      }).expect(409);
      expect(response.body.detail).toContain('domains');
      expect(response.body.detail).toContain(`owned-${t}.test`);
      expect(problemFieldsOf(response)).toEqual(['domains']);
      expect((await walk({ q: `Grabber ${t}` })).items).toEqual([]);
      const free = await server.dataSource.query<unknown[]>(
        'SELECT 1 FROM organization_domains WHERE domain = $1',
        [`free-${t}.test`],
      );
      expect(free).toEqual([]);

      const other = await create({ name: `Other ${t}`, domains: [`other-${t}.test`] }).expect(201);
      const grab = await update(other.body.id as string, {
        domains: [`other-${t}.test`, `owned-${t}.test`],
      }).expect(409);
      expect(problemFieldsOf(grab)).toEqual(['domains']);
      const unchanged = await request(url)
        .get(`/api/v1/organizations/${other.body.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(unchanged.body.domains).toEqual([`other-${t}.test`]);
      // Keeping its own domain is no conflict.
      await update(owner.body.id as string, {
        domains: [`owned-${t}.test`, `more-${t}.test`],
      }).expect(200);
    });
  });

  describe('update', () => {
    it('changes name, tier, sharing and domains, and records before and after', async () => {
      const t = tag();
      const created = await create({
        name: `Before ${t}`,
        tier: 'gold',
        domains: [`a-${t}.test`, `b-${t}.test`],
      }).expect(201);
      const id = created.body.id as string;
      const response = await update(id, {
        name: `After ${t}`,
        tier: null,
        shareTickets: true,
        domains: [`B-${t}.test`, `c-${t}.test`],
      }).expect(200);
      expect(response.body).toMatchObject({
        id,
        name: `After ${t}`,
        tier: null,
        shareTickets: true,
        domains: [`b-${t}.test`, `c-${t}.test`],
      });
      // `a-` was released: another organisation may take it now.
      await create({ name: `Taker ${t}`, domains: [`a-${t}.test`] }).expect(201);

      const events = await auditOf(id);
      expect(events.find((e) => e.action === 'organization.update')).toMatchObject({
        actorId: admin.id,
        before: {
          name: `Before ${t}`,
          tier: 'gold',
          shareTickets: false,
          domains: [`a-${t}.test`, `b-${t}.test`],
        },
        after: {
          name: `After ${t}`,
          tier: null,
          shareTickets: true,
          domains: [`b-${t}.test`, `c-${t}.test`],
        },
      });

      const cleared = await update(id, { domains: [] }).expect(200);
      expect(cleared.body.domains).toEqual([]);
    });

    it('names bad fields: bad or oversized domains, oversized strings, nulls, unknown fields', async () => {
      const { id } = await anOrganization(server.dataSource);
      const response = await update(id, {
        name: 'x'.repeat(201),
        tier: 'x'.repeat(51),
        domains: [
          'not a domain',
          `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(70)}.test`,
        ],
        members: [],
      }).expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(problemFieldsOf(response)).toEqual(['domains', 'members', 'name', 'tier']);
      const nulls = await update(id, { name: null, domains: null }).expect(400);
      expect(problemFieldsOf(nulls)).toEqual(['domains', 'name']);
      const notAList = await create({ name: `Bad ${tag()}`, domains: 'acme.test' }).expect(400);
      expect(problemFieldsOf(notAList)).toEqual(['domains']);
      const blank = await create({ name: '   ' }).expect(400);
      expect(problemFieldsOf(blank)).toEqual(['name']);
    });

    it('answers 404 for an unknown organisation', async () => {
      await update('00000000-0000-4000-8000-000000000000', { name: 'Ghost' }).expect(404);
    });
  });

  describe('delete', () => {
    it('deletes the organisation; its members stay, without one, and its domains are freed', async () => {
      const t = tag();
      const created = await create({ name: `Doomed ${t}`, domains: [`doomed-${t}.test`] }).expect(
        201,
      );
      const id = created.body.id as string;
      const member = await aUser(server.dataSource, { role: 'customer', organizationId: id });

      await request(url)
        .delete(`/api/v1/organizations/${id}`)
        .set('Authorization', admin.auth)
        .expect(204);

      await request(url)
        .get(`/api/v1/organizations/${id}`)
        .set('Authorization', admin.auth)
        .expect(404);
      const user = await request(url)
        .get(`/api/v1/users/${member.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(user.body).toMatchObject({ id: member.id, active: true, organizationId: null });
      await create({ name: `Heir ${t}`, domains: [`doomed-${t}.test`] }).expect(201);

      const [event] = (await auditOf(id)).filter((e) => e.action === 'organization.delete');
      expect(event).toMatchObject({
        actorId: admin.id,
        before: { name: `Doomed ${t}`, domains: [`doomed-${t}.test`] },
        after: null,
      });
      await request(url)
        .delete(`/api/v1/organizations/${id}`)
        .set('Authorization', admin.auth)
        .expect(404);
    });
  });

  describe('refusals', () => {
    const endpoints = (id: string): [string, string, Record<string, unknown>?][] => [
      ['get', '/api/v1/organizations'],
      ['get', `/api/v1/organizations/${id}`],
      ['post', '/api/v1/organizations', { name: `Sneaky ${tag()}` }],
      ['patch', `/api/v1/organizations/${id}`, { name: `Sneaky ${tag()}` }],
      ['delete', `/api/v1/organizations/${id}`],
    ];
    const send = (method: string, path: string, body?: Record<string, unknown>, auth?: string) => {
      const agentOf = request(url);
      const call =
        method === 'get'
          ? agentOf.get(path)
          : method === 'post'
            ? agentOf.post(path)
            : method === 'patch'
              ? agentOf.patch(path)
              : agentOf.delete(path);
      if (auth) void call.set('Authorization', auth);
      return body ? call.send(body) : call;
    };

    it('answers 403 to agents and customers, and leaves the organisation alone', async () => {
      const name = `Guarded ${tag()}`;
      const { id } = await anOrganization(server.dataSource, { name });
      for (const user of [agent, customer]) {
        for (const [method, path, body] of endpoints(id)) {
          const response = await send(method, path, body, user.auth);
          expect({ user: user.role, method, path, status: response.status }).toEqual({
            user: user.role,
            method,
            path,
            status: 403,
          });
          expect(response.body.code).toBe('forbidden');
        }
      }
      const still = await request(url)
        .get(`/api/v1/organizations/${id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(still.body.name).toBe(name);
    });

    it('answers 401 without a token', async () => {
      const { id } = await anOrganization(server.dataSource);
      for (const [method, path, body] of endpoints(id)) {
        const response = await send(method, path, body);
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
      }
    });
  });
});
