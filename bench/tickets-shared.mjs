// What bench/tickets-seed.mjs and bench/tickets-load.mjs share: where the benchmark database is,
// who signs in, how the seed marks a database as complete, and how `tessera` is run.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'apps/server/bin/tessera.js');

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tessera_bench';
// Any fixed value will do: the database holds made-up data only.
export const SECRET = 'tessera-benchmark-secret-not-for-real-use';

/** The admin the load benchmark signs in as (sees every ticket). */
export const ADMIN = { email: 'bench-admin@tessera.example', password: 'bench-admin-password-1' };
/** An agent with reply access to two queues: lists and searches are scoped to them. */
export const AGENT = { email: 'bench-agent@tessera.example', password: 'bench-agent-password-1' };
/** The queues the bench agent may work in, by slug. */
export const AGENT_QUEUE_SLUGS = ['billing', 'returns'];

/** The seed writes this, followed by JSON, as the database comment once it has finished. */
export const SEED_MARKER = 'tessera-bench-seed ';

/** The benchmark database (BENCH_DATABASE_URL), its name, and the maintenance database next to it. */
export function benchDatabase() {
  const url = new URL(process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(
      `BENCH_DATABASE_URL must name a database of letters, digits and _ (got "${name}")`,
    );
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  return { url: url.toString(), name, maintenanceUrl: maintenance.toString() };
}

/** The seed's description of the database, or undefined when it was not (completely) seeded. */
export async function readSeedMarker(client) {
  const { rows } = await client.query(
    `SELECT shobj_description(oid, 'pg_database') AS comment
       FROM pg_database WHERE datname = current_database()`,
  );
  const comment = rows[0]?.comment;
  if (!comment?.startsWith(SEED_MARKER)) return undefined;
  return JSON.parse(comment.slice(SEED_MARKER.length));
}

export function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

/** The environment without any Tessera settings of the shell the benchmark runs in. */
export function serverEnv(databaseUrl, extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(TESSERA_|DATABASE_)/.test(name) || name === 'PUBLIC_URL') delete env[name];
  }
  return {
    ...env,
    DATABASE_URL: databaseUrl,
    TESSERA_SECRET: SECRET,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Runs `tessera migrate` on the database; throws with its output when it fails. */
export async function migrate(databaseUrl) {
  const child = spawn(process.execPath, [CLI, 'migrate'], {
    cwd: ROOT,
    env: serverEnv(databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`tessera migrate failed (exit ${code}):\n${output}`);
  return output.trim();
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_TAIL_CHARS = 4_000;

/** One `tessera serve` process on a free port of 127.0.0.1. */
export class ServerProcess {
  static async start(databaseUrl, extraEnv = {}) {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve'], {
      cwd: ROOT,
      env: serverEnv(databaseUrl, { PORT: String(port), ...extraEnv }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, port);
    await server.waitUntilReady();
    return server;
  }

  constructor(child, port) {
    this.child = child;
    this.baseUrl = `http://127.0.0.1:${port}`;
    // Kept to explain a failure; read so that the pipes never fill up.
    this.output = '';
    const keep = (chunk) => {
      this.output = (this.output + chunk).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.setEncoding('utf8').on('data', keep);
    child.stderr.setEncoding('utf8').on('data', keep);
    this.exit = undefined;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve((this.exit = { code, signal })));
      child.once('error', (error) => resolve((this.exit = { code: null, signal: null, error })));
    });
  }

  async waitUntilReady() {
    const deadline = performance.now() + READY_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (this.exit) {
        throw new Error(`the server exited before it was ready. Its last output:\n${this.output}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/readyz`, {
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`the server was not ready within 60 s. Its last output:\n${this.output}`);
  }

  /** SIGTERM, then SIGKILL if it does not stop in time. */
  async stop() {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    const exit = await Promise.race([
      this.exited,
      sleep(STOP_TIMEOUT_MS, undefined, { ref: false }),
    ]);
    if (exit) return exit;
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Milliseconds as seconds with one decimal, for progress lines. */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
