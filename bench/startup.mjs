// Startup benchmark: how long the Tessera server takes from spawn until GET /readyz answers 200,
// and how much memory (VmRSS) the server process holds once idle. Both database modes are
// measured, each in two scenarios:
//
//   first start  an empty database: schema, migrations and the first admin are created
//   restart      the same data directory / database again, already migrated
//
// Every run gets a fresh temporary data directory (embedded) or a freshly created database
// (PostgreSQL): the server is started on it once ("first start"), stopped with SIGTERM, started
// again ("restart") and stopped; then the directory or database is removed. The figures are
// printed as a Markdown table.
//
// Run from the repository root after `npm run build`:
//
//   npm run bench
//   node bench/startup.mjs --runs=10 --idle-seconds=5
//
// --runs=N          runs per scenario (default 5)
// --idle-seconds=S  how long the server idles after becoming ready before its RSS is read
//                   (default 5)
//
// PostgreSQL mode needs a server on 127.0.0.1:5432 that lets the user `postgres` in without a
// password (trust auth); the benchmark creates and drops its own tessera_bench_* databases.
// Linux only: the memory figure comes from /proc/<pid>/status.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'apps/server/bin/tessera.js');
const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
// Any fixed value will do: the databases are thrown away after the run.
const SECRET = 'tessera-benchmark-secret-not-for-real-use';

const POLL_INTERVAL_MS = 25;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
// How much of the server's output to keep for error messages.
const OUTPUT_TAIL_CHARS = 4_000;

/** Irregularities that do not invalidate the figures but should be seen, e.g. unclean exits. */
const warnings = [];

async function main() {
  const postgresVersion = await checkPostgres();
  const modes = [embeddedMode(), postgresMode()];
  const results = [];
  for (const mode of modes) results.push(...(await benchmarkMode(mode)));

  const cpus = os.cpus();
  console.log('## Tessera startup and idle memory\n');
  console.log(`- Date: ${new Date().toLocaleDateString('en-CA')}`);
  console.log(`- Node ${process.version} on ${os.platform()} ${os.arch()}`);
  console.log(`- CPU: ${cpus[0]?.model ?? 'unknown'} (${cpus.length} cores)`);
  console.log(`- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`- PostgreSQL ${postgresVersion} at 127.0.0.1:5432`);
  const runs = `${options.runs} run${options.runs === 1 ? '' : 's'}`;
  console.log(`- ${runs} per scenario; RSS read after ${options.idleSeconds} s idle\n`);
  console.log(markdownTable(results));
  if (warnings.length > 0) {
    console.log('\nWarnings:');
    for (const warning of warnings) console.log(`- ${warning}`);
  }
}

// --- Options -----------------------------------------------------------------------------------

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'idle-seconds': { type: 'string', default: '5' },
    },
  });
  const runs = Number(values.runs);
  const idleSeconds = Number(values['idle-seconds']);
  if (!Number.isInteger(runs) || runs < 1) fail('--runs must be a positive integer');
  if (!Number.isFinite(idleSeconds) || idleSeconds < 0) {
    fail('--idle-seconds must be a number of seconds, 0 or more');
  }
  return { runs, idleSeconds };
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

// --- Database modes ----------------------------------------------------------------------------
// A mode creates a "store" for one run: the environment that points the server at a new, empty
// database, and a dispose() that removes it again.

function embeddedMode() {
  return {
    name: 'Embedded (PGlite)',
    async createStore() {
      const dataDir = await mkdtemp(join(os.tmpdir(), 'tessera-bench-'));
      return {
        env: { TESSERA_DATA_DIR: dataDir },
        dispose: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  };
}

function postgresMode() {
  return {
    name: 'PostgreSQL',
    async createStore() {
      const database = `tessera_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
      await adminQuery(`CREATE DATABASE "${database}"`);
      return {
        env: { DATABASE_URL: `${POSTGRES_URL}/${database}`, TESSERA_SECRET: SECRET },
        dispose: () => adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
      };
    },
  };
}

/** Fails early, with a clear message, when PostgreSQL is not reachable; returns its version. */
async function checkPostgres() {
  try {
    const { rows } = await adminQuery('SHOW server_version');
    return rows[0].server_version;
  } catch (error) {
    fail(`cannot reach PostgreSQL at ${POSTGRES_URL} as user postgres: ${error.message}`);
  }
}

/** Runs one statement on the `postgres` maintenance database. */
async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

// --- Measuring ---------------------------------------------------------------------------------

async function benchmarkMode(mode) {
  const firstStart = [];
  const restart = [];
  for (let run = 1; run <= options.runs; run++) {
    const store = await mode.createStore();
    try {
      const label = `${mode.name}, run ${run}/${options.runs}`;
      firstStart.push(await measureStart(store.env, `${label}, first start`));
      restart.push(await measureStart(store.env, `${label}, restart`));
    } finally {
      await store.dispose();
    }
  }
  return [
    { mode: mode.name, scenario: 'First start', samples: firstStart },
    { mode: mode.name, scenario: 'Restart', samples: restart },
  ];
}

