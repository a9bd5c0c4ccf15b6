import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EmbeddedDatabase } from '../src/database/embedded-database.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { allMigrationsApplied, runMigrations } from '../src/database/migrator.js';
import { typeOrmOptions } from '../src/database/typeorm-options.js';
import { createTestDatabase, type TestDatabase } from './harness/test-database.js';
import { startTestServer } from './harness/test-server.js';

async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

describe('migrations on PostgreSQL', () => {
  const databases: TestDatabase[] = [];
  const sources: DataSource[] = [];
  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => s.destroy()));
  });
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  async function connect(url: string): Promise<DataSource> {
    const dataSource = await new DataSource(typeOrmOptions({ url, poolSize: 4 })).initialize();
    sources.push(dataSource);
    return dataSource;
  }

  it('applies each migration exactly once when replicas migrate at the same time', async () => {
    const database = await freshDatabase();
    const [a, b] = [await connect(database.url), await connect(database.url)];
    expect(await allMigrationsApplied(a)).toBe(false);

    const results = await Promise.all([runMigrations(a), runMigrations(b)]);
    expect(results.flat().sort()).toEqual(MIGRATIONS.map((m) => new m().name).sort());
    const rows = await a.query<{ name: string }[]>('SELECT name FROM typeorm_migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(await allMigrationsApplied(b)).toBe(true);
    expect(await runMigrations(a)).toEqual([]);
  });

  async function freshDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  }

  async function migratedDatabase(): Promise<DataSource> {
    const dataSource = await connect((await freshDatabase()).url);
    await runMigrations(dataSource);
    return dataSource;
  }

  it('leaves no difference between the entities and the migrated schema', async () => {
    const dataSource = await migratedDatabase();
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('enforces case-insensitive unique emails and known roles', async () => {
    const dataSource = await migratedDatabase();
    const insert = (email: string, role: string) =>
      dataSource.query('INSERT INTO users (email, name, role) VALUES ($1, $2, $3)', [
        email,
        'N',
        role,
      ]);
    await insert('Ann@Example.com', 'agent');
    await expect(insert('ann@example.COM', 'agent')).rejects.toThrow(/users_email_lower_key/);
    await expect(insert('bob@example.com', 'superuser')).rejects.toThrow(/users_role_check/);
  });

  it('stores raw mail and attachment bytes compressed with LZ4', async () => {
    const dataSource = await migratedDatabase();
    const columns = await dataSource.query<{ relname: string; attcompression: string }[]>(
      `SELECT c.relname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE (c.relname, a.attname) IN (('inbound_mails', 'raw'), ('attachment_blobs', 'data'))
        ORDER BY c.relname`,
    );
    expect(columns).toEqual([
      { relname: 'attachment_blobs', attcompression: 'l' },
      { relname: 'inbound_mails', attcompression: 'l' },
    ]);
  });

  it('restarts on a migrated database without applying anything again', async () => {
    const database = await freshDatabase();
    const first = await startTestServer({ database: 'postgres', databaseUrl: database.url });
    expect(first.logLines().some((l) => l.includes('"msg":"migrations applied"'))).toBe(true);
    await first.close();
    const second = await startTestServer({ database: 'postgres', databaseUrl: database.url });
    try {
      await request(second.url).get('/readyz').expect(200);
      expect(second.logLines().some((l) => l.includes('"msg":"migrations applied"'))).toBe(false);
      const rows = await second.dataSource.query<unknown[]>('SELECT name FROM typeorm_migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await second.close();
    }
  });
});

describe('migrations on the embedded database', () => {
  it('produce the same schema as the entities on PGlite too', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-migrate-'));
    const embedded = await EmbeddedDatabase.open(dataDir);
    const dataSource = new DataSource(typeOrmOptions({ url: embedded.url, poolSize: 1 }));
    try {
      await dataSource.initialize();
      expect(await runMigrations(dataSource)).toHaveLength(MIGRATIONS.length);
      expect(await allMigrationsApplied(dataSource)).toBe(true);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
