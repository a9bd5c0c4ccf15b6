// Mail intake end to end: mail delivered to a real IMAP server (Dovecot) becomes tickets and
// replies exactly once, threads by subject and by headers (strangers get a ticket of their own),
// moves ticket states like a reply, and machines' mail (our own, auto-replies, bounces) is
// recognised. Intake passes run on demand (MAIL_INTAKE=off: no background loop).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { StoredMessage } from '../src/modules/ticket/ticket-message-hooks.js';
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
  unflagAll,
  type TestMailbox,
} from './harness/mail-intake.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface Ticket {
  id: string;
  number: number;
  subject: string;
  state: string;
  queueId: string;
  requesterId: string;
  requesterName: string;
  requesterEmail: string;
  channel: string;
  firstResponseAt: string | null;
  reopenCount: number;
  version: number;
  mergedIntoId: string | null;
}

interface TimelineItem {
  kind: 'message' | 'event';
  id: string;
  actorId: string | null;
  internal?: boolean;
  text?: string;
  html?: string | null;
  attachments?: {
    id: string;
    filename: string;
    contentType: string;
    size: number;
    contentId: string | null;
  }[];
  type?: string;
  after?: unknown;
}

const unique = () => randomBytes(4).toString('hex');
const messageId = (domain = 'customer.example') => `<${unique()}.${unique()}@${domain}>`;

