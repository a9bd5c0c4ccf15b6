// Opening tickets under load: requests that arrive while others are being written are written
// together, in one transaction (TicketService.create through Batcher), and signed-in requests are
// checked together (Authenticator). Each caller must still get exactly its own answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Authenticator } from '../src/modules/auth/authenticator.js';
import { IdempotencyService } from '../src/modules/idempotency/idempotency.service.js';
import { ActorRepository } from '../src/modules/permission/actor.repository.js';
import type { RequestActor } from '../src/modules/permission/request-actor.js';
import type { CreateTicketDto } from '../src/modules/ticket/dto/ticket.dto.js';
import { TicketService } from '../src/modules/ticket/ticket.service.js';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

describe('Opening tickets together', () => {
  let server: TestServer;
  let queueId: string;
  let closedQueueId: string;
  let agent: TestUser & { auth: string };
  let actor: RequestActor;
  let tickets: TicketService;

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
    queueId = (await aQueue(server.dataSource)).id;
    closedQueueId = (await aQueue(server.dataSource)).id;
    await server.dataSource.query('UPDATE queues SET active = false WHERE id = $1', [
      closedQueueId,
    ]);
    agent = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
    await grant(server.dataSource, queueId, { userId: agent.id }, 'reply');
    tickets = server.server.app.get(TicketService);
    const loaded = await server.server.app
      .get(ActorRepository)
      .loadActive(agent.id, { sessionId: null, apiTokenId: null, readOnly: false });
    if (!loaded) throw new Error('the agent did not load');
    actor = loaded;
  });
  afterAll(async () => {
    await server?.close();
  });

  const input = (subject: string, overrides: Partial<CreateTicketDto> = {}): CreateTicketDto => ({
    subject,
    text: `Body of ${subject}`,
    queueId,
    requester: { email: 'batch-requester@example.com', name: 'Bea Batch' },
    ...overrides,
  });

  const rowsOf = (ids: string[]) =>
    server.dataSource.query<
      {
        id: string;
        number: number;
        subject: string;
        txid: string;
        body: string;
        events: string[];
        in_recent_tier: boolean;
      }[]
    >(
      `SELECT t.id, t.number, t.subject, t.xmin::text AS txid,
              (SELECT string_agg(m.body_text, '|') FROM ticket_messages m WHERE m.ticket_id = t.id) AS body,
              ARRAY(SELECT e.type FROM ticket_events e WHERE e.ticket_id = t.id ORDER BY e.type) AS events,
              EXISTS (SELECT 1 FROM ticket_search_recent r WHERE r.ticket_id = t.id) AS in_recent_tier
         FROM tickets t WHERE t.id = ANY($1::uuid[]) ORDER BY t.number`,
      [ids],
    );

  it('writes requests that arrive together in one transaction, each with its own ticket', async () => {
    const subjects = Array.from({ length: 10 }, (_, i) => `Together ${i}`);
    // Submitted in one turn of the event loop: written together.
    const answers = await Promise.all(
      subjects.map((subject) => tickets.create(actor, input(subject), 'api')),
    );
    expect(answers.map((a) => a.ticket.subject)).toEqual(subjects);
    expect(answers.every((a) => !a.replayed)).toBe(true);
    const rows = await rowsOf(answers.map((a) => a.ticket.id));
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.number)).size).toBe(10);
    expect(new Set(rows.map((r) => r.txid)).size).toBe(1);
    for (const row of rows) {
      expect(row.body).toBe(`Body of ${row.subject}`);
      expect(row.events).toEqual(['created', 'message']);
      expect(row.in_recent_tier).toBe(true);
    }
    // A batch numbers its tickets in the order they arrived.
    const batched = answers.map((a) => a.ticket.number);
    expect(batched).toEqual([...batched].sort((a, b) => a - b));
  });

  it('fails a request alone, whether it is refused before or inside the transaction', async () => {
    const requests = [
      input('Fine 1'),
      input('Fine 2'),
      input('Closed queue', { queueId: closedQueueId }),
      input('Bad address', { requester: { email: 'not an address', name: 'Nobody' } }),
      input('Fine 3'),
      input('Fine 4'),
    ];
    const settled = await Promise.allSettled(
      requests.map((dto) => tickets.create(actor, dto, 'api')),
    );
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({
      fieldErrors: [{ field: 'queueId', message: 'is not an active queue' }],
    });
    expect(String((settled[3] as PromiseRejectedResult).reason)).toMatch(/email/i);
    const [{ subjects }] = await server.dataSource.query<{ subjects: string[] }[]>(
      `SELECT array_agg(subject ORDER BY subject) AS subjects FROM tickets
        WHERE subject IN ('Fine 1', 'Fine 2', 'Fine 3', 'Fine 4', 'Closed queue', 'Bad address')`,
    );
    expect(subjects).toEqual(['Fine 1', 'Fine 2', 'Fine 3', 'Fine 4']);
  });

  it('opens one ticket for retries of one Idempotency-Key written in the same batch', async () => {
    const idempotency = server.server.app.get(IdempotencyService);
    const body = input('Retried together');
    const key = () =>
      idempotency.requestOf('batch-key-1', `user:${agent.id}`, {
        method: 'POST',
        path: '/api/v1/tickets',
        body,
      });
    // Submitted in one turn with two others: the four retries land in one batch.
    const answers = await Promise.all([
      tickets.create(actor, input('Ahead 1'), 'api'),
      tickets.create(actor, input('Ahead 2'), 'api'),
      ...[1, 2, 3, 4].map(() => tickets.create(actor, body, 'api', key())),
    ]);
    const retries = answers.slice(2);
    expect(new Set(retries.map((a) => a.ticket.id)).size).toBe(1);
    expect(retries.map((a) => a.replayed)).toEqual([false, true, true, true]);
    const [{ count }] = await server.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM tickets WHERE subject = 'Retried together'`,
    );
    expect(count).toBe(1);
  });

  it('answers each of many simultaneous API requests with its own ticket and identity', async () => {
    const customer = await aSignedInUser(server.url, server.dataSource, { role: 'customer' });
    const signedOut = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
    // Its token is known to be well signed (checked once); its session then ends.
    await request(server.url).get('/api/v1/me').set('Authorization', signedOut.auth).expect(200);
    await server.dataSource.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [signedOut.id],
    );
    const calls = Array.from({ length: 24 }, (_, i) => {
      if (i % 3 === 0) {
        return request(server.url)
          .post('/api/v1/tickets')
          .set('Authorization', agent.auth)
          .send(input(`Over the API ${i}`));
      }
      if (i % 3 === 1)
        return request(server.url).get('/api/v1/me').set('Authorization', customer.auth);
      return request(server.url).get('/api/v1/me').set('Authorization', signedOut.auth);
    });
    const responses = await Promise.all(calls);
    // Checked together by the authenticator, each request gets its own caller.
    const authenticator = server.server.app.get(Authenticator);
    const headers = Array.from(
      { length: 12 },
      (_, i) => [agent.auth, customer.auth, signedOut.auth][i % 3] ?? '',
    );
    const actors = await Promise.allSettled(headers.map((h) => authenticator.authenticate(h)));
    expect(
      actors.map((settled) => (settled.status === 'fulfilled' ? settled.value.userId : 'refused')),
    ).toEqual(headers.map((_, i) => [agent.id, customer.id, 'refused'][i % 3]));
    responses.forEach((response, i) => {
      if (i % 3 === 0) {
        expect(response.status).toBe(201);
        expect(response.body.subject).toBe(`Over the API ${i}`);
      } else if (i % 3 === 1) {
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(customer.id);
      } else {
        expect(response.status).toBe(401);
      }
    });
  });
});
