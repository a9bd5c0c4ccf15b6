// The mail template API (admins list, read, change, reset and preview templates), and an edited
// acknowledgement end to end: a customer's mail on a real IMAP server (Dovecot) opens a ticket
// through intake, and what reaches the real SMTP server (smtp-server) is the edited template,
// as it was when the mail was queued.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import { aMail, aMailbox, eventually, runIntake, type TestMailbox } from './harness/mail-intake.js';
import { problemFieldsOf } from './harness/problem.js';
import { startSmtpSink, type SmtpSink } from './harness/smtp-sink.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface MailTemplate {
  key: string;
  name: string;
  description: string;
  variables: { name: string; description: string }[];
  subject: string;
  text: string;
  html: string;
  customized: boolean;
  updatedAt: string | null;
}

interface FieldError {
  field: string;
  message: string;
}

const HOOK = 'Acme#';
const PUBLIC_URL = 'https://help.acme.test';
const KEYS = ['acknowledgement', 'agent-assigned', 'customer-replied'];
const unique = () => randomBytes(4).toString('hex');

describe('mail templates', () => {
  let server: TestServer;
  let dovecot: Dovecot;
  let relay: SmtpSink;
  let admin: SignedIn;
  let queueId: string;
  let mailbox: TestMailbox;

  const api = () => request(server.url);
  const as = (user: SignedIn) => ({ Authorization: user.auth });

  const getTemplate = async (key: string): Promise<MailTemplate> =>
    (await api().get(`/api/v1/mail-templates/${key}`).set(as(admin)).expect(200))
      .body as MailTemplate;

  const put = (key: string, body: Record<string, unknown>) =>
    api().put(`/api/v1/mail-templates/${key}`).set(as(admin)).send(body);

  const preview = (key: string, body: Record<string, unknown>) =>
    api().post(`/api/v1/mail-templates/${key}/preview`).set(as(admin)).send(body);

  const auditOf = async (key: string) => {
    const response = await api()
      .get('/api/v1/audit-events')
      .query({ entityType: 'mail_template', entityId: key })
      .set(as(admin))
      .expect(200);
    return response.body.items as {
      action: string;
      actorId: string;
      before: unknown;
      after: unknown;
    }[];
  };

  const errorsOf = (body: { errors?: FieldError[] }) => body.errors ?? [];

  beforeAll(async () => {
    [dovecot, relay] = await Promise.all([startDovecot([]), startSmtpSink()]);
    server = await startTestServer({
      database: 'postgres',
      env: {
        PUBLIC_URL,
        SMTP_HOST: relay.host,
        SMTP_PORT: String(relay.port),
        SMTP_TLS: 'none',
        MAIL_RETRY_DELAY_SECONDS: '1',
        MAIL_RETRY_LIMIT: '3',
      },
    });
    const db = server.dataSource;
    admin = await aSignedInUser(server.url, db, { role: 'admin', name: 'Grace Admin' });
    queueId = (await aQueue(db, { name: 'Hardware' })).id;
    mailbox = await aMailbox(db, dovecot, { queueId });
    await api().patch('/api/v1/settings').set(as(admin)).send({ ticketHook: HOOK }).expect(200);
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all([dovecot?.stop(), relay?.stop()]);
  });

  describe('access', () => {
    it('answers 401 without a token, and 403 to agents (even managers) and customers', async () => {
      await api().get('/api/v1/mail-templates').expect(401);
      const manager = await aSignedInUser(server.url, server.dataSource, { role: 'agent' });
      await grant(server.dataSource, queueId, { userId: manager.id }, 'manage');
      const customer = await aSignedInUser(server.url, server.dataSource, { role: 'customer' });
      const draft = { subject: 'x {{subject}}', text: 'x', html: 'x' };
      for (const user of [manager, customer]) {
        const answers = [
          await api().get('/api/v1/mail-templates').set(as(user)),
          await api().get('/api/v1/mail-templates/acknowledgement').set(as(user)),
          await api().put('/api/v1/mail-templates/acknowledgement').set(as(user)).send(draft),
          await api().delete('/api/v1/mail-templates/acknowledgement').set(as(user)),
          await api().post('/api/v1/mail-templates/acknowledgement/preview').set(as(user)).send({}),
        ];
        expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403]);
        expect(answers[0]?.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      // Nothing of theirs was stored.
      expect((await getTemplate('acknowledgement')).customized).toBe(false);
    });
  });

  describe('list and read', () => {
    it('lists every template in a fixed order, with the defaults and their variables', async () => {
      const response = await api().get('/api/v1/mail-templates').set(as(admin)).expect(200);
      const items = response.body.items as MailTemplate[];
      expect(items.map((item) => item.key)).toEqual(KEYS);
      for (const item of items) {
        expect(item).toMatchObject({ customized: false, updatedAt: null });
        expect(item.name).not.toBe('');
        expect(item.description).not.toBe('');
        expect(item.subject).toContain('{{');
        for (const variable of item.variables) expect(variable.description).not.toBe('');
      }
      const [ack, assigned, replied] = items;
      expect(ack?.variables.map((variable) => variable.name)).toEqual([
        'ticketNumber',
        'ticketReference',
        'subject',
        'requesterName',
        'mailboxName',
      ]);
      expect(ack?.subject).toBe('We received your request: {{subject}}');
      for (const agentTemplate of [assigned, replied]) {
        expect(agentTemplate?.variables.map((variable) => variable.name)).toEqual(
          expect.arrayContaining([
            'agentName',
            'ticketNumber',
            'ticketReference',
            'subject',
            'requesterName',
            'requesterEmail',
            'queueName',
            'ticketUrl',
          ]),
        );
      }
      expect(assigned?.variables.map((variable) => variable.name)).toContain('actorName');
      expect(replied?.variables.map((variable) => variable.name)).toContain('messageExcerpt');
    });

    it('reads one template, and answers 404 for a key it does not know', async () => {
      const template = await getTemplate('agent-assigned');
      expect(template.key).toBe('agent-assigned');
      const unknown = await api().get('/api/v1/mail-templates/goodbye').set(as(admin));
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      await put('goodbye', { subject: 'x', text: 'x', html: 'x' }).expect(404);
      await api().delete('/api/v1/mail-templates/goodbye').set(as(admin)).expect(404);
      await preview('goodbye', {}).expect(404);
    });
  });

  describe('change and reset', () => {
    it('stores an edited template, in the audit trail, until it is deleted', async () => {
      const before = await getTemplate('customer-replied');
      const edited = {
        subject: '{{authorName}} wrote on #{{ticketNumber}}',
        text: 'Hi {{agentName}}, {{messageExcerpt}} {{ticketUrl}}',
        html: '<p>Hi {{agentName}}</p><blockquote>{{messageExcerpt}}</blockquote>',
      };
      const saved = await put('customer-replied', edited);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        key: 'customer-replied',
        ...edited,
        customized: true,
        updatedAt: expect.stringMatching(/Z$/),
      });
      expect(await getTemplate('customer-replied')).toEqual(saved.body);
      const listed = await api().get('/api/v1/mail-templates').set(as(admin)).expect(200);
      expect((listed.body.items as MailTemplate[])[2]).toEqual(saved.body);

      expect(await auditOf('customer-replied')).toEqual([
        expect.objectContaining({
          action: 'mail_template.update',
          actorId: admin.id,
          before: {
            customized: false,
            subject: before.subject,
            text: before.text,
            html: before.html,
          },
          after: { customized: true, ...edited },
        }),
      ]);

      await api().delete('/api/v1/mail-templates/customer-replied').set(as(admin)).expect(204);
      expect(await getTemplate('customer-replied')).toEqual(before);
      const audit = await auditOf('customer-replied');
      expect(audit.map((event) => event.action).sort()).toEqual([
        'mail_template.reset',
        'mail_template.update',
      ]);
      // Deleting the default again changes nothing, and is no news for the trail.
      await api().delete('/api/v1/mail-templates/customer-replied').set(as(admin)).expect(204);
      expect(await auditOf('customer-replied')).toHaveLength(2);
    });

    it('refuses a draft naming each bad part and what is wrong, and stores nothing', async () => {
      const good = {
        subject: 'Assigned: #{{ticketNumber}}',
        text: '{{agentName}}',
        html: '<p>ok</p>',
      };
      await put('agent-assigned', good).expect(200);
      const stored = await getTemplate('agent-assigned');

      const unknownVariable = await put('agent-assigned', {
        ...good,
        text: 'Hello {{agentName}},\n\n{{#if actorName}}\n{{requesterPhone}}\n{{/if}}',
      });
      expect(unknownVariable.status).toBe(400);
      expect(problemFieldsOf(unknownVariable)).toEqual(['text']);
      expect(errorsOf(unknownVariable.body)).toEqual([
        {
          field: 'text',
          message: 'uses {{requesterPhone}} on line 4, which is not a variable of this template',
        },
      ]);

      const broken = await put('agent-assigned', {
        subject: '{{mailboxName}} #{{ticketNumber}}',
        text: good.text,
        html: '<p>\n{{#if actorName}}by {{actorName}}\n</p>',
      });
      expect(broken.status).toBe(400);
      expect(problemFieldsOf(broken)).toEqual(['html', 'subject']);
      const messages = Object.fromEntries(
        errorsOf(broken.body).map((error) => [error.field, error.message]),
      );
      // mailboxName belongs to the acknowledgement, not to this template.
      expect(messages.subject).toBe(
        'uses {{mailboxName}} on line 1, which is not a variable of this template',
      );
      expect(messages.html).toMatch(/^has a syntax error on line 3: /);

      const unescaped = await put('agent-assigned', {
        ...good,
        html: '<p>{{{requesterName}}}</p>',
      });
      expect(problemFieldsOf(unescaped)).toEqual(['html']);

      const incomplete = await put('agent-assigned', { subject: ' ', html: 5 });
      expect(incomplete.status).toBe(400);
      expect(problemFieldsOf(incomplete)).toEqual(['html', 'subject', 'text']);

      expect(await getTemplate('agent-assigned')).toEqual(stored);
      expect((await auditOf('agent-assigned')).map((event) => event.action)).toEqual([
        'mail_template.update',
      ]);
      await api().delete('/api/v1/mail-templates/agent-assigned').set(as(admin)).expect(204);
    });
  });

  describe('preview', () => {
    it('renders a draft with sample values, as it would be mailed, without storing it', async () => {
      const response = await preview('acknowledgement', {
        subject: 'Got it:\n {{subject}}',
        html: '<p>Dear {{requesterName}}, re {{ticketReference}} &amp; {{subject}}</p>',
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        subject: `Got it: The printer on the 2nd floor is jammed [${HOOK}10042]`,
        // The part left out is the stored one (here the default).
        text: expect.stringContaining(`ticket ${HOOK}10042 for it`),
        html: expect.stringMatching(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/),
      });
      expect(response.body.html).toContain(
        `<p>Dear Ann Example, re ${HOOK}10042 &amp; The printer on the 2nd floor is jammed</p>`,
      );
      expect((await getTemplate('acknowledgement')).customized).toBe(false);

      const assigned = await preview('agent-assigned', {});
      expect(assigned.status).toBe(200);
      expect(assigned.body.text).toContain(`Open it: ${PUBLIC_URL}/tickets/10042`);
    });

    it("renders with a real ticket's values, the ticket named by id or number", async () => {
      const customer = await aSignedInUser(server.url, server.dataSource, {
        role: 'customer',
        name: 'Kim <Customer>',
      });
      const opened = await api()
        .post('/api/v1/tickets')
        .set(as(customer))
        .send({ subject: 'Laptop & dock', text: 'It is slow.', queueId })
        .expect(201);
      const ticket = opened.body as { id: string; number: number };
      await api()
        .post(`/api/v1/tickets/${ticket.id}/messages`)
        .set(as(customer))
        .send({ text: 'Still slow <today>.' })
        .expect(201);

      const ack = await preview('acknowledgement', { ticketId: ticket.id });
      expect(ack.status).toBe(200);
      expect(ack.body.subject).toBe(
        `We received your request: Laptop & dock [${HOOK}${ticket.number}]`,
      );
      expect(ack.body.text).toContain('Hello Kim <Customer>,');
      expect(ack.body.html).toContain('Hello Kim &lt;Customer&gt;,');
      // The mailbox the ticket would be answered from.
      expect(ack.body.text).toContain('thank you for writing to Support.');

      const replied = await preview('customer-replied', {
        ticketId: `#${ticket.number}`,
        text: '{{agentName}} / {{authorName}} / {{messageExcerpt}} / {{ticketUrl}}',
      });
      expect(replied.status).toBe(200);
      // Unassigned: the admin previewing stands in for the agent.
      expect(replied.body.text).toBe(
        `Grace Admin / Kim <Customer> / Still slow <today>. / ${PUBLIC_URL}/tickets/${ticket.number}`,
      );
      expect(replied.body.html).toContain('Still slow &lt;today&gt;.');
    });

    it('refuses a bad draft naming its part, and a ticket that does not exist', async () => {
      const draft = await preview('customer-replied', {
        subject: '{{actorName}}',
        text: '{{#if}}',
      });
      expect(draft.status).toBe(400);
      expect(problemFieldsOf(draft)).toEqual(['subject', 'text']);
      expect(errorsOf(draft.body).find((error) => error.field === 'subject')?.message).toContain(
        '{{actorName}}',
      );
      for (const ticketId of ['99999999', randomUUID(), 'not a ticket']) {
        const missing = await preview('acknowledgement', { ticketId });
        expect(missing.status).toBe(400);
        expect(problemFieldsOf(missing)).toEqual(['ticketId']);
      }
    });
  });

  describe('an edited acknowledgement', () => {
    it('is what reaches the customer, as it was when the mail was queued', async () => {
      await put('acknowledgement', {
        subject: 'Ticket {{ticketReference}} is open: {{subject}}',
        text: 'Dear {{#if requesterName}}{{requesterName}}{{else}}customer{{/if}}, {{mailboxName}} has {{ticketReference}}.',
        html: '<h1>{{mailboxName}}</h1><p>Dear {{requesterName}}: {{subject}}</p>',
      }).expect(200);
      const from = `pat-${unique()}@customer.test`;
      const messageKey = `<${unique()}@customer.test>`;
      // The first attempt is deferred: the mail is still in flight when the template changes.
      relay.refuseNext(451, 'Greylisted, try again later');
      await dovecot.deliver(
        mailbox.user,
        await aMail({
          from: { name: 'Pat <Smith>', address: from },
          to: mailbox.address,
          subject: 'Monitor & cable',
          text: 'My monitor flickers.',
          messageId: messageKey,
        }),
      );
      expect((await runIntake(server, mailbox.id)).imported).toBe(1);
      const [queued] = await server.dataSource.query<
        { id: string; number: number; status: string; message_id_header: string }[]
      >(
        `SELECT o.id, t.number, o.status, o.message_id_header
           FROM outgoing_mails o JOIN tickets t ON t.id = o.ticket_id
          WHERE o.kind = 'acknowledgement' AND o.recipient = $1`,
        [from],
      );
      if (!queued) throw new Error('no acknowledgement queued');
      await put('acknowledgement', {
        subject: 'Changed after queueing',
        text: 'Changed',
        html: 'Changed',
      }).expect(200);
      const [stillQueued] = await server.dataSource.query<{ status: string }[]>(
        'SELECT status FROM outgoing_mails WHERE id = $1',
        [queued.id],
      );
      expect(stillQueued?.status).toBe('queued');

      const mail = await eventually('the acknowledgement at the SMTP server', () =>
        Promise.resolve(relay.withMessageId(queued.message_id_header).at(0)),
      );
      const number = queued.number;
      expect(mail.recipients).toEqual([from]);
      expect(mail.parsed.subject).toBe(
        `Ticket ${HOOK}${number} is open: Monitor & cable [${HOOK}${number}]`,
      );
      expect(mail.parsed.text?.trim()).toBe(`Dear Pat <Smith>, Support has ${HOOK}${number}.`);
      expect(mail.parsed.html).toContain(
        '<h1>Support</h1><p>Dear Pat &lt;Smith&gt;: Monitor &amp; cable</p>',
      );
      expect(mail.parsed.inReplyTo).toBe(messageKey);
      expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-replied');
      await api().delete('/api/v1/mail-templates/acknowledgement').set(as(admin)).expect(204);
    });
  });
});
