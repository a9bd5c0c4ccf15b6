import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueueAccessLevel } from '@tessera/domain';
import request from 'supertest';
import { aQueue, aSignedInUser, aTeam, aUser, grant, type TestUser } from './harness/identity.js';
import { fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };
interface QueueItem {
  id: string;
  name: string;
  access: QueueAccessLevel;
  active: boolean;
}

const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('queues API', () => {
  let server: TestServer;
  let admin: SignedIn;

  const api = () => request(server.url);
  const anAgent = () => aSignedInUser(server.url, server.dataSource, { role: 'agent' });

  /** The distinct fields a problem names (a field breaking two rules is listed twice). */

  const createQueue = (body: Record<string, unknown>) =>
    api().post('/api/v1/queues').set('Authorization', admin.auth).send(body);

  /** Every queue the caller sees, walking all pages. */
  const listAll = async (auth: string, query: Record<string, unknown> = {}) => {
    const items: QueueItem[] = [];
    let cursor: string | null = null;
    do {
      const response = await api()
        .get('/api/v1/queues')
        .query({ ...query, ...(cursor ? { cursor } : {}) })
        .set('Authorization', auth)
        .expect(200);
      items.push(...(response.body.items as QueueItem[]));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    return items;
  };

  const queueAccessOf = async (auth: string) => {
    const response = await api().get('/api/v1/me').set('Authorization', auth).expect(200);
    return response.body.queueAccess as { queueId: string; level: QueueAccessLevel }[];
  };

  const auditOf = async (queueId: string) => {
    const response = await api()
      .get('/api/v1/audit-events')
      .query({ entityType: 'queue', entityId: queueId })
      .set('Authorization', admin.auth)
      .expect(200);
    return response.body.items as { action: string; before: unknown; after: unknown }[];
  };

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
    admin = await aSignedInUser(server.url, server.dataSource, { role: 'admin' });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('access to the API', () => {
    it('answers 401 without a token', async () => {
      await api().get('/api/v1/queues').expect(401);
      await api().post('/api/v1/queues').send({ name: 'X', slug: 'x' }).expect(401);
    });

    it('refuses customers with 403, even on the list', async () => {
      const customer = await aSignedInUser(server.url, server.dataSource, { role: 'customer' });
      const queue = await aQueue(server.dataSource);
      const response = await api()
        .get('/api/v1/queues')
        .set('Authorization', customer.auth)
        .expect(403);
      expect(response.body.code).toBe('forbidden');
      await api().get(`/api/v1/queues/${queue.id}`).set('Authorization', customer.auth).expect(403);
    });

    it('refuses agents the creation of queues with 403', async () => {
      const agent = await anAgent();
      await api()
        .post('/api/v1/queues')
        .set('Authorization', agent.auth)
        .send({ name: 'Mine', slug: 'mine' })
        .expect(403);
    });
  });

  describe('create and update', () => {
    it('creates a queue with defaults, audited', async () => {
      const response = await createQueue({ name: 'Billing', slug: 'billing' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Billing',
        slug: 'billing',
        description: '',
        defaultPriority: 'normal',
        active: true,
        access: 'manage',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      const fetched = await api()
        .get(`/api/v1/queues/${response.body.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(fetched.body).toEqual(response.body);
      expect(await auditOf(response.body.id)).toEqual([
        expect.objectContaining({
          action: 'queue.create',
          before: null,
          after: {
            name: 'Billing',
            slug: 'billing',
            description: '',
            defaultPriority: 'normal',
            active: true,
          },
        }),
      ]);
    });

    it('refuses a slug another queue has with 409 naming `slug`, on create and update', async () => {
      await createQueue({ name: 'Sales', slug: 'sales' }).then((r) => expect(r.status).toBe(201));
      const duplicate = await createQueue({ name: 'Other sales', slug: 'sales' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('conflict');
      expect(fieldsOf(duplicate.body)).toEqual(['slug']);

      const other = await aQueue(server.dataSource);
      const renamed = await api()
        .patch(`/api/v1/queues/${other.id}`)
        .set('Authorization', admin.auth)
        .send({ slug: 'sales' });
      expect(renamed.status).toBe(409);
      expect(fieldsOf(renamed.body)).toEqual(['slug']);
    });

    it('answers invalid input with 400 naming every bad field', async () => {
      const response = await createQueue({
        name: 'n'.repeat(101),
        slug: 'Not A Slug',
        description: 'd'.repeat(1001),
        defaultPriority: 'critical',
        active: 'yes',
        colour: 'blue',
      });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('validation_failed');
      expect(fieldsOf(response.body)).toEqual([
        'active',
        'colour',
        'defaultPriority',
        'description',
        'name',
        'slug',
      ]);

      for (const slug of ['-edge', 'edge-', 'two--dashes', 'under_score', 's'.repeat(64), '']) {
        const bad = await createQueue({ name: 'Slugs', slug });
        expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['slug']]);
      }
      const missing = await createQueue({});
      expect(fieldsOf(missing.body)).toEqual(['name', 'slug']);

      const queue = await aQueue(server.dataSource);
      const update = await api()
        .patch(`/api/v1/queues/${queue.id}`)
        .set('Authorization', admin.auth)
        .send({ name: '  ', description: null, active: null, id: UNKNOWN_ID });
      expect(update.status).toBe(400);
      expect(fieldsOf(update.body)).toEqual(['active', 'description', 'id', 'name']);
    });

    it('updates only what changed, deactivates instead of deleting, and audits it', async () => {
      const created = await createQueue({
        name: 'Returns',
        slug: 'returns',
        description: 'Goods coming back',
        defaultPriority: 'low',
      });
      const id = created.body.id as string;
      const updated = await api()
        .patch(`/api/v1/queues/${id}`)
        .set('Authorization', admin.auth)
        .send({ name: 'Returns', defaultPriority: 'high', active: false })
        .expect(200);
      expect(updated.body).toMatchObject({
        id,
        name: 'Returns',
        slug: 'returns',
        description: 'Goods coming back',
        defaultPriority: 'high',
        active: false,
        access: 'manage',
      });
      // Nothing to change: nothing recorded.
      await api()
        .patch(`/api/v1/queues/${id}`)
        .set('Authorization', admin.auth)
        .send({ active: false })
        .expect(200);

      const updates = (await auditOf(id)).filter((e) => e.action === 'queue.update');
      expect(updates).toEqual([
        expect.objectContaining({
          before: { defaultPriority: 'low', active: true },
          after: { defaultPriority: 'high', active: false },
        }),
      ]);

      // There is no hard delete.
      await api().delete(`/api/v1/queues/${id}`).set('Authorization', admin.auth).expect(404);
      await api().get(`/api/v1/queues/${id}`).set('Authorization', admin.auth).expect(200);
    });

    it('answers 404 for unknown and malformed queue ids', async () => {
      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        await api().get(`/api/v1/queues/${id}`).set('Authorization', admin.auth).expect(404);
        await api()
          .patch(`/api/v1/queues/${id}`)
          .set('Authorization', admin.auth)
          .send({ name: 'Ghost' })
          .expect(404);
        await api().get(`/api/v1/queues/${id}/access`).set('Authorization', admin.auth).expect(404);
      }
    });
  });

  describe('list', () => {
    it('walks every page without duplicates or gaps, ties on name broken by id', async () => {
      for (let i = 0; i < 4; i += 1) await aQueue(server.dataSource, { name: 'Same name' });
      for (const name of ['alpha', 'Beta', 'gamma', 'DELTA', 'epsilon']) {
        await aQueue(server.dataSource, { name });
      }
      const onePage = await api()
        .get('/api/v1/queues')
        .query({ limit: 200 })
        .set('Authorization', admin.auth)
        .expect(200);
      expect(onePage.body.nextCursor).toBeNull();
      const everything = (onePage.body.items as QueueItem[]).map((q) => q.id);

      const paged = await listAll(admin.auth, { limit: 2 });
      expect(paged.map((q) => q.id)).toEqual(everything);
      expect(new Set(everything).size).toBe(everything.length);
      // Case does not matter to the order (compared on names whose order no collation disputes).
      const mine = ['alpha', 'beta', 'delta', 'epsilon', 'gamma', 'same name'];
      const names = paged.map((q) => q.name.toLowerCase()).filter((name) => mine.includes(name));
      expect([...new Set(names)]).toEqual(mine);
      const same = paged.filter((q) => q.name === 'Same name').map((q) => q.id);
      expect(same).toHaveLength(4);
      expect(same).toEqual([...same].sort());
      expect(paged.every((q) => q.access === 'manage')).toBe(true);
    });

    it('filters by active', async () => {
      const inactive = await createQueue({ name: 'Old', slug: 'old-stuff', active: false });
      const active = await listAll(admin.auth, { active: true });
      const deactivated = await listAll(admin.auth, { active: 'false' });
      expect(active.every((q) => q.active)).toBe(true);
      expect(deactivated.every((q) => !q.active)).toBe(true);
      expect(deactivated.map((q) => q.id)).toContain(inactive.body.id);
      expect(active.map((q) => q.id)).not.toContain(inactive.body.id);

      const bad = await api()
        .get('/api/v1/queues')
        .query({ active: 'yes' })
        .set('Authorization', admin.auth)
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['active']);
    });

    it('answers bad cursors with 400 naming `cursor`', async () => {
      const forged = Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url');
      for (const cursor of ['garbage', forged]) {
        const response = await api()
          .get('/api/v1/queues')
          .query({ cursor })
          .set('Authorization', admin.auth)
          .expect(400);
        expect(fieldsOf(response.body)).toEqual(['cursor']);
      }
    });
  });

  describe("an agent's queues", () => {
    it('are exactly those granted directly or through a team, at the strongest level', async () => {
      const agent = await anAgent();
      const bystander = await aUser(server.dataSource, { role: 'agent' });
      const team = await aTeam(server.dataSource, [agent.id, bystander.id]);
      const otherTeam = await aTeam(server.dataSource, [bystander.id]);
      const both = await aQueue(server.dataSource, { name: 'Both ways' });
      const direct = await aQueue(server.dataSource, { name: 'Direct only' });
      const viaTeam = await aQueue(server.dataSource, { name: 'Team only' });
      const notMine = await aQueue(server.dataSource, { name: 'Not mine' });
      await grant(server.dataSource, both.id, { userId: agent.id }, 'view');
      await grant(server.dataSource, both.id, { teamId: team.id }, 'manage');
      await grant(server.dataSource, direct.id, { userId: agent.id }, 'reply');
      await grant(server.dataSource, viaTeam.id, { teamId: team.id }, 'view');
      await grant(server.dataSource, notMine.id, { teamId: otherTeam.id }, 'manage');
      await grant(server.dataSource, notMine.id, { userId: bystander.id }, 'manage');

      const items = await listAll(agent.auth, { limit: 1 });
      expect(items.map((q) => [q.name, q.access])).toEqual([
        ['Both ways', 'manage'],
        ['Direct only', 'reply'],
        ['Team only', 'view'],
      ]);
      expect(await queueAccessOf(agent.auth)).toEqual(
        expect.arrayContaining([
          { queueId: both.id, level: 'manage' },
          { queueId: direct.id, level: 'reply' },
          { queueId: viaTeam.id, level: 'view' },
        ]),
      );
      expect(await queueAccessOf(agent.auth)).toHaveLength(3);

      const one = await api()
        .get(`/api/v1/queues/${direct.id}`)
        .set('Authorization', agent.auth)
        .expect(200);
      expect(one.body).toMatchObject({ id: direct.id, access: 'reply' });
      const hidden = await api()
        .get(`/api/v1/queues/${notMine.id}`)
        .set('Authorization', agent.auth)
        .expect(404);
      expect(hidden.body.code).toBe('not_found');
    });

    it('change at once when a grant is added, raised or removed', async () => {
      const agent = await anAgent();
      const queue = await aQueue(server.dataSource, { name: 'Granted later' });
      const grantUrl = `/api/v1/queues/${queue.id}/access/users/${agent.id}`;
      const visible = async () => (await listAll(agent.auth)).map((q) => [q.id, q.access]);

      expect(await visible()).toEqual([]);
      await api().get(`/api/v1/queues/${queue.id}`).set('Authorization', agent.auth).expect(404);

      await api()
        .put(grantUrl)
        .set('Authorization', admin.auth)
        .send({ level: 'view' })
        .expect(200);
      expect(await visible()).toEqual([[queue.id, 'view']]);
      expect(await queueAccessOf(agent.auth)).toEqual([{ queueId: queue.id, level: 'view' }]);
      await api().get(`/api/v1/queues/${queue.id}`).set('Authorization', agent.auth).expect(200);

      await api()
        .put(grantUrl)
        .set('Authorization', admin.auth)
        .send({ level: 'manage' })
        .expect(200);
      expect(await visible()).toEqual([[queue.id, 'manage']]);

      await api().delete(grantUrl).set('Authorization', admin.auth).expect(204);
      expect(await visible()).toEqual([]);
      expect(await queueAccessOf(agent.auth)).toEqual([]);
      await api().get(`/api/v1/queues/${queue.id}`).set('Authorization', agent.auth).expect(404);
    });
  });

  describe('refusals by access level', () => {
    it('lets only agents with manage change a queue; reply gets 403, no access 404', async () => {
      const queue = await aQueue(server.dataSource);
      const replier = await anAgent();
      const manager = await anAgent();
      const outsider = await anAgent();
      await grant(server.dataSource, queue.id, { userId: replier.id }, 'reply');
      await grant(server.dataSource, queue.id, { userId: manager.id }, 'manage');

      const patch = (auth: string) =>
        api()
          .patch(`/api/v1/queues/${queue.id}`)
          .set('Authorization', auth)
          .send({ description: 'Edited by an agent' });
      const refused = await patch(replier.auth).expect(403);
      expect(refused.body.code).toBe('forbidden');
      // No access at all: the queue is hidden, as if it did not exist.
      await patch(outsider.auth).expect(404);
      const edited = await patch(manager.auth).expect(200);
      expect(edited.body).toMatchObject({ description: 'Edited by an agent', access: 'manage' });
    });

    it('lets agents with manage read the access list but not change it', async () => {
      const queue = await aQueue(server.dataSource);
      const manager = await anAgent();
      const replier = await anAgent();
      await grant(server.dataSource, queue.id, { userId: manager.id }, 'manage');
      await grant(server.dataSource, queue.id, { userId: replier.id }, 'reply');
      const accessUrl = `/api/v1/queues/${queue.id}/access`;

      const listed = await api().get(accessUrl).set('Authorization', manager.auth).expect(200);
      expect(listed.body.items).toHaveLength(2);
      await api().get(accessUrl).set('Authorization', replier.auth).expect(403);

      for (const caller of [manager, replier]) {
        await api()
          .put(`${accessUrl}/users/${replier.id}`)
          .set('Authorization', caller.auth)
          .send({ level: 'manage' })
          .expect(403);
        await api()
          .delete(`${accessUrl}/users/${replier.id}`)
          .set('Authorization', caller.auth)
          .expect(403);
      }
      const unchanged = await api().get(accessUrl).set('Authorization', admin.auth).expect(200);
      expect(unchanged.body.items).toContainEqual(
        expect.objectContaining({ granteeId: replier.id, level: 'reply' }),
      );
    });
  });

  describe('access grants', () => {
    it('lists user and team grants with names and levels, teams first', async () => {
      const queue = await aQueue(server.dataSource);
      const zoe = await aUser(server.dataSource, { role: 'agent', name: 'Zoe' });
      const abe = await aUser(server.dataSource, { role: 'agent', name: 'Abe' });
      const team = await aTeam(server.dataSource, [], 'Night shift');
      await grant(server.dataSource, queue.id, { userId: zoe.id }, 'manage');
      await grant(server.dataSource, queue.id, { userId: abe.id }, 'view');
      await grant(server.dataSource, queue.id, { teamId: team.id }, 'reply');

      const response = await api()
        .get(`/api/v1/queues/${queue.id}/access`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(response.body.items).toEqual([
        {
          granteeType: 'team',
          granteeId: team.id,
          granteeName: 'Night shift',
          level: 'reply',
          createdAt: expect.stringMatching(/Z$/),
        },
        {
          granteeType: 'user',
          granteeId: abe.id,
          granteeName: 'Abe',
          level: 'view',
          createdAt: expect.stringMatching(/Z$/),
        },
        {
          granteeType: 'user',
          granteeId: zoe.id,
          granteeName: 'Zoe',
          level: 'manage',
          createdAt: expect.stringMatching(/Z$/),
        },
      ]);
    });

    it('upserts and removes user and team grants, recording every change', async () => {
      const queue = await aQueue(server.dataSource);
      const agent = await aUser(server.dataSource, { role: 'agent', name: 'Ada' });
      const team = await aTeam(server.dataSource, [], 'Day shift');
      const base = `/api/v1/queues/${queue.id}/access`;
      const put = (path: string, level: string) =>
        api().put(`${base}/${path}`).set('Authorization', admin.auth).send({ level });

      const first = await put(`users/${agent.id}`, 'view').expect(200);
      expect(first.body).toEqual({
        granteeType: 'user',
        granteeId: agent.id,
        granteeName: 'Ada',
        level: 'view',
        createdAt: expect.stringMatching(/Z$/),
      });
      await put(`users/${agent.id}`, 'reply').expect(200);
      await put(`users/${agent.id}`, 'reply').expect(200); // unchanged: not recorded
      await put(`teams/${team.id}`, 'manage').expect(200);

      const listed = await api().get(base).set('Authorization', admin.auth).expect(200);
      expect(listed.body.items.map((g: { granteeId: string; level: string }) => g.level)).toEqual([
        'manage',
        'reply',
      ]);

      await api().delete(`${base}/teams/${team.id}`).set('Authorization', admin.auth).expect(204);
      await api().delete(`${base}/users/${agent.id}`).set('Authorization', admin.auth).expect(204);
      await api().delete(`${base}/users/${agent.id}`).set('Authorization', admin.auth).expect(404);
      const empty = await api().get(base).set('Authorization', admin.auth).expect(200);
      expect(empty.body.items).toEqual([]);

      const user = { granteeType: 'user', granteeId: agent.id, granteeName: 'Ada' };
      const teamGrantee = { granteeType: 'team', granteeId: team.id, granteeName: 'Day shift' };
      const events = await auditOf(queue.id);
      expect(events).toHaveLength(5);
      expect(events.map((e) => [e.action, e.before, e.after])).toEqual(
        expect.arrayContaining([
          ['queue_grant.upsert', null, { ...user, level: 'view' }],
          ['queue_grant.upsert', { ...user, level: 'view' }, { ...user, level: 'reply' }],
          ['queue_grant.upsert', null, { ...teamGrantee, level: 'manage' }],
          ['queue_grant.delete', { ...teamGrantee, level: 'manage' }, null],
          ['queue_grant.delete', { ...user, level: 'reply' }, null],
        ]),
      );
    });

    it('grants only agents: customers and admins get 400 naming userId', async () => {
      const queue = await aQueue(server.dataSource);
      for (const role of ['customer', 'admin'] as const) {
        const user = await aUser(server.dataSource, { role });
        const response = await api()
          .put(`/api/v1/queues/${queue.id}/access/users/${user.id}`)
          .set('Authorization', admin.auth)
          .send({ level: 'view' })
          .expect(400);
        expect(response.body.code).toBe('validation_failed');
        expect(fieldsOf(response.body)).toEqual(['userId']);
      }
      expect(await auditOf(queue.id)).toEqual([]);
    });

    it('answers a bad level or unknown field with 400 naming them', async () => {
      const queue = await aQueue(server.dataSource);
      const agent = await aUser(server.dataSource, { role: 'agent' });
      const url = `/api/v1/queues/${queue.id}/access/users/${agent.id}`;
      const bad = await api()
        .put(url)
        .set('Authorization', admin.auth)
        .send({ level: 'owner', until: '2030-01-01' })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['level', 'until']);
      const missing = await api().put(url).set('Authorization', admin.auth).send({}).expect(400);
      expect(fieldsOf(missing.body)).toEqual(['level']);
    });

    it('answers 404 for unknown or malformed users, teams and queues', async () => {
      const queue = await aQueue(server.dataSource);
      const agent = await aUser(server.dataSource, { role: 'agent' });
      const team = await aTeam(server.dataSource);
      const put = (path: string) =>
        api().put(path).set('Authorization', admin.auth).send({ level: 'view' });
      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        const user = await put(`/api/v1/queues/${queue.id}/access/users/${id}`).expect(404);
        expect(user.body.detail).toBe('No such user.');
        const noTeam = await put(`/api/v1/queues/${queue.id}/access/teams/${id}`).expect(404);
        expect(noTeam.body.detail).toBe('No such team.');
        await put(`/api/v1/queues/${id}/access/users/${agent.id}`).expect(404);
        await put(`/api/v1/queues/${id}/access/teams/${team.id}`).expect(404);
      }
      await api()
        .delete(`/api/v1/queues/${queue.id}/access/teams/${team.id}`)
        .set('Authorization', admin.auth)
        .expect(404);
    });
  });
});