describe('mail intake', () => {
  let dovecot: Dovecot;
  let server: TestServer;
  let queueId: string;
  let admin: SignedIn;
  let agent: SignedIn;
  let mailbox: TestMailbox;
  /** Every message the hooks were told about, in order. */
  const hookCalls: StoredMessage[] = [];
  /** How many of the next hook calls throw (a failure before the import commits). */
  let failingHooks = 0;

  const api = () => request(server.url);
  const db = () => server.dataSource;

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    server = await startTestServer({ database: 'postgres', env: { MAIL_INTAKE: 'off' } });
    server.server.app.get(TicketMessageHooks).register((_manager, messages) => {
      hookCalls.push(...messages);
      if (failingHooks > 0) {
        failingHooks -= 1;
        return Promise.reject(new Error('injected failure before commit'));
      }
      return Promise.resolve();
    });
    admin = await aSignedInUser(server.url, db(), { role: 'admin' });
    agent = await aSignedInUser(server.url, db(), { role: 'agent', name: 'Rey Reply' });
    queueId = (await aQueue(db(), { name: 'Support' })).id;
    await grant(db(), queueId, { userId: agent.id }, 'reply');
    mailbox = await aMailbox(db(), dovecot, { queueId });
  });
  afterAll(async () => {
    await server?.close();
    await dovecot?.stop();
  });
  beforeEach(() => {
    failingHooks = 0;
  });

  // ---- helpers ----

  const deliver = (raw: Buffer, to: TestMailbox = mailbox) => dovecot.deliver(to.user, raw);
  const run = (box: TestMailbox = mailbox) => runIntake(server, box.id);

  /**
   * The ticket the mail with this Message-ID was imported into. (Found through the stored mail: a
   * public agent reply's own mail_message_id becomes the id it is sent out with.)
   */
  async function ticketOf(mailMessageId: string): Promise<Ticket> {
    const [row] = await db().query<{ ticket_id: string | null }[]>(
      'SELECT ticket_id FROM inbound_mails WHERE message_key = $1',
      [mailMessageId],
    );
    if (!row?.ticket_id) throw new Error(`no ticket for the mail ${mailMessageId}`);
    return getTicket(row.ticket_id);
  }

  async function getTicket(id: string): Promise<Ticket> {
    const response = await api().get(`/api/v1/tickets/${id}`).set('Authorization', admin.auth);
    expectStatus(response, 200);
    return response.body as Ticket;
  }

  async function timeline(ticketId: string): Promise<TimelineItem[]> {
    const response = await api()
      .get(`/api/v1/tickets/${ticketId}/timeline`)
      .set('Authorization', admin.auth);
    expectStatus(response, 200);
    return (response.body as { items: TimelineItem[] }).items;
  }

  /**
   * The public messages of a ticket: the conversation. (Outgoing mail adds internal notes by
   * itself, in the background, when it cannot deliver an acknowledgement: no SMTP server here.)
   */
  const messagesOf = async (ticketId: string) =>
    (await timeline(ticketId)).filter((item) => item.kind === 'message' && !item.internal);
  const notesOf = async (ticketId: string) =>
    (await timeline(ticketId)).filter((item) => item.kind === 'message' && item.internal);

  async function inbound(mailMessageId: string, box: TestMailbox = mailbox) {
    return db().query<
      {
        id: string;
        status: string;
        reason: string | null;
        automatic: boolean;
        ticket_id: string | null;
        raw: Buffer;
      }[]
    >(
      `SELECT id, status, reason, automatic, ticket_id, raw FROM inbound_mails
        WHERE mailbox_id = $1 AND message_key = $2`,
      [box.id, mailMessageId],
    );
  }

  /** A customer's first mail, imported: the ticket it opened. */
  async function openedByMail(
    from: string,
    options: { subject?: string; cc?: string[] } = {},
  ): Promise<{ ticket: Ticket; mailId: string }> {
    const mailId = messageId();
    await deliver(
      await aMail({
        from,
        to: mailbox.address,
        cc: options.cc,
        subject: options.subject ?? `Printer ${unique()}`,
        text: 'It does not print.',
        messageId: mailId,
      }),
    );
    expect(await run()).toMatchObject({ imported: 1, failed: 0 });
    return { ticket: await ticketOf(mailId), mailId };
  }

  /** Changes the state as an admin would, reading the version again when a note bumped it. */
  async function setState(ticket: Ticket, state: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await getTicket(ticket.id);
      const response = await api()
        .patch(`/api/v1/tickets/${ticket.id}`)
        .set({ Authorization: admin.auth, 'If-Match': `"${current.version}"` })
        .send({ state });
      if (response.status === 412 && attempt < 5) continue;
      expectStatus(response, 200);
      return;
    }
  }

  const aCustomerAddress = (name = 'ann') => `${name}-${unique()}@example.com`;

  // ---- a new mail ----

  it('turns a new mail into a ticket: requester, subject, text, clean HTML, files, CC followers', async () => {
    const ann = aCustomerAddress();
    const bob = aCustomerAddress('bob');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(6000)]);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(300)]);
    const mailId = messageId();
    const raw = await aMail({
      from: `"Ann Customer" <${ann.toUpperCase()}>`,
      to: `Support <${mailbox.address}>`,
      cc: [`Bob Colleague <${bob}>`, mailbox.address],
      subject: 'Printer shows “PC2” error',
      messageId: mailId,
      text: 'Hello,\nthe printer shows PC2.\nAnn',
      html:
        '<p>Hello,</p><p>the printer shows <b>PC2</b>.</p><img src="cid:shot@example.com">' +
        '<script>alert(1)</script><p onclick="steal()">Ann</p>',
      attachments: [
        { filename: 'error-log.pdf', contentType: 'application/pdf', content: pdf },
        {
          filename: 'screenshot.png',
          contentType: 'image/png',
          content: png,
          cid: 'shot@example.com',
        },
      ],
    });
    await deliver(raw);

    expect(await run()).toEqual({
      fetched: 1,
      imported: 1,
      ignored: 0,
      quarantined: 0,
      duplicate: 0,
      failed: 0,
    });

    const ticket = await ticketOf(mailId);
    expect(ticket).toMatchObject({
      subject: 'Printer shows “PC2” error',
      state: 'new',
      queueId,
      channel: 'email',
      requesterEmail: ann,
      requesterName: 'Ann Customer',
    });
    const [message, ...more] = await messagesOf(ticket.id);
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      actorId: ticket.requesterId,
      internal: false,
      text: 'Hello,\nthe printer shows PC2.\nAnn',
    });
    expect(message?.html).toContain('<b>PC2</b>');
    expect(message?.html).toContain('<img src="cid:shot@example.com" />');
    expect(message?.html).not.toMatch(/script|onclick|alert/);
    // Files, the inline image included, byte for byte.
    const files = message?.attachments ?? [];
    expect(files.map((f) => [f.filename, f.contentType, f.contentId]).sort()).toEqual([
      ['error-log.pdf', 'application/pdf', null],
      // What the HTML's cid: image points at.
      ['screenshot.png', 'image/png', 'shot@example.com'],
    ]);
    for (const [filename, content] of [
      ['error-log.pdf', pdf],
      ['screenshot.png', png],
    ] as const) {
      const file = files.find((f) => f.filename === filename);
      const download = await api()
        .get(`/api/v1/attachments/${file?.id}`)
        .set('Authorization', admin.auth)
        .buffer(true)
        .parse(bytes);
      expectStatus(download, 200);
      expect((download.body as Buffer).equals(content)).toBe(true);
    }
    // CC'd people follow; the support address itself does not.
    const followers = await api()
      .get(`/api/v1/tickets/${ticket.id}/followers`)
      .set('Authorization', admin.auth);
    expect((followers.body as { items: { email: string }[] }).items.map((f) => f.email)).toEqual([
      bob,
    ]);
    // The raw mail is kept, and the IMAP message flagged once the import was committed.
    const [row] = await inbound(mailId);
    expect(row).toMatchObject({ status: 'imported', ticket_id: ticket.id, automatic: false });
    expect(row?.raw.equals(raw)).toBe(true);
    expect(await listFolder(dovecot, mailbox)).toEqual([
      expect.objectContaining({ subject: 'Printer shows “PC2” error', flags: ['\\Seen'] }),
    ]);
    expect(hookCalls.at(-1)).toEqual({
      ticketId: ticket.id,
      messageId: message?.id,
      authorId: ticket.requesterId,
      internal: false,
      fromCustomer: true,
      channel: 'email',
      opensTicket: true,
      // The ticket is answered from the mailbox the mail came in through, in reply to the mail.
      mailboxId: mailbox.id,
      mailMessageId: mailId,
    });
  });

  it('moves imported mail to the folder the mailbox names, creating it', async () => {
    const moving = await aMailbox(db(), dovecot, {
      queueId,
      afterImport: 'move',
      afterImportFolder: 'Archive/Tessera',
    });
    const mailId = messageId();
    await deliver(
      await aMail({
        from: aCustomerAddress(),
        to: moving.address,
        subject: 'Move me',
        text: 'x',
        messageId: mailId,
      }),
      moving,
    );
    expect(await run(moving)).toMatchObject({ imported: 1 });
    expect((await ticketOf(mailId)).subject).toBe('Move me');
    expect(await listFolder(dovecot, moving)).toEqual([]);
    expect(await listFolder(dovecot, moving, 'Archive/Tessera')).toEqual([
      expect.objectContaining({ subject: 'Move me' }),
    ]);
  });

  // ---- exactly once ----

  describe('exactly once', () => {
    it('imports a mail fetched again (flag lost after the commit) only once', async () => {
      const own = await aMailbox(db(), dovecot, { queueId });
      const mailId = messageId();
      await deliver(
        await aMail({
          from: aCustomerAddress(),
          to: own.address,
          subject: 'Once',
          text: 'x',
          messageId: mailId,
        }),
        own,
      );
      expect(await run(own)).toMatchObject({ imported: 1 });
      await unflagAll(dovecot, own);

      expect(await run(own)).toMatchObject({ fetched: 1, imported: 0, duplicate: 1 });
      const stored = await db().query('SELECT id FROM ticket_messages WHERE mail_message_id = $1', [
        mailId,
      ]);
      expect(stored).toHaveLength(1);
      expect(await inbound(mailId, own)).toHaveLength(1);
      expect(await listFolder(dovecot, own)).toEqual([
        expect.objectContaining({ subject: 'Once', flags: ['\\Seen'] }),
      ]);
    });

    it('imports two copies of one mail in the folder once, and moves both', async () => {
      const moving = await aMailbox(db(), dovecot, { queueId, afterImport: 'move' });
      const mailId = messageId();
      const raw = await aMail({
        from: aCustomerAddress(),
        to: moving.address,
        subject: 'Twice',
        text: 'x',
        messageId: mailId,
      });
      await deliver(raw, moving);
      await deliver(raw, moving);
      expect(await run(moving)).toMatchObject({ fetched: 2, imported: 1, duplicate: 1 });
      expect(
        await db().query('SELECT 1 FROM ticket_messages WHERE mail_message_id = $1', [mailId]),
      ).toHaveLength(1);
      expect(await listFolder(dovecot, moving)).toEqual([]);
      expect(await listFolder(dovecot, moving, 'Imported')).toHaveLength(2);
    });

    it('writes nothing and leaves the mail unflagged when the import fails before its commit; the next pass imports it once', async () => {
      const mailId = messageId();
      await deliver(
        await aMail({
          from: aCustomerAddress(),
          to: mailbox.address,
          subject: 'Crash',
          text: 'x',
          messageId: mailId,
        }),
      );
      const users = await db().query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM users',
      );
      failingHooks = 1;

      expect(await run()).toMatchObject({ fetched: 1, imported: 0, failed: 1 });
      expect(
        await db().query('SELECT 1 FROM ticket_messages WHERE mail_message_id = $1', [mailId]),
      ).toEqual([]);
      expect(await inbound(mailId)).toEqual([]);
      // Not even the customer it would have created.
      expect(await db().query('SELECT count(*)::int AS count FROM users')).toEqual(users);
      const listing = await listFolder(dovecot, mailbox);
      expect(listing.find((m) => m.subject === 'Crash')?.flags).toEqual([]);

      expect(await run()).toMatchObject({ fetched: 1, imported: 1, failed: 0 });
      expect((await ticketOf(mailId)).subject).toBe('Crash');
      expect(await inbound(mailId)).toHaveLength(1);
      expect(
        (await listFolder(dovecot, mailbox)).find((m) => m.subject === 'Crash')?.flags,
      ).toEqual(['\\Seen']);
    });

    it('keys a mail without Message-ID by the SHA-256 of its bytes, and still imports it once', async () => {
      const own = await aMailbox(db(), dovecot, { queueId });
      const subject = `No id ${unique()}`;
      const raw = Buffer.from(
        `From: ${aCustomerAddress()}\r\nTo: ${own.address}\r\nSubject: ${subject}\r\n` +
          'Date: Mon, 4 May 2026 09:00:00 +0000\r\n\r\nScanned document.\r\n',
      );
      await deliver(raw, own);
      expect(await run(own)).toMatchObject({ imported: 1 });
      await unflagAll(dovecot, own);
      expect(await run(own)).toMatchObject({ fetched: 1, imported: 0, duplicate: 1 });
      const rows = await db().query<{ mail_message_id: string }[]>(
        `SELECT m.mail_message_id FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE t.subject = $1 AND NOT m.internal`,
        [subject],
      );
      expect(rows).toEqual([
        { mail_message_id: expect.stringMatching(/^<[0-9a-f]{64}@sha256\.tessera\.invalid>$/) },
      ]);
    });
  });

  // ---- threading ----

  describe('threading', () => {
    const reply = async (options: Parameters<typeof aMail>[0]) => {
      const mailId = messageId();
      await deliver(
        await aMail({ to: mailbox.address, text: 'More details.', messageId: mailId, ...options }),
      );
      return mailId;
    };

    it('adds a reply naming the ticket in its subject ([Ticket#N]) to the ticket', async () => {
      const ann = aCustomerAddress();
      const { ticket } = await openedByMail(ann);
      const replyId = await reply({ from: ann, subject: `Re: Printer [Ticket#${ticket.number}]` });
      expect(await run()).toMatchObject({ imported: 1 });
      expect((await ticketOf(replyId)).id).toBe(ticket.id);
      expect(await messagesOf(ticket.id)).toHaveLength(2);
    });

    it('reads the hook from the settings', async () => {
      const ann = aCustomerAddress();
      const { ticket } = await openedByMail(ann);
      const changed = await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin.auth)
        .send({ ticketHook: 'REQ-' });
      expectStatus(changed, 200);
      try {
        const replyId = await reply({ from: ann, subject: `AW: [REQ-${ticket.number}] Drucker` });
        expect(await run()).toMatchObject({ imported: 1 });
        expect((await ticketOf(replyId)).id).toBe(ticket.id);
      } finally {
        await api()
          .patch('/api/v1/settings')
          .set('Authorization', admin.auth)
          .send({ ticketHook: 'Ticket#' });
      }
    });

    it('adds a reply whose In-Reply-To names a mail of the ticket, whatever its subject', async () => {
      const ann = aCustomerAddress();
      const { ticket, mailId } = await openedByMail(ann);
      const replyId = await reply({ from: ann, subject: 'Something else', inReplyTo: mailId });
      expect(await run()).toMatchObject({ imported: 1 });
      expect((await ticketOf(replyId)).id).toBe(ticket.id);
    });

    it('adds a reply whose References name a mail Tessera sent for the ticket', async () => {
      const ann = aCustomerAddress();
      const { ticket } = await openedByMail(ann);
      const answer = await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set('Authorization', agent.auth)
        .send({ text: 'Try turning it off and on.' });
      expectStatus(answer, 201);
      const sentId = `<${unique()}@tessera.test>`;
      await db().query('UPDATE ticket_messages SET mail_message_id = $2 WHERE id = $1', [
        (answer.body as { id: string }).id,
        sentId,
      ]);
      const replyId = await reply({
        from: ann,
        subject: 'Re: your answer',
        references: [`<unknown-${unique()}@elsewhere.example>`, sentId],
      });
      expect(await run()).toMatchObject({ imported: 1 });
      expect((await ticketOf(replyId)).id).toBe(ticket.id);
    });

    it("opens a new ticket, linked to it, for a stranger quoting someone else's ticket", async () => {
      const { ticket, mailId } = await openedByMail(aCustomerAddress());
      const mallory = aCustomerAddress('mallory');
      const bySubject = await reply({ from: mallory, subject: `[Ticket#${ticket.number}] me too` });
      const byHeader = await reply({ from: mallory, subject: 'Re: hello', inReplyTo: mailId });
      expect(await run()).toMatchObject({ imported: 2 });

      for (const strangerId of [bySubject, byHeader]) {
        const opened = await ticketOf(strangerId);
        expect(opened.id).not.toBe(ticket.id);
        expect(opened).toMatchObject({ requesterEmail: mallory, state: 'new', queueId });
        const links = await api()
          .get(`/api/v1/tickets/${opened.id}/links`)
          .set('Authorization', admin.auth);
        expect((links.body as { items: unknown[] }).items).toEqual([
          expect.objectContaining({ ticketId: ticket.id, kind: 'related', direction: 'outgoing' }),
        ]);
        const created = (await timeline(opened.id)).find((item) => item.type === 'created');
        expect(created?.after).toMatchObject({
          relatedTo: { id: ticket.id, number: ticket.number },
        });
        const [row] = await inbound(strangerId);
        expect(row?.reason).toContain(`the sender is not on #${ticket.number}`);
      }
      // The ticket quoted keeps its own conversation.
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    it("accepts a reply from someone CC'd on the first mail (a follower)", async () => {
      const bob = aCustomerAddress('bob');
      const { ticket } = await openedByMail(aCustomerAddress(), { cc: [bob] });
      const replyId = await reply({ from: bob, subject: `Re: [Ticket#${ticket.number}]` });
      expect(await run()).toMatchObject({ imported: 1 });
      expect((await ticketOf(replyId)).id).toBe(ticket.id);
      const last = (await messagesOf(ticket.id)).at(-1);
      const [bobUser] = await db().query<{ id: string }[]>(
        'SELECT id FROM users WHERE email = $1',
        [bob],
      );
      expect(last?.actorId).toBe(bobUser?.id);
    });

    it("stores an agent's mail as a public agent reply: the ticket opens, first response set", async () => {
      const { ticket } = await openedByMail(aCustomerAddress());
      const replyId = await reply({
        from: `Rey Reply <${agent.email}>`,
        subject: `Re: [Ticket#${ticket.number}]`,
        text: 'We are on it.',
      });
      expect(await run()).toMatchObject({ imported: 1 });
      const after = await ticketOf(replyId);
      expect(after).toMatchObject({ id: ticket.id, state: 'open' });
      expect(after.firstResponseAt).not.toBeNull();
      expect((await messagesOf(ticket.id)).at(-1)).toMatchObject({
        actorId: agent.id,
        internal: false,
        text: 'We are on it.',
      });
      expect(hookCalls.at(-1)).toMatchObject({
        fromCustomer: false,
        opensTicket: false,
        channel: 'email',
      });
    });

    it('brings a pending ticket back to open, and reopens a resolved one', async () => {
      const ann = aCustomerAddress();
      const { ticket } = await openedByMail(ann);
      await setState(ticket, 'pending');
      await reply({ from: ann, subject: `Re: [Ticket#${ticket.number}]` });
      expect(await run()).toMatchObject({ imported: 1 });
      expect(await getTicket(ticket.id)).toMatchObject({ state: 'open', reopenCount: 0 });

      await setState(ticket, 'resolved');
      await reply({ from: ann, subject: `Re: [Ticket#${ticket.number}]` });
      expect(await run()).toMatchObject({ imported: 1 });
      expect(await getTicket(ticket.id)).toMatchObject({ state: 'open', reopenCount: 1 });
    });

    it('opens a follow-up, linked to it, for a reply to a closed ticket', async () => {
      const ann = aCustomerAddress();
      const { ticket } = await openedByMail(ann);
      await setState(ticket, 'resolved');
      await setState(ticket, 'closed');
      const replyId = await reply({
        from: ann,
        subject: `Re: [Ticket#${ticket.number}]`,
        text: 'Broken again.',
      });
      expect(await run()).toMatchObject({ imported: 1 });

      const followUp = await ticketOf(replyId);
      expect(followUp.id).not.toBe(ticket.id);
      expect(followUp).toMatchObject({
        state: 'new',
        requesterEmail: ann,
        subject: ticket.subject,
        channel: 'email',
      });
      expect((await messagesOf(followUp.id)).map((m) => m.text)).toEqual(['Broken again.']);
      const links = await api()
        .get(`/api/v1/tickets/${followUp.id}/links`)
        .set('Authorization', admin.auth);
      expect((links.body as { items: unknown[] }).items).toEqual([
        expect.objectContaining({ ticketId: ticket.id, kind: 'follow_up', direction: 'outgoing' }),
      ]);
      expect(await getTicket(ticket.id)).toMatchObject({ state: 'closed' });
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    it('puts a reply to a merged ticket on the ticket it was merged into', async () => {
      const ann = aCustomerAddress();
      const { ticket: duplicate, mailId } = await openedByMail(ann);
      const { ticket: target } = await openedByMail(ann);
      const merged = await api()
        .post(`/api/v1/tickets/${duplicate.id}/merge`)
        .set('Authorization', admin.auth)
        .send({ targetId: target.id });
      expectStatus(merged, 200);
      // The reply names the duplicate by number (its messages moved, so not by header).
      const replyId = await reply({ from: ann, subject: `Re: [Ticket#${duplicate.number}]` });
      expect(await run()).toMatchObject({ imported: 1 });
      expect((await ticketOf(replyId)).id).toBe(target.id);
      // The duplicate's first mail moved along with the merge: replies naming it thread there too.
      expect(
        await db().query('SELECT ticket_id FROM ticket_messages WHERE mail_message_id = $1', [
          mailId,
        ]),
      ).toEqual([{ ticket_id: target.id }]);
    });
  });

  // ---- machines' mail ----

  describe('loops and automatic mail', () => {
    it("ignores mail from the mailbox's own address, keeping it with the reason", async () => {
      const mailId = messageId('tessera.test');
      await deliver(
        await aMail({
          from: `Support <${mailbox.address}>`,
          to: mailbox.address,
          subject: 'Re: loop',
          text: 'x',
          messageId: mailId,
        }),
      );
      expect(await run()).toMatchObject({ ignored: 1, imported: 0 });
      expect(await inbound(mailId)).toEqual([
        expect.objectContaining({
          status: 'ignored',
          reason: `sent from Tessera's own address ${mailbox.address}`,
          ticket_id: null,
        }),
      ]);
      expect(
        await db().query('SELECT 1 FROM ticket_messages WHERE mail_message_id = $1', [mailId]),
      ).toEqual([]);
      expect(
        (await listFolder(dovecot, mailbox)).find((m) => m.subject === 'Re: loop')?.flags,
      ).toEqual(['\\Seen']);
    });

    it('stores an out-of-office reply on its ticket, marked automatic, without reopening it', async () => {
      const ann = aCustomerAddress();
      const { ticket, mailId } = await openedByMail(ann);
      await setState(ticket, 'pending');
      const autoId = messageId();
      await deliver(
        await aMail({
          from: ann,
          to: mailbox.address,
          subject: `Automatic reply: Re: Printer [Ticket#${ticket.number}]`,
          text: 'I am out of the office until Monday.',
          inReplyTo: mailId,
          messageId: autoId,
          headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
        }),
      );
      expect(await run()).toMatchObject({ imported: 1 });
      expect((await ticketOf(autoId)).id).toBe(ticket.id);
      expect(await getTicket(ticket.id)).toMatchObject({ state: 'pending' });
      expect(hookCalls.at(-1)).toMatchObject({
        ticketId: ticket.id,
        automatic: true,
        channel: 'email',
      });
      expect(await inbound(autoId)).toEqual([
        expect.objectContaining({
          status: 'imported',
          automatic: true,
          reason: 'Auto-Submitted: auto-replied',
        }),
      ]);
    });

    it("keeps an agent's out-of-office reply as an internal note, so it is never mailed on", async () => {
      const { ticket, mailId } = await openedByMail(aCustomerAddress());
      const autoId = messageId();
      await deliver(
        await aMail({
          from: agent.email,
          to: mailbox.address,
          subject: `Out of Office: Re: Printer [Ticket#${ticket.number}]`,
          text: 'Back on Monday.',
          inReplyTo: mailId,
          messageId: autoId,
        }),
      );
      expect(await run()).toMatchObject({ imported: 1 });
      const note = (await notesOf(ticket.id)).find((m) => m.text === 'Back on Monday.');
      expect(note).toMatchObject({ actorId: agent.id, internal: true });
      expect(await getTicket(ticket.id)).toMatchObject({ state: 'new', firstResponseAt: null });
      expect(hookCalls.at(-1)).toMatchObject({ internal: true, automatic: true });
    });

    it('opens a ticket for bulk mail, marked automatic so nothing answers it', async () => {
      const mailId = messageId('news.example');
      await deliver(
        await aMail({
          from: 'Acme Weekly <news@news.example>',
          to: mailbox.address,
          subject: 'Five tips',
          html: '<h1>Five tips</h1>',
          messageId: mailId,
          headers: { 'List-Id': '<weekly.news.example>', Precedence: 'bulk' },
        }),
      );
      expect(await run()).toMatchObject({ imported: 1 });
      const ticket = await ticketOf(mailId);
      expect(hookCalls.at(-1)).toMatchObject({
        ticketId: ticket.id,
        opensTicket: true,
        automatic: true,
      });
      expect((await messagesOf(ticket.id))[0]?.text).toBe('Five tips');
    });

    it('notes a bounce on the ticket of the mail that bounced and marks the address undeliverable', async () => {
      const gone = aCustomerAddress('gone');
      const { ticket } = await openedByMail(gone);
      const answer = await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set('Authorization', agent.auth)
        .send({ text: 'Here is your new password.' });
      expectStatus(answer, 201);
      const sentId = `<${unique()}@tessera.test>`;
      await db().query('UPDATE ticket_messages SET mail_message_id = $2 WHERE id = $1', [
        (answer.body as { id: string }).id,
        sentId,
      ]);
      const bounceId = `<${unique()}@mx.tessera.test>`;
      const dsn = [
        'From: MAILER-DAEMON@mx.tessera.test (Mail Delivery System)',
        `To: ${mailbox.address}`,
        'Subject: Undelivered Mail Returned to Sender',
        'Auto-Submitted: auto-replied',
        `Message-Id: ${bounceId}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
        '',
        '--B',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '',
        '--B',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.tessera.test',
        '',
        `Final-Recipient: rfc822; ${gone}`,
        'Action: failed',
        'Status: 5.1.1',
        `Diagnostic-Code: smtp; 550 5.1.1 <${gone}>: User unknown`,
        '',
        '--B',
        'Content-Type: text/rfc822-headers',
        '',
        `From: Support <${mailbox.address}>`,
        `To: ${gone}`,
        `Subject: Re: Printer [Ticket#${ticket.number}]`,
        `Message-ID: ${sentId}`,
        '',
        '--B--',
        '',
      ].join('\r\n');
      await deliver(Buffer.from(dsn));
      expect(await run()).toMatchObject({ imported: 1 });

      const note = (await notesOf(ticket.id)).find((m) => m.text?.startsWith('Delivery failed'));
      expect(note).toMatchObject({
        internal: true,
        actorId: null,
        text: `Delivery failed to ${gone}: 550 5.1.1 <${gone}>: User unknown`,
      });
      expect(await getTicket(ticket.id)).toMatchObject({ state: 'open' });
      const [user] = await db().query<
        { email_undeliverable_at: Date | null; email_undeliverable_reason: string | null }[]
      >('SELECT email_undeliverable_at, email_undeliverable_reason FROM users WHERE email = $1', [
        gone,
      ]);
      expect(user?.email_undeliverable_at).toBeInstanceOf(Date);
      expect(user?.email_undeliverable_reason).toBe(`550 5.1.1 <${gone}>: User unknown`);
      expect(await inbound(bounceId)).toEqual([
        expect.objectContaining({ status: 'imported', automatic: true, ticket_id: ticket.id }),
      ]);
      expect(hookCalls.at(-1)).toMatchObject({ internal: true, automatic: true });
    });

    it('keeps a bounce about no mail Tessera knows as ignored, marking nobody', async () => {
      const someone = aCustomerAddress('someone');
      await openedByMail(someone);
      const bounceId = `<${unique()}@mx.elsewhere.example>`;
      await deliver(
        await aMail({
          from: 'Mail Delivery System <MAILER-DAEMON@mx.elsewhere.example>',
          to: mailbox.address,
          subject: 'Mail delivery failed: returning message to sender',
          messageId: bounceId,
          text:
            'A message that you sent could not be delivered.\n\n' +
            `  ${someone}\n    550 5.1.1 User unknown\n`,
        }),
      );
      expect(await run()).toMatchObject({ ignored: 1 });
      const [row] = await inbound(bounceId);
      expect(row).toMatchObject({ status: 'ignored', automatic: true });
      expect(row?.reason).toContain(`Delivery failed to ${someone}`);
      const [user] = await db().query<{ email_undeliverable_at: Date | null }[]>(
        'SELECT email_undeliverable_at FROM users WHERE email = $1',
        [someone],
      );
      expect(user?.email_undeliverable_at).toBeNull();
    });
  });
});
