// Outgoing mail end to end: replies and acknowledgements go through the outbox and a pg-boss job
// to a real SMTP server (smtp-server), and are read back with mailparser.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressObject } from 'mailparser';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { JobService } from '../src/modules/job/job.service.js';
import { IntakeBacklog } from '../src/modules/mail/intake/intake-backlog.js';
import {
  SEND_AUTOMATIC_MAIL_JOB,
  SEND_MAIL_JOB,
} from '../src/modules/mail/outgoing/outgoing-mail.service.js';
import { TicketMessageHooks } from '../src/modules/ticket/ticket-message-hooks.js';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import { startSmtpSink, type CapturedMail, type SmtpSink } from './harness/smtp-sink.js';
import { startTestServer, type TestServer } from './harness/test-server.js';
import { waitForJob } from './harness/wait-for-job.js';

type SignedIn = TestUser & { auth: string };

interface OutboxRow {
  id: string;
  ticket_message_id: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id_header: string;
  recipient: string;
}

const HOOK = 'Acme#';
const RELAY = { user: 'relay', password: 'relay secret 4b2e' };

describe('outgoing mail', () => {
  let server: TestServer;
  let relay: SmtpSink;
  let billingRelay: SmtpSink;
  let admin: SignedIn;
  let agent: SignedIn;
  let queueId: string;
  let billingMailboxId: string;
  let hooks: TicketMessageHooks;
  /** While set, a hook registered after the mail module's throws: the transaction rolls back. */
  let failingHook = false;

  const api = () => request(server.url);
  const unique = () => randomBytes(4).toString('hex');

  const openTicket = async (
    requester: { email: string; name?: string },
    options: { queueId?: string; cc?: { email: string }[]; subject?: string } = {},
  ) => {
    const response = await api()
      .post('/api/v1/tickets')
      .set('Authorization', agent.auth)
      .send({
        subject: options.subject ?? 'Printer on fire',
        text: 'It broke.',
        queueId: options.queueId ?? queueId,
        requester,
        ...(options.cc ? { cc: options.cc } : {}),
      });
    expect(response.status).toBe(201);
    const ticket = response.body as { id: string; number: number; requesterId: string };
    const [first] = await server.dataSource.query<{ id: string }[]>(
      'SELECT id FROM ticket_messages WHERE ticket_id = $1',
      [ticket.id],
    );
    return { ...ticket, firstMessageId: first?.id ?? '' };
  };

  /** As intake records a mail it imported: the Message-ID the message came in as. */
  const cameInAs = (messageId: string, mailId: string) =>
    server.dataSource.query('UPDATE ticket_messages SET mail_message_id = $2 WHERE id = $1', [
      messageId,
      mailId,
    ]);

  const post = (auth: string, ticketId: string, body: Record<string, unknown>) =>
    api().post(`/api/v1/tickets/${ticketId}/messages`).set('Authorization', auth).send(body);

  const reply = async (ticketId: string, body: Record<string, unknown> = { text: 'On it.' }) => {
    const response = await post(agent.auth, ticketId, body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  const outboxOf = (ticketMessageId: string) =>
    server.dataSource.query<OutboxRow[]>(
      'SELECT * FROM outgoing_mails WHERE ticket_message_id = $1 ORDER BY created_at',
      [ticketMessageId],
    );

  const outboxOfTicket = (ticketId: string) =>
    server.dataSource.query<OutboxRow[]>(
      'SELECT * FROM outgoing_mails WHERE ticket_id = $1 ORDER BY created_at',
      [ticketId],
    );

  /** Polls the outbox row until it is sent or failed (30 s at most). */
  const settled = async (ticketMessageId: string, kind = 'reply'): Promise<OutboxRow> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const row = (await outboxOf(ticketMessageId)).find((r) => r.kind === kind);
      if (!row) throw new Error(`no ${kind} queued for message ${ticketMessageId}`);
      if (row.status !== 'queued') return row;
      if (Date.now() > deadline) throw new Error(`${kind} ${row.id} still queued after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const theMail = (sink: SmtpSink, row: OutboxRow): CapturedMail => {
    const mails = sink.withMessageId(row.message_id_header);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error(`no mail ${row.message_id_header}`);
    return mail;
  };

  const ticketMails = (sink: SmtpSink, number: number) =>
    sink.messages.filter((mail) => mail.parsed.headers.get('x-tessera-ticket') === String(number));

  const addresses = (field: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((object) =>
      object.value.map((entry) => ({ name: entry.name, address: entry.address })),
    );

  const acknowledge = (
    ticket: { id: string; firstMessageId: string; requesterId: string },
    automatic = false,
  ) =>
    server.dataSource.transaction((manager) =>
      hooks.afterMessage(manager, {
        ticketId: ticket.id,
        messageId: ticket.firstMessageId,
        authorId: ticket.requesterId,
        internal: false,
        fromCustomer: true,
        channel: 'email',
        opensTicket: true,
        automatic,
      }),
    );

  const timelineNotes = async (ticketId: string) => {
    const response = await api()
      .get(`/api/v1/tickets/${ticketId}/timeline`)
      .set('Authorization', admin.auth)
      .expect(200);
    return (response.body.items as { kind: string; internal?: boolean; text?: string }[])
      .filter((item) => item.kind === 'message' && item.internal)
      .map((item) => item.text);
  };

  const sendJobOf = async (outgoingMailId: string) => {
    const [job] = await server.dataSource.query<{ state: string; retry_count: number }[]>(
      `SELECT state, retry_count FROM pgboss.job
        WHERE name = $1 AND data->>'outgoingMailId' = $2`,
      [SEND_MAIL_JOB, outgoingMailId],
    );
    return job;
  };

  beforeAll(async () => {
    [relay, billingRelay] = await Promise.all([startSmtpSink(), startSmtpSink({ login: RELAY })]);
    server = await startTestServer({
      database: 'postgres',
      env: {
        SMTP_HOST: relay.host,
        SMTP_PORT: String(relay.port),
        SMTP_TLS: 'none',
        MAIL_RETRY_DELAY_SECONDS: '1',
        MAIL_RETRY_LIMIT: '2',
        MAIL_TIMEOUT_SECONDS: '5',
      },
    });
    const db = server.dataSource;
    admin = await aSignedInUser(server.url, db, { role: 'admin' });
    agent = await aSignedInUser(server.url, db, { role: 'agent', name: 'Ada Lovelace' });
    queueId = (await aQueue(db)).id;
    await grant(db, queueId, { userId: agent.id }, 'reply');
    await api()
      .patch('/api/v1/settings')
      .set('Authorization', admin.auth)
      .send({ ticketHook: HOOK })
      .expect(200);
    const mailbox = {
      imapHost: 'imap.acme.test',
      imapUser: 'support',
      imapPassword: 'imap secret',
    };
    await api()
      .post('/api/v1/mailboxes')
      .set('Authorization', admin.auth)
      .send({ ...mailbox, address: 'support@acme.test', displayName: 'Acme Support', queueId })
      .expect(201);
    // The billing mailbox sends through its own server, signing in, under its own name.
    const billingQueue = (await aQueue(db)).id;
    const billing = await api()
      .post('/api/v1/mailboxes')
      .set('Authorization', admin.auth)
      .send({
        ...mailbox,
        address: 'billing@acme.test',
        displayName: 'Acme Billing',
        queueId: billingQueue,
        smtpHost: billingRelay.host,
        smtpPort: billingRelay.port,
        smtpTls: 'starttls',
        smtpVerifyCertificate: false,
        smtpUser: RELAY.user,
        smtpPassword: RELAY.password,
        senderName: 'mailbox',
      })
      .expect(201);
    billingMailboxId = billing.body.id as string;
    hooks = server.server.app.get(TicketMessageHooks);
    hooks.register(() => {
      if (failingHook) return Promise.reject(new Error('a later hook failed'));
      return Promise.resolve();
    });
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([relay?.stop(), billingRelay?.stop()]);
  });

  describe('replies', () => {
    it("mails an agent's public reply once: From, To, Cc, subject, threading, parts, files", async () => {
      const ann = { email: `ann-${unique()}@customer.test`, name: 'Ann Example' };
      const bob = { email: `bob-${unique()}@customer.test` };
      const carol = { email: `carol-${unique()}@customer.test` };
      const colleague = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      const ticket = await openTicket(ann, { cc: [bob, carol] });
      await api()
        .post(`/api/v1/tickets/${ticket.id}/followers`)
        .set('Authorization', agent.auth)
        .send({ email: colleague.email })
        .expect(201);
      // Carol's address bounced for good: she is left out.
      await server.dataSource.query(
        'UPDATE users SET email_undeliverable_at = now() WHERE email = $1',
        [carol.email],
      );
      await cameInAs(ticket.firstMessageId, '<first@customer.test>');
      const upload = await api()
        .post('/api/v1/attachments')
        .query({ filename: 'steps.txt' })
        .set('Authorization', agent.auth)
        .set('Content-Type', 'text/plain')
        .send(Buffer.from('1. unplug\n2. replug\n'))
        .expect(201);

      const messageId = await reply(ticket.id, {
        html: '<p>Hello <b>Ann</b>, see the steps.</p><script>alert(1)</script>',
        attachments: [upload.body.id],
      });
      const row = await settled(messageId);
      expect(row).toMatchObject({ kind: 'reply', status: 'sent', attempts: 1, last_error: null });
      const [stored] = await server.dataSource.query<{ mail_message_id: string }[]>(
        'SELECT mail_message_id FROM ticket_messages WHERE id = $1',
        [messageId],
      );
      expect(stored?.mail_message_id).toBe(row.message_id_header);
      expect(row.message_id_header).toMatch(/^<[0-9a-f-]{36}@acme\.test>$/);

      const mail = theMail(relay, row);
      const parsed = mail.parsed;
      expect(addresses(parsed.from)).toEqual([
        { name: 'Ada Lovelace via Acme Support', address: 'support@acme.test' },
      ]);
      expect(addresses(parsed.to)).toEqual([{ name: 'Ann Example', address: ann.email }]);
      expect(addresses(parsed.cc).map((a) => a.address)).toEqual([bob.email]);
      expect(mail.recipients.sort()).toEqual([ann.email, bob.email].sort());
      expect(parsed.subject).toBe(`Re: Printer on fire [${HOOK}${ticket.number}]`);
      expect(parsed.messageId).toBe(row.message_id_header);
      expect(parsed.inReplyTo).toBe('<first@customer.test>');
      expect(parsed.references).toBe('<first@customer.test>');
      expect(parsed.text?.trim()).toBe('Hello Ann, see the steps.');
      expect(parsed.html).toContain('<p>Hello <b>Ann</b>, see the steps.</p>');
      expect(parsed.html).not.toContain('script');
      expect(parsed.attachments).toHaveLength(1);
      expect(parsed.attachments[0]).toMatchObject({
        filename: 'steps.txt',
        contentType: 'text/plain',
      });
      expect(parsed.attachments[0]?.content.toString()).toBe('1. unplug\n2. replug\n');
      expect(parsed.headers.get('x-loop')).toBe('support@acme.test');
      expect(parsed.headers.get('x-tessera-ticket')).toBe(String(ticket.number));
      expect(parsed.headers.has('auto-submitted')).toBe(false);

      // The next reply answers this one and references the whole conversation.
      const second = await settled(await reply(ticket.id, { text: 'Fixed now.' }));
      const next = theMail(relay, second).parsed;
      expect(next.inReplyTo).toBe(row.message_id_header);
      expect(next.references).toEqual(['<first@customer.test>', row.message_id_header]);
      expect(next.text?.trim()).toBe('Fixed now.');
      expect(next.html).toContain('<p>Fixed now.</p>');
      expect(ticketMails(relay, ticket.number)).toHaveLength(2);
    });

    it('sends a backlog several mails at a time, over connections it keeps open', async () => {
      const tickets = [];
      for (let i = 0; i < 6; i++) {
        tickets.push(await openTicket({ email: `backlog-${i}-${unique()}@customer.test` }));
      }
      const connectionsBefore = relay.connections;
      // Each mail waits at the server until three are being handed over at once: one sender
      // at a time would get there only by timing out, one mail every two seconds.
      const endHold = relay.holdUntilAtOnce(3, 2_000);
      try {
        const replies = await Promise.all(tickets.map((ticket) => reply(ticket.id)));
        for (const messageId of replies) {
          expect(await settled(messageId)).toMatchObject({ status: 'sent', attempts: 1 });
        }
      } finally {
        endHold();
      }
      expect(relay.mostAtOnce).toBeGreaterThanOrEqual(3);
      // MAIL_SEND_CONCURRENCY (4) connections at most, some of them open already.
      expect(relay.connections - connectionsBefore).toBeLessThanOrEqual(4);
    });

    it("mails nothing for internal notes and customers' own messages", async () => {
      const customer = await aSignedInUser(server.url, server.dataSource, { role: 'customer' });
      const ticket = await openTicket({ email: customer.email });
      const note = await post(agent.auth, ticket.id, { text: 'Internal only', internal: true });
      expect(note.status).toBe(201);
      const own = await post(customer.auth, ticket.id, { text: 'Any news?' });
      expect(own.status).toBe(201);
      // The outbox is written in the message's transaction: nothing there now means never.
      expect(await outboxOfTicket(ticket.id)).toEqual([]);
      const [stored] = await server.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM ticket_messages
          WHERE ticket_id = $1 AND mail_message_id IS NOT NULL`,
        [ticket.id],
      );
      expect(stored?.count).toBe(0);

      // Nor staff's own words back to them, when they open a ticket for themselves.
      const forThemselves = await openTicket({ email: agent.email });
      await reply(forThemselves.id, { text: 'Note to self, in public' });
      expect(await outboxOfTicket(forThemselves.id)).toEqual([]);
    });

    it('mails nothing when the transaction storing the reply rolls back', async () => {
      const ticket = await openTicket({ email: `dan-${unique()}@customer.test` });
      const jobsBefore = await server.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM pgboss.job WHERE name = $1',
        [SEND_MAIL_JOB],
      );
      failingHook = true;
      try {
        const response = await post(agent.auth, ticket.id, { text: 'This never happened.' });
        expect(response.status).toBe(500);
      } finally {
        failingHook = false;
      }
      expect(await outboxOfTicket(ticket.id)).toEqual([]);
      const jobsAfter = await server.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM pgboss.job WHERE name = $1',
        [SEND_MAIL_JOB],
      );
      expect(jobsAfter).toEqual(jobsBefore);
      const messages = await server.dataSource.query<unknown[]>(
        'SELECT 1 FROM ticket_messages WHERE ticket_id = $1 AND body_text = $2',
        [ticket.id, 'This never happened.'],
      );
      expect(messages).toEqual([]);
    });

    it('mails nothing for a ticket whose queue has no mailbox', async () => {
      const loneQueue = (await aQueue(server.dataSource)).id;
      await grant(server.dataSource, loneQueue, { userId: agent.id }, 'reply');
      const ticket = await openTicket(
        { email: `erin-${unique()}@customer.test` },
        { queueId: loneQueue },
      );
      await reply(ticket.id);
      expect(await outboxOfTicket(ticket.id)).toEqual([]);
    });

    it('retries a temporary refusal (451) and sends the reply once', async () => {
      const ticket = await openTicket({ email: `fay-${unique()}@customer.test` });
      relay.refuseNext(451, 'Greylisted, try again later');
      const transactions = relay.transactions;
      const row = await settled(await reply(ticket.id));
      expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      expect(relay.transactions - transactions).toBe(2);
      theMail(relay, row);
      expect(ticketMails(relay, ticket.number)).toHaveLength(1);
      expect(await timelineNotes(ticket.id)).toEqual([]);
    });

    it('gives up on a permanent refusal (550) at once and tells the agents in a note', async () => {
      const gus = `gus-${unique()}@customer.test`;
      const ticket = await openTicket({ email: gus });
      relay.refuseNext(550, 'No such user here');
      const transactions = relay.transactions;
      const row = await settled(await reply(ticket.id));
      expect(row).toMatchObject({
        status: 'failed',
        attempts: 1,
        last_error: '550 No such user here',
      });
      expect(await sendJobOf(row.id)).toEqual({ state: 'completed', retry_count: 0 });
      expect(relay.transactions - transactions).toBe(1);
      expect(ticketMails(relay, ticket.number)).toEqual([]);
      expect(await timelineNotes(ticket.id)).toEqual([
        `Reply could not be delivered to ${gus}: 550 No such user here`,
      ]);
    });

    it('gives up when the temporary refusals outlast the retries, with a note', async () => {
      const ned = `ned-${unique()}@customer.test`;
      const ticket = await openTicket({ email: ned });
      // The first attempt and both retries (MAIL_RETRY_LIMIT=2) are deferred. An attempt over a
      // kept-open connection that the server closes with its 421 tries once more on a new one
      // at once, so an attempt may use up two refusals.
      for (let i = 0; i < 6; i++) relay.refuseNext(421, 'Service not available');
      const row = await settled(await reply(ticket.id)).finally(() => relay.clearRefusals());
      expect(row).toMatchObject({
        status: 'failed',
        attempts: 3,
        last_error: '421 Service not available',
      });
      expect(await sendJobOf(row.id)).toEqual({ state: 'completed', retry_count: 2 });
      expect(await timelineNotes(ticket.id)).toEqual([
        `Reply could not be delivered to ${ned}: 421 Service not available`,
      ]);
    });

    it('never sends a sent mail again, whatever runs its job', async () => {
      const ticket = await openTicket({ email: `hal-${unique()}@customer.test` });
      const row = await settled(await reply(ticket.id));
      expect(row.status).toBe('sent');
      const jobs = server.server.app.get(JobService);
      const jobId = await server.dataSource.transaction((manager) =>
        jobs.sendInTransaction(manager, SEND_MAIL_JOB, { outgoingMailId: row.id }),
      );
      expect(await waitForJob(jobs, SEND_MAIL_JOB, jobId)).toBe('completed');
      expect(relay.withMessageId(row.message_id_header)).toHaveLength(1);
      expect((await outboxOf(row.ticket_message_id))[0]?.attempts).toBe(1);
    });

    it('answers from the mailbox the customer wrote to, through its own server', async () => {
      const ivy = `ivy-${unique()}@customer.test`;
      const ticket = await openTicket({ email: ivy });
      // Intake imported Ivy's mail through the billing mailbox (the ticket is in another queue).
      await server.dataSource.query(
        `INSERT INTO inbound_mails (mailbox_id, message_key, raw, size, status, ticket_id,
                                    ticket_message_id, processed_at)
         VALUES ($1, '<ivy@customer.test>', 'x', 1, 'imported', $2, $3, now())`,
        [billingMailboxId, ticket.id, ticket.firstMessageId],
      );
      const row = await settled(await reply(ticket.id));
      expect(row.status).toBe('sent');
      const parsed = theMail(billingRelay, row).parsed;
      expect(addresses(parsed.from)).toEqual([
        { name: 'Acme Billing', address: 'billing@acme.test' },
      ]);
      expect(row.message_id_header).toMatch(/@acme\.test>$/);
      expect(relay.withMessageId(row.message_id_header)).toEqual([]);
    });
  });

  describe('acknowledgements', () => {
    it('holds them back while a backlog of mail is imported, not the replies', async () => {
      const kim = { email: `kim-${unique()}@customer.test`, name: 'Kim' };
      const ticket = await openTicket(kim, { subject: 'Backlog' });
      const backlog = server.server.app.get(IntakeBacklog);
      const endBacklog = backlog.begin();
      try {
        await acknowledge(ticket);
        const [ack] = await outboxOf(ticket.firstMessageId);
        // A send worker took the acknowledgement's job and waits with it.
        const deadline = Date.now() + 30_000;
        let state: string | undefined;
        while (state !== 'active' && Date.now() < deadline) {
          const [job] = await server.dataSource.query<{ state: string }[]>(
            `SELECT state FROM pgboss.job WHERE name = $1 AND data->>'outgoingMailId' = $2`,
            [SEND_AUTOMATIC_MAIL_JOB, ack?.id],
          );
          state = job?.state;
          if (state !== 'active') await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(state).toBe('active');
        // A reply written meanwhile goes out; the acknowledgement is still waiting.
        expect(await settled(await reply(ticket.id))).toMatchObject({ status: 'sent' });
        expect((await outboxOf(ticket.firstMessageId))[0]).toMatchObject({
          kind: 'acknowledgement',
          status: 'queued',
          attempts: 0,
        });
      } finally {
        endBacklog();
      }
      expect(await settled(ticket.firstMessageId, 'acknowledgement')).toMatchObject({
        status: 'sent',
        attempts: 1,
      });
    });

    it('acknowledges a ticket opened by mail, once, as an automatic reply', async () => {
      const jo = { email: `jo-${unique()}@customer.test`, name: 'Jo <Admin>' };
      const ticket = await openTicket(jo, { subject: 'Invoice & refund' });
      // Opened through the API: no acknowledgement.
      expect(await outboxOfTicket(ticket.id)).toEqual([]);
      await cameInAs(ticket.firstMessageId, '<jo-1@customer.test>');
      await acknowledge(ticket);
      await acknowledge(ticket); // the same message again: still one
      const row = await settled(ticket.firstMessageId, 'acknowledgement');
      expect(row).toMatchObject({ status: 'sent', recipient: jo.email });
      expect(await outboxOfTicket(ticket.id)).toHaveLength(1);

      const parsed = theMail(relay, row).parsed;
      expect(addresses(parsed.from)).toEqual([
        { name: 'Acme Support', address: 'support@acme.test' },
      ]);
      expect(addresses(parsed.to)).toEqual([{ name: 'Jo <Admin>', address: jo.email }]);
      expect(parsed.subject).toBe(
        `We received your request: Invoice & refund [${HOOK}${ticket.number}]`,
      );
      expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
      expect(parsed.inReplyTo).toBe('<jo-1@customer.test>');
      expect(parsed.text).toContain(`ticket ${HOOK}${ticket.number}`);
      expect(parsed.text).toContain('Hello Jo <Admin>,');
      expect(parsed.html).toContain('Hello Jo &lt;Admin&gt;,');
      expect(parsed.html).toContain(`<strong>${HOOK}${ticket.number}</strong>`);
    });

    it('renders the acknowledgement into the outbox when queued; a reply carries its message', async () => {
      const uma = { email: `uma-${unique()}@customer.test`, name: 'Uma' };
      const ticket = await openTicket(uma, { subject: 'Keyboard' });
      await acknowledge(ticket);
      const [ack] = await server.dataSource.query<{ body_text: string; body_html: string }[]>(
        `SELECT body_text, body_html FROM outgoing_mails
          WHERE ticket_message_id = $1 AND kind = 'acknowledgement'`,
        [ticket.firstMessageId],
      );
      expect(ack?.body_text).toContain(`opened\nticket ${HOOK}${ticket.number}`);
      expect(ack?.body_html).toMatch(/^<!DOCTYPE html>[\s\S]*Hello Uma,/);
      const replyId = await reply(ticket.id);
      const [stored] = await server.dataSource.query<{ body_text: null; body_html: null }[]>(
        `SELECT body_text, body_html FROM outgoing_mails WHERE ticket_message_id = $1`,
        [replyId],
      );
      expect(stored).toEqual({ body_text: null, body_html: null });
      await settled(ticket.firstMessageId, 'acknowledgement');
    });

    it('sends an acknowledgement queued without its text (by an earlier version), rendered now', async () => {
      const vic = { email: `vic-${unique()}@customer.test`, name: 'Vic' };
      const ticket = await openTicket(vic, { subject: 'Old mail' });
      const [mailbox] = await server.dataSource.query<{ id: string }[]>(
        "SELECT id FROM mailboxes WHERE address = 'support@acme.test'",
      );
      const messageId = `<${unique()}@acme.test>`;
      const [row] = await server.dataSource.query<{ id: string }[]>(
        `INSERT INTO outgoing_mails (ticket_id, ticket_message_id, mailbox_id, kind, recipient,
                                     to_addresses, subject, message_id_header)
         VALUES ($1, $2, $3, 'acknowledgement', $4, $5::jsonb, $6, $7) RETURNING id`,
        [
          ticket.id,
          ticket.firstMessageId,
          mailbox?.id,
          vic.email,
          JSON.stringify([{ address: vic.email, name: vic.name }]),
          `We received your request: Old mail [${HOOK}${ticket.number}]`,
          messageId,
        ],
      );
      const jobs = server.server.app.get(JobService);
      const jobId = await server.dataSource.transaction((manager) =>
        jobs.sendInTransaction(manager, SEND_MAIL_JOB, { outgoingMailId: row?.id }),
      );
      expect(await waitForJob(jobs, SEND_MAIL_JOB, jobId)).toBe('completed');
      const [mail] = relay.withMessageId(messageId);
      expect(mail?.parsed.text).toContain('Hello Vic,');
      expect(mail?.parsed.text).toContain(`ticket ${HOOK}${ticket.number}`);
      expect(mail?.parsed.html).toContain(`<strong>${HOOK}${ticket.number}</strong>`);
    });

    it('does not acknowledge automatic mail', async () => {
      const ticket = await openTicket({ email: `kim-${unique()}@customer.test` });
      await acknowledge(ticket, true);
      expect(await outboxOfTicket(ticket.id)).toEqual([]);
    });

    it('acknowledges one sender at most three times an hour', async () => {
      const lee = `lee-${unique()}@customer.test`;
      const tickets = [];
      for (let i = 0; i < 4; i++) tickets.push(await openTicket({ email: lee }));
      for (const ticket of tickets) await acknowledge(ticket);
      const rows = await server.dataSource.query<{ ticket_id: string }[]>(
        `SELECT ticket_id FROM outgoing_mails WHERE kind = 'acknowledgement' AND recipient = $1`,
        [lee],
      );
      expect(rows.map((row) => row.ticket_id).sort()).toEqual(
        tickets
          .slice(0, 3)
          .map((ticket) => ticket.id)
          .sort(),
      );
      for (const ticket of tickets.slice(0, 3)) {
        expect((await settled(ticket.firstMessageId, 'acknowledgement')).status).toBe('sent');
      }
    });

    it('never acknowledges machines, undeliverable addresses or its own mailboxes', async () => {
      const machine = await openTicket({ email: `no-reply-${unique()}@vendor.test` });
      const daemon = await openTicket({ email: 'MAILER-DAEMON@vendor.test' });
      const own = await openTicket({ email: 'billing@acme.test' });
      const bounced = await openTicket({ email: `max-${unique()}@customer.test` });
      await server.dataSource.query(
        'UPDATE users SET email_undeliverable_at = now() WHERE id = $1',
        [bounced.requesterId],
      );
      for (const ticket of [machine, daemon, own, bounced]) {
        await acknowledge(ticket);
        expect(await outboxOfTicket(ticket.id)).toEqual([]);
      }
    });
  });
});

// The embedded database has a single connection: the outbox row, the message and the job must
// all go through the transaction's own, or the request would wait forever.
describe('outgoing mail on the embedded database', () => {
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

  it('queues and sends a reply', async () => {
    const admin = await aSignedInUser(server.url, server.dataSource, { role: 'admin' });
    const queueId = (await aQueue(server.dataSource)).id;
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
      .set('Authorization', admin.auth)
      .send({ subject: 'Hi', text: 'Hello', queueId, requester: { email: 'pat@customer.test' } })
      .expect(201);
    await request(server.url)
      .post(`/api/v1/tickets/${ticket.body.id}/messages`)
      .set('Authorization', admin.auth)
      .send({ text: 'Hello Pat' })
      .expect(201);
    const deadline = Date.now() + 30_000;
    while (relay.messages.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(relay.messages.map((mail) => mail.recipients)).toEqual([['pat@customer.test']]);
    const [row] = await server.dataSource.query<{ status: string }[]>(
      'SELECT status FROM outgoing_mails',
    );
    expect(row?.status).toBe('sent');
  });
});