/** Starts the server, times it to ready, lets it idle, reads its RSS and stops it. */
async function measureStart(env, label) {
  const server = await ServerProcess.start(env);
  try {
    const readyMs = await server.waitUntilReady();
    await sleep(options.idleSeconds * 1000);
    const rssMiB = await server.rssMiB();
    const exit = await server.stop();
    if (exit.code !== 0) warnings.push(`${label}: shutdown ended with ${describeExit(exit)}`);
    console.error(`${label}: ready in ${readyMs.toFixed(0)} ms, RSS ${rssMiB.toFixed(1)} MiB`);
    return { readyMs, rssMiB };
  } finally {
    server.kill();
  }
}

/** One `tessera serve` process; the spawned node process is the server itself. */
class ServerProcess {
  static async start(storeEnv) {
    const port = await freePort();
    const env = {
      ...envWithoutTesseraSettings(),
      ...storeEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    // Timing starts just before the spawn, so it includes Node's own start-up.
    const startedAt = performance.now();
    const child = spawn(process.execPath, [CLI, 'serve'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(child, port, startedAt);
  }

  constructor(child, port, startedAt) {
    this.child = child;
    this.readyUrl = `http://127.0.0.1:${port}/readyz`;
    this.startedAt = startedAt;
    // Output is kept only to explain a failure; it must be read so the pipes never fill up.
    this.output = '';
    const keep = (chunk) => {
      this.output = (this.output + chunk).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.setEncoding('utf8').on('data', keep);
    child.stderr.setEncoding('utf8').on('data', keep);
    // Set once the process has ended: { code, signal } or, if it could not be spawned, { error }.
    this.exit = undefined;
    this.exited = new Promise((resolve) => {
      const ended = (exit) => {
        this.exit = exit;
        resolve(exit);
      };
      child.once('exit', (code, signal) => ended({ code, signal }));
      child.once('error', (error) => ended({ code: null, signal: null, error }));
    });
  }

  /** Polls /readyz until it answers 200; returns the milliseconds since the spawn. */
  async waitUntilReady() {
    const deadline = this.startedAt + READY_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (this.exit) {
        throw new Error(
          `the server exited (${describeExit(this.exit)}) before it was ready. ` +
            `Its last output:\n${this.output}`,
        );
      }
      try {
        const response = await fetch(this.readyUrl, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - this.startedAt;
      } catch {
        // Not listening yet: try again.
      }
      await sleep(POLL_INTERVAL_MS);
    }
    throw new Error(
      `the server was not ready within ${READY_TIMEOUT_MS / 1000} s ` +
        `(GET ${this.readyUrl} never answered 200). Its last output:\n${this.output}`,
    );
  }

  /** Resident memory of the server process, from /proc/<pid>/status. */
  async rssMiB() {
    const status = await readFile(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    if (!match) throw new Error(`no VmRSS in /proc/${this.child.pid}/status`);
    return Number(match[1]) / 1024;
  }

  /** Asks the server to stop (SIGTERM) and waits; kills it if it takes too long. */
  async stop() {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    // An unref'd timer, so a pending timeout never keeps the benchmark itself alive.
    const timeout = sleep(STOP_TIMEOUT_MS, undefined, { ref: false });
    const exit = await Promise.race([this.exited, timeout]);
    if (exit) return exit;
    this.kill();
    return { ...(await this.exited), timedOut: true };
  }

  /** Last resort, safe to call at any time: kills the process if it is still running. */
  kill() {
    if (!this.exit && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
  }
}

/** The environment without any Tessera settings of the shell the benchmark runs in. */
function envWithoutTesseraSettings() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(TESSERA_|DATABASE_)/.test(name) || name === 'PUBLIC_URL') delete env[name];
  }
  return env;
}

/** A port that is free right now: the OS picks one for a throwaway listener. */
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

function describeExit({ code, signal, error, timedOut }) {
  if (error) return `a spawn error: ${error.message}`;
  if (timedOut) return `no exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM (killed)`;
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

// --- Report ------------------------------------------------------------------------------------

function markdownTable(results) {
  const rows = [
    '| Database | Scenario | Ready, median (ms) | Ready, min–max (ms) | Idle RSS, median (MiB) |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const { mode, scenario, samples } of results) {
    const ready = samples.map((s) => s.readyMs);
    const rss = samples.map((s) => s.rssMiB);
    const range = `${Math.min(...ready).toFixed(0)}–${Math.max(...ready).toFixed(0)}`;
    rows.push(
      `| ${mode} | ${scenario} | ${median(ready).toFixed(0)} | ${range} | ` +
        `${median(rss).toFixed(1)} |`,
    );
  }
  return rows.join('\n');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// --- Entry point (last, so the class above is defined when main() runs) ---------------------

const options = readOptions();
try {
  await main();
} catch (error) {
  // The finally blocks have stopped every server and removed every database by now.
  fail(error.message);
}
