// Administration and reports in a real browser: an admin creates a queue and grants an agent
// access, the agent then sees it; personal API tokens; the reports dashboard.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form
      .getByRole('status')
      .getByText(/^✗ IMAP: /)
      .waitFor();

    await form.getByRole('button', { name: 'Create mailbox' }).click();
    await page.getByRole('status').filter({ hasText: 'sales@helpdesk.test created.' }).waitFor();
    await page
      .getByRole('row', { name: /sales@helpdesk\.test/ })
      .getByRole('cell', { name: 'Sales', exact: true })
      .waitFor();
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
