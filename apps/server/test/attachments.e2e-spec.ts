// Attachments end to end: raw uploads, content-addressed storage, safe downloads, who may read
// what, claiming uploads for a message, and the purge of what nobody claimed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import request from 'supertest';
import { ValidationFailedError } from '../src/common/errors/app-error.js';
import {
  AttachmentService,
  PURGE_UNATTACHED_JOB,
} from '../src/modules/attachment/attachment.service.js';
import { JobService } from '../src/modules/job/job.service.js';
import { FixedClock } from './harness/fixed-clock.js';
import {
  aQueue,
  aSignedInUser,
  aTicket,
  grant,
  signIn,
  type TestUser,
} from './harness/identity.js';
import { expectStatus, problemFieldsOf } from './harness/problem.js';
import { startTestServer, type TestServer } from './harness/test-server.js';
import { waitForJob } from './harness/wait-for-job.js';

type SignedIn = TestUser & { auth: string };

interface Uploaded {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

const START = new Date('2026-05-04T09:00:00Z');
const MAX_BYTES = 64 * 1024;
const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const HOUR = 60 * 60 * 1000;

const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Content no other test uploads, so blob counts are this test's own. */
const uniqueContent = (label: string) => Buffer.from(`${label} ${randomBytes(16).toString('hex')}`);

/** Collects a response body as raw bytes, whatever its Content-Type (a superagent parser). */
function bytes(response: request.Response, done: (error: Error | null, body: Buffer) => void) {
  // At this point superagent hands over the response stream itself.
  const stream = response as unknown as http.IncomingMessage;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
  stream.on('error', (error) => done(error, Buffer.alloc(0)));
}

describe('attachments API', () => {
  let server: TestServer;
  const clock = new FixedClock(START);
  const api = () => request(server.url);
  const db = () => server.dataSource;
  const service = () => server.server.app.get(AttachmentService);

  let queueId: string;
  let agent: SignedIn;
  let outsider: SignedIn;
  let customer: SignedIn;
  let otherCustomer: SignedIn;

  beforeAll(async () => {
    server = await startTestServer({
      database: 'postgres',
      clock,
      env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
    });
    queueId = (await aQueue(db(), { name: 'Support' })).id;
    agent = await aSignedInUser(server.url, db(), { role: 'agent' });
    outsider = await aSignedInUser(server.url, db(), { role: 'agent' });
    customer = await aSignedInUser(server.url, db(), { role: 'customer' });
    otherCustomer = await aSignedInUser(server.url, db(), { role: 'customer' });
    await grant(db(), queueId, { userId: agent.id }, 'view');
  });
  afterAll(async () => {
    await server?.close();
  });

  const upload = (
    caller: { auth: string },
    data: Buffer | string,
    filename: string | undefined,
    contentType = 'application/octet-stream',
  ) => {
    const call = api()
      .post('/api/v1/attachments')
      .set('Authorization', caller.auth)
      .set('Content-Type', contentType);
    if (filename !== undefined) call.query({ filename });
    return call.send(data);
  };

  async function uploaded(
    caller: { auth: string },
    data: Buffer | string,
    filename = 'file.bin',
    contentType?: string,
  ): Promise<Uploaded> {
    const response = await upload(caller, data, filename, contentType);
    expectStatus(response, 201);
    return response.body as Uploaded;
  }

  const download = (caller: { auth: string }, id: string) =>
    api()
      .get(`/api/v1/attachments/${id}`)
      .set('Authorization', caller.auth)
      .buffer(true)
      .parse(bytes);

  const count = async (sql: string, params: unknown[] = []) =>
    (await db().query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]?.n;

  /** A ticket of `customer` in the queue, with one message (internal or not). */
  async function aMessage(internal: boolean): Promise<{ ticketId: string; messageId: string }> {
    const ticket = await aTicket(db(), { queueId, requesterId: customer.id });
    const [row] = await db().query<{ id: string }[]>(
      `INSERT INTO ticket_messages (ticket_id, author_id, internal, body_text)
       VALUES ($1, $2, $3, 'See attached') RETURNING id`,
      [ticket.id, internal ? agent.id : customer.id, internal],
    );
    return { ticketId: ticket.id, messageId: row?.id ?? '' };
  }

  /** Claims the uploader's uploads for a message through the service, in its own transaction. */
  const attach = (uploaderId: string, ids: string[], messageId: string) =>
    db().transaction((manager) => service().attachUploads(manager, uploaderId, ids, messageId));

  describe('upload and download', () => {
    it('gives back every byte value exactly, with the headers of a safe download', async () => {
      const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const created = await uploaded(customer, data, 'all-bytes.bin');
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        filename: 'all-bytes.bin',
        contentType: 'application/octet-stream',
        size: 256,
        sha256: sha256Of(data),
      });

      const response = await download(customer, created.id);
      expectStatus(response, 200);
      expect(Buffer.compare(response.body as Buffer, data)).toBe(0);
      expect(response.headers).toMatchObject({
        'content-type': 'application/octet-stream',
        'content-length': '256',
        'content-disposition': `attachment; filename="all-bytes.bin"; filename*=UTF-8''all-bytes.bin`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': 'sandbox',
        'cache-control': 'private, max-age=86400',
        etag: `"${sha256Of(data)}"`,
      });
    });

    it('keeps the declared type of passive content and serves it as such', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1000)]);
      const created = await uploaded(agent, pdf, 'report.pdf', 'Application/PDF');
      expect(created.contentType).toBe('application/pdf');
      const response = await download(agent, created.id);
      expectStatus(response, 200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(response.body as Buffer, pdf)).toBe(0);

