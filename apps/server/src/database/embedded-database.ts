// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) on a data directory, served
// on a random loopback port by pglite-socket so the ordinary `pg` driver can reach it.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataDirLock } from './data-dir-lock.js';

export class EmbeddedDatabase {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock,
    /** A postgres:// URL for the `pg` driver. Only one connection at a time is served correctly. */
    readonly url: string,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // Two processes on one PGlite directory would corrupt it, so the directory is locked first.
    const lock = await DataDirLock.acquire(dataDir);
    let db: PGlite | undefined;
    try {
      const pgdata = join(dataDir, 'pgdata');
      if (!existsSync(join(pgdata, 'PG_VERSION'))) await initialiseCluster(pgdata);
      db = await PGlite.create({ dataDir: pgdata });
      // One connection: pglite-socket mixes up queries across several (a known upstream issue).
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const [host, port] = splitHostPort(server.getServerConn());
      return new EmbeddedDatabase(db, server, lock, `postgres://postgres@${host}:${port}/postgres`);
    } catch (error) {
      await db?.close().catch(() => undefined);
      await lock.release();
      throw error;
    }
  }

  /** Stops accepting connections, then closes PGlite so everything written reaches the disk. */
  async close(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      await this.lock.release();
    }
  }
}

function splitHostPort(conn: string): [string, number] {
  const at = conn.lastIndexOf(':');
  return [conn.slice(0, at), Number(conn.slice(at + 1))];
}

// Creating a database cluster (initdb) leaves several hundred MiB of WebAssembly memory in the
// process that ran it, for good. A new data directory is therefore initialised by a short-lived
// child process, and the server only ever opens an existing cluster.
const INITDB_SCRIPT = `
const [entry, pgdata] = process.argv.slice(1);
require(entry).PGlite.create({ dataDir: pgdata }).then((db) => db.close()).catch((error) => {
  console.error(error);
  process.exit(1);
});`;

export async function initialiseCluster(pgdata: string): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  await promisify(execFile)(process.execPath, ['-e', INITDB_SCRIPT, entry, pgdata], {
    timeout: 120_000,
  });
}
