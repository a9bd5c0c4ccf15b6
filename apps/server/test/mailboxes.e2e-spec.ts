// The mailbox admin API, and its connection tests against a real Dovecot (plain + STARTTLS and
// implicit TLS, self-signed certificate) and real SMTP servers (smtp-server).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import request from 'supertest';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue, aSignedInUser, type TestUser } from './harness/identity.js';
import { fieldsOf } from './harness/problem.js';
import { startSmtpSink, type SmtpSink } from './harness/smtp-sink.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

const IMAP_USER = 'support';
const IMAP_PASSWORD = 'imap secret 7f3a';
const SMTP_LOGIN = { user: 'relay', password: 'smtp secret 9c1d' };
const UNKNOWN_ID = '5a4f7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('mailboxes API', () => {
  let server: TestServer;
  let dovecot: Dovecot;
  let globalSmtp: SmtpSink;
  let loginSmtp: SmtpSink;
  let silent: Server;
  let silentPort: number;
  let admin: SignedIn;
  let queueId: string;

  const api = () => request(server.url);
  let counter = 0;
  const uniqueAddress = () => `support-${++counter}-${Date.now()}@example.com`;

  /** Settings that work against the Dovecot: STARTTLS on the plain port, the self-signed cert trusted. */
  const workingImap = () => ({
    imapHost: dovecot.host,
    imapPort: dovecot.port,
    imapTls: 'starttls',
    imapVerifyCertificate: false,
    imapUser: IMAP_USER,
    imapPassword: IMAP_PASSWORD,
  });

  const create = (body: Record<string, unknown>) =>
    api().post('/api/v1/mailboxes').set('Authorization', admin.auth).send(body);

  const aMailbox = async (body: Record<string, unknown> = {}) => {
    const response = await create({
      address: uniqueAddress(),
      displayName: 'Acme Support',
      queueId,
      ...workingImap(),
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body as Record<string, unknown> & { id: string; address: string };
  };

  const patch = (id: string, body: Record<string, unknown>) =>
    api().patch(`/api/v1/mailboxes/${id}`).set('Authorization', admin.auth).send(body);

  const testSettings = (body: Record<string, unknown>) =>
    api().post('/api/v1/mailboxes/test').set('Authorization', admin.auth).send(body);

  const testImap = async (overrides: Record<string, unknown>) => {
    const response = await testSettings({ ...workingImap(), ...overrides });
    expect(response.status).toBe(200);
    return response.body.imap as { ok: boolean; error?: { kind: string; message: string } };
  };

  const auditOf = async (id: string) => {
    const response = await api()
      .get('/api/v1/audit-events')
      .query({ entityType: 'mailbox', entityId: id })
      .set('Authorization', admin.auth)
      .expect(200);
    return response.body.items as { action: string; before: unknown; after: unknown }[];
  };

  const storedRow = async (id: string) => {
    const [row] = await server.dataSource.query<
      { imap_password_sealed: string; smtp_password_sealed: string | null }[]
    >('SELECT imap_password_sealed, smtp_password_sealed FROM mailboxes WHERE id = $1', [id]);
    if (!row) throw new Error(`no mailbox ${id}`);
    return row;
  };

  beforeAll(async () => {
    [dovecot, globalSmtp, loginSmtp] = await Promise.all([
      startDovecot([{ user: IMAP_USER, password: IMAP_PASSWORD }]),
      startSmtpSink(),
      startSmtpSink({ login: SMTP_LOGIN }),
    ]);
    // Accepts connections and never says a word: a server that times out.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    silentPort = typeof address === 'object' && address ? address.port : 0;
    server = await startTestServer({
      database: 'postgres',
      env: {
        // Short, yet room for Dovecot's delay after failed logins (it grows with each failure).
        MAIL_TIMEOUT_SECONDS: '3',
        SMTP_HOST: globalSmtp.host,
        SMTP_PORT: String(globalSmtp.port),
        SMTP_TLS: 'none',
      },
    });
    admin = await aSignedInUser(server.url, server.dataSource, { role: 'admin' });
    queueId = (await aQueue(server.dataSource)).id;
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([dovecot?.stop(), globalSmtp?.stop(), loginSmtp?.stop()]);
    await new Promise((resolve) => silent?.close(resolve));
  });

  describe('access', () => {
    it('answers 401 without a token and 403 to agents and customers', async () => {
      await api().get('/api/v1/mailboxes').expect(401);
      for (const role of ['agent', 'customer'] as const) {
        const user = await aSignedInUser(server.url, server.dataSource, { role });
        await api().get('/api/v1/mailboxes').set('Authorization', user.auth).expect(403);
        await api()
          .post('/api/v1/mailboxes/test')
          .set('Authorization', user.auth)
          .send(workingImap())
          .expect(403);
      }
    });
  });

  describe('create, read, update, delete', () => {
    it('creates a mailbox with defaults; the password is sealed and never returned', async () => {
      const response = await create({
        address: '  Help@Example.COM ',
        displayName: ' Acme Help ',
        queueId,
        imapHost: 'imap.example.com',
        imapUser: 'help',
        imapPassword: 'hunter2 hunter2',
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        address: 'help@example.com',
        displayName: 'Acme Help',
        queueId,
        enabled: true,
        imapHost: 'imap.example.com',
        imapPort: 993,
        imapTls: 'tls',
        imapVerifyCertificate: true,
        imapUser: 'help',
        imapPasswordSet: true,
        imapFolder: 'INBOX',
        afterImport: 'flag',
        afterImportFolder: null,
        pollIntervalSeconds: 30,
        smtpHost: null,
        smtpPort: null,
        smtpTls: null,
        smtpVerifyCertificate: true,
        smtpUser: null,
        smtpPasswordSet: false,
        senderName: 'agent',
        acknowledgeNewTickets: true,
        lastFetchedAt: null,
        lastError: null,
        lastErrorAt: null,
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      const id = response.body.id as string;
      const fetched = await api()
        .get(`/api/v1/mailboxes/${id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(fetched.body).toEqual(response.body);
      expect(JSON.stringify(fetched.body)).not.toContain('hunter2');

      const stored = await storedRow(id);
      expect(stored.imap_password_sealed).toMatch(/^v1:/);
      expect(stored.imap_password_sealed).not.toContain('hunter2');

      const audit = await auditOf(id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'mailbox.create',
          before: null,
          after: expect.objectContaining({ address: 'help@example.com', imapUser: 'help' }),
        }),
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/hunter2|sealed|v1:/);
    });

    it('takes every setting, SMTP included, with ports that follow the TLS mode', async () => {
      const mailbox = await aMailbox({
        enabled: false,
        imapTls: 'none',
        imapPort: undefined,
        imapFolder: 'Support/Incoming',
        afterImport: 'move',
        afterImportFolder: 'Support/Done',
        pollIntervalSeconds: 10,
        smtpHost: 'smtp.example.com',
        smtpTls: 'tls',
        smtpVerifyCertificate: false,
        smtpUser: 'relay',
        smtpPassword: 'relay secret',
        senderName: 'mailbox',
      });
      expect(mailbox).toMatchObject({
        enabled: false,
        imapPort: 143,
        imapTls: 'none',
        imapFolder: 'Support/Incoming',
        afterImport: 'move',
        afterImportFolder: 'Support/Done',
        pollIntervalSeconds: 10,
        smtpHost: 'smtp.example.com',
        smtpPort: 465,
        smtpTls: 'tls',
        smtpVerifyCertificate: false,
        smtpUser: 'relay',
        smtpPasswordSet: true,
        senderName: 'mailbox',
      });
      expect(JSON.stringify(mailbox)).not.toContain('relay secret');
      expect((await storedRow(mailbox.id)).smtp_password_sealed).toMatch(/^v1:/);
    });

    it('turns acknowledgements of new tickets off and on again, in the audit trail', async () => {
      const mailbox = await aMailbox({ acknowledgeNewTickets: false });
      expect(mailbox.acknowledgeNewTickets).toBe(false);
      const on = await patch(mailbox.id, { acknowledgeNewTickets: true });
      expect(on.status).toBe(200);
      expect(on.body.acknowledgeNewTickets).toBe(true);
      const fetched = await api()
        .get(`/api/v1/mailboxes/${mailbox.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(fetched.body.acknowledgeNewTickets).toBe(true);
      const refused = await patch(mailbox.id, { acknowledgeNewTickets: null });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toEqual(['acknowledgeNewTickets']);
      const [update] = (await auditOf(mailbox.id)).filter((e) => e.action === 'mailbox.update');
      expect(update).toMatchObject({
        before: expect.objectContaining({ acknowledgeNewTickets: false }),
        after: expect.objectContaining({ acknowledgeNewTickets: true }),
      });
    });

    it('refuses an address another mailbox has, in any case, with 409 naming `address`', async () => {
      const first = await aMailbox();
      const duplicate = await create({
        address: first.address.toUpperCase(),
        displayName: 'Again',
        queueId,
        ...workingImap(),
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('conflict');
      expect(fieldsOf(duplicate.body)).toEqual(['address']);

      const second = await aMailbox();
      const renamed = await patch(second.id, { address: first.address });
      expect(renamed.status).toBe(409);
      expect(fieldsOf(renamed.body)).toEqual(['address']);
    });

    it('answers invalid settings with 400 naming every bad field', async () => {
      const response = await create({
        address: 'not an address',
        displayName: ' ',
        queueId: 'nope',
        imapHost: 'imaps://imap.example.com:993',
        imapPort: 70000,
        imapTls: 'ssl',
        imapUser: '',
        imapPassword: '',
        afterImport: 'delete',
        pollIntervalSeconds: 5,
        senderName: 'robot',
        acknowledgeNewTickets: 'yes',
        unknownField: true,
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual([
        'acknowledgeNewTickets',
        'address',
        'afterImport',
        'displayName',
        'imapHost',
        'imapPassword',
        'imapPort',
        'imapTls',
        'imapUser',
        'pollIntervalSeconds',
        'queueId',
        'senderName',
        'unknownField',
      ]);
      const tooSlow = await create({
        address: uniqueAddress(),
        displayName: 'X',
        queueId,
        ...workingImap(),
        pollIntervalSeconds: 3601,
      });
      expect(fieldsOf(tooSlow.body)).toEqual(['pollIntervalSeconds']);
    });

    it('needs a folder to move imported mail to, and a password with an SMTP user', async () => {
      const response = await create({
        address: uniqueAddress(),
        displayName: 'X',
        queueId,
        ...workingImap(),
        afterImport: 'move',
        smtpHost: 'smtp.example.com',
        smtpUser: 'relay',
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['afterImportFolder', 'smtpPassword']);

      const strayPort = await create({
        address: uniqueAddress(),
        displayName: 'X',
        queueId,
        ...workingImap(),
        smtpPort: 25,
      });
      expect(fieldsOf(strayPort.body)).toEqual(['smtpHost']);
    });

    it('needs an existing, active queue (400 naming `queueId`)', async () => {
      const unknown = await create({
        address: uniqueAddress(),
        displayName: 'X',
        queueId: UNKNOWN_ID,
        ...workingImap(),
      });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown.body)).toEqual(['queueId']);

      const inactive = await aQueue(server.dataSource);
      await server.dataSource.query('UPDATE queues SET active = false WHERE id = $1', [
        inactive.id,
      ]);
      const refused = await create({
        address: uniqueAddress(),
        displayName: 'X',
        queueId: inactive.id,
        ...workingImap(),
      });
      expect(fieldsOf(refused.body)).toEqual(['queueId']);
      const mailbox = await aMailbox();
      expect(fieldsOf((await patch(mailbox.id, { queueId: inactive.id })).body)).toEqual([
        'queueId',
      ]);
    });

    it('keeps the password when a change leaves it out, and replaces it when given', async () => {
      const mailbox = await aMailbox();
      const sealed = (await storedRow(mailbox.id)).imap_password_sealed;

      const renamed = await patch(mailbox.id, { displayName: 'Renamed', pollIntervalSeconds: 60 });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        displayName: 'Renamed',
        pollIntervalSeconds: 60,
        imapPasswordSet: true,
      });
      expect((await storedRow(mailbox.id)).imap_password_sealed).toBe(sealed);
      // The kept password still signs in.
      const tested = await api()
        .post(`/api/v1/mailboxes/${mailbox.id}/test`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(tested.body.imap).toEqual({ ok: true });

      const changed = await patch(mailbox.id, { imapPassword: 'a new password' });
      expect(changed.status).toBe(200);
      expect((await storedRow(mailbox.id)).imap_password_sealed).not.toBe(sealed);
      const audit = await auditOf(mailbox.id);
      expect(audit.map((event) => event.action)).toEqual([
        'mailbox.update',
        'mailbox.update',
        'mailbox.create',
      ]);
      expect(audit[0]?.after).toMatchObject({ imapPasswordChanged: true });
      expect(JSON.stringify(audit)).not.toMatch(/a new password|v1:/);

      const refused = await api()
        .post(`/api/v1/mailboxes/${mailbox.id}/test`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(refused.body.imap.error.kind).toBe('auth_failed');
    });

    it('records nothing for a change that changes nothing', async () => {
      const mailbox = await aMailbox();
      const same = await patch(mailbox.id, {
        displayName: mailbox.displayName,
        imapPassword: IMAP_PASSWORD,
      });
      expect(same.status).toBe(200);
      expect((await auditOf(mailbox.id)).map((event) => event.action)).toEqual(['mailbox.create']);
    });

    it('needs the password again before sending it to another host', async () => {
      const mailbox = await aMailbox({
        smtpHost: 'smtp.example.com',
        smtpUser: 'relay',
        smtpPassword: 'relay secret',
      });
      const imapMoved = await patch(mailbox.id, { imapHost: 'imap.elsewhere.example' });
      expect(imapMoved.status).toBe(400);
      expect(fieldsOf(imapMoved.body)).toEqual(['imapPassword']);
      const smtpMoved = await patch(mailbox.id, { smtpHost: 'smtp.elsewhere.example' });
      expect(fieldsOf(smtpMoved.body)).toEqual(['smtpPassword']);

      const both = await patch(mailbox.id, {
        imapHost: 'imap.elsewhere.example',
        imapPassword: 'new imap',
        smtpHost: 'smtp.elsewhere.example',
        smtpPassword: 'new smtp',
      });
      expect(both.status).toBe(200);
      expect(both.body).toMatchObject({
        imapHost: 'imap.elsewhere.example',
        smtpHost: 'smtp.elsewhere.example',
        smtpUser: 'relay',
        smtpPasswordSet: true,
      });
      // Changing the port or TLS mode of the same server keeps the password.
      expect((await patch(mailbox.id, { smtpPort: 2525 })).status).toBe(200);
    });

    it('sends replies through the global server again with `smtpHost: null`', async () => {
      const mailbox = await aMailbox({
        smtpHost: 'smtp.example.com',
        smtpUser: 'relay',
        smtpPassword: 'relay secret',
      });
      const cleared = await patch(mailbox.id, { smtpHost: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({
        smtpHost: null,
        smtpPort: null,
        smtpTls: null,
        smtpUser: null,
        smtpPasswordSet: false,
      });
      expect((await storedRow(mailbox.id)).smtp_password_sealed).toBeNull();
      expect(fieldsOf((await patch(mailbox.id, { displayName: null })).body)).toEqual([
        'displayName',
      ]);
    });

    it('lists mailboxes by address, page by page, filtered by queue', async () => {
      const otherQueue = (await aQueue(server.dataSource)).id;
      const created = [
        await aMailbox({ queueId: otherQueue, address: `c-${Date.now()}@example.com` }),
        await aMailbox({ queueId: otherQueue, address: `a-${Date.now()}@example.com` }),
        await aMailbox({ queueId: otherQueue, address: `b-${Date.now()}@example.com` }),
      ];
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await api()
          .get('/api/v1/mailboxes')
          .query({ queueId: otherQueue, limit: 2, ...(cursor ? { cursor } : {}) })
          .set('Authorization', admin.auth)
          .expect(200);
        seen.push(...(response.body.items as { address: string }[]).map((m) => m.address));
        cursor = response.body.nextCursor as string | null;
        pages++;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen).toEqual(created.map((m) => m.address).sort());

      const bogus = await api()
        .get('/api/v1/mailboxes')
        .query({ cursor: 'garbage' })
        .set('Authorization', admin.auth);
      expect(bogus.status).toBe(400);
      expect(fieldsOf(bogus.body)).toEqual(['cursor']);
    });

    it('deletes a mailbox (204, audited) and answers 404 for unknown or malformed ids', async () => {
      const mailbox = await aMailbox();
      await api()
        .delete(`/api/v1/mailboxes/${mailbox.id}`)
        .set('Authorization', admin.auth)
        .expect(204);
      await api()
        .get(`/api/v1/mailboxes/${mailbox.id}`)
        .set('Authorization', admin.auth)
        .expect(404);
      await api()
        .delete(`/api/v1/mailboxes/${mailbox.id}`)
        .set('Authorization', admin.auth)
        .expect(404);
      await api().get('/api/v1/mailboxes/not-a-uuid').set('Authorization', admin.auth).expect(404);
      await api()
        .post(`/api/v1/mailboxes/${UNKNOWN_ID}/test`)
        .set('Authorization', admin.auth)
        .expect(404);
      expect((await auditOf(mailbox.id)).map((event) => event.action)).toEqual([
        'mailbox.delete',
        'mailbox.create',
      ]);
    });
  });

  describe('connection tests against Dovecot', () => {
    it('signs in over STARTTLS and opens the folder; SMTP is the global server', async () => {
      const response = await testSettings(workingImap());
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        imap: { ok: true },
        smtp: { ok: true, server: 'global' },
      });
    });

    it('signs in over implicit TLS when verification is off, and in plain text with `none`', async () => {
      expect(
        await testImap({ imapPort: dovecot.tlsPort, imapTls: 'tls', imapVerifyCertificate: false }),
      ).toEqual({ ok: true });
      expect(await testImap({ imapTls: 'none' })).toEqual({ ok: true });
    });

    it('reports a wrong password as auth_failed, without the password', async () => {
      const imap = await testImap({ imapPassword: 'wrong password 123' });
      expect(imap.ok).toBe(false);
      expect(imap.error?.kind).toBe('auth_failed');
      expect(imap.error?.message).toMatch(/refused the user name or password/);
      expect(imap.error?.message).not.toContain('wrong password 123');
    });

    it('reports the self-signed certificate as certificate_untrusted when verifying', async () => {
      for (const settings of [
        { imapPort: dovecot.tlsPort, imapTls: 'tls' },
        { imapPort: dovecot.port, imapTls: 'starttls' },
      ]) {
        const imap = await testImap({ ...settings, imapVerifyCertificate: true });
        expect(imap.error?.kind).toBe('certificate_untrusted');
        expect(imap.error?.message).toMatch(/not trusted/);
      }
    });

    it('reports TLS against the plain port as tls_error', async () => {
      const imap = await testImap({ imapPort: dovecot.port, imapTls: 'tls' });
      expect(imap.error?.kind).toBe('tls_error');
      expect(imap.error?.message).toMatch(/TLS mode/);
    });

    it('reports an unresolvable host as host_unknown', async () => {
      const imap = await testImap({ imapHost: 'nonexistent.invalid' });
      expect(imap.error).toEqual({
        kind: 'host_unknown',
        message: expect.stringContaining('nonexistent.invalid could not be resolved'),
      });
    });

    it('reports a closed port as connection_refused', async () => {
      const port = await closedPort();
      const imap = await testImap({ imapHost: '127.0.0.1', imapPort: port });
      expect(imap.error?.kind).toBe('connection_refused');
      expect(imap.error?.message).toContain(`127.0.0.1:${port}`);
    });

    it('reports a server that never greets as timeout', async () => {
      const imap = await testImap({ imapHost: '127.0.0.1', imapPort: silentPort });
      expect(imap.error?.kind).toBe('timeout');
      expect(imap.error?.message).toMatch(/did not answer within 3 s/);
    });

    it('reports a missing folder as folder_missing', async () => {
      const imap = await testImap({ imapFolder: 'No Such Folder' });
      expect(imap.error).toEqual({
        kind: 'folder_missing',
        message: expect.stringContaining('"No Such Folder" does not exist'),
      });
    });

    it('tests a saved mailbox with its stored password', async () => {
      const mailbox = await aMailbox({ imapFolder: 'Missing' });
      const response = await api()
        .post(`/api/v1/mailboxes/${mailbox.id}/test`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(response.body.imap.error.kind).toBe('folder_missing');
      expect(response.body.smtp).toEqual({ ok: true, server: 'global' });
    });

    it('needs the password to test unsaved settings, and takes the rest of a form along', async () => {
      const withoutPassword: Partial<ReturnType<typeof workingImap>> = workingImap();
      delete withoutPassword.imapPassword;
      const refused = await testSettings(withoutPassword);
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toEqual(['imapPassword']);

      const whole = await testSettings({
        ...workingImap(),
        address: 'form@example.com',
        displayName: 'Form',
        queueId,
        senderName: 'mailbox',
      });
      expect(whole.status).toBe(200);
      expect(whole.body.imap).toEqual({ ok: true });
    });
  });

  describe("connection tests of a mailbox's own SMTP server", () => {
    const smtp = (overrides: Record<string, unknown>) => ({
      ...workingImap(),
      smtpHost: loginSmtp.host,
      smtpPort: loginSmtp.port,
      smtpTls: 'starttls',
      smtpVerifyCertificate: false,
      smtpUser: SMTP_LOGIN.user,
      smtpPassword: SMTP_LOGIN.password,
      ...overrides,
    });

    it('signs in over STARTTLS', async () => {
      const response = await testSettings(smtp({}));
      expect(response.body.smtp).toEqual({ ok: true, server: 'mailbox' });
    });

    it('reports a wrong password, an untrusted certificate and TLS on a plain port', async () => {
      const wrong = await testSettings(smtp({ smtpPassword: 'wrong smtp password' }));
      expect(wrong.body.smtp).toMatchObject({ ok: false, error: { kind: 'auth_failed' } });
      expect(wrong.body.smtp.error.message).not.toContain('wrong smtp password');

      const verified = await testSettings(smtp({ smtpVerifyCertificate: true }));
      expect(verified.body.smtp.error.kind).toBe('certificate_untrusted');

      const implicit = await testSettings(smtp({ smtpTls: 'tls' }));
      expect(implicit.body.smtp.error.kind).toBe('tls_error');

      const refused = await testSettings(smtp({ smtpPort: await closedPort() }));
      expect(refused.body.smtp.error.kind).toBe('connection_refused');
    });

    it('tests a saved mailbox with its stored SMTP password', async () => {
      const mailbox = await aMailbox(smtp({}));
      const response = await api()
        .post(`/api/v1/mailboxes/${mailbox.id}/test`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(response.body).toEqual({ imap: { ok: true }, smtp: { ok: true, server: 'mailbox' } });
    });
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
