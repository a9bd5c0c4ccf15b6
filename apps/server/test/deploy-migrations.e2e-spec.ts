// What the Helm chart's migration Job and init container rely on: `tessera migrate --check`
// changes nothing and tells whether migrations are pending (exit 75), and `--wait` returns as
// soon as another process (the Job) has applied them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { runCli, runCliToEnd } from './harness/cli-process.js';
import { createTestDatabase, type TestDatabase } from './harness/test-database.js';
import { TEST_SECRET } from './harness/test-server.js';

describe('tessera migrate --check / --wait', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url, TESSERA_SECRET: TEST_SECRET };
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reports every pending migration with exit status 75, and applies none', async () => {
    const first = await runCliToEnd(['migrate', '--check'], env);
    expect(first.code).toBe(75);
    expect(first.stdout).toContain(`${MIGRATIONS.length} migration(s) pending:\n  Initial`);
    const again = await runCliToEnd(['migrate', '--check'], env);
    expect(again.code).toBe(75);
  });

  it('waits until another process has applied them, then reports the schema current', async () => {
    const waiter = runCli(['migrate', '--wait', '120'], env);
    const deadline = Date.now() + 30_000;
    while (!waiter.stdout().includes('Waiting for') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(waiter.stdout()).toContain(`Waiting for ${MIGRATIONS.length} migration(s)`);
    expect(waiter.process.exitCode).toBeNull();

    const job = await runCliToEnd(['migrate'], env);
    expect(job.code).toBe(0);
    expect(await waiter.exited).toBe(0);
    expect(waiter.stdout()).toContain('The database is up to date.');
    expect((await runCliToEnd(['migrate', '--check'], env)).code).toBe(0);
  });

  it('gives up after the time allowed when the database cannot be reached', async () => {
    const result = await runCliToEnd(['migrate', '--wait', '1'], {
      DATABASE_URL: 'postgres://tessera@127.0.0.1:1/tessera',
      TESSERA_SECRET: TEST_SECRET,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Waiting for the database');
    expect(result.stderr).toContain('cannot reach the database');
  });
});
