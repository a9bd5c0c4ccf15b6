import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataDirInUseError } from '../src/database/data-dir-lock.js';
import { EmbeddedDatabase } from '../src/database/embedded-database.js';
import { describeApiSmoke } from './harness/api-smoke.js';
import { startTestServer } from './harness/test-server.js';

describeApiSmoke('embedded');

describe('embedded database across restarts', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps data, the secret and the admin; announces the generated password only once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tessera-embedded-'));
    dirs.push(dataDir);

    const first = await startTestServer({ database: 'embedded', dataDir });
    expect(first.announcements).toHaveLength(1);
    const password = /password: (\S+)/.exec(first.announcements[0] ?? '')?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // The generated password goes to the console only, never into the structured log.
    expect(first.logLines().join('\n')).not.toContain(password);
    const [admin] = await first.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE role = 'admin'`,
    );
    await first.dataSource.query(
      `INSERT INTO users (email, name, role) VALUES ('kept@example.com', 'Kept', 'customer')`,
    );
    const secret = await readFile(join(dataDir, 'secret'), 'utf8');
    // While it runs, nobody else may open the directory.
    await expect(EmbeddedDatabase.open(dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close({ keepData: true });

    const second = await startTestServer({ database: 'embedded', dataDir });
    try {
      await request(second.url).get('/readyz').expect(200);
      expect(second.announcements).toEqual([]);
      const rows = await second.dataSource.query<{ id: string; email: string }[]>(
        `SELECT id, email FROM users ORDER BY email`,
      );
      expect(rows.map((r) => r.email)).toEqual(['admin@localhost', 'kept@example.com']);
      expect(rows[0]?.id).toBe(admin?.id);
      expect(await readFile(join(dataDir, 'secret'), 'utf8')).toBe(secret);
      expect(second.server.runtime.secret).toBe(secret.trim());
    } finally {
      await second.close({ keepData: true });
    }
  });
});
