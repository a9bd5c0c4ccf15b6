// The agent workspace in a real browser (Chromium) against a real server and database: signing
// in, the sidebar counts, the ticket page (reply, note, state, assignee, version conflicts), hostile
// email HTML, the inbox (search, bulk changes) and the keyboard shortcuts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  isLocal,
  launchBrowser,
  startRemoteSink,
  type RemoteSink,
  newContext,
  requireWebBuild,
  saveScreenshot,
  signInThroughUi,
} from './harness/browser.js';
import { aQueue, aSignedInUser, aUser, grant, type TestUser } from './harness/identity.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

type SignedIn = TestUser & { auth: string };

interface Ticket {
  id: string;
  number: number;
  subject: string;
  state: string;
  priority: string;
  assigneeId: string | null;
  version: number;
}

/** A 1×1 PNG. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const HOSTILE_HTML =
  '<p>Please see the invoice below.</p>' +
  '<script>alert(1)</script>' +
  '<img src=x onerror=alert(1)>' +
  '<img src="http://example.invalid/pixel.png" alt="tracking pixel">' +
  '<meta http-equiv="refresh" content="0;url=http://example.invalid/moved">' +
  '<link rel="stylesheet" href="http://example.invalid/style.css">' +
  '<div style="background:url(http://example.invalid/bg.png)">Thanks, Mallory</div>';

describe('agent workspace in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let remoteSink: RemoteSink;
  let agent: SignedIn;
  let billing: { id: string };
  const contexts: BrowserContext[] = [];
  const tickets: Record<string, Ticket> = {};

  async function openTicket(
    subject: string,
    options: { priority?: string; html?: string; state?: string; attachments?: string[] } = {},
  ) {
    const response = await request(server.url)
      .post('/api/v1/tickets')
      .set('Authorization', agent.auth)
      .send({
        subject,
        queueId: billing.id,
        requester: { email: 'carol@customer.test', name: 'Carol Customer' },
        ...(options.html ? { html: options.html } : { text: `${subject}: please help.` }),
        ...(options.priority ? { priority: options.priority } : {}),
        ...(options.state ? { state: options.state } : {}),
        ...(options.attachments ? { attachments: options.attachments } : {}),
      })
      .expect(201);
    return response.body as Ticket;
  }

  async function getTicket(id: string): Promise<Ticket> {
    return (await request(server.url).get(`/api/v1/tickets/${id}`).set('Authorization', agent.auth))
      .body as Ticket;
  }

  async function agentPage(): Promise<Page> {
    const context = await newContext(browser, server.url);
    contexts.push(context);
    return signInThroughUi(context, agent.email);
  }

  beforeAll(async () => {
    const webDir = requireWebBuild();
    // example.invalid resolves to a local sink, so a load that escaped would be seen arriving.
    remoteSink = await startRemoteSink();
    [server, browser] = await Promise.all([
      startTestServer({ database: 'postgres', env: { TESSERA_WEB_DIR: webDir } }),
      launchBrowser([`--host-resolver-rules=MAP example.invalid 127.0.0.1:${remoteSink.port}`]),
    ]);
    agent = await aSignedInUser(server.url, server.dataSource, {
      role: 'agent',
      name: 'Ada Agent',
      email: 'ada@helpdesk.test',
    });
    const bob = await aUser(server.dataSource, {
      role: 'agent',
      name: 'Bob Backup',
      email: 'bob@helpdesk.test',
    });
    billing = await aQueue(server.dataSource, { name: 'Billing', slug: 'billing' });
    // Manage: Ada may give tickets to others; Bob may work them.
    await grant(server.dataSource, billing.id, { userId: agent.id }, 'manage');
    await grant(server.dataSource, billing.id, { userId: bob.id }, 'reply');
    // Billing answers within 4 hours and resolves within 2 days, around the clock.
    const admin = await aSignedInUser(server.url, server.dataSource, { role: 'admin' });
    await request(server.url)
      .post('/api/v1/sla/policies')
      .set('Authorization', admin.auth)
      .send({
        name: 'Billing standard',
        conditions: { queueIds: [billing.id] },
        targets: { firstResponseMinutes: 240, resolutionMinutes: 2880 },
      })
      .expect(201);
    tickets.printer = await openTicket('Printer on fire', { priority: 'urgent' });
    tickets.invoice = await openTicket('Invoice 2041 charged twice', { priority: 'high' });
    tickets.password = await openTicket('Cannot reset my password');
    tickets.export = await openTicket('CSV export misses the last row', { priority: 'low' });
    tickets.hostile = await openTicket('Your invoice is attached', { html: HOSTILE_HTML });
    // Two tickets already in hand, so the inbox shows some variety.
    const vpn = await openTicket('VPN drops every hour', { state: 'open', priority: 'high' });
    await change(vpn, { assigneeId: bob.id, tags: ['vpn'] });
    const refund = await openTicket('Refund for order 5521', { state: 'pending' });
    await change(refund, { assigneeId: agent.id });
    // Imported from the old help desk, opened six hours ago and never answered: overdue.
    tickets.flooded = (
      await request(server.url)
        .post('/api/v1/tickets')
        .set('Authorization', admin.auth)
        .send({
          subject: 'Server room flooded',
          queueId: billing.id,
          requester: { email: 'carol@customer.test', name: 'Carol Customer' },
          text: 'Water everywhere.',
          priority: 'urgent',
          channel: 'email',
          createdAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
        })
        .expect(201)
    ).body as Ticket;
  });

  async function change(ticket: Ticket, body: Record<string, unknown>): Promise<void> {
    await request(server.url)
      .patch(`/api/v1/tickets/${ticket.id}`)
      .set('Authorization', agent.auth)
      .set('If-Match', `"${ticket.version}"`)
      .send(body)
      .expect(200);
  }

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await remoteSink?.close();
  });

  it('says so when the password is wrong, and signs in with the right one', async () => {
    const context = await newContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/tickets/10001');
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong email or password.');

    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the agent was going.
    await page.getByRole('heading', { name: /Printer on fire/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tickets/10001');
  });

  it('says how long to wait after too many failed sign-ins', async () => {
    const locked = await aUser(server.dataSource, { role: 'agent', email: 'locked@helpdesk.test' });
    for (let attempt = 0; attempt < 20; attempt++) {
      await request(server.url)
        .post('/api/v1/auth/login')
        .send({ email: locked.email, password: 'guess' })
        .expect(401);
    }
    const context = await newContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(locked.email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Too many sign-in attempts. Try again in 15 minutes.',
    );
  });

  it('shows each queue the agent can see in the sidebar, with its open count', async () => {
    const page = await agentPage();
    const views = page.getByRole('navigation', { name: 'Ticket views' });
    await views.getByRole('link', { name: 'Billing, 8 open' }).waitFor();
    await views.getByRole('link', { name: 'Unassigned, 6 open' }).waitFor();
    await views.getByRole('link', { name: 'My open tickets, 1 open' }).waitFor();
    await views.getByRole('link', { name: 'Billing, 8 open' }).click();
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Printer on fire' }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(9);
    await saveScreenshot(page, 'inbox');
  });

  it("shows each ticket's SLA clock in words, and sorts by what is due first", async () => {
    const page = await agentPage();
    await page.getByRole('link', { name: /^Billing/ }).click();
    const printer = page.getByRole('row', { name: /Printer on fire/ });
    await printer.getByText(/^SLA: (3 h 5\d min|4 h) left$/).waitFor();
    const flooded = page.getByRole('row', { name: /Server room flooded/ });
    await flooded.getByText(/^⚠ SLA breached 2 h( \d+ min)? ago$/).waitFor();

    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('due');
    await page.waitForURL(/sort=due/);
    await page.getByRole('row').nth(1).getByRole('link', { name: 'Server room flooded' }).click();
    const sla = page.getByRole('region', { name: 'SLA' });
    await sla.getByText('Policy: Billing standard').waitFor();
    await sla
      .getByText(/^(breached|due) .* ago/)
      .first()
      .waitFor();
  });

  it('opens a ticket, replies and adds an internal note, both in the timeline', async () => {
    const page = await agentPage();
    await page.getByRole('link', { name: /^Billing/ }).click();
    await page.getByRole('link', { name: 'Invoice 2041 charged twice' }).click();
    await page.getByRole('heading', { name: /Invoice 2041 charged twice/, level: 1 }).waitFor();

    await page.getByLabel('Reply to Carol Customer').fill('We refunded the second charge.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const reply = page.getByRole('article', { name: 'Reply by Ada Agent' });
    await reply.getByText('We refunded the second charge.').waitFor();

    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page
      .getByLabel('Internal note (only agents see it)')
      .fill('Refund ref R-77, check Friday.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    const note = page.getByRole('article', { name: 'Internal note by Ada Agent' });
    await note.getByText('Refund ref R-77, check Friday.').waitFor();
    await expect(note.getByText('Internal note', { exact: true }).isVisible()).resolves.toBe(true);
    // The agent's first reply opened the ticket, in words.
    await page.getByText('Ada Agent changed the state from New to Open').waitFor();

    const timeline = await request(server.url)
      .get(`/api/v1/tickets/${tickets.invoice.id}/timeline`)
      .set('Authorization', agent.auth)
      .expect(200);
    const messages = (timeline.body.items as { kind: string; text: string; internal: boolean }[])
      .filter((item) => item.kind === 'message')
      .map((item) => [item.text, item.internal]);
    expect(messages).toEqual([
      ['Invoice 2041 charged twice: please help.', false],
      ['We refunded the second charge.', false],
      ['Refund ref R-77, check Friday.', true],
    ]);
    await saveScreenshot(page, 'ticket');
  });

  it('changes the state and the assignee in place', async () => {
    const page = await agentPage();
    await page.goto(`/tickets/${tickets.password.number}`);
    await page.getByRole('heading', { name: /Cannot reset my password/, level: 1 }).waitFor();

    await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('pending');
    await page.getByText('Ada Agent changed the state from New to Pending').waitFor();
    await page
      .getByRole('combobox', { name: 'Assignee', exact: true })
      .selectOption({ label: 'Bob Backup' });
    await page.getByText('Ada Agent assigned the ticket to Bob Backup').waitFor();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Ada Agent took the ticket').waitFor();

    const after = await getTicket(tickets.password.id);
    expect([after.state, after.assigneeId]).toEqual(['pending', agent.id]);
  });

  it('warns about a change made elsewhere instead of overwriting it', async () => {
    const page = await agentPage();
    await page.goto(`/tickets/${tickets.export.number}`);
    await page.getByRole('heading', { name: /CSV export misses the last row/, level: 1 }).waitFor();

    // Someone else raises the priority after the page loaded.
    const current = await getTicket(tickets.export.id);
    await request(server.url)
      .patch(`/api/v1/tickets/${current.id}`)
      .set('Authorization', agent.auth)
      .set('If-Match', `"${current.version}"`)
      .send({ priority: 'high' })
      .expect(200);

    await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('resolved');
    const warning = page.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' });
    await warning.waitFor();
    const unchanged = await getTicket(current.id);
    expect([unchanged.state, unchanged.priority]).toEqual(['new', 'high']);

    await page.getByRole('button', { name: 'Reload ticket' }).click();
    await warning.waitFor({ state: 'detached' });
    await expect(
      page.getByRole('combobox', { name: 'Priority', exact: true }).inputValue(),
    ).resolves.toBe('high');
    await page.getByRole('combobox', { name: 'State', exact: true }).selectOption('resolved');
    await page.getByText('Ada Agent changed the state from New to Resolved').waitFor();
  });

  it('shows hostile email HTML without running script or loading anything remote', async () => {
    const page = await agentPage();
    const dialogs: string[] = [];
    const remote: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (sent) => {
      if (!isLocal(sent.url())) remote.push(sent.url());
    });

    // The message as the server stores it: sanitised, and shown in the sandboxed frame.
    await page.goto(`/tickets/${tickets.hostile.number}`);
    const frame = page.frameLocator('iframe[title^="Message by Carol Customer"]');
    await frame.getByText('Thanks, Mallory').waitFor();
    const iframe = page.locator('iframe.email-frame').first();
    const sandbox = (await iframe.getAttribute('sandbox')) ?? '';
    expect(sandbox.split(/\s+/)).not.toContain('allow-scripts');
    await expect(iframe.getAttribute('srcdoc')).resolves.toContain(
      `content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'"`,
    );
    // Time for an error handler, a refresh or a late image to fire.
    await page.waitForTimeout(1000);
    expect(dialogs).toEqual([]);
    expect(remote).toEqual([]);
  });

  it('holds even when the HTML reaches the browser unsanitised', async () => {
    const page = await agentPage();
    const dialogs: string[] = [];
    const sent: string[] = [];
    const blocked: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!isLocal(request.url())) sent.push(request.url());
    });
    page.on('requestfailed', (request) => {
      if (!isLocal(request.url()) && request.failure()?.errorText === 'csp') {
        blocked.push(request.url());
      }
    });
    // Should the sanitiser ever miss something, the frame alone must hold: serve the raw HTML.
    await page.route('**/api/v1/tickets/*/timeline', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: { kind: string; html?: string | null }[] };
      for (const item of body.items) if (item.kind === 'message') item.html = HOSTILE_HTML;
      await route.fulfill({ response, json: body });
    });
    await page.goto(`/tickets/${tickets.hostile.number}`);
    const frame = page.frameLocator('iframe[title^="Message by Carol Customer"]');
    await frame.getByText('Thanks, Mallory').waitFor();
    await frame.getByRole('img', { name: 'tracking pixel' }).waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    // The refresh did not navigate the frame away, nothing ran, and every remote load was
    // stopped inside the browser by the frame's Content-Security-Policy: none reached the
    // network, which the sink standing in for example.invalid confirms.
    await frame.getByText('Thanks, Mallory').waitFor();
    expect(dialogs).toEqual([]);
    expect([...new Set(blocked)].sort()).toEqual([...new Set(sent)].sort());
    expect(remoteSink.hits).toEqual([]);
  });

  it('searches with the query syntax and changes several tickets at once', async () => {
    const page = await agentPage();
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill('printer priority:urgent');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: 'Search: printer priority:urgent' }).waitFor();
    await page.getByRole('link', { name: 'Printer on fire' }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(2);

    // While the queue's list is on its way, the search's rows are gone: nothing on screen
    // belongs to a list the agent has left.
    let releaseList = () => {};
    const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
    await page.route('**/api/v1/tickets?*', async (route) => {
      await listHeld;
      await route.continue();
    });
    await page.getByRole('link', { name: /^Billing/ }).click();
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    await page
      .getByRole('table', { name: 'Tickets: Billing' })
      .and(page.locator('[aria-busy="true"]'))
      .waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(1);
    releaseList();
    await page.getByRole('link', { name: 'Invoice 2041 charged twice' }).waitFor();
    await page.unroute('**/api/v1/tickets?*');
    await page.getByRole('checkbox', { name: /Printer on fire/ }).check();
    await page.getByRole('checkbox', { name: /Invoice 2041 charged twice/ }).check();
    const bulk = page.getByRole('form', { name: 'Bulk changes' });
    await bulk.getByRole('combobox', { name: 'Assignee' }).selectOption({ label: 'Bob Backup' });
    await bulk.getByLabel('Add tag').fill('escalated');
    await bulk.getByRole('button', { name: 'Apply to 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Updated 2 tickets.' }).waitFor();

    for (const ticket of [tickets.printer, tickets.invoice]) {
      const after = (
        await request(server.url)
          .get(`/api/v1/tickets/${ticket.id}`)
          .set('Authorization', agent.auth)
      ).body as Ticket & { assigneeName: string; tags: string[] };
      expect([after.assigneeName, after.tags]).toEqual(['Bob Backup', ['escalated']]);
    }
  });

  it('saves the filters as a view, shown in the sidebar with its count', async () => {
    const page = await agentPage();
    await page.getByRole('link', { name: /^Billing/ }).click();
    await page.getByRole('combobox', { name: 'Priority', exact: true }).selectOption('high');
    await page.getByRole('button', { name: 'Save as view' }).click();
    await page.getByLabel('View name').fill('Hot billing');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('heading', { name: 'Hot billing', level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Ticket views' })
      .getByRole('link', { name: 'Hot billing, 2 tickets' })
      .waitFor();
    await page.getByRole('link', { name: 'VPN drops every hour' }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(3);
  });

  it('works from the keyboard, and shortcuts do not fire while typing', async () => {
    const page = await agentPage();
    await page.getByRole('link', { name: /^Billing/ }).click();
    await page.getByRole('link', { name: 'Printer on fire' }).waitFor();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await page.keyboard.press('j');
    const first = await page.getByRole('row').nth(1).getByRole('link').textContent();
    await expect(page.locator('a:focus').textContent()).resolves.toBe(first);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(first ?? '-'), level: 1 }).waitFor();

    await page.keyboard.press('r');
    const reply = page.getByLabel('Reply to Carol Customer');
    await page.locator('textarea#composer-text:focus').waitFor();
    // Typing "a" and "s" in the reply types them; it does not assign or jump to the state.
    await page.keyboard.type('as');
    await expect(reply.inputValue()).resolves.toBe('as');
    await reply.fill('');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('a');
    await page.getByText('Ada Agent took the ticket').waitFor();
  });

  it("shows a mail's inline images, fetched with the agent's access, inside the frame", async () => {
    const upload = async (filename: string, type: string, data: Buffer) =>
      (
        await request(server.url)
          .post('/api/v1/attachments')
          .query({ filename })
          .set('Authorization', agent.auth)
          .set('Content-Type', type)
          .send(data)
          .expect(201)
      ).body as { id: string };
    const logo = await upload('logo.png', 'image/png', ONE_PIXEL_PNG);
    const report = await upload('report.pdf', 'application/pdf', Buffer.from('%PDF-1.4 report'));
    const ticket = await openTicket('Logo looks wrong', {
      html:
        '<p>See our logo:</p><img src="cid:logo.png@mail.example" alt="Our logo">' +
        '<img src="cid:report@mail.example" alt="Not an image">',
      attachments: [logo.id, report.id],
    });
    // As intake stores a mail's files: with the Content-IDs its HTML points at.
    await server.dataSource.query(
      `UPDATE attachments SET content_id = CASE id WHEN $1::uuid THEN 'logo.png@mail.example'
                                                  ELSE 'report@mail.example' END
        WHERE id IN ($1::uuid, $2::uuid)`,
      [logo.id, report.id],
    );

    const page = await agentPage();
    const logoFetches: string[] = [];
    page.on('request', (fetched) => {
      if (new URL(fetched.url()).pathname === `/api/v1/attachments/${logo.id}`) {
        logoFetches.push(fetched.url());
      }
    });
    await page.goto(`/tickets/${ticket.number}`);
    const frame = page.frameLocator('iframe[title^="Message by Carol Customer"]');
    const image = frame.locator('img[alt="Our logo"][src^="data:image/png;base64,"]');
    await image.waitFor();
    await expect(
      image.evaluate((element) => {
        // Decoded: the data: URL holds the picture, not merely a broken image's placeholder.
        const img = element as unknown as { decode(): Promise<void>; naturalWidth: number };
        return img.decode().then(() => img.naturalWidth);
      }),
    ).resolves.toBe(1);
    // Only images are put inline; the PDF stays a download.
    await expect(frame.locator('img[alt="Not an image"]').getAttribute('src')).resolves.toBe(
      'cid:report@mail.example',
    );
    await page.getByRole('button', { name: /Download report\.pdf/ }).waitFor();

    // A note reloads the timeline: the image is still shown, not fetched again.
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByLabel('Internal note (only agents see it)').fill('Logo checked.');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page
      .getByRole('article', { name: 'Internal note by Ada Agent' })
      .getByText('Logo checked.')
      .waitFor();
    await image.waitFor();
    expect(logoFetches).toHaveLength(1);
  });
});