      const text = await uploaded(
        agent,
        'ligne 1\r\nligne 2\n',
        'notes.txt',
        'text/plain; charset=UTF-8',
      );
      expect(text.contentType).toBe('text/plain; charset=utf-8');
      const served = await download(agent, text.id);
      expect(served.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect((served.body as Buffer).toString('utf8')).toBe('ligne 1\r\nligne 2\n');
    });

    it('stores a JSON or form file as bytes, not as a parsed body', async () => {
      const json = '{ "b": 2,\n  "a": [1, 2] }';
      const created = await uploaded(agent, json, 'data.json', 'application/json');
      expect(created.contentType).toBe('application/json');
      const response = await download(agent, created.id);
      expect((response.body as Buffer).toString('utf8')).toBe(json);

      const form = await uploaded(
        agent,
        'a=1&b=2',
        'form.txt',
        'application/x-www-form-urlencoded',
      );
      expect(form.size).toBe(7);
    });

    it('refuses a multipart form, pointing at the raw body instead (415)', async () => {
      const response = await api()
        .post('/api/v1/attachments')
        .query({ filename: 'a.txt' })
        .set('Authorization', agent.auth)
        .attach('file', Buffer.from('x'), 'a.txt');
      expectStatus(response, 415);
      expect(response.body.detail).toMatch(/multipart/);
    });

    it('stores an upload without Content-Type as application/octet-stream', async () => {
      const response = await api()
        .post('/api/v1/attachments')
        .query({ filename: 'untyped' })
        .set('Authorization', agent.auth)
        .send(Buffer.from([0, 1, 2]));
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ contentType: 'application/octet-stream', size: 3 });
    });

    it('serves HTML, SVG and scripts as application/octet-stream in a sandbox', async () => {
      const cases = [
        ['page.html', 'text/html; charset=utf-8', '<script>alert(document.cookie)</script>'],
        [
          'logo.svg',
          'image/svg+xml',
          '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        ],
        ['app.js', 'text/javascript', 'alert(1)'],
        ['feed.xml', 'application/xml', '<?xml version="1.0"?><a/>'],
      ];
      for (const [filename, type, content] of cases) {
        const created = await uploaded(agent, content ?? '', filename, type);
        expect(created.contentType).toBe(type);
        const response = await download(agent, created.id);
        expectStatus(response, 200);
        expect(response.headers['content-type']).toBe('application/octet-stream');
        expect(response.headers['content-security-policy']).toBe('sandbox');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-disposition']).toMatch(/^attachment;/);
        expect((response.body as Buffer).toString('utf8')).toBe(content);
      }
    });

    it('names a non-ASCII file exactly in filename* and with an ASCII fallback', async () => {
      const created = await uploaded(agent, 'x', 'Übersicht März "Q1" 😀.pdf', 'application/pdf');
      expect(created.filename).toBe('Übersicht März "Q1" 😀.pdf');
      const response = await download(agent, created.id);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="_bersicht M_rz _Q1_ _.pdf"; ` +
          `filename*=UTF-8''%C3%9Cbersicht%20M%C3%A4rz%20%22Q1%22%20%F0%9F%98%80.pdf`,
      );
    });

    it('keeps only the name of a path and drops control characters', async () => {
      const created = await uploaded(agent, 'x', '..\\..\\secrets/../evil\u202Etxt.exe\u0007');
      expect(created.filename).toBe('eviltxt.exe');
    });

    it('answers 304 to a client that holds the current ETag', async () => {
      const data = uniqueContent('cached');
      const created = await uploaded(agent, data);
      const response = await api()
        .get(`/api/v1/attachments/${created.id}`)
        .set('Authorization', agent.auth)
        .set('If-None-Match', `W/"nope", "${created.sha256}"`);
      expectStatus(response, 304);
      expect(response.headers.etag).toBe(`"${created.sha256}"`);
    });

    it('describes an upload without its content', async () => {
      const created = await uploaded(customer, 'x', 'a.txt', 'text/plain');
      const response = await api()
        .get(`/api/v1/attachments/${created.id}/meta`)
        .set('Authorization', customer.auth);
      expectStatus(response, 200);
      expect(response.body).toEqual({
        ...created,
        messageId: null,
        createdAt: START.toISOString(),
      });
    });
  });

  describe('storage', () => {
    it('stores identical content once, as one blob with two attachments', async () => {
      const data = uniqueContent('twice');
      const first = await uploaded(agent, data, 'one.txt');
      const second = await uploaded(customer, data, 'two.txt', 'text/plain');
      expect(second.id).not.toBe(first.id);
      expect(second.sha256).toBe(first.sha256);
      expect(await count('attachment_blobs WHERE sha256 = $1', [first.sha256])).toBe(1);
      expect(await count('attachments WHERE sha256 = $1', [first.sha256])).toBe(2);
      const bytesOf = async (caller: SignedIn, id: string) =>
        (await download(caller, id)).body as Buffer;
      expect(await bytesOf(agent, first.id)).toEqual(data);
      expect(await bytesOf(customer, second.id)).toEqual(data);
    });

    it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and stores nothing', async () => {
      const [attachments, blobs] = [await count('attachments'), await count('attachment_blobs')];
      const response = await upload(agent, randomBytes(MAX_BYTES + 1), 'big.bin');
      expectStatus(response, 413);
      expect(problemFieldsOf(response)).toEqual(['body']);
      expect(response.body).toMatchObject({ code: 'payload_too_large', maxBytes: MAX_BYTES });
      expect(await count('attachments')).toBe(attachments);
      expect(await count('attachment_blobs')).toBe(blobs);

      await uploaded(agent, randomBytes(MAX_BYTES), 'exactly-the-limit.bin');
    });

    it('refuses a streamed body once it passes the limit, without Content-Length', async () => {
      const [attachments, blobs] = [await count('attachments'), await count('attachment_blobs')];
      const url = new URL('/api/v1/attachments?filename=stream.bin', server.url);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const call = http.request(url, {
          method: 'POST',
          headers: { Authorization: agent.auth, 'Content-Type': 'application/octet-stream' },
        });
        call.on('response', (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        call.on('error', reject);
        // No Content-Length: chunked, so only counting the bytes can tell.
        call.write(randomBytes(MAX_BYTES / 2));
        call.write(randomBytes(MAX_BYTES / 2));
        call.end(randomBytes(16));
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
      expect(await count('attachments')).toBe(attachments);
      expect(await count('attachment_blobs')).toBe(blobs);
    });

    it('allows an empty file', async () => {
      const created = await uploaded(agent, Buffer.alloc(0), 'empty.txt');
      expect(created).toMatchObject({ size: 0, sha256: sha256Of(Buffer.alloc(0)) });
    });
  });

  describe('filename', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['blank', '   '],
      ['a directory', 'reports/'],
      ['only dots', '..'],
      ['over 255 characters', `${'a'.repeat(252)}.pdf`],
    ])('is refused when %s (400 naming filename)', async (_case, filename) => {
      const response = await upload(agent, 'x', filename);
      expectStatus(response, 400);
      expect(problemFieldsOf(response)).toEqual(['filename']);
    });

    it('may have 255 characters', async () => {
      const filename = `${'ä'.repeat(251)}.pdf`;
      expect((await uploaded(agent, 'x', filename)).filename).toBe(filename);
    });
  });

  describe('access', () => {
    it('needs a signed-in caller (401)', async () => {
      const created = await uploaded(agent, 'x');
      const anonymous = await api()
        .post('/api/v1/attachments')
        .query({ filename: 'a.txt' })
        .set('Content-Type', 'text/plain')
        .send('x');
      expectStatus(anonymous, 401);
      expectStatus(await api().get(`/api/v1/attachments/${created.id}`), 401);
      expectStatus(await api().get(`/api/v1/attachments/${created.id}/meta`), 401);
    });

    it('refuses uploads with a read-only API token (403), which may still download', async () => {
      const created = await uploaded(agent, 'mine');
      const token = await api()
        .post('/api/v1/me/tokens')
        .set('Authorization', agent.auth)
        .send({ name: 'reporting', readOnly: true });
      expectStatus(token, 201);
      const readOnly = { auth: `Bearer ${token.body.token as string}` };
      const refused = await upload(readOnly, 'x', 'a.txt');
      expectStatus(refused, 403);
      expect(refused.body.detail).toMatch(/read-only/);
      expectStatus(await download(readOnly, created.id), 200);
    });

    it("hides another user's unattached upload from everyone else, admins included (404)", async () => {
      const created = await uploaded(customer, uniqueContent('private'));
      const admin = await aSignedInUser(server.url, db(), { role: 'admin' });
      for (const caller of [otherCustomer, agent, admin]) {
        expectStatus(await download(caller, created.id), 404);
        const meta = await api()
          .get(`/api/v1/attachments/${created.id}/meta`)
          .set('Authorization', caller.auth);
        expectStatus(meta, 404);
      }
      expectStatus(await download(customer, created.id), 200);
    });

    it('answers 404 for unknown and malformed ids', async () => {
      expectStatus(await download(agent, UNKNOWN_ID), 404);
      const malformed = await download(agent, 'not-a-uuid');
      expectStatus(malformed, 404);
      expect(JSON.parse((malformed.body as Buffer).toString('utf8'))).toMatchObject({
        code: 'not_found',
      });
    });

    it('follows the ticket once attached: readers of the ticket only', async () => {
      const { messageId } = await aMessage(false);
      const created = await uploaded(
        customer,
        uniqueContent('on a ticket'),
        'photo.jpg',
        'image/jpeg',
      );
      await attach(customer.id, [created.id], messageId);

      expectStatus(await download(customer, created.id), 200);
      expectStatus(await download(agent, created.id), 200);
      expectStatus(await download(otherCustomer, created.id), 404);
      expectStatus(await download(outsider, created.id), 404);
      const meta = await api()
        .get(`/api/v1/attachments/${created.id}/meta`)
        .set('Authorization', agent.auth);
      expect(meta.body).toMatchObject({ id: created.id, messageId });
    });

    it('hides files on internal notes from customers, even on their own ticket', async () => {
      const { messageId } = await aMessage(true);
      const agentUpload = await uploaded(agent, uniqueContent('internal'), 'notes.txt');
      await attach(agent.id, [agentUpload.id], messageId);
      expectStatus(await download(agent, agentUpload.id), 200);
      expectStatus(await download(customer, agentUpload.id), 404);
    });
  });

  describe('the service the ticket module uses', () => {
    it('claims uploads all together, or none with a 400 naming attachments', async () => {
      const { messageId } = await aMessage(false);
      const own = await uploaded(customer, uniqueContent('own'));
      const foreign = await uploaded(otherCustomer, uniqueContent('foreign'));
      const refusals = [
        [own.id, foreign.id],
        [own.id, UNKNOWN_ID],
        [own.id, 'not-a-uuid'],
      ];
      for (const ids of refusals) {
        const error = await attach(customer.id, ids, messageId).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationFailedError);
        expect((error as ValidationFailedError).fieldErrors).toEqual([
          { field: 'attachments', message: expect.any(String) },
        ]);
      }
      expect(await count('attachments WHERE message_id = $1', [messageId])).toBe(0);

      // The same id twice counts once; upper case is the same id.
      await attach(customer.id, [own.id, own.id.toUpperCase()], messageId);
      expect(await count('attachments WHERE message_id = $1', [messageId])).toBe(1);
      const again = await attach(customer.id, [own.id], messageId).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ValidationFailedError);
      await attach(customer.id, [], messageId);
    });

    it('lists the attachments of several messages in one call', async () => {
      const first = await aMessage(false);
      const second = await aMessage(false);
      const empty = await aMessage(false);
      const a = await uploaded(customer, uniqueContent('a'), 'a.txt', 'text/plain');
      const b = await uploaded(customer, uniqueContent('b'), 'b.png', 'image/png');
      const c = await uploaded(customer, uniqueContent('c'), 'c.pdf', 'application/pdf');
      await attach(customer.id, [a.id, b.id], first.messageId);
      await attach(customer.id, [c.id], second.messageId);

      const byMessage = await service().forMessages([
        first.messageId,
        second.messageId,
        empty.messageId,
      ]);
      const summary = (u: Uploaded) => ({
        id: u.id,
        filename: u.filename,
        contentType: u.contentType,
        size: u.size,
        contentId: null, // uploads have none; files of a mail keep theirs
      });
      expect(byMessage.get(first.messageId)).toEqual(
        expect.arrayContaining([summary(a), summary(b)]),
      );
      expect(byMessage.get(first.messageId)).toHaveLength(2);
      expect(byMessage.get(second.messageId)).toEqual([summary(c)]);
      expect(byMessage.get(empty.messageId)).toEqual([]);
      expect(await service().forMessages([])).toEqual(new Map());
    });

    it('stores a file straight onto a message in the caller transaction (mail intake)', async () => {
      const { messageId } = await aMessage(false);
      const data = uniqueContent('from mail');
      const stored = await db().transaction((manager) =>
        service().store(
          manager,
          { filename: 'scan.PDF', contentType: 'application/pdf', data },
          null,
          messageId,
        ),
      );
      expect(stored).toMatchObject({
        filename: 'scan.PDF',
        contentType: 'application/pdf',
        size: data.length,
        sha256: sha256Of(data),
        messageId,
        uploadedBy: null,
      });
      expectStatus(await download(customer, stored.id), 200);

      // Nothing stays behind when the caller's transaction fails.
      const lost = uniqueContent('rolled back');
      await expect(
        db().transaction(async (manager) => {
          await service().store(
            manager,
            { filename: 'x', contentType: undefined, data: lost },
            null,
          );
          throw new Error('intake failed');
        }),
      ).rejects.toThrow('intake failed');
      expect(await count('attachment_blobs WHERE sha256 = $1', [sha256Of(lost)])).toBe(0);
    });
  });

  describe('other routes', () => {
    it('keep refusing bodies that are not JSON (415)', async () => {
      for (const type of ['application/octet-stream', 'application/x-tessera-upload']) {
        const response = await api()
          .post('/api/v1/me/tokens')
          .set('Authorization', agent.auth)
          .set('Content-Type', type)
          .send(Buffer.from('{"name":"x"}'));
        expectStatus(response, 415);
      }
      const json = await api()
        .post('/api/v1/me/tokens')
        .set('Authorization', agent.auth)
        .send({ name: 'still json' });
      expectStatus(json, 201);
    });
  });

  // Last: it moves the clock and deletes every old unattached upload, the other tests' included.
  describe('purge', () => {
    it('deletes uploads unattached for 24 hours and the blobs nobody refers to', async () => {
      clock.set(START);
      const { messageId } = await aMessage(false);
      const old = await uploaded(customer, uniqueContent('old'));
      const shared = uniqueContent('shared');
      const attached = await uploaded(customer, shared);
      // The same content as an attached file: the upload goes, the blob stays.
      const oldShared = await uploaded(customer, shared);
      await attach(customer.id, [attached.id], messageId);

      clock.set(new Date(START.getTime() + 25 * HOUR));
      // Access tokens last 15 minutes: a day later, the customer signs in again.
      const later = { auth: `Bearer ${await signIn(server.url, customer.email)}` };
      const recent = await uploaded(later, uniqueContent('recent'));

      const purged = await service().purgeUnattached();
      expect(purged.uploads).toBeGreaterThanOrEqual(2);
      expect(purged.blobs).toBeGreaterThanOrEqual(1);

      const remaining = async (id: string) => count('attachments WHERE id = $1', [id]);
      const blobs = async (sha256: string) => count('attachment_blobs WHERE sha256 = $1', [sha256]);
      expect(await remaining(old.id)).toBe(0);
      expect(await blobs(old.sha256)).toBe(0);
      expect(await remaining(oldShared.id)).toBe(0);
      expect(await remaining(attached.id)).toBe(1);
      expect(await blobs(attached.sha256)).toBe(1);
      expect(await remaining(recent.id)).toBe(1);
      expect(await blobs(recent.sha256)).toBe(1);
      expectStatus(await download(later, attached.id), 200);

      // Deleting a message (or its ticket) takes its attachments; the next purge their blobs.
      await db().query('DELETE FROM ticket_messages WHERE id = $1', [messageId]);
      expect(await remaining(attached.id)).toBe(0);
      await service().purgeUnattached();
      expect(await blobs(attached.sha256)).toBe(0);
    });

    it('runs as a background job', async () => {
      const jobs = server.server.app.get(JobService);
      expect(await jobs.schedules()).toContainEqual({
        name: PURGE_UNATTACHED_JOB,
        cron: expect.any(String),
      });
      const id = await jobs.trigger(PURGE_UNATTACHED_JOB);
      expect(await waitForJob(jobs, PURGE_UNATTACHED_JOB, id)).toBe('completed');
    });
  });

  describe('through the ticket API', () => {
    let replier: SignedIn;
    beforeAll(async () => {
      // Earlier tests move the clock on; the callers' access tokens are from the start.
      clock.set(START);
      replier = await aSignedInUser(server.url, db(), { role: 'agent' });
      await grant(db(), queueId, { userId: replier.id }, 'reply');
    });

    interface TimelineMessage {
      kind: string;
      internal?: boolean;
      attachments?: { id: string; filename: string; size: number }[];
    }
    const messagesOf = async (caller: { auth: string }, ticketId: string) =>
      (
        (await api().get(`/api/v1/tickets/${ticketId}/timeline`).set('Authorization', caller.auth))
          .body as { items: TimelineMessage[] }
      ).items.filter((item) => item.kind === 'message');

    it('attaches uploads to the first message, a reply and a note, as the timeline shows', async () => {
      const first = await uploaded(
        customer,
        uniqueContent('screenshot'),
        'screen.png',
        'image/png',
      );
      const opened = await api()
        .post('/api/v1/tickets')
        .set('Authorization', customer.auth)
        .send({ subject: 'Broken', text: 'See the screenshot', queueId, attachments: [first.id] });
      expectStatus(opened, 201);
      const ticketId = (opened.body as { id: string }).id;

      const log = await uploaded(replier, uniqueContent('log'), 'server.log', 'text/plain');
      const secret = await uploaded(replier, uniqueContent('internal'), 'notes.txt', 'text/plain');
      // A second apart each, so the timeline's order is the order they were written in.
      clock.set(new Date(clock.now().getTime() + 1000));
      await api()
        .post(`/api/v1/tickets/${ticketId}/messages`)
        .set('Authorization', replier.auth)
        .send({ text: 'Here is the log', attachments: [log.id.toUpperCase()] })
        .expect(201);
      clock.set(new Date(clock.now().getTime() + 1000));
      await api()
        .post(`/api/v1/tickets/${ticketId}/messages`)
        .set('Authorization', replier.auth)
        .send({ text: 'For us only', internal: true, attachments: [secret.id] })
        .expect(201);

      const asAgent = await messagesOf(replier, ticketId);
      expect(asAgent.map((m) => m.attachments?.map((a) => a.filename))).toEqual([
        ['screen.png'],
        ['server.log'],
        ['notes.txt'],
      ]);
      const asCustomer = await messagesOf(customer, ticketId);
      expect(asCustomer.map((m) => m.attachments?.map((a) => a.id))).toEqual([
        [first.id],
        [log.id],
      ]);

      // The requester downloads the files of the conversation, not those of internal notes.
      expectStatus(await download(customer, log.id), 200);
      expectStatus(await download(customer, secret.id), 404);
      expectStatus(await download(otherCustomer, first.id), 404);
    });

    it('refuses uploads someone else made or a message already has, and writes nothing', async () => {
      const theirs = await uploaded(customer, uniqueContent('theirs'), 'theirs.txt', 'text/plain');
      const tickets = await count('tickets');
      const refused = await api()
        .post('/api/v1/tickets')
        .set('Authorization', replier.auth)
        .send({
          subject: 'Borrowed file',
          text: 'x',
          queueId,
          requester: { email: `r-${randomBytes(4).toString('hex')}@example.com` },
          attachments: [theirs.id],
        });
      expectStatus(refused, 400);
      expect(problemFieldsOf(refused)).toEqual(['attachments']);
      expect(await count('tickets')).toBe(tickets);
      expect(await count('attachments WHERE id = $1 AND message_id IS NULL', [theirs.id])).toBe(1);

      const mine = await uploaded(replier, uniqueContent('mine'), 'mine.txt', 'text/plain');
      const ticket = await aTicket(db(), { queueId, requesterId: customer.id });
      await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set('Authorization', replier.auth)
        .send({ text: 'one', attachments: [mine.id] })
        .expect(201);
      const again = await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set('Authorization', replier.auth)
        .send({ text: 'two', attachments: [mine.id] });
      expectStatus(again, 400);
      expect(problemFieldsOf(again)).toEqual(['attachments']);
      expect(await messagesOf(replier, ticket.id)).toHaveLength(1);

      const malformed = await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set('Authorization', replier.auth)
        .send({ text: 'three', attachments: ['not-an-id'] });
      expectStatus(malformed, 400);
      expect(problemFieldsOf(malformed)).toEqual(['attachments']);
    });
  });
});
