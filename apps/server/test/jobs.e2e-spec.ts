import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { JobService } from '../src/modules/job/job.service.js';
import { PURGE_EXPIRED_JOB } from '../src/modules/housekeeping/housekeeping.service.js';
import { FixedClock } from './harness/fixed-clock.js';
import { waitForJob } from './harness/wait-for-job.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('background jobs', () => {
  let server: TestServer;
  let jobs: JobService;

  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres', clock: new FixedClock(NOW) });
    jobs = server.server.app.get(JobService);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('schedules the housekeeping purge in the job queue', async () => {
    expect(await jobs.schedules()).toContainEqual({
      name: PURGE_EXPIRED_JOB,
      cron: '*/15 * * * *',
    });
  });

  it('runs the purge through a real worker: expired rows go, live rows stay', async () => {
    const [user] = await server.dataSource.query<{ id: string }[]>(
      `INSERT INTO users (email, name, role) VALUES ('agent@example.com', 'Agent', 'agent') RETURNING id`,
    );
    const session = (expiresAt: Date) =>
      server.dataSource.query(
        'INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, $3)',
        [user?.id, randomBytes(32).toString('hex'), expiresAt],
      );
    const record = (key: string, expiresAt: Date) =>
      server.dataSource.query(
        `INSERT INTO idempotency_records (scope, key, request_hash, response_status, expires_at)
         VALUES ('user:1', $1, $2, 201, $3)`,
        [key, 'a'.repeat(64), expiresAt],
      );
    await session(minutes(-60));
    await session(minutes(-1));
    await session(minutes(30));
    await record('old', minutes(-5));
    await record('fresh', minutes(5));
    const throttle = (key: string, windowStartedAt: Date, lockedUntil: Date | null) =>
      server.dataSource.query(
        `INSERT INTO login_throttles (key, failures, window_started_at, locked_until) VALUES ($1, 3, $2, $3)`,
        [key, windowStartedAt, lockedUntil],
      );
    await throttle('account:stale@example.com', minutes(-60), null);
    await throttle('account:still-locked@example.com', minutes(-60), minutes(5));
    await throttle('ip:10.0.0.1', minutes(-5), null);

    const id = await jobs.trigger(PURGE_EXPIRED_JOB);
    expect(await waitForJob(jobs, PURGE_EXPIRED_JOB, id)).toBe('completed');

    const sessions = await server.dataSource.query<{ expires_at: Date }[]>(
      'SELECT expires_at FROM sessions',
    );
    expect(sessions.map((s) => s.expires_at.toISOString())).toEqual([minutes(30).toISOString()]);
    const records = await server.dataSource.query<{ key: string }[]>(
      'SELECT key FROM idempotency_records',
    );
    expect(records.map((r) => r.key)).toEqual(['fresh']);
    const throttles = await server.dataSource.query<{ key: string }[]>(
      'SELECT key FROM login_throttles ORDER BY key',
    );
    expect(throttles.map((t) => t.key)).toEqual([
      'account:still-locked@example.com',
      'ip:10.0.0.1',
    ]);
    expect(
      server
        .logLines()
        .some((l) => l.includes('"sessions":2,"idempotencyRecords":1,"loginThrottles":1')),
    ).toBe(true);
  });
});
