// The `tessera` command as an admin runs it: the compiled CLI in a child process.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { createTestDatabase, type TestDatabase } from './harness/test-database.js';
import { TEST_SECRET } from './harness/test-server.js';

const CLI = fileURLToPath(new URL('../bin/tessera.js', import.meta.url));
const COMPILED = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Child {
  if (!existsSync(COMPILED)) throw new Error('The CLI is not built: run `npm run build` first.');
  const child = spawn(process.execPath, [CLI, ...args], {
    // A clean environment: only what the test sets (and PATH), as an admin would start it.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, // eslint-disable-line no-restricted-properties
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port assigned')),
      );
    });
  });
}

async function waitUntilReady(port: number, child: Child): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`tessera exited early:\n${child.output()}`);
    }
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`tessera did not become ready:\n${child.output()}`);
}

/** Starts `tessera serve`, waits for /readyz, runs `check`, then stops it with SIGTERM. */
async function serveOnce(env: Record<string, string>, check?: (port: number) => Promise<void>) {
  const port = await freePort();
  const child = run(['serve'], { ...env, PORT: String(port) });
  try {
    await waitUntilReady(port, child);
    await check?.(port);
  } finally {
    child.process.kill('SIGTERM');
  }
  return { exitCode: await child.exited, output: child.output() };
}

describe('tessera CLI', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('refuses to start with an invalid PORT and names it', async () => {
    const child = run(['serve'], { PORT: 'abc', TESSERA_DATA_DIR: tmpdir() });
    expect(await child.exited).toBe(78);
    expect(child.output()).toMatch(/PORT: must be an integer/);
  });

  it('serves on the embedded database, stops cleanly on SIGTERM and keeps data across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-cli-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const first = await serveOnce({ TESSERA_DATA_DIR: dataDir });
    expect(first.exitCode).toBe(0);
    expect(first.output).toMatch(/password: \S{24}/);
    expect(first.output).toContain('Tessera is running at');

    const second = await serveOnce({ TESSERA_DATA_DIR: dataDir });
    expect(second.exitCode).toBe(0);
    // Same database: the admin exists, so no new password is printed.
    expect(second.output).not.toContain('password:');
    expect(existsSync(join(dataDir, 'tessera.lock'))).toBe(false);
    // Two starts of the embedded database: the first creates its cluster (about 10 s alone, far
    // more on a machine busy with the other suites).
  }, 180_000);

  it('migrates a PostgreSQL database once, then serves on it', async () => {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const env = { DATABASE_URL: database.url, TESSERA_SECRET: TEST_SECRET };

    const migrate = run(['migrate'], env);
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toContain(`Applied ${MIGRATIONS.length} migration(s):\n  Initial`);

    const again = run(['migrate'], env);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('The database is up to date.');

    const served = await serveOnce(
      {
        ...env,
        TESSERA_ADMIN_EMAIL: 'ops@example.com',
        TESSERA_ADMIN_PASSWORD: 'correct horse 42',
      },
      async (port) => {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/nothing`);
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      },
    );
    expect(served.exitCode).toBe(0);
    expect(served.output).not.toContain('correct horse 42');
  });
});
