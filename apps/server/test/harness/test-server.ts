// Starts the real server (real database, real HTTP on a random port) for a test file.
import type { Type } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { createLogger } from '../../src/common/logging/logger.js';
import type { Clock } from '../../src/common/time/clock.js';
import { loadConfig } from '../../src/config/env.config.js';
import { initialiseCluster } from '../../src/database/embedded-database.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestServerOptions {
  /** 'postgres' creates a fresh database; 'embedded' uses PGlite in `dataDir` (or a temp dir). */
  database: 'postgres' | 'embedded';
  /** Reuse an existing PostgreSQL database (restart tests). */
  databaseUrl?: string;
  /** Reuse an embedded data directory (restart tests). */
  dataDir?: string;
  env?: Record<string, string>;
  extraModules?: Type[];
  clock?: Clock;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  dataSource: DataSource;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Messages written for the person at the console (e.g. a generated admin password). */
  announcements: string[];
  /** Every JSON log line written so far. */
  logLines(): string[];
  /** Stops the server; `keepData` leaves the database / data directory for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  let database: TestDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (options.database === 'postgres' && !databaseUrl) {
    database = await createTestDatabase();
    databaseUrl = database.url;
  }
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tessera-test-')));
  const ownsDataDir = !options.dataDir;
  if (ownsDataDir && options.database === 'embedded' && !databaseUrl) {
    await cp(await emptyCluster(), join(dataDir, 'pgdata'), { recursive: true });
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TESSERA_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    // Background mail intake would fetch any test's mailboxes; tests of intake turn it on.
    MAIL_INTAKE: 'off',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, TESSERA_SECRET: TEST_SECRET } : {}),
    ...options.env,
  });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const announcements: string[] = [];
  let server: RunningServer;
  try {
    server = await startServer({
      config,
      logger: createLogger('info', sink),
      announce: (text) => announcements.push(text),
      clock: options.clock,
      jobPollingSeconds: 0.5,
      extraModules: options.extraModules,
    });
  } catch (error) {
    await database?.drop();
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    server,
    dataSource: server.app.get(DataSource),
    dataDir,
    databaseUrl,
    announcements,
    logLines: () => [...lines],
    close: async ({ keepData = false } = {}) => {
      await server.close();
      if (keepData) return;
      await database?.drop();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let clusterTemplate: Promise<string> | undefined;

/**
 * An empty embedded database cluster to copy, made once per machine and PGlite version: creating
 * one (initdb) takes about ten seconds, far longer on a busy machine, and a copy a fraction of one.
 * The server opens a copy exactly as it opens the cluster it made itself on a first start (which
 * the CLI's tests still go through).
 */
function emptyCluster(): Promise<string> {
  clusterTemplate ??= (async () => {
    // The package does not export its package.json: read it next to its entry point.
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const { version } = JSON.parse(
      await readFile(join(entry.slice(0, entry.lastIndexOf('/dist/')), 'package.json'), 'utf8'),
    ) as { version: string };
    const template = join(tmpdir(), `tessera-test-pgdata-${version}`);
    if (existsSync(join(template, 'PG_VERSION'))) return template;
    const scratch = await mkdtemp(join(tmpdir(), 'tessera-test-pgdata-new-'));
    try {
      await initialiseCluster(join(scratch, 'pgdata'));
      // Whole or not at all: another test worker may be making the same template right now.
      await rename(join(scratch, 'pgdata'), template).catch((error: NodeJS.ErrnoException) => {
        if (!existsSync(join(template, 'PG_VERSION'))) throw error;
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return template;
  })();
  return clusterTemplate;
}
