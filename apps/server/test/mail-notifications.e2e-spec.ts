// Mail to agents, end to end: a ticket assigned to them by someone else, and a customer writing
// again on a ticket of theirs, go through the outbox and a pg-boss job to a real SMTP server
// (smtp-server); customers' mail comes in through a real IMAP server (Dovecot). Also the
// per-user opt-out and the per-mailbox switch for acknowledgements.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressObject } from 'mailparser';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import {
  aMail,
  aMailbox,
  eventually,
  expectStatus,
  runIntake,
  type TestMailbox,
} from './harness/mail-intake.js';
import { startSmtpSink, type CapturedMail, type SmtpSink } from './harness/smtp-sink.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface OutboxRow {
  id: string;
  kind: string;
  status: string;
  recipient: string;
  subject: string;
  body_text: string | null;
  message_id_header: string;
}

const HOOK = 'Desk#';
const PUBLIC_URL = 'https://desk.acme.test';
const unique = () => randomBytes(4).toString('hex');

describe('mail notifications to agents', () => {
  let server: TestServer;
  let dovecot: Dovecot;
  let relay: SmtpSink;
  let admin: SignedIn;
  /** Manages the queue: assigns tickets to others. */
  let manager: SignedIn;
  /** Works the queue: takes tickets, gets them assigned. */
  let ada: SignedIn;
  let customer: SignedIn;
  let queueId: string;
  let mailbox: TestMailbox;

  const api = () => request(server.url);
  const as = (user: SignedIn) => ({ Authorization: user.auth });

  const openTicket = async (subject = `Printer ${unique()}`) => {
    const response = await api()
      .post('/api/v1/tickets')
      .set(as(customer))
      .send({ subject, text: 'It is jammed.', queueId });
    expectStatus(response, 201);
    return response.body as { id: string; number: number; version: number; subject: string };
  };

  const assign = async (by: SignedIn, ticketId: string, assigneeId: string | null) => {
    const current = await api().get(`/api/v1/tickets/${ticketId}`).set(as(admin)).expect(200);
    const response = await api()
      .patch(`/api/v1/tickets/${ticketId}`)
      .set({ ...as(by), 'If-Match': `"${current.body.version as number}"` })
      .send({ assigneeId });
    expectStatus(response, 200);
  };

  const notificationsOf = (ticketId: string) =>
    server.dataSource.query<OutboxRow[]>(
      `SELECT id, kind, status, recipient, subject, body_text, message_id_header
         FROM outgoing_mails WHERE ticket_id = $1 AND kind = 'notification' ORDER BY created_at`,
      [ticketId],
    );

  /** The notification's mail at the SMTP server, once it was sent. */
  const delivered = async (row: OutboxRow): Promise<CapturedMail> =>
    eventually(`notification ${row.id} at the SMTP server`, () =>
      Promise.resolve(relay.withMessageId(row.message_id_header).at(0)),
    );

  const onlyNotification = async (ticketId: string): Promise<OutboxRow> => {
    const rows = await notificationsOf(ticketId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    if (!row) throw new Error('no notification');
    return row;
  };

  const addresses = (field: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((object) =>
      object.value.map((entry) => ({ name: entry.name, address: entry.address })),
    );

  /** Waits until every mail queued so far left the outbox: "none" then really means none. */
  const outboxSettled = () =>
    eventually('the outbox to settle', async () => {
      const [row] = await server.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM outgoing_mails WHERE status = 'queued'`,
      );
      return row?.count === 0 ? true : undefined;
    });

  beforeAll(async () => {
    [dovecot, relay] = await Promise.all([startDovecot([]), startSmtpSink()]);
    server = await startTestServer({
      database: 'postgres',
      env: {
        PUBLIC_URL,
        SMTP_HOST: relay.host,
        SMTP_PORT: String(relay.port),
        SMTP_TLS: 'none',
      },
    });
    const db = server.dataSource;
    admin = await aSignedInUser(server.url, db, { role: 'admin' });
    manager = await aSignedInUser(server.url, db, { role: 'agent', name: 'Grace Manager' });
    ada = await aSignedInUser(server.url, db, { role: 'agent', name: 'Ada Lovelace' });
    customer = await aSignedInUser(server.url, db, { role: 'customer', name: 'Ann Customer' });
    queueId = (await aQueue(db, { name: 'Hardware' })).id;
    await grant(db, queueId, { userId: manager.id }, 'manage');
    await grant(db, queueId, { userId: ada.id }, 'reply');
    mailbox = await aMailbox(db, dovecot, { queueId });
    await api().patch('/api/v1/settings').set(as(admin)).send({ ticketHook: HOOK }).expect(200);
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([dovecot?.stop(), relay?.stop()]);
  });

  describe('a ticket assigned to an agent', () => {
    it('is mailed to them when someone else assigns it, tagged to thread into the ticket', async () => {
      const ticket = await openTicket('Printer <jammed> & smoking');
      await assign(manager, ticket.id, ada.id);
      const row = await onlyNotification(ticket.id);
      expect(row.recipient).toBe(ada.email);
      expect(row.body_text).toContain('Grace Manager assigned ticket');

      const mail = await delivered(row);
      const parsed = mail.parsed;
      expect(mail.recipients).toEqual([ada.email]);
      expect(addresses(parsed.to)).toEqual([{ name: 'Ada Lovelace', address: ada.email }]);
      expect(addresses(parsed.from)).toEqual([{ name: 'Support', address: mailbox.address }]);
      expect(parsed.subject).toBe(
        `Ticket #${ticket.number} was assigned to you: Printer <jammed> & smoking ` +
          `[${HOOK}${ticket.number}]`,
      );
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(parsed.headers.get('x-tessera-ticket')).toBe(String(ticket.number));
      expect(parsed.text).toContain('Hello Ada Lovelace,');
      expect(parsed.text).toContain(`Grace Manager assigned ticket #${ticket.number} to you.`);
      expect(parsed.text).toContain(`Requester: Ann Customer <${customer.email}>`);
      expect(parsed.text).toContain('Queue:     Hardware');
      expect(parsed.text).toContain(`Open it: ${PUBLIC_URL}/tickets/${ticket.number}`);
      expect(parsed.html).toContain('Printer &lt;jammed&gt; &amp; smoking');
      expect(parsed.html).toContain(`<a href="${PUBLIC_URL}/tickets/${ticket.number}">`);

      // Ada answers the mail: the tag takes her words to the ticket.
      const answer = `<${unique()}@example.com>`;
      await dovecot.deliver(
        mailbox.user,
        await aMail({
          from: ada.email,
          to: mailbox.address,
          subject: `Re: ${parsed.subject ?? ''}`,
          text: 'Looking at it now.',
          messageId: answer,
          inReplyTo: row.message_id_header,
        }),
      );
      expect((await runIntake(server, mailbox.id)).imported).toBe(1);
      const [landed] = await server.dataSource.query<{ ticket_id: string; author_id: string }[]>(
        `SELECT m.ticket_id, m.author_id FROM inbound_mails i
           JOIN ticket_messages m ON m.id = i.ticket_message_id WHERE i.message_key = $1`,
        [answer],
      );
      expect(landed).toEqual({ ticket_id: ticket.id, author_id: ada.id });
    });

    it('is not mailed when the agent takes the ticket themselves', async () => {
      const ticket = await openTicket();
      await assign(ada, ticket.id, ada.id);
      // Nor when it is taken away from them, or given to nobody.
      await assign(manager, ticket.id, null);
      expect(await notificationsOf(ticket.id)).toEqual([]);
    });

    it('is mailed for each ticket a bulk change gives them', async () => {
      const tickets = [await openTicket(), await openTicket()];
      const response = await api()
        .post('/api/v1/tickets/bulk')
        .set(as(manager))
        .send({ ids: tickets.map((t) => t.id), changes: { assigneeId: ada.id } });
      expectStatus(response, 200);
      expect(response.body.updated).toHaveLength(2);
      for (const ticket of tickets) {
        const mail = await delivered(await onlyNotification(ticket.id));
        expect(mail.parsed.subject).toBe(
          `Ticket #${ticket.number} was assigned to you: ${ticket.subject} ` +
            `[${HOOK}${ticket.number}]`,
        );
      }
      // Taken by herself in bulk: no mail.
      const mine = await openTicket();
      await api()
        .post('/api/v1/tickets/bulk')
        .set(as(ada))
        .send({ ids: [mine.id], changes: { assigneeId: ada.id } })
        .expect(200);
      expect(await notificationsOf(mine.id)).toEqual([]);
    });

    it("respects the agent's opt-out, which they and admins can change", async () => {
      const me = await api()
        .patch('/api/v1/me')
        .set(as(ada))
        .send({ mailNotifications: false })
        .expect(200);
      expect(me.body).toMatchObject({ id: ada.id, mailNotifications: false });
      const quiet = await openTicket();
      await assign(manager, quiet.id, ada.id);
      await api()
        .post(`/api/v1/tickets/${quiet.id}/messages`)
        .set(as(customer))
        .send({ text: 'Any news?' })
        .expect(201);
      expect(await notificationsOf(quiet.id)).toEqual([]);

      const refused = await api()
        .patch('/api/v1/me')
        .set(as(ada))
        .send({ mailNotifications: 'no' });
      expect(refused.status).toBe(400);
      const back = await api()
        .patch(`/api/v1/users/${ada.id}`)
        .set(as(admin))
        .send({ mailNotifications: true })
        .expect(200);
      expect(back.body.mailNotifications).toBe(true);
      const loud = await openTicket();
      await assign(manager, loud.id, ada.id);
      expect((await onlyNotification(loud.id)).recipient).toBe(ada.email);
    });

    it('mails nobody who cannot be mailed, and nothing for a ticket without a mailbox', async () => {
      const gone = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      await grant(server.dataSource, queueId, { userId: gone.id }, 'reply');
      const ticket = await openTicket();
      await server.dataSource.query(
        'UPDATE users SET email_undeliverable_at = now() WHERE id = $1',
        [gone.id],
      );
      await assign(manager, ticket.id, gone.id);
      expect(await notificationsOf(ticket.id)).toEqual([]);

      const lonely = (await aQueue(server.dataSource)).id;
      await grant(server.dataSource, lonely, { userId: manager.id }, 'manage');
      await grant(server.dataSource, lonely, { userId: ada.id }, 'reply');
      const unmailed = await api()
        .post('/api/v1/tickets')
        .set(as(customer))
        .send({ subject: 'Nowhere to answer from', text: 'Hi', queueId: lonely })
        .expect(201);
      await assign(manager, unmailed.body.id as string, ada.id);
      expect(await notificationsOf(unmailed.body.id as string)).toEqual([]);
    });
  });

  describe('a customer writing again', () => {
    it("mails the assignee what they wrote, by the API or by mail, never on one's own", async () => {
      const ticket = await openTicket('Scanner offline');
      await assign(ada, ticket.id, ada.id);
      const long = `${'The scanner says E-41. '.repeat(40)}THE END`;
      await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set(as(customer))
        .send({ text: long })
        .expect(201);
      const row = await onlyNotification(ticket.id);
      expect(row.recipient).toBe(ada.email);
      const mail = await delivered(row);
      expect(mail.parsed.subject).toBe(
        `The customer replied on #${ticket.number}: Scanner offline [${HOOK}${ticket.number}]`,
      );
      expect(mail.parsed.text).toContain(`Ann Customer wrote on ticket #${ticket.number}`);
      expect(mail.parsed.text).toContain('The scanner says E-41.');
      // An excerpt: about 500 characters, not the whole message.
      expect(mail.parsed.text).not.toContain('THE END');
      expect(mail.parsed.text).toContain('…');

      // By mail, through intake.
      const key = `<${unique()}@customer.test>`;
      await dovecot.deliver(
        mailbox.user,
        await aMail({
          from: customer.email,
          to: mailbox.address,
          subject: `Re: Scanner offline [${HOOK}${ticket.number}]`,
          text: 'Now it beeps <loudly>.',
          messageId: key,
        }),
      );
      expect((await runIntake(server, mailbox.id)).imported).toBe(1);
      const [, second] = await notificationsOf(ticket.id);
      if (!second) throw new Error('no notification of the mailed reply');
      const byMail = await delivered(second);
      expect(byMail.parsed.text).toContain('Now it beeps <loudly>.');
      expect(byMail.parsed.html).toContain('Now it beeps &lt;loudly&gt;.');

      // Notes and the agents' own replies are no news to the assignee.
      for (const body of [{ text: 'Ordered a part', internal: true }, { text: 'On it.' }]) {
        await api()
          .post(`/api/v1/tickets/${ticket.id}/messages`)
          .set(as(manager))
          .send(body)
          .expect(201);
      }
      await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set(as(ada))
        .send({ text: 'Spare part is on its way.', internal: true })
        .expect(201);
      expect(await notificationsOf(ticket.id)).toHaveLength(2);
    });

    it('mails nobody while the ticket is unassigned', async () => {
      const ticket = await openTicket();
      await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set(as(customer))
        .send({ text: 'Hello?' })
        .expect(201);
      expect(await notificationsOf(ticket.id)).toEqual([]);
    });
  });

  describe('acknowledgements per mailbox', () => {
    const mailIn = async (box: TestMailbox) => {
      const from = `dee-${unique()}@customer.test`;
      await dovecot.deliver(
        box.user,
        await aMail({ from, to: box.address, subject: 'New request', text: 'Hello' }),
      );
      expect((await runIntake(server, box.id)).imported).toBe(1);
      return server.dataSource.query<{ kind: string }[]>(
        `SELECT o.kind FROM outgoing_mails o JOIN tickets t ON t.id = o.ticket_id
           JOIN users u ON u.id = t.requester_id WHERE u.email = $1`,
        [from],
      );
    };

    it('acknowledges new tickets only through mailboxes that have it turned on', async () => {
      const quiet = await aMailbox(server.dataSource, dovecot, { queueId });
      const off = await api()
        .patch(`/api/v1/mailboxes/${quiet.id}`)
        .set(as(admin))
        .send({ acknowledgeNewTickets: false });
      expectStatus(off, 200);
      expect(off.body.acknowledgeNewTickets).toBe(false);
      expect(await mailIn(quiet)).toEqual([]);

      expect(await mailIn(mailbox)).toEqual([{ kind: 'acknowledgement' }]);
      await outboxSettled();
    });
  });
});

