import { afterAll, describe, expect, it } from '@jest/globals';
import argon2 from 'argon2';
import { createTestDatabase, type TestDatabase } from './harness/test-database.js';
import { startTestServer } from './harness/test-server.js';

describe('first admin', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('comes from TESSERA_ADMIN_EMAIL / TESSERA_ADMIN_PASSWORD, silently and only once', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const env = {
      TESSERA_ADMIN_EMAIL: 'Root@Example.com',
      TESSERA_ADMIN_PASSWORD: 'first password 123',
    };
    const first = await startTestServer({ database: 'postgres', databaseUrl: database.url, env });
    const readAdmins = () =>
      first.dataSource.query<{ id: string; email: string; password_hash: string }[]>(
        `SELECT id, email, password_hash FROM users WHERE role = 'admin'`,
      );
    const [admin, ...others] = await readAdmins();
    expect(others).toEqual([]);
    expect(admin?.email).toBe('root@example.com');
    expect(await argon2.verify(admin?.password_hash ?? '', 'first password 123')).toBe(true);
    expect(first.announcements).toEqual([]);
    expect(first.logLines().join('\n')).not.toContain('first password 123');
    await first.close();

    // A later start with other credentials changes nothing: the variables only seed an empty database.
    const second = await startTestServer({
      database: 'postgres',
      databaseUrl: database.url,
      env: {
        TESSERA_ADMIN_EMAIL: 'other@example.com',
        TESSERA_ADMIN_PASSWORD: 'second password 123',
      },
    });
    try {
      const rows = await second.dataSource.query<{ id: string; password_hash: string }[]>(
        `SELECT id, password_hash FROM users WHERE role = 'admin'`,
      );
      expect(rows.map((r) => r.id)).toEqual([admin?.id]);
      expect(rows[0]?.password_hash).toBe(admin?.password_hash);
    } finally {
      await second.close();
    }
  });

  it('gets a generated password, announced on the console and never logged, without the variables', async () => {
    const server = await startTestServer({ database: 'postgres' });
    try {
      expect(server.announcements).toHaveLength(1);
      const password = /password: (\S+)/.exec(server.announcements[0] ?? '')?.[1] ?? '';
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const [admin] = await server.dataSource.query<{ email: string; password_hash: string }[]>(
        `SELECT email, password_hash FROM users WHERE role = 'admin'`,
      );
      expect(admin?.email).toBe('admin@localhost');
      expect(await argon2.verify(admin?.password_hash ?? '', password)).toBe(true);
      expect(server.logLines().join('\n')).not.toContain(password);
    } finally {
      await server.close();
    }
  });
});
