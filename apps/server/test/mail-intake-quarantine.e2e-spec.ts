// The quarantine end to end: mail that is too large, unreadable or keeps failing is kept with its
// bytes and the reason (and still marked on the IMAP server, so it blocks nothing), listed to
// admins only, downloadable, processed again on request, or turned into a ticket by hand.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { MAX_IMPORT_ATTEMPTS } from '../src/modules/mail/intake/mail-intake.service.js';
import { TicketMessageHooks } from '../src/modules/ticket/ticket-message-hooks.js';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import {
  aMail,
  aMailbox,
  bytes,
  expectStatus,
  listFolder,
  runIntake,
  type TestMailbox,
} from './harness/mail-intake.js';
import { fieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface InboundMail {
  id: string;
  mailboxId: string;
  mailboxAddress: string;
  status: string;
  reason: string | null;
  from: string | null;
  subject: string | null;
  messageKey: string;
  size: number;
  automatic: boolean;
  ticketId: string | null;
  ticketNumber: number | null;
  ticketMessageId: string | null;
  receivedAt: string | null;
  createdAt: string;
  processedAt: string;
}

const MAX_BYTES = 100_000;
const unique = () => randomBytes(4).toString('hex');

describe('mail quarantine', () => {
  let dovecot: Dovecot;
  let server: TestServer;
  let queueId: string;
  let admin: SignedIn;
  let agent: SignedIn;
  let mailbox: TestMailbox;
  let failingSubject: string | undefined;

  /** The raw mails delivered, and what quarantine made of them. */
  let oversized: { raw: Buffer; item: InboundMail };
  let unparseable: { raw: Buffer; item: InboundMail };
  let failing: { raw: Buffer; item: InboundMail };

  const api = () => request(server.url);
  const db = () => server.dataSource;
  const run = () => runIntake(server, mailbox.id);

  async function quarantined(messageKey: string): Promise<InboundMail> {
    const [row] = await db().query<{ id: string }[]>(
      'SELECT id FROM inbound_mails WHERE mailbox_id = $1 AND message_key = $2',
      [mailbox.id, messageKey],
    );
    const response = await api()
      .get(`/api/v1/mail/quarantine/${row?.id}`)
      .set('Authorization', admin.auth);
    expectStatus(response, 200);
    return response.body as InboundMail;
  }

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    server = await startTestServer({
      database: 'postgres',
      env: { MAIL_INTAKE: 'off', MAIL_MAX_BYTES: String(MAX_BYTES) },
    });
    // Imports of the mail with this subject fail, as a bug would, until it is fixed.
    server.server.app.get(TicketMessageHooks).register(async (manager, [message]) => {
      if (!failingSubject) return;
      const [row] = await manager.query<{ subject: string }[]>(
        'SELECT subject FROM tickets WHERE id = $1',
        [message.ticketId],
      );
      if (row?.subject === failingSubject) throw new Error('a bug in a hook');
    });
    admin = await aSignedInUser(server.url, db(), { role: 'admin' });
    agent = await aSignedInUser(server.url, db(), { role: 'agent' });
    queueId = (await aQueue(db())).id;
    await grant(db(), queueId, { userId: agent.id }, 'manage');
    mailbox = await aMailbox(db(), dovecot, { queueId });

    // Too large: an attachment pushes it past MAIL_MAX_BYTES.
    const bigId = `<big-${unique()}@customer.example>`;
    const big = await aMail({
      from: 'Ann <ann@customer.example>',
      to: mailbox.address,
      subject: 'Huge scan',
      text: 'See the scan.',
      messageId: bigId,
      attachments: [{ filename: 'scan.tiff', content: randomBytes(MAX_BYTES) }],
    });
    // Unreadable: no sender.
    const noFromId = `<nofrom-${unique()}@customer.example>`;
    const noFrom = Buffer.from(
      `To: ${mailbox.address}\r\nSubject: Who am I\r\nMessage-ID: ${noFromId}\r\n\r\n` +
        'The printer on floor 3 jams.\r\n',
    );
    // Failing: a bug makes its import throw every time.
    failingSubject = `Fails ${unique()}`;
    const failId = `<fail-${unique()}@customer.example>`;
    const fail = await aMail({
      from: 'Bob <bob@customer.example>',
      to: mailbox.address,
      subject: failingSubject,
      text: 'This one trips a bug.',
      messageId: failId,
    });
    for (const raw of [big, noFrom, fail]) await dovecot.deliver(mailbox.user, raw);

    // The first passes leave the failing mail for another try; then it is quarantined.
    for (let attempt = 1; attempt < MAX_IMPORT_ATTEMPTS; attempt++) {
      expect(await run()).toMatchObject({ failed: 1 });
      const listing = await listFolder(dovecot, mailbox);
      expect(listing.find((m) => m.subject === failingSubject)?.flags).toEqual([]);
    }
    expect(await run()).toMatchObject({ fetched: 1, quarantined: 1, failed: 0 });

    oversized = { raw: big, item: await quarantined(bigId) };
    unparseable = { raw: noFrom, item: await quarantined(noFromId) };
    failing = { raw: fail, item: await quarantined(failId) };
  });
  afterAll(async () => {
    await server?.close();
    await dovecot?.stop();
  });

  it('keeps each mail with its bytes and the reason, and still marks it on the server', async () => {
    expect(oversized.item).toMatchObject({
      status: 'quarantined',
      mailboxId: mailbox.id,
      mailboxAddress: mailbox.address,
      from: 'ann@customer.example',
      subject: 'Huge scan',
      size: oversized.raw.length,
      ticketId: null,
      reason: `larger than MAIL_MAX_BYTES: ${oversized.raw.length} bytes, the limit is ${MAX_BYTES}`,
    });
    expect(unparseable.item).toMatchObject({
      status: 'quarantined',
      from: null,
      subject: 'Who am I',
      reason: 'unparseable: no sender address (From)',
    });
    expect(failing.item).toMatchObject({
      status: 'quarantined',
      from: 'bob@customer.example',
      reason: `processing failed ${MAX_IMPORT_ATTEMPTS} times: a bug in a hook`,
    });
    expect(
      await db().query('SELECT 1 FROM tickets WHERE subject = ANY($1)', [
        ['Huge scan', 'Who am I', failingSubject],
      ]),
    ).toEqual([]);
    const listing = await listFolder(dovecot, mailbox);
    expect(listing).toHaveLength(3);
    expect(listing.every((m) => m.flags.includes('\\Seen'))).toBe(true);
  });

  it('lists quarantined mail to admins, newest first, page by page', async () => {
    const first = await api()
      .get('/api/v1/mail/quarantine?limit=2')
      .set('Authorization', admin.auth);
    expectStatus(first, 200);
    const page1 = first.body as { items: InboundMail[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const second = await api()
      .get(`/api/v1/mail/quarantine?limit=2&cursor=${page1.nextCursor}`)
      .set('Authorization', admin.auth);
    expectStatus(second, 200);
    const page2 = second.body as { items: InboundMail[]; nextCursor: string | null };
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items];
    expect(all.map((m) => m.id).sort()).toEqual(
      [oversized.item.id, unparseable.item.id, failing.item.id].sort(),
    );
    // Newest first: the failing mail was quarantined last.
    expect(all[0]?.id).toBe(failing.item.id);
    const times = all.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('is for admins only: agents and customers are refused (403)', async () => {
    const customer = await aSignedInUser(server.url, db(), { role: 'customer' });
    for (const caller of [agent, customer]) {
      for (const call of [
        api().get('/api/v1/mail/quarantine'),
        api().get(`/api/v1/mail/quarantine/${unparseable.item.id}`),
        api().get(`/api/v1/mail/quarantine/${unparseable.item.id}/raw`),
        api().post(`/api/v1/mail/quarantine/${unparseable.item.id}/retry`),
        api().post(`/api/v1/mail/quarantine/${unparseable.item.id}/ticket`).send({ queueId }),
      ]) {
        expectStatus(await call.set('Authorization', caller.auth), 403);
      }
    }
  });

  it('answers 404 for an unknown id, or one that is no UUID', async () => {
    for (const id of ['5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b', 'not-an-id']) {
      expectStatus(
        await api().get(`/api/v1/mail/quarantine/${id}`).set('Authorization', admin.auth),
        404,
      );
    }
  });

  it('downloads the mail exactly as fetched, as message/rfc822', async () => {
    const response = await api()
      .get(`/api/v1/mail/quarantine/${oversized.item.id}/raw`)
      .set('Authorization', admin.auth)
      .buffer(true)
      .parse(bytes);
    expectStatus(response, 200);
    expect(response.headers['content-type']).toBe('message/rfc822');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="mail-${oversized.item.id}.eml"`,
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect((response.body as Buffer).equals(oversized.raw)).toBe(true);
  });

  it('processes a mail again on request: still quarantined while it fails, imported once fixed', async () => {
    const again = await api()
      .post(`/api/v1/mail/quarantine/${failing.item.id}/retry`)
      .set('Authorization', admin.auth);
    expectStatus(again, 200);
    expect(again.body).toMatchObject({
      status: 'quarantined',
      reason: 'processing failed: a bug in a hook',
    });

    failingSubject = undefined; // the fix is deployed
    const fixed = await api()
      .post(`/api/v1/mail/quarantine/${failing.item.id}/retry`)
      .set('Authorization', admin.auth);
    expectStatus(fixed, 200);
    const item = fixed.body as InboundMail;
    expect(item).toMatchObject({ status: 'imported', reason: null });
    const ticket = await api()
      .get(`/api/v1/tickets/${item.ticketId}`)
      .set('Authorization', admin.auth);
    expect(ticket.body).toMatchObject({
      number: item.ticketNumber,
      requesterEmail: 'bob@customer.example',
      channel: 'email',
      queueId,
    });

    // Gone from the list, and not to be retried twice.
    const list = await api().get('/api/v1/mail/quarantine').set('Authorization', admin.auth);
    expect((list.body as { items: InboundMail[] }).items.map((m) => m.id)).not.toContain(
      failing.item.id,
    );
    const twice = await api()
      .post(`/api/v1/mail/quarantine/${failing.item.id}/retry`)
      .set('Authorization', admin.auth);
    expectStatus(twice, 409);
  });

  it('leaves a mail that still cannot be read quarantined on retry', async () => {
    const response = await api()
      .post(`/api/v1/mail/quarantine/${unparseable.item.id}/retry`)
      .set('Authorization', admin.auth);
    expectStatus(response, 200);
    expect(response.body).toMatchObject({
      status: 'quarantined',
      reason: 'unparseable: no sender address (From)',
    });
  });

  it('turns a mail into a ticket by hand, with its text and the original attached', async () => {
    const withoutRequester = await api()
      .post(`/api/v1/mail/quarantine/${unparseable.item.id}/ticket`)
      .set('Authorization', admin.auth)
      .send({ queueId });
    expectStatus(withoutRequester, 400);
    expect(fieldsOf(withoutRequester.body)).toEqual(['requester']);
    const badQueue = await api()
      .post(`/api/v1/mail/quarantine/${unparseable.item.id}/ticket`)
      .set('Authorization', admin.auth)
      .send({
        queueId: '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
        requester: { email: 'x@y.example' },
      });
    expectStatus(badQueue, 400);
    expect(fieldsOf(badQueue.body)).toEqual(['queueId']);

    const made = await api()
      .post(`/api/v1/mail/quarantine/${unparseable.item.id}/ticket`)
      .set('Authorization', admin.auth)
      .send({ queueId, requester: { email: 'Carol@Customer.example', name: 'Carol' } });
    expectStatus(made, 201);
    const item = made.body as InboundMail;
    expect(item).toMatchObject({ status: 'imported', ticketId: expect.any(String) });

    const ticket = await api()
      .get(`/api/v1/tickets/${item.ticketId}`)
      .set('Authorization', admin.auth);
    expect(ticket.body).toMatchObject({
      subject: 'Who am I',
      requesterEmail: 'carol@customer.example',
      channel: 'email',
      state: 'new',
    });
    const timeline = await api()
      .get(`/api/v1/tickets/${item.ticketId}/timeline`)
      .set('Authorization', admin.auth);
    const items = (
      timeline.body as {
        items: {
          kind: string;
          internal?: boolean;
          text?: string;
          attachments?: { id: string; filename: string; contentType: string }[];
          type?: string;
          actorId?: string;
          after?: unknown;
        }[];
      }
    ).items;
    const message = items.find((i) => i.kind === 'message' && !i.internal);
    expect(message?.text).toBe('The printer on floor 3 jams.');
    expect(message?.attachments).toEqual([
      expect.objectContaining({ filename: 'original.eml', contentType: 'message/rfc822' }),
    ]);
    const created = items.find((i) => i.type === 'created');
    expect(created).toMatchObject({ actorId: admin.id, after: { fromQuarantine: item.id } });
    const original = await api()
      .get(`/api/v1/attachments/${message?.attachments?.[0]?.id}`)
      .set('Authorization', admin.auth)
      .buffer(true)
      .parse(bytes);
    expect((original.body as Buffer).equals(unparseable.raw)).toBe(true);

    const twice = await api()
      .post(`/api/v1/mail/quarantine/${unparseable.item.id}/ticket`)
      .set('Authorization', admin.auth)
      .send({ queueId, requester: { email: 'carol@customer.example' } });
    expectStatus(twice, 409);
  });

  it("turns an over-size mail into a ticket from its sender, with the mail's text", async () => {
    const made = await api()
      .post(`/api/v1/mail/quarantine/${oversized.item.id}/ticket`)
      .set('Authorization', admin.auth)
      .send({ queueId, subject: 'Scan (too large)' });
    expectStatus(made, 201);
    const ticket = await api()
      .get(`/api/v1/tickets/${(made.body as InboundMail).ticketId}`)
      .set('Authorization', admin.auth);
    expect(ticket.body).toMatchObject({
      subject: 'Scan (too large)',
      requesterEmail: 'ann@customer.example',
    });
  });
});
