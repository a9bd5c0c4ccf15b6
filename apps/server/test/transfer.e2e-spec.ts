// Moving from the embedded database to PostgreSQL with `tessera export` and `tessera import`:
// a help desk filled through the API on the embedded database comes out identical, table by
// table and row by row, on PostgreSQL, and keeps numbering tickets where it left off.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { EmbeddedDatabase } from '../src/database/embedded-database.js';
import { runCliToEnd } from './harness/cli-process.js';
import { signIn } from './harness/identity.js';
import { createTestDatabase, type TestDatabase } from './harness/test-database.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const ADMIN = { email: 'admin@example.com', password: 'moving day passphrase 7' };
// Every byte value, then noise: survives only a lossless binary round trip.
const BINARY = Buffer.concat([Buffer.from([...Array(256).keys()]), randomBytes(4096)]);

interface Snapshot {
  tables: string[];
  rows: Map<string, string[]>;
  migrations: string[];
}

/** Every table of the public schema, each row as PostgreSQL's text form, in a stable order. */
async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'`);
    const tables = (
      await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).rows.map((row) => row.name);
    const rows = new Map<string, string[]>();
    for (const table of tables) {
      if (table === 'typeorm_migrations') continue;
      const result = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM "${table}" t ORDER BY t::text COLLATE "C"`,
      );
      rows.set(
        table,
        result.rows.map((r) => r.row),
      );
    }
    const migrations = (
      await client.query<{ name: string }>('SELECT name FROM typeorm_migrations ORDER BY id')
    ).rows.map((row) => row.name);
    return { tables, rows, migrations };
  } finally {
    await client.end();
  }
}

async function embeddedSnapshot(dataDir: string): Promise<Snapshot> {
  const database = await EmbeddedDatabase.open(dataDir);
  try {
    return await snapshot(database.url);
  } finally {
    await database.close();
  }
}

describe('tessera export / import', () => {
  let workDir: string;
  let source: TestServer;
  let sourceSecret: string;
  let target: TestDatabase;
  let archive: string;
  const ticketNumbers: number[] = [];
  let apiToken: string;
  let attachmentId: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'tessera-transfer-'));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    source = await startTestServer({
      database: 'embedded',
      dataDir: join(workDir, 'data'),
      env: { TESSERA_ADMIN_EMAIL: ADMIN.email, TESSERA_ADMIN_PASSWORD: ADMIN.password },
    });
    await fillHelpDesk(source.url);
    await source.close({ keepData: true });
    sourceSecret = (await readFile(join(workDir, 'data', 'secret'), 'utf8')).trim();
    archive = join(workDir, 'helpdesk.tessera.gz');
    target = await createTestDatabase();
    cleanups.push(() => target.drop());
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function fillHelpDesk(url: string): Promise<void> {
    const auth = `Bearer ${await signIn(url, ADMIN.email, ADMIN.password)}`;
    const api = {
      post: (path: string, body: object) =>
        request(url).post(path).set('Authorization', auth).send(body),
      put: (path: string, body: object) =>
        request(url).put(path).set('Authorization', auth).send(body),
      patch: (path: string, body: object) =>
        request(url).patch(path).set('Authorization', auth).send(body),
    };
    const organization = await api
      .post('/api/v1/organizations', { name: 'Acme', tier: 'enterprise', domains: ['acme.test'] })
      .expect(201);
    const agent = await api
      .post('/api/v1/users', {
        email: 'agent@example.com',
        name: 'Grace Agent',
        role: 'agent',
        password: 'an agent passphrase 42',
      })
      .expect(201);
    const team = await api.post('/api/v1/teams', { name: 'Tier 1' }).expect(201);
    await api.put(`/api/v1/teams/${team.body.id}/members/${agent.body.id}`, {}).expect(204);
    const queue = await api
      .post('/api/v1/queues', { name: 'Support', slug: 'support' })
      .expect(201);
    const queueId = queue.body.id as string;
    await api
      .put(`/api/v1/queues/${queueId}/access/users/${agent.body.id}`, { level: 'reply' })
      .expect(200);
    await api
      .put(`/api/v1/queues/${queueId}/access/teams/${team.body.id}`, { level: 'view' })
      .expect(200);
    await api.patch('/api/v1/settings', { ticketHook: 'Case#', autoCloseAfterDays: 3 }).expect(200);

    const upload = await request(url)
      .post('/api/v1/attachments')
      .query({ filename: 'dump.bin' })
      .set('Authorization', auth)
      .set('Content-Type', 'application/octet-stream')
      .send(BINARY)
      .expect(201);
    attachmentId = upload.body.id as string;

    const open = async (subject: string, email: string) =>
      (
        await api
          .post('/api/v1/tickets', {
            subject,
            text: `${subject}: it does not work`,
            queueId,
            requester: { email, name: email.split('@')[0] },
            cc: [{ email: 'boss@acme.test' }],
            tags: ['printer'],
          })
          .expect(201)
      ).body as { id: string; number: number };
    const main = await open('Printer jams', 'ada@acme.test');
    const duplicate = await open('Printer jams again', 'ada@acme.test');
    const related = await open('Toner low', 'bob@acme.test');
    ticketNumbers.push(main.number, duplicate.number, related.number);
    await api
      .post(`/api/v1/tickets/${main.id}/messages`, {
        html: '<p>Please try <b>tray 2</b> &amp; tell us.</p>',
        attachments: [attachmentId],
      })
      .expect(201);
    await api
      .post(`/api/v1/tickets/${main.id}/messages`, { text: 'Called the vendor.', internal: true })
      .expect(201);
    await api
      .post(`/api/v1/tickets/${main.id}/followers`, { email: 'carol@acme.test' })
      .expect(201);
    await api.post(`/api/v1/tickets/${related.id}/links`, { ticketId: main.id }).expect(201);
    await api.post(`/api/v1/tickets/${duplicate.id}/merge`, { targetId: main.id }).expect(200);
    await api.post('/api/v1/views', { name: 'Printers', filter: { tag: 'printer' } }).expect(201);
    const token = await api.post('/api/v1/me/tokens', { name: 'integration' }).expect(201);
    apiToken = token.body.token as string;
    expect(organization.body.domains).toEqual(['acme.test']);
  }

  it('exports the embedded database with plain progress lines when stderr is not a terminal', async () => {
    const result = await runCliToEnd(['export', archive], {
      TESSERA_DATA_DIR: join(workDir, 'data'),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^export: tickets: 3 rows \(\d+\/\d+\)$/m);
    expect(result.stderr).toMatch(
      /^Exported \d+ rows from \d+ tables to .*helpdesk\.tessera\.gz\.$/m,
    );
    expect(result.stderr).not.toContain('\r');
    expect((await stat(archive)).size).toBeGreaterThan(1000);

    const again = await runCliToEnd(['export', archive], {
      TESSERA_DATA_DIR: join(workDir, 'data'),
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
  });

  it('refuses to import under another signing key, before touching the target', async () => {
    const result = await runCliToEnd(['import', archive], {
      DATABASE_URL: target.url,
      TESSERA_SECRET: 'another-secret-that-is-long-enough-0123456789',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TESSERA_SECRET');
    expect(result.stderr).toContain('--allow-secret-change');
  });

  it('imports into a fresh PostgreSQL database: every table identical, row for row', async () => {
    const result = await runCliToEnd(['import', archive], {
      DATABASE_URL: target.url,
      TESSERA_SECRET: sourceSecret,
    });
    expect(result.stderr).toMatch(/^Imported \d+ rows into \d+ tables/m);
    expect(result.code).toBe(0);

    const before = await embeddedSnapshot(join(workDir, 'data'));
    const after = await snapshot(target.url);
    expect(after.tables).toEqual(before.tables);
    expect(after.migrations).toEqual(before.migrations);
    for (const [table, rows] of before.rows) {
      expect({ table, rows: after.rows.get(table) }).toEqual({ table, rows });
    }
    // The help desk really had something in every kind of table the task is about.
    for (const table of [
      'users',
      'organizations',
      'organization_domains',
      'teams',
      'team_members',
      'queues',
      'queue_grants',
      'settings',
      'tickets',
      'ticket_messages',
      'ticket_events',
      'ticket_followers',
      'ticket_links',
      'ticket_views',
      'ticket_search_recent',
      'attachments',
      'attachment_blobs',
      'api_tokens',
      'sessions',
      'audit_events',
    ]) {
      expect({ table, empty: (before.rows.get(table) ?? []).length === 0 }).toEqual({
        table,
        empty: false,
      });
    }
    const merged = before.rows.get('tickets')?.filter((row) => /merged/.test(row)) ?? [];
    expect(merged.length).toBeGreaterThan(0);
    const html = before.rows.get('ticket_messages')?.some((row) => row.includes('<b>tray 2</b>'));
    expect(html).toBe(true);
  });

  it('serves the imported help desk on PostgreSQL and numbers the next ticket after the last', async () => {
    const server = await startTestServer({
      database: 'postgres',
      databaseUrl: target.url,
      env: { TESSERA_SECRET: sourceSecret },
    });
    try {
      // Passwords, API tokens and attachments came along.
      const auth = `Bearer ${await signIn(server.url, ADMIN.email, ADMIN.password)}`;
      await request(server.url)
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${apiToken}`)
        .expect(200);
      const download = await request(server.url)
        .get(`/api/v1/attachments/${attachmentId}`)
        .set('Authorization', auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, BINARY)).toBe(0);

      const queues = await request(server.url).get('/api/v1/queues').set('Authorization', auth);
      const next = await request(server.url)
        .post('/api/v1/tickets')
        .set('Authorization', auth)
        .send({
          subject: 'First ticket after the move',
          text: 'Hello from PostgreSQL',
          queueId: queues.body.items[0].id,
          requester: { email: 'dan@acme.test' },
        })
        .expect(201);
      expect(next.body.number).toBe(Math.max(...ticketNumbers) + 1);
    } finally {
      await server.close({ keepData: true });
    }
  });

  it('refuses a database Tessera already runs on', async () => {
    const result = await runCliToEnd(['import', archive], {
      DATABASE_URL: target.url,
      TESSERA_SECRET: sourceSecret,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already holds data \(.*users.*\)/);
  });

  it('rejects a damaged archive and leaves the target empty', async () => {
    const cut = join(workDir, 'cut.tessera.gz');
    await copyFile(archive, cut);
    await truncate(cut, Math.floor((await stat(cut)).size * 0.6));
    const fresh = await createTestDatabase();
    cleanups.push(() => fresh.drop());
    const result = await runCliToEnd(['import', cut], {
      DATABASE_URL: fresh.url,
      TESSERA_SECRET: sourceSecret,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/damaged|not a readable Tessera archive/);
    const after = await snapshot(fresh.url);
    expect(after.rows.get('users')).toEqual([]);
    expect(after.rows.get('tickets')).toEqual([]);
  });
});
