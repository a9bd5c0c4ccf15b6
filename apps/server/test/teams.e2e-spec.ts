import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aQueue, aSignedInUser, aTeam, aUser, grant, type TestUser } from './harness/identity.js';
import { fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('teams API', () => {
  let server: TestServer;
  let admin: SignedIn;
  let agent: SignedIn;

  const api = () => request(server.url);

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
    admin = await aSignedInUser(server.url, server.dataSource, { role: 'admin' });
    agent = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
  });
  afterAll(async () => {
    await server?.close();
  });

  const createTeam = async (body: Record<string, unknown>) =>
    api().post('/api/v1/teams').set('Authorization', admin.auth).send(body);

  /** The distinct fields a problem names (a field breaking two rules is listed twice). */

  const auditOf = async (teamId: string) => {
    const response = await api()
      .get('/api/v1/audit-events')
      .query({ entityType: 'team', entityId: teamId })
      .set('Authorization', admin.auth)
      .expect(200);
    return response.body.items as { action: string; before: unknown; after: unknown }[];
  };

  describe('access', () => {
    it('answers 401 without a token', async () => {
      const response = await api().get('/api/v1/teams').expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses agents and customers with 403, reading or writing', async () => {
      const customer = await aSignedInUser(server.url, server.dataSource, { role: 'customer' });
      const team = await aTeam(server.dataSource);
      for (const caller of [agent, customer]) {
        await api().get('/api/v1/teams').set('Authorization', caller.auth).expect(403);
        await api().get(`/api/v1/teams/${team.id}`).set('Authorization', caller.auth).expect(403);
        await api()
          .post('/api/v1/teams')
          .set('Authorization', caller.auth)
          .send({ name: 'Sneaky' })
          .expect(403);
        await api()
          .put(`/api/v1/teams/${team.id}/members/${caller.id}`)
          .set('Authorization', caller.auth)
          .expect(403);
      }
    });
  });

  describe('create, read, update, delete', () => {
    it('creates a team and records it in the audit trail', async () => {
      const response = await createTeam({ name: 'Billing', description: 'Invoices' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Billing',
        description: 'Invoices',
        memberCount: 0,
        members: [],
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      const events = await auditOf(response.body.id);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'team.create',
          before: null,
          after: { name: 'Billing', description: 'Invoices' },
        }),
      ]);
    });

    it('refuses a name another team has in any case with 409 naming `name`', async () => {
      await createTeam({ name: 'Escalations' }).then((r) => expect(r.status).toBe(201));
      const response = await createTeam({ name: 'ESCALATIONS' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('conflict');
      expect(fieldsOf(response.body)).toEqual(['name']);
    });

    it('answers invalid input with 400 naming every bad field', async () => {
      const response = await createTeam({
        name: 'x'.repeat(101),
        description: 'y'.repeat(1001),
        colour: 'blue',
      });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('validation_failed');
      expect(fieldsOf(response.body)).toEqual(['colour', 'description', 'name']);

      const blank = await createTeam({ name: '   ', description: null });
      expect(blank.status).toBe(400);
      expect(fieldsOf(blank.body)).toEqual(['description', 'name']);

      const missing = await createTeam({});
      expect(missing.status).toBe(400);
      expect(fieldsOf(missing.body)).toContain('name');
    });

    it('gets a team with its members, and 404 for unknown or malformed ids', async () => {
      const zed = await aUser(server.dataSource, { role: 'agent', name: 'Zed' });
      const amy = await aUser(server.dataSource, { role: 'admin', name: 'Amy' });
      const team = await aTeam(server.dataSource, [zed.id, amy.id]);
      const response = await api()
        .get(`/api/v1/teams/${team.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(response.body.memberCount).toBe(2);
      expect(response.body.members).toEqual([
        { id: amy.id, name: 'Amy', email: amy.email },
        { id: zed.id, name: 'Zed', email: zed.email },
      ]);

      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        const missing = await api()
          .get(`/api/v1/teams/${id}`)
          .set('Authorization', admin.auth)
          .expect(404);
        expect(missing.body.code).toBe('not_found');
      }
    });

    it('renames a team, recording only what changed; refuses a taken name', async () => {
      const created = await createTeam({ name: 'Tier 1', description: 'First line' });
      const id = created.body.id as string;
      const renamed = await api()
        .patch(`/api/v1/teams/${id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'Tier One', description: 'First line' })
        .expect(200);
      expect(renamed.body).toMatchObject({ id, name: 'Tier One', description: 'First line' });

      // Changing only the case of its own name is no conflict.
      await api()
        .patch(`/api/v1/teams/${id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'TIER ONE' })
        .expect(200);

      await createTeam({ name: 'Tier 2' });
      const taken = await api()
        .patch(`/api/v1/teams/${id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'tier 2' });
      expect(taken.status).toBe(409);
      expect(fieldsOf(taken.body)).toEqual(['name']);

      const invalid = await api()
        .patch(`/api/v1/teams/${id}`)
        .set('Authorization', admin.auth)
        .send({ name: null, members: [] });
      expect(invalid.status).toBe(400);
      expect(fieldsOf(invalid.body)).toEqual(['members', 'name']);

      await api()
        .patch(`/api/v1/teams/${UNKNOWN_ID}`)
        .set('Authorization', admin.auth)
        .send({ name: 'Ghost' })
        .expect(404);

      const updates = (await auditOf(id)).filter((e) => e.action === 'team.update');
      // Two updates: the description sent unchanged is not recorded, the refused rename neither.
      expect(updates).toHaveLength(2);
      expect(updates.map((e) => [e.before, e.after])).toEqual(
        expect.arrayContaining([
          [{ name: 'Tier 1' }, { name: 'Tier One' }],
          [{ name: 'Tier One' }, { name: 'TIER ONE' }],
        ]),
      );
    });

    it('deletes a team; its members lose the access they held through it', async () => {
      const member = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      const team = await aTeam(server.dataSource, [member.id]);
      const queue = await aQueue(server.dataSource);
      await grant(server.dataSource, queue.id, { teamId: team.id }, 'reply');
      const me = () => api().get('/api/v1/me').set('Authorization', member.auth).expect(200);
      expect((await me()).body.queueAccess).toEqual([{ queueId: queue.id, level: 'reply' }]);

      await api().delete(`/api/v1/teams/${team.id}`).set('Authorization', admin.auth).expect(204);
      await api().get(`/api/v1/teams/${team.id}`).set('Authorization', admin.auth).expect(404);
      expect((await me()).body.queueAccess).toEqual([]);
      await api().delete(`/api/v1/teams/${team.id}`).set('Authorization', admin.auth).expect(404);

      const [deleted] = await auditOf(team.id);
      expect(deleted).toMatchObject({
        action: 'team.delete',
        before: { memberIds: [member.id], queueGrants: [{ queueId: queue.id, level: 'reply' }] },
        after: null,
      });
    });
  });

  describe('membership', () => {
    const put = (teamId: string, userId: string) =>
      api().put(`/api/v1/teams/${teamId}/members/${userId}`).set('Authorization', admin.auth);
    const remove = (teamId: string, userId: string) =>
      api().delete(`/api/v1/teams/${teamId}/members/${userId}`).set('Authorization', admin.auth);

    it('adds agents and admins idempotently and removes them, recording each change once', async () => {
      const team = await aTeam(server.dataSource);
      const someAgent = await aUser(server.dataSource, { role: 'agent', name: 'Ann Agent' });
      const someAdmin = await aUser(server.dataSource, { role: 'admin', name: 'Bob Admin' });

      await put(team.id, someAgent.id).expect(204);
      await put(team.id, someAgent.id).expect(204);
      await put(team.id, someAdmin.id).expect(204);
      const afterAdding = await api()
        .get(`/api/v1/teams/${team.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(afterAdding.body.members.map((m: { id: string }) => m.id)).toEqual([
        someAgent.id,
        someAdmin.id,
      ]);

      await remove(team.id, someAgent.id).expect(204);
      await remove(team.id, someAgent.id).expect(404);
      const afterRemoving = await api()
        .get(`/api/v1/teams/${team.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(afterRemoving.body.members).toEqual([
        { id: someAdmin.id, name: 'Bob Admin', email: someAdmin.email },
      ]);

      const events = await auditOf(team.id);
      expect(events.map((e) => e.action).sort()).toEqual([
        'team_member.add',
        'team_member.add',
        'team_member.remove',
      ]);
      expect(events).toContainEqual(
        expect.objectContaining({
          action: 'team_member.add',
          after: { userId: someAgent.id, name: 'Ann Agent' },
        }),
      );
      expect(events).toContainEqual(
        expect.objectContaining({
          action: 'team_member.remove',
          before: { userId: someAgent.id, name: 'Ann Agent' },
          after: null,
        }),
      );
    });

    it('makes team access visible to a new member at once', async () => {
      const member = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      const team = await aTeam(server.dataSource);
      const queue = await aQueue(server.dataSource);
      await grant(server.dataSource, queue.id, { teamId: team.id }, 'view');
      const access = async () => {
        const me = await api().get('/api/v1/me').set('Authorization', member.auth).expect(200);
        return me.body.queueAccess as { queueId: string; level: string }[];
      };

      expect(await access()).toEqual([]);
      await put(team.id, member.id).expect(204);
      expect(await access()).toEqual([{ queueId: queue.id, level: 'view' }]);
      await remove(team.id, member.id).expect(204);
      expect(await access()).toEqual([]);
    });

    it('refuses customers with 400 naming userId, and unknown users or teams with 404', async () => {
      const team = await aTeam(server.dataSource);
      const customer = await aUser(server.dataSource, { role: 'customer' });
      const refused = await put(team.id, customer.id).expect(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(fieldsOf(refused.body)).toEqual(['userId']);

      for (const userId of [UNKNOWN_ID, 'nobody']) {
        const missing = await put(team.id, userId).expect(404);
        expect(missing.body.detail).toBe('No such user.');
      }
      for (const teamId of [UNKNOWN_ID, 'no-team']) {
        const missing = await put(teamId, agent.id).expect(404);
        expect(missing.body.detail).toBe('No such team.');
      }
      expect(await auditOf(team.id)).toEqual([]);
    });
  });

  describe('list', () => {
    it('walks every page by name without duplicates or gaps, and filters by name', async () => {
      const names = ['pager-c', 'Pager-A', 'pager-e', 'PAGER-B', 'pager-d', 'Pager-G', 'pager-f'];
      for (const name of names) await aTeam(server.dataSource, [], name);
      const expected = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));

      const seen: string[] = [];
      let cursor: string | null | undefined;
      let pages = 0;
      do {
        const response = await api()
          .get('/api/v1/teams')
          .query({ q: 'PAGER', limit: 3, ...(cursor ? { cursor } : {}) })
          .set('Authorization', admin.auth)
          .expect(200);
        expect(response.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...response.body.items.map((t: { name: string }) => t.name));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(expected);

      const everything = await api()
        .get('/api/v1/teams')
        .query({ limit: 200 })
        .set('Authorization', admin.auth)
        .expect(200);
      expect(everything.body.nextCursor).toBeNull();
      const all = everything.body.items.map((t: { name: string }) => t.name);
      expect(all).toEqual(expect.arrayContaining([...names, 'Billing']));
    });

    it('shows member counts and filters by the start of the name', async () => {
      const one = await aUser(server.dataSource, { role: 'agent' });
      const two = await aUser(server.dataSource, { role: 'agent' });
      await aTeam(server.dataSource, [one.id, two.id], 'Counted team');
      const response = await api()
        .get('/api/v1/teams')
        .query({ q: 'counted' })
        .set('Authorization', admin.auth)
        .expect(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({ name: 'Counted team', memberCount: 2 }),
      ]);
      // `q` matches the start of the name only.
      const inner = await api()
        .get('/api/v1/teams')
        .query({ q: 'ounted' })
        .set('Authorization', admin.auth)
        .expect(200);
      expect(inner.body.items).toEqual([]);
    });

    it('answers bad paging input with 400 naming the field', async () => {
      const forged = Buffer.from(JSON.stringify(['pager-a', 42])).toString('base64url');
      for (const [query, field] of [
        [{ limit: 0 }, 'limit'],
        [{ limit: 201 }, 'limit'],
        [{ cursor: 'garbage' }, 'cursor'],
        [{ cursor: forged }, 'cursor'],
        [{ q: 'x'.repeat(101) }, 'q'],
        [{ sort: 'name' }, 'sort'],
      ] as const) {
        const response = await api()
          .get('/api/v1/teams')
          .query(query)
          .set('Authorization', admin.auth)
          .expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
      }
    });
  });
});
