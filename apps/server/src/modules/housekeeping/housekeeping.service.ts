import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { JobService } from '../job/job.service.js';
import { HousekeepingRepository } from './housekeeping.repository.js';

export const PURGE_EXPIRED_JOB = 'housekeeping.purge-expired';

/** Removes rows whose time is up: expired sessions and idempotency records. */
@Injectable()
export class HousekeepingService implements OnModuleInit {
  constructor(
    private readonly jobs: JobService,
    private readonly repository: HousekeepingRepository,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: PURGE_EXPIRED_JOB,
      cron: '*/15 * * * *',
      handler: () => this.purgeExpired().then(() => undefined),
    });
  }

  async purgeExpired(): Promise<{ sessions: number; idempotencyRecords: number }> {
    const now = this.clock.now();
    const sessions = await this.repository.deleteExpiredSessions(now);
    const idempotencyRecords = await this.repository.deleteExpiredIdempotencyRecords(now);
    this.runtime.logger.info({ sessions, idempotencyRecords }, 'purged expired rows');
    return { sessions, idempotencyRecords };
  }
}
