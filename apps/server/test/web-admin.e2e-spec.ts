// Administration and reports in a real browser: an admin creates a queue and grants an agent
// access, the agent then sees it; mailboxes; mail templates; mail notifications; personal API
// tokens; the reports dashboard.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import {
  launchBrowser,
  newContext,
  requireWebBuild,
  saveScreenshot,
  signInThroughUi,
} from './harness/browser.js';
import { aQueue, aSignedInUser, grant, type TestUser } from './harness/identity.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

/** What assistive technology reads after a control's name: the text of its aria-describedby. */
function accessibleDescription(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id: string) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('administration in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: SignedIn;
  let agent: SignedIn;
  const contexts: BrowserContext[] = [];

  async function pageFor(user: TestUser): Promise<Page> {
    const context = await newContext(browser, server.url);
    contexts.push(context);
    return signInThroughUi(context, user.email);
  }

  beforeAll(async () => {
    const webDir = requireWebBuild();
    [server, browser] = await Promise.all([
      startTestServer({ database: 'postgres', env: { TESSERA_WEB_DIR: webDir } }),
      launchBrowser(),
    ]);
    admin = await aSignedInUser(server.url, server.dataSource, {
      role: 'admin',
      name: 'Grace Admin',
      email: 'grace@helpdesk.test',
    });
    agent = await aSignedInUser(server.url, server.dataSource, {
      role: 'agent',
      name: 'Rey Agent',
      email: 'rey@helpdesk.test',
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('lets an admin create a queue and grant an agent access, which the agent then sees', async () => {
    const agentPage = await pageFor(agent);
    const agentViews = agentPage.getByRole('navigation', { name: 'Ticket views' });
    await agentViews.getByText('No queues you can see yet.').waitFor();

    const page = await pageFor(admin);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Queues and access' })
      .click();
    await page.getByText('New queue').click();
    const form = page.getByRole('form', { name: 'New queue' });
    await form.getByLabel('Name').fill('Hardware Returns');
    await expect(form.getByLabel('Slug').inputValue()).resolves.toBe('hardware-returns');
    await form.getByRole('button', { name: 'Create queue' }).click();
    await page.getByRole('status').filter({ hasText: 'Queue Hardware Returns created.' }).waitFor();

    await page.getByRole('link', { name: 'Hardware Returns' }).click();
    await page.getByRole('heading', { name: 'Queue: Hardware Returns' }).waitFor();
    const access = page.getByRole('form', { name: 'Grant access' });
    await access
      .getByRole('combobox', { name: 'Agent or team' })
      .selectOption({ label: 'Rey Agent (rey@helpdesk.test)' });
    await access.getByRole('combobox', { name: 'Level' }).selectOption('reply');
    await access.getByRole('button', { name: 'Grant access' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Rey Agent now has reply access to Hardware Returns.' })
      .waitFor();
    await page.getByRole('row', { name: /Rey Agent/ }).waitFor();

    // A ticket waits there, so the agent's count is not zero.
    const queues = await request(server.url)
      .get('/api/v1/queues')
      .set('Authorization', admin.auth)
      .expect(200);
    const hardware = (queues.body.items as { id: string; name: string }[]).find(
      (queue) => queue.name === 'Hardware Returns',
    );
    await request(server.url)
      .post('/api/v1/tickets')
      .set('Authorization', admin.auth)
      .send({
        subject: 'Laptop arrived broken',
        queueId: hardware?.id,
        requester: { email: 'dan@customer.test', name: 'Dan Customer' },
        text: 'The screen is cracked.',
      })
      .expect(201);

    // The agent's sidebar catches up on its next refresh (here: the window regaining focus).
    await agentPage.reload();
    await agentViews.getByRole('link', { name: 'Hardware Returns, 1 open' }).click();
    await agentPage.getByRole('link', { name: 'Laptop arrived broken' }).waitFor();
  });

  it('tests a new mailbox connection, then adds the mailbox', async () => {
    const queue = await aQueue(server.dataSource, { name: 'Sales', slug: 'sales' });
    const page = await pageFor(admin);
    await page.goto('/admin/mailboxes');
    await page.getByRole('heading', { name: 'Mailboxes', level: 1 }).waitFor();
    await page.getByText('New mailbox').click();
    const form = page.getByRole('form', { name: 'New mailbox' });
    await form.getByLabel('Address').fill('sales@helpdesk.test');
    await form.getByLabel('Display name').fill('Acme Sales');
    await form.getByRole('combobox', { name: 'Queue for new tickets' }).selectOption(queue.id);
    // Nothing listens on port 1: the test says so, in words.
    await form.getByLabel('IMAP server').fill('127.0.0.1');
    await form.getByLabel('IMAP port').fill('1');
    await form.getByRole('combobox', { name: 'IMAP security' }).selectOption('none');
    await form.getByLabel('IMAP user').fill('sales');
    await form.getByLabel(/^IMAP password/).fill('secret-imap-password');
    const acknowledge = form.getByRole('checkbox', { name: 'Acknowledge new tickets by mail' });
    await expect(acknowledge.isChecked()).resolves.toBe(true);
    await acknowledge.uncheck();
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form
      .getByRole('status')
      .getByText(/^✗ IMAP: /)
      .waitFor();

    await form.getByRole('button', { name: 'Create mailbox' }).click();
    await page.getByRole('status').filter({ hasText: 'sales@helpdesk.test created.' }).waitFor();
    const row = page.getByRole('row', { name: /sales@helpdesk\.test/ });
    await row.getByRole('cell', { name: 'Sales', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Off', exact: true }).waitFor();
    const acknowledges = async () => {
      const mailboxes = await request(server.url)
        .get('/api/v1/mailboxes')
        .set('Authorization', admin.auth)
        .expect(200);
      const sales = (
        mailboxes.body.items as { address: string; acknowledgeNewTickets: boolean }[]
      ).find((mailbox) => mailbox.address === 'sales@helpdesk.test');
      return sales?.acknowledgeNewTickets;
    };
    await expect(acknowledges()).resolves.toBe(false);

    // Turned back on in the edit form, the password kept.
    await row.getByRole('button', { name: 'Edit sales@helpdesk.test' }).click();
    const edit = page.getByRole('form', { name: 'Edit sales@helpdesk.test' });
    const editAcknowledge = edit.getByRole('checkbox', { name: 'Acknowledge new tickets by mail' });
    await expect(editAcknowledge.isChecked()).resolves.toBe(false);
    await editAcknowledge.check();
    await edit.getByRole('button', { name: 'Save mailbox' }).click();
    await page.getByRole('status').filter({ hasText: 'sales@helpdesk.test saved.' }).waitFor();
    await row.getByRole('cell', { name: 'Sent', exact: true }).waitFor();
    await expect(acknowledges()).resolves.toBe(true);
  });

  it('edits a mail template: refuses an unknown variable, previews, saves and resets', async () => {
    const billing = await aQueue(server.dataSource, { name: 'Billing', slug: 'billing' });
    const created = await request(server.url)
      .post('/api/v1/tickets')
      .set('Authorization', admin.auth)
      .send({
        subject: 'Invoice is missing',
        queueId: billing.id,
        requester: { email: 'olga@customer.test', name: 'Olga Customer' },
        text: 'I got no invoice for March.',
      })
      .expect(201);
    const number = created.body.number as number;
    const settings = await request(server.url)
      .get('/api/v1/settings')
      .set('Authorization', admin.auth)
      .expect(200);
    const reference = `${settings.body.ticketHook as string}${number}`;
    const stored = async () =>
      (
        await request(server.url)
          .get('/api/v1/mail-templates/acknowledgement')
          .set('Authorization', admin.auth)
          .expect(200)
      ).body as { customized: boolean; subject: string; text: string; html: string };
    const defaults = await stored();
    expect(defaults.customized).toBe(false);

    const page = await pageFor(admin);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Mail templates' })
      .click();
    await page.getByRole('heading', { name: 'Mail templates', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Acknowledgement', exact: true }).click();
    await page.getByRole('heading', { name: 'Acknowledgement', level: 2 }).waitFor();
    const form = page.getByRole('form', { name: 'Edit Acknowledgement' });
    const subject = form.getByRole('textbox', { name: 'Subject' });
    const text = form.getByRole('textbox', { name: 'Text part' });
    const html = form.getByRole('textbox', { name: 'HTML part' });
    await expect(subject.inputValue()).resolves.toBe(defaults.subject);

    // A name the template does not offer: refused, the message at the field, nothing stored.
    await text.fill('Hello {{requesterPhone}}');
    await form.getByRole('button', { name: 'Save template' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Not saved: see the message at Text part.' })
      .waitFor();
    await expect(text.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(accessibleDescription(text)).resolves.toMatch(
      /requesterPhone.*not a variable of this template/,
    );
    await expect(subject.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(stored()).resolves.toMatchObject({ customized: false, text: defaults.text });

    // A valid draft, one variable inserted from the list, previewed with a real ticket.
    await subject.fill('Seen: {{subject}} via ');
    await page.getByRole('button', { name: 'Insert {{mailboxName}}' }).click();
    await expect(subject.inputValue()).resolves.toBe('Seen: {{subject}} via {{mailboxName}}');
    await text.fill('Hello {{requesterName}}, {{ticketReference}} is open.');
    await html.fill('<p>Thanks, {{requesterName}}! We opened <b>{{ticketReference}}</b>.</p>');
    const preview = page.getByRole('region', { name: 'Preview', exact: true });
    await preview.getByRole('textbox', { name: /^Ticket number/ }).fill(String(number));
    await preview.getByRole('button', { name: 'Preview', exact: true }).click();
    await preview.getByText(`Seen: Invoice is missing via Billing [${reference}]`).waitFor();
    await preview.getByText(`Hello Olga Customer, ${reference} is open.`).waitFor();
    const frame = preview.getByTitle('HTML part of Acknowledgement');
    await frame.contentFrame().getByText('Thanks, Olga Customer! We opened').waitFor();
    // Shown as mail HTML is everywhere in the app: no scripts in the sandbox.
    await expect(frame.getAttribute('sandbox')).resolves.not.toContain('allow-scripts');
    await saveScreenshot(page, 'mail-templates', { fullPage: true });

    // Another template opened and this one again: the draft is kept, marked unsaved in the list.
    const row = page.getByRole('row', { name: /^Acknowledgement/ });
    await row.getByText('Unsaved changes').waitFor();
    await page.getByRole('link', { name: 'Customer replied', exact: true }).click();
    await page.getByRole('heading', { name: 'Customer replied', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Acknowledgement', exact: true }).click();
    await page.getByRole('heading', { name: 'Acknowledgement', level: 2 }).waitFor();
    await expect(subject.inputValue()).resolves.toBe('Seen: {{subject}} via {{mailboxName}}');
    await expect(html.inputValue()).resolves.toBe(
      '<p>Thanks, {{requesterName}}! We opened <b>{{ticketReference}}</b>.</p>',
    );

    await form.getByRole('button', { name: 'Save template' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Acknowledgement saved: Tessera writes this mail from it now.' })
      .waitFor();
    await expect(row.getByText('Unsaved changes').count()).resolves.toBe(0);
    await expect(stored()).resolves.toMatchObject({
      customized: true,
      subject: 'Seen: {{subject}} via {{mailboxName}}',
    });
    await page.reload();
    await page
      .getByRole('row', { name: /^Acknowledgement/ })
      .getByText('Customised', { exact: true })
      .waitFor();
    await expect(subject.inputValue()).resolves.toBe('Seen: {{subject}} via {{mailboxName}}');

    // Back to the default, after a confirmation.
    await form.getByRole('button', { name: 'Reset to default' }).click();
    await form.getByRole('button', { name: 'Reset Acknowledgement to the default' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: "Acknowledgement is back to Tessera's default." })
      .waitFor();
    await expect(subject.inputValue()).resolves.toBe(defaults.subject);
    await page
      .getByRole('row', { name: /^Acknowledgement/ })
      .getByRole('cell', { name: 'Default', exact: true })
      .waitFor();
    await expect(stored()).resolves.toMatchObject({ customized: false, html: defaults.html });
  });

  it('lets a user turn their mail notifications off, and an admin turn them on again', async () => {
    const mailSetting = async () =>
      (
        await request(server.url)
          .get(`/api/v1/users/${agent.id}`)
          .set('Authorization', agent.auth)
          .expect(200)
      ).body.mailNotifications as boolean;
    await expect(mailSetting()).resolves.toBe(true);

    const page = await pageFor(agent);
    await page.getByRole('link', { name: /^Notifications/ }).click();
    await page.getByRole('heading', { name: 'Notifications by mail' }).waitFor();
    // Disabled (and unchecked) until the setting is read: only then does its state say anything.
    const checkbox = page.getByRole('checkbox', {
      name: 'Mail me about my tickets',
      disabled: false,
    });
    await checkbox.waitFor();
    await expect(checkbox.isChecked()).resolves.toBe(true);
    await checkbox.uncheck();
    await page.getByRole('status').filter({ hasText: 'Tessera no longer mails you.' }).waitFor();
    await expect(mailSetting()).resolves.toBe(false);

    const adminPage = await pageFor(admin);
    await adminPage.goto('/admin/users');
    const adminCheckbox = adminPage.getByRole('checkbox', {
      name: 'Rey Agent gets mail notifications',
    });
    await expect(adminCheckbox.isChecked()).resolves.toBe(false);
    // The list shows the change once the server made it.
    await adminCheckbox.click();
    await adminPage.getByRole('status').filter({ hasText: 'Rey Agent updated.' }).waitFor();
    await adminPage
      .getByRole('checkbox', { name: 'Rey Agent gets mail notifications', checked: true })
      .waitFor();
    await expect(mailSetting()).resolves.toBe(true);
  });

  it('creates an SLA policy', async () => {
    const page = await pageFor(admin);
    await page.goto('/admin/sla');
    await page.getByText('New policy').click();
    const form = page.getByRole('form', { name: 'New policy' });
    await form.getByLabel('Name').fill('Urgent everywhere');
    await form.getByRole('checkbox', { name: 'Urgent' }).check();
    await form.getByLabel('First response (minutes)').fill('30');
    await form.getByLabel('Resolution (minutes)').fill('480');
    await form.getByRole('button', { name: 'Create policy' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Policy Urgent everywhere created.' })
      .waitFor();
    const row = page.getByRole('row', { name: /Urgent everywhere/ });
    await row.getByText('priority Urgent').waitFor();
    await row.getByText('30 min').waitFor();
    await row.getByText('8 h').waitFor();
  });

  it('shows a new API token once and revokes it', async () => {
    const page = await pageFor(agent);
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('Token name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByLabel('New token').inputValue();
    expect(token).toMatch(/^tsr_/);
    await request(server.url).get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);

    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByLabel('New token').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByRole('status').filter({ hasText: 'CRM sync revoked' }).waitFor();
    await request(server.url).get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('draws the reports dashboard', async () => {
    const support = await aQueue(server.dataSource, { name: 'Support', slug: 'support' });
    await grant(server.dataSource, support.id, { userId: agent.id }, 'reply');
    // A month of history, imported as admins do when they move from another help desk; most of
    // it answered and resolved at its time (written straight to the database, as the API dates
    // answers now).
    const hour = 3_600_000;
    for (let index = 0; index < 40; index++) {
      const openedAt = new Date(Date.now() - ((index * 17) % 29) * 24 * hour - (index % 9) * hour);
      const response = await request(server.url)
        .post('/api/v1/tickets')
        .set('Authorization', admin.auth)
        .send({
          subject: `Imported request ${index + 1}`,
          queueId: support.id,
          requester: { email: `customer${index % 6}@customer.test` },
          text: 'From the old help desk.',
          createdAt: openedAt.toISOString(),
          channel: 'email',
        })
        .expect(201);
      if (index % 4 === 0) continue;
      // With its state event, as the API would write it: reports count from events.
      await server.dataSource.query(
        `WITH resolved AS (
           UPDATE tickets SET state = 'resolved',
             first_response_at = created_at + make_interval(mins => $2),
             resolved_at = LEAST(now(), created_at + make_interval(hours => $3)),
             updated_at = LEAST(now(), created_at + make_interval(hours => $3))
           WHERE id = $1 RETURNING id, resolved_at)
         INSERT INTO ticket_events (ticket_id, actor_id, type, before, after, created_at)
         SELECT id, NULL, 'state', '"new"'::jsonb, '"resolved"'::jsonb, resolved_at FROM resolved`,
        [response.body.id, 10 + ((index * 37) % 230), 2 + ((index * 11) % 40)],
      );
    }
    const page = await pageFor(admin);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Created vs resolved' }).waitFor();
    await page.locator('.chart-canvas canvas').first().waitFor();
    await expect(page.locator('.chart-canvas canvas').count()).resolves.toBe(3);
    await page.getByRole('rowheader', { name: 'All targets' }).waitFor();
    await page.getByRole('combobox', { name: 'Queue' }).selectOption({ label: 'Support' });
    await page.locator('.chart-canvas canvas').first().waitFor();
    await saveScreenshot(page, 'reports', { fullPage: true });

    // An agent who only replies in the queue may not read reports: the page says so.
    const agentPage = await pageFor(agent);
    await agentPage.getByRole('link', { name: 'Reports' }).click();
    await agentPage.getByRole('alert').filter({ hasText: 'You may not see reports' }).waitFor();
    await expect(agentPage.locator('.chart-canvas canvas').count()).resolves.toBe(0);
  });
});
