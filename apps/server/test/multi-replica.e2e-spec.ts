// Two `tessera serve` processes on one PostgreSQL database, started together on an empty one, as
// two Kubernetes replicas would be: migrations run once, one replica polls a mailbox, a job runs
// once per send whichever replica takes it, and a replica told to stop finishes the request it is
// serving.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import PgBoss from 'pg-boss';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { DataSource } from 'typeorm';
import { PURGE_EXPIRED_JOB } from '../src/modules/housekeeping/housekeeping.service.js';
import { freePort, runCli, waitUntilReady, type CliProcess } from './harness/cli-process.js';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue, signIn } from './harness/identity.js';
import { aMailbox } from './harness/mail-intake.js';
import { createTestDatabase, query, type TestDatabase } from './harness/test-database.js';
import { TEST_SECRET } from './harness/test-server.js';

const ADMIN = { email: 'ops@example.com', password: 'two replicas passphrase' };
const SENDS = 200;

interface LogLine {
  msg?: string;
  job?: string;
  jobId?: string;
  mailboxId?: string;
}

function logLines(replica: CliProcess): LogLine[] {
  return replica
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  const replicas: CliProcess[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    ports.push(await freePort(), await freePort());
    for (const port of ports) {
      replicas.push(
        runCli(['serve'], {
          DATABASE_URL: database.url,
          TESSERA_SECRET: TEST_SECRET,
          TESSERA_ADMIN_EMAIL: ADMIN.email,
          TESSERA_ADMIN_PASSWORD: ADMIN.password,
          PORT: String(port),
          LOG_LEVEL: 'info',
        }),
      );
    }
    await Promise.all(replicas.map((replica, i) => waitUntilReady(ports[i], replica)));
  });

  afterAll(async () => {
    for (const replica of replicas) {
      if (replica.process.exitCode === null) {
        replica.process.kill('SIGTERM');
        await replica.exited;
      }
    }
    await database?.drop();
  });

  it('applies every migration exactly once, and creates one first admin', async () => {
    const rows = await query<{ name: string; runs: number }>(
      database.url,
      'SELECT name, count(*)::int AS runs FROM typeorm_migrations GROUP BY name',
    );
    expect(rows.map((row) => row.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(rows.every((row) => row.runs === 1)).toBe(true);
    // One replica applied them under the lock; the other found nothing left to do.
    const applying = replicas.filter((replica) =>
      logLines(replica).some((line) => line.msg === 'migrations applied'),
    );
    expect(applying).toHaveLength(1);
    const admins = await query<{ email: string }>(
      database.url,
      `SELECT email FROM users WHERE role = 'admin'`,
    );
    expect(admins).toEqual([{ email: ADMIN.email }]);
  });

  it('lets exactly one replica poll a mailbox (its lease), the other standing by', async () => {
    const dovecot: Dovecot = await startDovecot([]);
    const dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
    await dataSource.initialize();
    try {
      const queue = await aQueue(dataSource);
      const mailbox = await aMailbox(dataSource, dovecot, { queueId: queue.id });
      // Each replica looks for unclaimed mailboxes every 15 seconds.
      const deadline = Date.now() + 40_000;
      let holders: { holder: string }[] = [];
      let starters: CliProcess[] = [];
      while (Date.now() < deadline) {
        holders = await query<{ holder: string }>(
          database.url,
          'SELECT holder FROM mailbox_leases WHERE mailbox_id = $1',
          [mailbox.id],
        );
        starters = replicas.filter((replica) =>
          logLines(replica).some(
            (line) => line.msg === 'mail intake starts' && line.mailboxId === mailbox.id,
          ),
        );
        if (holders.length > 0 && starters.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(holders).toHaveLength(1);
      expect(starters).toHaveLength(1);
      // The holder is "host:pid:random": the replica that started the worker.
      const pid = Number(holders[0]?.holder.split(':')[1]);
      expect(pid).toBe(starters[0]?.process.pid);
      // And it stays with that replica: the other does not take it over.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await query<{ holder: string }>(
        database.url,
        'SELECT holder FROM mailbox_leases WHERE mailbox_id = $1',
        [mailbox.id],
      );
      expect(again).toEqual(holders);
    } finally {
      await dataSource.destroy();
      // The mailbox goes (and with it the worker, at the holder's next round) before Dovecot does.
      await query(database.url, 'UPDATE mailboxes SET enabled = false');
      await dovecot.stop();
    }
  });

  it(`runs a job sent ${SENDS} times exactly ${SENDS} times, never one twice`, async () => {
    const boss = new PgBoss({
      connectionString: database.url,
      schema: 'pgboss',
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    const ids: string[] = [];
    try {
      for (let i = 0; i < SENDS; i++) {
        const id = await boss.send(PURGE_EXPIRED_JOB, { send: i });
        if (id) ids.push(id);
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    expect(ids).toHaveLength(SENDS);

    const deadline = Date.now() + 50_000;
    let states: { state: string; runs: number; retries: number }[] = [];
    while (Date.now() < deadline) {
      states = await query(
        database.url,
        `SELECT state, count(*)::int AS runs, sum(retry_count)::int AS retries
           FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[]) GROUP BY state`,
        [PURGE_EXPIRED_JOB, ids],
      );
      if (states.length === 1 && states[0]?.state === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(states).toEqual([{ state: 'completed', runs: SENDS, retries: 0 }]);

    // Each replica logs every run it makes: together they ran each job once.
    const runs = new Map<string, number>();
    for (const replica of replicas) {
      for (const line of logLines(replica)) {
        if (line.job !== PURGE_EXPIRED_JOB || !line.jobId || !ids.includes(line.jobId)) continue;
        expect(line.msg).toBe('job done');
        runs.set(line.jobId, (runs.get(line.jobId) ?? 0) + 1);
      }
    }
    expect(runs.size).toBe(SENDS);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('finishes a slow request in flight when told to stop (SIGTERM), then exits 0', async () => {
    const [stopping, staying] = replicas as [CliProcess, CliProcess];
    const token = await signIn(`http://127.0.0.1:${ports[0]}`, ADMIN.email, ADMIN.password);
    const chunk = Buffer.alloc(64 * 1024, 7);
    const chunks = 4;
    const upload = httpRequest({
      host: '127.0.0.1',
      port: ports[0],
      method: 'POST',
      path: '/api/v1/attachments?filename=slow.bin',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(chunk.length * chunks),
      },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      upload.on('response', (res) => {
        let body = '';
        res.on('data', (data: Buffer) => (body += data.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      upload.on('error', reject);
    });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    upload.write(chunk);
    // The request is under way (headers and a first part sent) when the signal comes.
    await pause(300);
    stopping.process.kill('SIGTERM');
    // Told to stop, the replica reports itself not ready, so a load balancer stops sending.
    let ready = 200;
    for (let i = 0; i < 50 && ready === 200; i++) {
      ready = await fetch(`http://127.0.0.1:${ports[0]}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready === 200) await pause(20);
    }
    expect(ready).not.toBe(200);
    for (let i = 1; i < chunks; i++) {
      await pause(150);
      upload.write(chunk);
    }
    upload.end();

    const answer = await response;
    expect(answer.status).toBe(201);
    const { id } = JSON.parse(answer.body) as { id: string };
    expect(await stopping.exited).toBe(0);
    expect(stopping.stdout()).toContain('"msg":"stopped"');

    // The other replica goes on serving, and has the file the stopped one stored.
    const stored = await fetch(`http://127.0.0.1:${ports[1]}/api/v1/attachments/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stored.status).toBe(200);
    expect(Buffer.from(await stored.arrayBuffer()).length).toBe(chunk.length * chunks);
    expect(staying.process.exitCode).toBeNull();
    // Stopping waits, each bounded, for the request, the job queue (15 s) and a mailbox worker
    // (15 s plus 5 s to sign out): on a busy machine together more than Jest's default minute.
  }, 120_000);
});
