import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE } from '../auth/login-throttle.js';
import { JobService } from '../job/job.service.js';
import { HousekeepingRepository } from './housekeeping.repository.js';

export const PURGE_EXPIRED_JOB = 'housekeeping.purge-expired';

/** Removes rows whose time is up: expired sessions, idempotency records and login throttles. */
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

  async purgeExpired(): Promise<{
    sessions: number;
    idempotencyRecords: number;
    loginThrottles: number;
  }> {
    const now = this.clock.now();
    const sessions = await this.repository.deleteExpiredSessions(now);
    const idempotencyRecords = await this.repository.deleteExpiredIdempotencyRecords(now);
    const longestWindow = Math.max(ACCOUNT_THROTTLE.windowSeconds, ADDRESS_THROTTLE.windowSeconds);
    const loginThrottles = await this.repository.deleteStaleLoginThrottles(
      now,
      new Date(now.getTime() - longestWindow * 1000),
    );
    this.runtime.logger.info(
      { sessions, idempotencyRecords, loginThrottles },
      'purged expired rows',
    );
    return { sessions, idempotencyRecords, loginThrottles };
  }
}
