// Browser tests: Debian's Chromium driven by playwright-core against a real server that serves
// the built web app (apps/web/dist). One browser per test file; one fresh context (cookies,
// storage) per test.
import { copyFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './identity.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const WEB_DIST = join(repoRoot, 'apps/web/dist');
const ARTIFACTS = join(repoRoot, 'apps/web/test-artifacts');
const DOC_SCREENSHOTS = join(repoRoot, 'docs/screenshots');

// eslint-disable-next-line no-restricted-properties -- test harness, not server code
const env = process.env;
const CHROMIUM = env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';

// The flags the project's machines verified; playwright adds --headless and a fresh
// --user-data-dir (a new temporary profile per launch) itself.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with the command to run when the web app has not been built. */
export function requireWebBuild(): string {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `The browser tests need the built web app in ${WEB_DIST}. ` +
        'Run `npm run build -w @tessera/web` (or `npm run build`) first.',
    );
  }
  return WEB_DIST;
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Run ./scripts/install-test-deps.sh ` +
        "(it installs Debian's chromium package) or set TESSERA_CHROMIUM.",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1360, height: 860 },
    locale: 'en-GB',
    timezoneId: 'Europe/Zurich',
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Signs in through the sign-in form and waits for the inbox. */
export async function signInThroughUi(
  context: BrowserContext,
  email: string,
  password = TEST_PASSWORD,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My open tickets' }).waitFor();
  return page;
}

/**
 * Saves a screenshot to apps/web/test-artifacts/ (gitignored). The README's copies in
 * docs/screenshots/ are written when missing, or refreshed with UPDATE_SCREENSHOTS=1, so an
 * ordinary test run leaves the working tree alone.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  { fullPage = false } = {},
): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  const docCopy = join(DOC_SCREENSHOTS, `${name}.png`);
  if (env.UPDATE_SCREENSHOTS === '1' || !existsSync(docCopy)) {
    await mkdir(DOC_SCREENSHOTS, { recursive: true });
    await copyFile(path, docCopy);
  }
  return path;
}

/** Hosts a page may talk to: the test server itself. */
export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export interface RemoteSink {
  port: number;
  /** Every request that reached the sink: "METHOD host/path". */
  hits: string[];
  close(): Promise<void>;
}

/** An HTTP server standing in for a remote host (map a name to it with --host-resolver-rules). */
export async function startRemoteSink(): Promise<RemoteSink> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.headers.host}${request.url}`);
    response.writeHead(204).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