// The embedded database has a single connection: everything a notification reads (the agent,
// the template, the settings) must go through the transaction's own, or the request would hang.
describe('mail notifications on the embedded database', () => {
  let server: TestServer;
  let relay: SmtpSink;

  beforeAll(async () => {
    relay = await startSmtpSink();
    server = await startTestServer({
      database: 'embedded',
      env: { SMTP_HOST: relay.host, SMTP_PORT: String(relay.port), SMTP_TLS: 'none' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await relay?.stop();
  });

  it('mails an agent a ticket an admin assigned them, and the customer replying', async () => {
    const db = server.dataSource;
    const admin = await aSignedInUser(server.url, db, { role: 'admin' });
    const agent = await aSignedInUser(server.url, db, { role: 'agent', name: 'Eve Embedded' });
    const customer = await aSignedInUser(server.url, db, { role: 'customer' });
    const queueId = (await aQueue(db)).id;
    await grant(db, queueId, { userId: agent.id }, 'reply');
    await request(server.url)
      .put('/api/v1/mail-templates/agent-assigned')
      .set('Authorization', admin.auth)
      .send({ subject: 'Yours: #{{ticketNumber}}', text: 'Hi {{agentName}}', html: '<p>Hi</p>' })
      .expect(200);
    await request(server.url)
      .post('/api/v1/mailboxes')
      .set('Authorization', admin.auth)
      .send({
        address: 'support@embedded.test',
        displayName: 'Support',
        queueId,
        imapHost: 'imap.embedded.test',
        imapUser: 'support',
        imapPassword: 'secret',
      })
      .expect(201);
    const ticket = await request(server.url)
      .post('/api/v1/tickets')
      .set('Authorization', customer.auth)
      .send({ subject: 'Hi', text: 'Hello', queueId })
      .expect(201);
    await request(server.url)
      .patch(`/api/v1/tickets/${ticket.body.id as string}`)
      .set({ Authorization: admin.auth, 'If-Match': '"1"' })
      .send({ assigneeId: agent.id })
      .expect(200);
    await request(server.url)
      .post(`/api/v1/tickets/${ticket.body.id as string}/messages`)
      .set('Authorization', customer.auth)
      .send({ text: 'Any news?' })
      .expect(201);
    const mails = await eventually('both notifications at the SMTP server', () =>
      Promise.resolve(relay.messages.length >= 2 ? relay.messages : undefined),
    );
    const number = ticket.body.number as number;
    expect(mails.map((mail) => mail.parsed.subject).sort()).toEqual([
      `The customer replied on #${number}: Hi [Ticket#${number}]`,
      `Yours: #${number} [Ticket#${number}]`,
    ]);
    expect(mails.map((mail) => mail.recipients)).toEqual([[agent.email], [agent.email]]);
  });
});
