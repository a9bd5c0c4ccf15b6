import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { JobService } from '../job/job.service.js';
import { recentSearchHorizon } from './ticket-search-tier.js';

export const PRUNE_RECENT_SEARCH_JOB = 'tickets.prune-recent-search';
/** Rows deleted a statement: short transactions, however many tickets grew old at once. */
const PRUNE_BATCH = 10_000;

/**
 * Keeps the recent tier of the search index (`ticket_search_recent`, filled by a trigger on
 * tickets) to the tickets updated within RECENT_SEARCH_KEEP_DAYS. Runs hourly, once
 * cluster-wide; a ticket written to again comes back by the trigger.
 */
@Injectable()
export class TicketSearchTierService implements OnModuleInit {
  constructor(
    private readonly jobs: JobService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: PRUNE_RECENT_SEARCH_JOB,
      cron: '23 * * * *',
      handler: () => this.prune().then(() => undefined),
    });
  }

  /** Returns how many tickets left the recent tier. */
  async prune(): Promise<number> {
    const before = recentSearchHorizon(this.clock.now());
    let pruned = 0;
    for (;;) {
      // Oldest first along the updated_at index, a batch at a time.
      const [row] = await this.dataSource.query<{ deleted: number }[]>(
        `WITH deleted AS (
           DELETE FROM ticket_search_recent WHERE ticket_id IN (
             SELECT ticket_id FROM ticket_search_recent WHERE updated_at < $1
              ORDER BY updated_at LIMIT ${PRUNE_BATCH})
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM deleted`,
        [before],
      );
      const deleted = row?.deleted ?? 0;
      pruned += deleted;
      if (deleted < PRUNE_BATCH) break;
    }
    if (pruned > 0) this.runtime.logger.info({ pruned }, 'pruned the recent search tier');
    return pruned;
  }
}
