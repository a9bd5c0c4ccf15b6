import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

describe('Idempotency-Key', () => {
  let server: TestServer;
  let queueId: string;
  let agent: TestUser & { auth: string };

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
    queueId = (await aQueue(server.dataSource)).id;
    agent = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
    await grant(server.dataSource, queueId, { userId: agent.id }, 'reply');
  });
  afterAll(async () => {
    await server?.close();
  });

  const newTicket = (key: string, subject = 'Printer on fire', auth = agent.auth) =>
    request(server.url)
      .post('/api/v1/tickets')
      .set({ Authorization: auth, 'Idempotency-Key': key })
      .send({
        subject,
        text: 'Smoke everywhere',
        queueId,
        requester: { email: 'ann@example.com' },
      });

  const ticketsWithSubject = async (subject: string) =>
    (
      await server.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tickets WHERE subject = $1',
        [subject],
      )
    )[0]?.count;

  it('returns the first ticket on a retry and opens nothing twice', async () => {
    const first = await newTicket('key-1', 'Retry me').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await newTicket('key-1', 'Retry me').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await ticketsWithSubject('Retry me')).toBe(1);
  });

  it('lets only one of several simultaneous requests with one key do the work', async () => {
    const responses = await Promise.all([1, 2, 3, 4].map(() => newTicket('key-race', 'Raced')));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id as string)).size).toBe(1);
    expect(await ticketsWithSubject('Raced')).toBe(1);
  });

  it('refuses the same key for a different request', async () => {
    await newTicket('key-2', 'One thing').expect(201);
    const reused = await newTicket('key-2', 'Another thing').expect(409);
    expect(reused.body.code).toBe('conflict');
    expect(reused.body.detail).toMatch(/different request/);
    expect(await ticketsWithSubject('Another thing')).toBe(0);
  });

  it('keeps keys apart per user', async () => {
    const colleague = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
    await grant(server.dataSource, queueId, { userId: colleague.id }, 'reply');
    const mine = await newTicket('shared-key', 'Per user').expect(201);
    const theirs = await newTicket('shared-key', 'Per user', colleague.auth).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('names a malformed key', async () => {
    const response = await newTicket('has spaces in it').expect(400);
    expect(response.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  });

  it('adds a message once however often it is retried', async () => {
    const ticket = await newTicket('key-3', 'Messages').expect(201);
    const reply = () =>
      request(server.url)
        .post(`/api/v1/tickets/${ticket.body.id}/messages`)
        .set({ Authorization: agent.auth, 'Idempotency-Key': 'reply-1' })
        .send({ text: 'On our way' });
    const first = await reply().expect(201);
    const again = await Promise.all([reply(), reply()]);
    expect(again.map((r) => r.body.id)).toEqual([first.body.id, first.body.id]);
    const [row] = await server.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ticket_messages WHERE ticket_id = $1 AND body_text = 'On our way'`,
      [ticket.body.id],
    );
    expect(row?.count).toBe(1);
  });
});
