import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { UserService } from '../src/modules/user/user.service.js';
import {
  aSignedInUser,
  anOrganization,
  aUser,
  signIn,
  TEST_PASSWORD,
  type TestUser,
} from './harness/identity.js';
import { problemFieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

/** A fresh tag per test, so each test finds its own rows whatever the others created. */
const tag = () => randomBytes(3).toString('hex');

describe('users API', () => {
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

  /** Every page of a list, walked with its cursors. */
  async function walk(
    path: string,
    auth: string,
    query: Record<string, string | number>,
  ): Promise<{ items: { id: string; email: string }[]; pages: number }> {
    const items: { id: string; email: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await request(url)
        .get(path)
        .query(cursor ? { ...query, cursor } : query)
        .set('Authorization', auth)
        .expect(200);
      items.push(...(response.body.items as { id: string; email: string }[]));
      cursor = response.body.nextCursor as string | null;
      pages += 1;
    } while (cursor);
    return { items, pages };
  }

  async function auditOf(userId: string) {
    const response = await request(url)
      .get('/api/v1/audit-events')
      .query({ entityType: 'user', entityId: userId })
      .set('Authorization', admin.auth)
      .expect(200);
    return response.body.items as {
      action: string;
      actorId: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      requestId: string | null;
    }[];
  }

  describe('GET /api/v1/users', () => {
    it('walks every user exactly once, ordered by email, across pages', async () => {
      for (let i = 0; i < 7; i += 1) await aUser(server.dataSource, { role: 'customer' });
      const { items, pages } = await walk('/api/v1/users', admin.auth, { limit: 3 });
      const expected = await server.dataSource.query<{ id: string }[]>(
        'SELECT id FROM users ORDER BY lower(email)',
      );
      expect(items.map((u) => u.id)).toEqual(expected.map((u) => u.id));
      expect(new Set(items.map((u) => u.id)).size).toBe(items.length);
      expect(pages).toBe(Math.ceil(expected.length / 3));
    });

    it('pages through a filtered list without duplicates or gaps', async () => {
      const t = tag();
      const created: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        // Mixed case on purpose: the order and the filter ignore case.
        const user = await aUser(server.dataSource, {
          role: 'customer',
          email: `${i % 2 ? 'Pager' : 'pager'}-${t}-${i}@example.com`,
        });
        created.push(user.id);
      }
      const { items, pages } = await walk('/api/v1/users', admin.auth, {
        limit: 3,
        q: `PAGER-${t}`,
      });
      expect(pages).toBe(3);
      expect(items.map((u) => u.email.toLowerCase())).toEqual(
        Array.from({ length: 7 }, (_, i) => `pager-${t}-${i}@example.com`),
      );
      expect(new Set(items.map((u) => u.id))).toEqual(new Set(created));
    });

    it('describes each user without any secret', async () => {
      const response = await request(url)
        .get('/api/v1/users')
        .query({ q: admin.email })
        .set('Authorization', admin.auth)
        .expect(200);
      expect(response.body).toEqual({
        items: [
          {
            id: admin.id,
            email: admin.email,
            name: admin.email.split('@')[0],
            role: 'admin',
            active: true,
            locale: 'en',
            timezone: 'UTC',
            mailNotifications: true,
            organizationId: null,
            hasPassword: true,
            lastLoginAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          },
        ],
        nextCursor: null,
      });
      expect(JSON.stringify(response.body)).not.toContain('argon2');
    });

    it('filters by role, active, organisation and a prefix of the email or name', async () => {
      const t = tag();
      const organization = await anOrganization(server.dataSource);
      const member = await aUser(server.dataSource, {
        role: 'customer',
        email: `member-${t}@example.com`,
        organizationId: organization.id,
      });
      const inactive = await aUser(server.dataSource, {
        role: 'agent',
        email: `gone-${t}@example.com`,
        active: false,
      });
      const named = await aUser(server.dataSource, {
        role: 'agent',
        email: `someone-${t}@example.com`,
        name: `Zebulon ${t} Quux`,
      });
      const ids = async (query: Record<string, string>) =>
        (await walk('/api/v1/users', admin.auth, { limit: 200, ...query })).items.map((u) => u.id);

      expect(await ids({ organizationId: organization.id })).toEqual([member.id]);
      expect(await ids({ q: `member-${t}`, role: 'customer' })).toEqual([member.id]);
      expect(await ids({ q: `member-${t}`, role: 'agent' })).toEqual([]);
      const inactiveIds = await ids({ active: 'false' });
      expect(inactiveIds).toContain(inactive.id);
      expect(inactiveIds).not.toContain(named.id);
      expect(await ids({ active: 'true' })).not.toContain(inactive.id);
      expect(await ids({ q: `zebulon ${t}` })).toEqual([named.id]);
      expect(await ids({ q: `ZEBULON ${t}`, role: 'agent', active: 'true' })).toEqual([named.id]);
      // LIKE wildcards in q are plain characters: "%" matches only a literal percent sign.
      expect(await ids({ q: '%' })).toEqual([]);
      expect(await ids({ q: `_ebulon ${t}` })).toEqual([]);
    });

    it('names each bad query parameter', async () => {
      const response = await request(url)
        .get('/api/v1/users')
        .query({ active: 'maybe', role: 'boss', organizationId: 'x', limit: 0, q: 'x'.repeat(255) })
        .set('Authorization', admin.auth)
        .expect(400);
      expect(problemFieldsOf(response)).toEqual(['active', 'limit', 'organizationId', 'q', 'role']);
      const cursor = await request(url)
        .get('/api/v1/users')
        .query({ cursor: 'not-a-cursor' })
        .set('Authorization', admin.auth)
        .expect(400);
      expect(problemFieldsOf(cursor)).toEqual(['cursor']);
    });
  });

  describe('GET /api/v1/users/:id', () => {
    it('shows any user to an admin', async () => {
      const response = await request(url)
        .get(`/api/v1/users/${customer.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(response.body).toMatchObject({
        id: customer.id,
        email: customer.email,
        role: 'customer',
      });
    });

    it('shows agents and customers themselves, and no one else', async () => {
      for (const user of [agent, customer]) {
        const own = await request(url)
          .get(`/api/v1/users/${user.id}`)
          .set('Authorization', user.auth)
          .expect(200);
        expect(own.body.id).toBe(user.id);
        await request(url)
          .get(`/api/v1/users/${admin.id}`)
          .set('Authorization', user.auth)
          .expect(403);
      }
    });

    it('answers 404 for an unknown or malformed id', async () => {
      await request(url)
        .get('/api/v1/users/00000000-0000-4000-8000-000000000000')
        .set('Authorization', admin.auth)
        .expect(404);
      await request(url).get('/api/v1/users/nope').set('Authorization', admin.auth).expect(404);
    });
  });

  describe('POST /api/v1/users', () => {
    it('creates an agent with a normalised email and a password they can sign in with', async () => {
      const t = tag();
      const response = await request(url)
        .post('/api/v1/users')
        .set('Authorization', admin.auth)
        .send({
          email: `  New.Agent-${t}@Example.COM `,
          name: '  Ada Lovelace ',
          role: 'agent',
          password: 'a long enough password',
          locale: 'de-CH',
          timezone: 'Europe/Zurich',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        email: `new.agent-${t}@example.com`,
        name: 'Ada Lovelace',
        role: 'agent',
        active: true,
        locale: 'de-CH',
        timezone: 'Europe/Zurich',
        organizationId: null,
        hasPassword: true,
        lastLoginAt: null,
      });
      const token = await signIn(url, `new.agent-${t}@example.com`, 'a long enough password');
      await request(url).get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it('creates a user without a password, who cannot sign in yet', async () => {
      const email = `nopass-${tag()}@example.com`;
      const response = await request(url)
        .post('/api/v1/users')
        .set('Authorization', admin.auth)
        .send({ email, name: 'No Password', role: 'customer' })
        .expect(201);
      expect(response.body).toMatchObject({ hasPassword: false, locale: 'en', timezone: 'UTC' });
      await request(url)
        .post('/api/v1/auth/login')
        .send({ email, password: TEST_PASSWORD })
        .expect(401);
    });

    it('refuses an email already used, whatever its case, naming the email field', async () => {
      const existing = await aUser(server.dataSource, { email: `taken-${tag()}@example.com` });
      const response = await request(url)
        .post('/api/v1/users')
        .set('Authorization', admin.auth)
        .send({ email: existing.email.toUpperCase(), name: 'Copy', role: 'agent' })
        .expect(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('conflict');
      expect(response.body.detail).toContain('email');
      expect(response.body.errors).toEqual([
        { field: 'email', message: 'is already used by another user' },
      ]);
    });

    it('names every bad field at once: bad email, oversized strings, unknown field', async () => {
      const response = await request(url)
        .post('/api/v1/users')
        .set('Authorization', admin.auth)
        .send({
          email: 'not-an-email',
          name: 'x'.repeat(201),
          role: 'boss',
          timezone: 'Mars/Olympus',
          locale: 'x'.repeat(36),
          password: 'short',
          isAdmin: true,
        })
        .expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(problemFieldsOf(response)).toEqual([
        'email',
        'isAdmin',
        'locale',
        'name',
        'password',
        'role',
        'timezone',
      ]);
      const long = await request(url)
        .post('/api/v1/users')
        .set('Authorization', admin.auth)
        .send({ email: `${'a'.repeat(250)}@example.com`, name: ' ', role: 'agent' })
        .expect(400);
      expect(problemFieldsOf(long)).toEqual(['email', 'name']);
    });

    it('joins a customer to the organisation owning their email domain', async () => {
      const domain = `acme-${tag()}.test`;
      const organization = await anOrganization(server.dataSource, { domains: [domain] });
      const create = (body: Record<string, unknown>) =>
        request(url).post('/api/v1/users').set('Authorization', admin.auth).send(body).expect(201);

      const joined = await create({
        email: `Jane@${domain.toUpperCase()}`,
        name: 'Jane',
        role: 'customer',
      });
      expect(joined.body.organizationId).toBe(organization.id);
      // An explicit null means no organisation; agents never join one.
      const alone = await create({
        email: `joe@${domain}`,
        name: 'Joe',
        role: 'customer',
        organizationId: null,
      });
      expect(alone.body.organizationId).toBeNull();
      const staff = await create({ email: `staff@${domain}`, name: 'Staff', role: 'agent' });
      expect(staff.body.organizationId).toBeNull();
      const elsewhere = await create({
        email: `kim@other-${tag()}.test`,
        name: 'Kim',
        role: 'customer',
      });
      expect(elsewhere.body.organizationId).toBeNull();
      const other = await anOrganization(server.dataSource);
      const chosen = await create({
        email: `lee@${domain}`,
        name: 'Lee',
        role: 'customer',
        organizationId: other.id,
      });
      expect(chosen.body.organizationId).toBe(other.id);
    });

    it('refuses an organisation for agents and admins, and an organisation that does not exist', async () => {
      const organization = await anOrganization(server.dataSource);
      for (const role of ['agent', 'admin']) {
        const response = await request(url)
          .post('/api/v1/users')
          .set('Authorization', admin.auth)
          .send({
            email: `${role}-${tag()}@example.com`,
            name: 'Staff',
            role,
            organizationId: organization.id,
          })
          .expect(400);
        expect(problemFieldsOf(response)).toEqual(['organizationId']);
      }
      const missing = await request(url)
        .post('/api/v1/users')
        .set('Authorization', admin.auth)
        .send({
          email: `c-${tag()}@example.com`,
          name: 'C',
          role: 'customer',
          organizationId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(problemFieldsOf(missing)).toEqual(['organizationId']);
    });
  });

  describe('PATCH /api/v1/users/:id', () => {
    it('changes name, email, locale, time zone and organisation, and records the change', async () => {
      const t = tag();
      const organization = await anOrganization(server.dataSource);
      const user = await aUser(server.dataSource, {
        role: 'customer',
        email: `before-${t}@example.com`,
        name: 'Before',
      });
      const response = await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .set('X-Request-Id', `patch-${t}`)
        .send({
          name: 'After',
          email: `After-${t}@Example.com`,
          locale: 'fr',
          timezone: 'America/New_York',
          organizationId: organization.id,
        })
        .expect(200);
      expect(response.body).toMatchObject({
        id: user.id,
        name: 'After',
        email: `after-${t}@example.com`,
        locale: 'fr',
        timezone: 'America/New_York',
        organizationId: organization.id,
      });

      const removed = await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .send({ organizationId: null })
        .expect(200);
      expect(removed.body.organizationId).toBeNull();

      // Two events (the builder wrote the user straight to the database); found by content,
      // not by position, since both may carry the same millisecond.
      const events = await auditOf(user.id);
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.after?.organizationId === null)).toMatchObject({
        action: 'user.update',
        actorId: admin.id,
        before: { organizationId: organization.id },
        after: { organizationId: null },
      });
      expect(events.find((e) => e.requestId === `patch-${t}`)).toEqual({
        id: expect.any(String),
        action: 'user.update',
        actorId: admin.id,
        entityType: 'user',
        entityId: user.id,
        requestId: `patch-${t}`,
        createdAt: expect.any(String),
        before: {
          email: `before-${t}@example.com`,
          name: 'Before',
          role: 'customer',
          active: true,
          locale: 'en',
          timezone: 'UTC',
          mailNotifications: true,
          organizationId: null,
        },
        after: {
          email: `after-${t}@example.com`,
          name: 'After',
          role: 'customer',
          active: true,
          locale: 'fr',
          timezone: 'America/New_York',
          mailNotifications: true,
          organizationId: organization.id,
        },
      });
    });

    it('refuses an email another user has, in any case', async () => {
      const other = await aUser(server.dataSource, { email: `other-${tag()}@example.com` });
      const user = await aUser(server.dataSource);
      const response = await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .send({ email: other.email.toUpperCase() })
        .expect(409);
      expect(response.body.errors).toEqual([
        { field: 'email', message: 'is already used by another user' },
      ]);
      // Their own address in another case is no conflict.
      await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .send({ email: user.email.toUpperCase() })
        .expect(200);
    });

    it('keeps organisations for customers: promoting a member needs organizationId null', async () => {
      const organization = await anOrganization(server.dataSource);
      const member = await aUser(server.dataSource, {
        role: 'customer',
        organizationId: organization.id,
      });
      const refused = await request(url)
        .patch(`/api/v1/users/${member.id}`)
        .set('Authorization', admin.auth)
        .send({ role: 'agent' })
        .expect(400);
      expect(problemFieldsOf(refused)).toEqual(['organizationId']);
      const promoted = await request(url)
        .patch(`/api/v1/users/${member.id}`)
        .set('Authorization', admin.auth)
        .send({ role: 'agent', organizationId: null })
        .expect(200);
      expect(promoted.body).toMatchObject({ role: 'agent', organizationId: null });
      const [event] = await auditOf(member.id);
      expect(event).toMatchObject({
        action: 'user.role_change',
        before: { role: 'customer', organizationId: organization.id },
        after: { role: 'agent', organizationId: null },
      });
    });

    it('names bad fields: null for required ones, unknown ones, oversized ones', async () => {
      const user = await aUser(server.dataSource);
      const nulls = await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .send({ name: null, active: null })
        .expect(400);
      expect(problemFieldsOf(nulls)).toEqual(['active', 'name']);
      const bad = await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'x'.repeat(201), email: 'nope', passwordHash: 'x', role: 'root' })
        .expect(400);
      expect(problemFieldsOf(bad)).toEqual(['email', 'name', 'passwordHash', 'role']);
    });

    it('answers 404 for an unknown user', async () => {
      await request(url)
        .patch('/api/v1/users/00000000-0000-4000-8000-000000000000')
        .set('Authorization', admin.auth)
        .send({ name: 'Nobody' })
        .expect(404);
    });
  });

  describe('deactivation', () => {
    it('signs the user out at once: access token, refresh cookie and API token stop working', async () => {
      const user = await aUser(server.dataSource, { role: 'agent' });
      const login = await request(url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      const auth = `Bearer ${login.body.accessToken}`;
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      const apiToken = await request(url)
        .post('/api/v1/me/tokens')
        .set('Authorization', auth)
        .send({ name: 'integration' })
        .expect(201);
      const tokenAuth = `Bearer ${apiToken.body.token}`;
      await request(url).get('/api/v1/me').set('Authorization', auth).expect(200);
      await request(url).get('/api/v1/me').set('Authorization', tokenAuth).expect(200);

      const response = await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .send({ active: false })
        .expect(200);
      expect(response.body.active).toBe(false);

      await request(url).get('/api/v1/me').set('Authorization', auth).expect(401);
      await request(url).get('/api/v1/me').set('Authorization', tokenAuth).expect(401);
      await request(url).post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401);
      await request(url)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(401);
      const sessions = await server.dataSource.query<unknown[]>(
        'SELECT 1 FROM sessions WHERE user_id = $1',
        [user.id],
      );
      expect(sessions).toEqual([]);

      const [event] = await auditOf(user.id);
      expect(event).toMatchObject({
        action: 'user.deactivate',
        actorId: admin.id,
        before: { active: true },
        after: { active: false },
      });

      // Reactivated, they sign in again.
      await request(url)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', admin.auth)
        .send({ active: true })
        .expect(200);
      await signIn(url, user.email);
      expect((await auditOf(user.id)).map((e) => e.action).sort()).toEqual([
        'user.deactivate',
        'user.reactivate',
      ]);
    });

    it('never leaves Tessera without an active admin', async () => {
      const solo = await aSignedInUser(url, server.dataSource, { role: 'admin' });
      // Make `solo` the only active admin for the length of this test.
      const others = await server.dataSource.query<{ id: string }[]>(
        `SELECT id FROM users WHERE role = 'admin' AND active AND id <> $1`,
        [solo.id],
      );
      const otherIds = others.map((row) => row.id);
      await server.dataSource.query('UPDATE users SET active = false WHERE id = ANY($1)', [
        otherIds,
      ]);
      try {
        const deactivate = await request(url)
          .patch(`/api/v1/users/${solo.id}`)
          .set('Authorization', solo.auth)
          .send({ active: false })
          .expect(409);
        expect(deactivate.body.code).toBe('conflict');
        expect(deactivate.body.detail).toMatch(/last active admin/);
        expect(problemFieldsOf(deactivate)).toEqual(['active']);
        const demote = await request(url)
          .patch(`/api/v1/users/${solo.id}`)
          .set('Authorization', solo.auth)
          .send({ role: 'agent' })
          .expect(409);
        expect(problemFieldsOf(demote)).toEqual(['role']);
        const still = await request(url)
          .get(`/api/v1/users/${solo.id}`)
          .set('Authorization', solo.auth)
          .expect(200);
        expect(still.body).toMatchObject({ role: 'admin', active: true });

        // With a second admin, stepping down is fine.
        await request(url)
          .post('/api/v1/users')
          .set('Authorization', solo.auth)
          .send({ email: `successor-${tag()}@example.com`, name: 'Successor', role: 'admin' })
          .expect(201);
        const stepDown = await request(url)
          .patch(`/api/v1/users/${solo.id}`)
          .set('Authorization', solo.auth)
          .send({ role: 'agent' })
          .expect(200);
        expect(stepDown.body.role).toBe('agent');
      } finally {
        await server.dataSource.query('UPDATE users SET active = true WHERE id = ANY($1)', [
          otherIds,
        ]);
      }
    });
  });

  describe('audit', () => {
    it('records creation with the values after, and never a password hash', async () => {
      const response = await request(url)
        .post('/api/v1/users')
        .set('Authorization', admin.auth)
        .send({
          email: `audited-${tag()}@example.com`,
          name: 'Audited',
          role: 'agent',
          password: 'a long enough password',
        })
        .expect(201);
      const events = await auditOf(response.body.id as string);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'user.create',
        actorId: admin.id,
        before: null,
        after: { email: response.body.email, role: 'agent', active: true },
        requestId: response.headers['x-request-id'],
      });
      const text = JSON.stringify(events);
      expect(text).not.toContain('argon2');
      expect(text).not.toMatch(/password/i);
    });
  });

  describe('GET /api/v1/agents', () => {
    it('lists active agents and admins with id, name and email only, page by page', async () => {
      const t = tag();
      const active = await aUser(server.dataSource, { role: 'agent', email: `a1-${t}@staff.test` });
      const boss = await aUser(server.dataSource, { role: 'admin', email: `a2-${t}@staff.test` });
      const gone = await aUser(server.dataSource, {
        role: 'agent',
        email: `a3-${t}@staff.test`,
        active: false,
      });
      const client = await aUser(server.dataSource, {
        role: 'customer',
        email: `a4-${t}@staff.test`,
      });

      const { items, pages } = await walk('/api/v1/agents', agent.auth, { limit: 2 });
      const expected = await server.dataSource.query<{ id: string }[]>(
        `SELECT id FROM users WHERE role IN ('agent', 'admin') AND active ORDER BY lower(email)`,
      );
      expect(items.map((u) => u.id)).toEqual(expected.map((u) => u.id));
      expect(pages).toBe(Math.ceil(expected.length / 2));
      const ids = items.map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([active.id, boss.id, agent.id, admin.id]));
      expect(ids).not.toContain(gone.id);
      expect(ids).not.toContain(client.id);
      expect(ids).not.toContain(customer.id);
      expect(items.find((u) => u.id === active.id)).toEqual({
        id: active.id,
        name: `a1-${t}`,
        email: active.email,
      });
    });

    it('is for agents and admins only', async () => {
      await request(url).get('/api/v1/agents').set('Authorization', admin.auth).expect(200);
      const refused = await request(url)
        .get('/api/v1/agents')
        .set('Authorization', customer.auth)
        .expect(403);
      expect(refused.body.code).toBe('forbidden');
      await request(url).get('/api/v1/agents').expect(401);
    });
  });

  describe('PATCH /api/v1/me', () => {
    it('lets any signed-in user change their own name, language and time zone', async () => {
      for (const user of [agent, customer]) {
        const response = await request(url)
          .patch('/api/v1/me')
          .set('Authorization', user.auth)
          .send({ name: `Renamed ${user.role}`, locale: 'pt-BR', timezone: 'America/Sao_Paulo' })
          .expect(200);
        expect(response.body).toMatchObject({
          id: user.id,
          name: `Renamed ${user.role}`,
          locale: 'pt-BR',
          timezone: 'America/Sao_Paulo',
          role: user.role,
        });
        const me = await request(url).get('/api/v1/me').set('Authorization', user.auth).expect(200);
        expect(me.body.name).toBe(`Renamed ${user.role}`);
        const [event] = await auditOf(user.id);
        expect(event).toMatchObject({
          action: 'user.update',
          actorId: user.id,
          after: { name: `Renamed ${user.role}` },
        });
      }
    });

    it('refuses anything else: role, active, email, bad values', async () => {
      const response = await request(url)
        .patch('/api/v1/me')
        .set('Authorization', customer.auth)
        .send({ role: 'admin', active: true, email: 'me@example.com', timezone: 'Nowhere/City' })
        .expect(400);
      expect(problemFieldsOf(response)).toEqual(['active', 'email', 'role', 'timezone']);
      const nulls = await request(url)
        .patch('/api/v1/me')
        .set('Authorization', customer.auth)
        .send({ name: null })
        .expect(400);
      expect(problemFieldsOf(nulls)).toEqual(['name']);
      const [row] = await server.dataSource.query<{ role: string }[]>(
        'SELECT role FROM users WHERE id = $1',
        [customer.id],
      );
      expect(row?.role).toBe('customer');
    });

    it('needs a signed-in user', async () => {
      await request(url).patch('/api/v1/me').send({ name: 'Anonymous' }).expect(401);
    });
  });

  describe('refusals', () => {
    const adminOnly = (): [string, string, Record<string, unknown>?][] => [
      ['get', '/api/v1/users'],
      ['post', '/api/v1/users', { email: `x-${tag()}@example.com`, name: 'X', role: 'agent' }],
      ['get', `/api/v1/users/${admin.id}`],
      ['patch', `/api/v1/users/${admin.id}`, { name: 'Hijacked' }],
      // Even on themselves: a user may read but not administer their own account.
      ['patch', `/api/v1/users/${agent.id}`, { role: 'admin' }],
      ['patch', `/api/v1/users/${customer.id}`, { role: 'admin' }],
    ];
    const send = (method: string, path: string, body?: Record<string, unknown>, auth?: string) => {
      const call =
        method === 'get'
          ? request(url).get(path)
          : method === 'post'
            ? request(url).post(path)
            : request(url).patch(path);
      if (auth) void call.set('Authorization', auth);
      return body ? call.send(body) : call;
    };

    it('answers 403 to agents and customers on admin-only endpoints', async () => {
      for (const user of [agent, customer]) {
        for (const [method, path, body] of adminOnly()) {
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
      const [row] = await server.dataSource.query<{ name: string }[]>(
        'SELECT name FROM users WHERE id = $1',
        [admin.id],
      );
      expect(row?.name).not.toBe('Hijacked');
    });

    it('answers 401 without a token, and with a bad one', async () => {
      for (const [method, path, body] of adminOnly()) {
        const response = await send(method, path, body);
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
        expect(response.headers['www-authenticate']).toContain('Bearer');
      }
      await send('get', '/api/v1/users', undefined, 'Bearer not-a-token').expect(401);
    });
  });

  describe('UserService.findOrCreateCustomer', () => {
    it("creates the customer once, in the caller's transaction, in the organisation of the domain", async () => {
      const users = server.server.app.get(UserService);
      const domain = `globex-${tag()}.test`;
      const organization = await anOrganization(server.dataSource, { domains: [domain] });

      const created = await server.dataSource.transaction((manager) =>
        users.findOrCreateCustomer(manager, ` Hank@${domain.toUpperCase()} `, ' Hank Scorpio '),
      );
      expect(created).toMatchObject({
        email: `hank@${domain}`,
        name: 'Hank Scorpio',
        role: 'customer',
        active: true,
        organizationId: organization.id,
        hasPassword: false,
      });
      const again = await server.dataSource.transaction((manager) =>
        users.findOrCreateCustomer(manager, `HANK@${domain}`, 'Someone Else'),
      );
      expect(again.id).toBe(created.id);
      expect(again.name).toBe('Hank Scorpio');

      // Created by Tessera itself: the audit event has no actor.
      const [event] = await auditOf(created.id);
      expect(event).toMatchObject({ action: 'user.create', actorId: null });
    });

    it('gives concurrent first contacts the same customer', async () => {
      const users = server.server.app.get(UserService);
      const email = `race-${tag()}@example.com`;
      const [first, second] = await Promise.all(
        [1, 2].map(() =>
          server.dataSource.transaction((manager) =>
            users.findOrCreateCustomer(manager, email, 'Racer'),
          ),
        ),
      );
      expect(first?.id).toBe(second?.id);
      const rows = await server.dataSource.query<unknown[]>(
        'SELECT 1 FROM users WHERE email = $1',
        [email],
      );
      expect(rows).toHaveLength(1);
    });

    it('names a customer without a display name after their address, and rolls back with the caller', async () => {
      const users = server.server.app.get(UserService);
      const t = tag();
      const nameless = await server.dataSource.transaction((manager) =>
        users.findOrCreateCustomer(manager, `nameless-${t}@example.com`, '  '),
      );
      expect(nameless.name).toBe(`nameless-${t}`);
      expect(nameless.organizationId).toBeNull();

      const email = `rolled-back-${t}@example.com`;
      await expect(
        server.dataSource.transaction(async (manager) => {
          await users.findOrCreateCustomer(manager, email, 'Ghost');
          throw new Error('the caller fails later');
        }),
      ).rejects.toThrow('the caller fails later');
      const rows = await server.dataSource.query<unknown[]>(
        'SELECT 1 FROM users WHERE email = $1',
        [email],
      );
      expect(rows).toEqual([]);

      await expect(
        server.dataSource.transaction((manager) =>
          users.findOrCreateCustomer(manager, 'not an address', 'Nobody'),
        ),
      ).rejects.toMatchObject({ code: 'validation_failed' });
    });
  });
});
