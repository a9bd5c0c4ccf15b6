// The API smoke tests, run once per database mode (PostgreSQL and embedded).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { PURGE_EXPIRED_JOB } from '../../src/modules/housekeeping/housekeeping.service.js';
import { JobService } from '../../src/modules/job/job.service.js';
import { AUTO_CLOSE_JOB } from '../../src/modules/ticket/ticket-auto-close.service.js';
import { aQueue, aSignedInUser, grant } from './identity.js';
import { ProbeModule } from './probe.module.js';
import { waitForJob } from './wait-for-job.js';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';

export function describeApiSmoke(mode: TestServerOptions['database']): void {
  describe(`API smoke (${mode} database)`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ database: mode, extraModules: [ProbeModule] });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers /healthz and /readyz once migrations are applied', async () => {
      const health = await request(server.url).get('/healthz').expect(200);
      expect(health.body).toEqual({ status: 'ok' });
      const ready = await request(server.url).get('/readyz').expect(200);
      expect(ready.body).toEqual({
        status: 'ready',
        checks: { database: 'up', migrations: 'applied', draining: false },
      });
    });

    it('gives every response a request id and keeps a well-formed one from the caller', async () => {
      const generated = await request(server.url).get('/healthz');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await request(server.url)
        .get('/api/v1/no-such-thing')
        .set('X-Request-Id', 'trace-42.a');
      expect(kept.headers['x-request-id']).toBe('trace-42.a');
      const replaced = await request(server.url)
        .get('/healthz')
        .set('X-Request-Id', 'bad id\twith "quotes"');
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const logged = server.logLines().some((line) => line.includes('"reqId":"trace-42.a"'));
      expect(logged).toBe(true);
    });

    it('answers unknown API routes with a 404 problem', async () => {
      const response = await request(server.url).get('/api/v1/no-such-thing').expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'urn:tessera:problem:not_found',
        status: 404,
        code: 'not_found',
        instance: '/api/v1/no-such-thing',
        requestId: response.headers['x-request-id'],
      });
    });

    it('lists every invalid field, nested ones and unknown ones included', async () => {
      const response = await request(server.url)
        .post('/api/v1/test-probe')
        .send({
          email: 'not-an-email',
          quantity: 11,
          priority: 'urgent',
          address: { city: 'X' },
          admin: true,
        })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('validation_failed');
      const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(['address.city', 'admin', 'email', 'priority', 'quantity']);
      const good = {
        email: 'a@example.com',
        quantity: 3,
        priority: 'low',
        address: { city: 'Oslo' },
      };
      await request(server.url).post('/api/v1/test-probe').send(good).expect(201, good);
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const response = await request(server.url)
        .post('/api/v1/test-probe')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('bad_request');
    });

    it('hides the internals of unexpected errors and logs them with the request id', async () => {
      const response = await request(server.url).get('/api/v1/test-probe/crash').expect(500);
      expect(response.body.code).toBe('internal_error');
      const text = JSON.stringify(response.body);
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('/srv/secret');
      expect(text).not.toMatch(/at .*\.ts:\d+/);
      expect(response.body.detail).toContain(response.headers['x-request-id']);
      const logged = server
        .logLines()
        .find(
          (line) => line.includes(response.headers['x-request-id']) && line.includes('"level":50'),
        );
      expect(logged).toBeDefined();
    });

    it('exposes Prometheus metrics labelled by route pattern, not raw URL', async () => {
      await request(server.url).get('/api/v1/test-probe/items/17').expect(200);
      await request(server.url).get('/api/v1/test-probe/items/18').expect(200);
      const response = await request(server.url).get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toMatch(
        /tessera_http_requests_total\{method="GET",route="\/api\/v1\/test-probe\/items\/:id",status="200"\} 2/,
      );
      expect(response.text).toContain('tessera_http_request_duration_seconds_bucket');
      expect(response.text).toContain('tessera_process_resident_memory_bytes');
      expect(response.text).not.toContain('items/17');
    });

    it('runs background jobs through the job queue', async () => {
      const jobs = server.server.app.get(JobService);
      const id = await jobs.trigger(PURGE_EXPIRED_JOB);
      expect(await waitForJob(jobs, PURGE_EXPIRED_JOB, id)).toBe('completed');
    });

    it('signs users in and enforces their permissions', async () => {
      const agent = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      const me = await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', agent.auth)
        .expect(200);
      expect(me.body).toMatchObject({ id: agent.id, role: 'agent' });
      await request(server.url).get('/api/v1/users').set('Authorization', agent.auth).expect(403);
      await request(server.url).get('/api/v1/users').expect(401);
    });

    // The embedded database has one connection: a query outside the request's transaction would
    // wait for it forever. Every ticket feature runs here once, so such a query cannot hide.
    it('works a ticket through every feature', async () => {
      const api = () => request(server.url);
      const queueId = (await aQueue(server.dataSource)).id;
      const agent = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      await grant(server.dataSource, queueId, { userId: agent.id }, 'manage');
      const as = (call: request.Test) => call.set('Authorization', agent.auth);
      const open = async (subject: string) =>
        (
          await as(api().post('/api/v1/tickets'))
            .send({
              subject,
              text: 'The printer on floor 3 jams',
              queueId,
              requester: { email: 'ada@example.com' },
              cc: [{ email: 'bob@example.com' }],
            })
            .expect(201)
        ).body as { id: string; number: number; version: number };

      const ticket = await open('Printer jams');
      const stale = await as(api().patch(`/api/v1/tickets/${ticket.id}`))
        .set('If-Match', '"99"')
        .send({ priority: 'high' })
        .expect(412);
      expect(stale.body).toMatchObject({ currentVersion: ticket.version });
      await as(api().patch(`/api/v1/tickets/${ticket.number}`))
        .set('If-Match', `"${ticket.version}"`)
        .send({ priority: 'high', tags: ['hardware'] })
        .expect(200);

      const file = await as(api().post('/api/v1/attachments').query({ filename: 'jam.txt' }))
        .set('Content-Type', 'text/plain')
        .send('paper path')
        .expect(201);
      const fileId = (file.body as { id: string }).id;
      await as(api().post(`/api/v1/tickets/${ticket.id}/messages`))
        .send({ text: 'Please try tray 2', attachments: [fileId] })
        .expect(201);
      const download = await as(api().get(`/api/v1/attachments/${fileId}`)).expect(200);
      expect(download.text).toBe('paper path');
      const timeline = await as(api().get(`/api/v1/tickets/${ticket.id}/timeline`)).expect(200);
      expect((timeline.body as { items: unknown[] }).items.length).toBeGreaterThan(4);
      await as(api().get(`/api/v1/tickets/${ticket.id}/followers`)).expect(200);

      const duplicate = await open('Printer jams again');
      await as(api().post(`/api/v1/tickets/${duplicate.id}/merge`))
        .send({ targetId: ticket.id })
        .expect(200);
      const related = await open('Toner low');
      await as(api().post(`/api/v1/tickets/${related.id}/links`))
        .send({ ticketId: ticket.id })
        .expect(201);
      const bulk = await as(api().post('/api/v1/tickets/bulk'))
        .send({ ids: [ticket.id, related.id], changes: { state: 'resolved' } })
        .expect(200);
      expect((bulk.body as { updated: unknown[] }).updated).toHaveLength(2);

      await as(api().post('/api/v1/views'))
        .send({ name: 'Resolved', filter: { state: ['resolved'] } })
        .expect(201);
      const views = await as(api().get('/api/v1/views')).expect(200);
      expect((views.body as { items: { count: number }[] }).items[0]?.count).toBe(2);
      const list = await as(api().get('/api/v1/tickets?sort=priority&state=resolved')).expect(200);
      expect((list.body as { items: { id: string }[] }).items[0]?.id).toBe(ticket.id);
      const found = await as(api().get('/api/v1/search?q=tray')).expect(200);
      const hits = (found.body as { items: { ticket: { id: string } }[] }).items;
      expect(hits.map((hit) => hit.ticket.id)).toEqual([ticket.id]);

      const jobs = server.server.app.get(JobService);
      const run = await jobs.trigger(AUTO_CLOSE_JOB);
      expect(await waitForJob(jobs, AUTO_CLOSE_JOB, run)).toBe('completed');
    });

    it('created the first admin on the empty database', async () => {
      const admins = await server.dataSource.query<{ email: string; password_hash: string }[]>(
        `SELECT email, password_hash FROM users WHERE role = 'admin'`,
      );
      expect(admins).toHaveLength(1);
      expect(admins[0]?.email).toBe('admin@localhost');
      expect(admins[0]?.password_hash).toMatch(/^\$argon2id\$/);
    });
  });
}
