// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) on a data directory, served
// on a random loopback port by pglite-socket so the ordinary `pg` driver can reach it.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
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
      db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
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
