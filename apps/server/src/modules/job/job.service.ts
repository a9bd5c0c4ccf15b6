// Background work through pg-boss: jobs live in PostgreSQL, are claimed with SKIP LOCKED, and a
// cron schedule fires once cluster-wide however many replicas run.
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { prepared } from '../../common/database/prepared-statements.js';

/** One run of a job, as its handler sees it. */
export interface JobRun {
  id: string;
  /** What the job was sent with (`{}` for scheduled and triggered runs). */
  data: unknown;
  /** Retries made before this run: 0 on the first attempt. */
  retryCount: number;
  /** Retries allowed: when retryCount reaches it, this run is the last. */
  retryLimit: number;
}

export interface JobRetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Delay before the first retry; with `backoff`, each further one waits about twice as long. */
  delaySeconds: number;
  backoff: boolean;
}

export interface JobDefinition {
  /** Queue name, `<module>.<job>`. */
  name: string;
  /** Cron expression (UTC) when the job also runs on a schedule. */
  cron?: string;
  /** How a run that throws is retried; pg-boss's default (2 retries, no delay) otherwise. */
  retry?: JobRetryPolicy;
  /**
   * Runs of this job one replica works on side by side (1 by default): for jobs that mostly
   * wait on something else, such as an SMTP server's answers.
   */
  workers?: number;
  handler: (job: JobRun) => Promise<void>;
}

@Injectable()
export class JobService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly definitions = new Map<string, JobDefinition>();
  private boss: PgBoss | undefined;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly dataSource: DataSource,
  ) {}

  /** Feature modules register their jobs during module init; they start with the application. */
  register(definition: JobDefinition): void {
    if (this.definitions.has(definition.name)) {
      throw new Error(`Job ${definition.name} is registered twice.`);
    }
    this.definitions.set(definition.name, definition);
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = new PgBoss({
      // pg-boss shares the application's pool: in embedded mode it is the only connection there is.
      db: { executeSql: (text, values) => this.pool().query(text, values) },
      schema: 'pgboss',
    });
    boss.on('error', (error) => this.runtime.logger.error({ err: error }, 'job queue error'));
    await createSchemaOnce(this.pool(), 'pgboss');
    await boss.start();
    this.boss = boss;
    for (const definition of this.definitions.values()) {
      await createQueueOnce(boss, definition.name);
      if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
      // pg-boss 10 runs one job at a time per worker: side by side means several workers.
      for (let worker = 0; worker < (definition.workers ?? 1); worker++) {
        // The handler first runs after a fetch from the database, by when workerId is assigned.
        const workerId: string = await boss.work(
          definition.name,
          { pollingIntervalSeconds: this.runtime.jobPollingSeconds, includeMetadata: true },
          async ([job]) => {
            await this.run(definition, job);
            // pg-boss waits a polling interval after every fetch, even one that found work: with
            // a backlog, look again at once, so it drains at the handlers' pace, not a job a poll.
            // Not once stopping: a fetch then would outlive the database pool.
            if (job && this.boss === boss) boss.notifyWorker(workerId);
          },
        );
      }
    }
  }

  /** Queues one run of a registered job now, outside its schedule. Returns the job id. */
  async trigger(name: string): Promise<string> {
    if (!this.definitions.has(name)) throw new Error(`Job ${name} is not registered.`);
    const id = await this.started().send(name, {}, this.retryOptions(name));
    if (!id) throw new Error(`Job ${name} was not queued.`);
    return id;
  }

  /**
   * Queues a run of a registered job with `data`, in the caller's transaction: the job exists
   * if and only if the transaction commits, so work decided in it is never lost nor done for a
   * change that rolled back. Returns the job id.
   */
  async sendInTransaction(manager: EntityManager, name: string, data: object): Promise<string> {
    if (!this.definitions.has(name)) throw new Error(`Job ${name} is not registered.`);
    const id = await this.started().send(name, data, {
      ...this.retryOptions(name),
      // pg-boss inserts the job with one INSERT ... RETURNING, whose rows TypeORM answers with.
      db: {
        executeSql: async (text, values) => {
          // One fixed INSERT per queue: parsed and planned once per connection.
          const rows = await manager.query<unknown>(prepared(text), values);
          return { rows: Array.isArray(rows) ? rows : [] };
        },
      },
    });
    if (!id) throw new Error(`Job ${name} was not queued.`);
    return id;
  }

  /** The state pg-boss records for a job: created, active, completed, failed, ... */
  async stateOf(name: string, id: string): Promise<string | undefined> {
    return (await this.started().getJobById(name, id))?.state;
  }

  async schedules(): Promise<{ name: string; cron: string }[]> {
    return (await this.started().getSchedules()).map(({ name, cron }) => ({ name, cron }));
  }

  /** Stops taking work and waits for running jobs, before the database pool closes. */
  async onModuleDestroy(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    // stop() returns before pg-boss's own monitor has seen its workers' loops end: it checks once
    // a second and may still fetch or complete a job. Let it finish while the pool is still open.
    await new Promise((resolve) => setTimeout(resolve, WORKER_SETTLE_MS));
  }

  private async run(
    definition: JobDefinition,
    job: PgBoss.JobWithMetadata<unknown> | undefined,
  ): Promise<void> {
    if (!job) return;
    const started = process.hrtime.bigint();
    const log = { job: definition.name, jobId: job.id, retryCount: job.retryCount };
    try {
      await definition.handler({
        id: job.id,
        data: job.data,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.runtime.logger.info({ ...log, durationMs: Math.round(ms) }, 'job done');
    } catch (error) {
      this.runtime.logger.error({ ...log, err: error }, 'job failed');
      throw error; // pg-boss records the failure and retries per its policy
    }
  }

  private retryOptions(name: string): PgBoss.RetryOptions {
    const retry = this.definitions.get(name)?.retry;
    return retry
      ? { retryLimit: retry.limit, retryDelay: retry.delaySeconds, retryBackoff: retry.backoff }
      : {};
  }

  private started(): PgBoss {
    if (!this.boss) throw new Error('The job queue is not running.');
    return this.boss;
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}

/**
 * Creates pg-boss's schema before pg-boss installs itself. Two replicas starting on an empty
 * database race to create it: pg-boss tolerates every other collision of its install (errors that
 * say "already exists") but not this one, a unique violation in pg_namespace.
 */
async function createSchemaOnce(pool: Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // The other replica created it at the same moment: it exists now, which is all we need.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

/** pg-boss's stop monitor polls its stopped workers once a second. */
const WORKER_SETTLE_MS = 1_100;

// SQLSTATEs of the collision below: deadlock_detected, unique_violation.
const QUEUE_CREATION_COLLISIONS = new Set(['40P01', '23505']);

/**
 * Creates a queue, tolerating another replica doing the same at the same moment: on a new
 * database, pg-boss's create_queue() in two processes at once deadlocks (each waits on the
 * other's locks on pgboss.queue) and PostgreSQL aborts one. The retry finds the queue created
 * by the winner and does nothing.
 */
async function createQueueOnce(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 5 || typeof code !== 'string' || !QUEUE_CREATION_COLLISIONS.has(code)) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
