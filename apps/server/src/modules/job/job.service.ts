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
import { DataSource } from 'typeorm';
import { RUNTIME, type Runtime } from '../../core/runtime.js';

export interface JobDefinition {
  /** Queue name, `<module>.<job>`. */
  name: string;
  /** Cron expression (UTC) when the job also runs on a schedule. */
  cron?: string;
  handler: () => Promise<void>;
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
    await boss.start();
    this.boss = boss;
    for (const definition of this.definitions.values()) {
      await boss.createQueue(definition.name);
      if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
      await boss.work(
        definition.name,
        { pollingIntervalSeconds: this.runtime.jobPollingSeconds },
        () => this.run(definition),
      );
    }
  }

  /** Queues one run of a registered job now, outside its schedule. Returns the job id. */
  async trigger(name: string): Promise<string> {
    if (!this.definitions.has(name)) throw new Error(`Job ${name} is not registered.`);
    const id = await this.started().send(name, {});
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
    await boss?.stop({ graceful: true, wait: true, timeout: 15_000 });
  }

  private async run(definition: JobDefinition): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await definition.handler();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.runtime.logger.info({ job: definition.name, durationMs: Math.round(ms) }, 'job done');
    } catch (error) {
      this.runtime.logger.error({ job: definition.name, err: error }, 'job failed');
      throw error; // pg-boss records the failure and retries per its policy
    }
  }

  private started(): PgBoss {
    if (!this.boss) throw new Error('The job queue is not running.');
    return this.boss;
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
