import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { JobService } from '../job/job.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { TicketChangeHooks } from './ticket-change-hooks.js';
import { TicketRepository } from './ticket.repository.js';

export const AUTO_CLOSE_JOB = 'tickets.auto-close';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Closes resolved tickets nobody answered within the quiet period (the `autoCloseAfterDays`
 * setting). A customer who writes after that gets a linked follow-up instead of reopening
 * something long settled. Runs every ten minutes, once cluster-wide.
 */
@Injectable()
export class TicketAutoCloseService implements OnModuleInit {
  constructor(
    private readonly jobs: JobService,
    private readonly tickets: TicketRepository,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly changeHooks: TicketChangeHooks,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: AUTO_CLOSE_JOB,
      cron: '*/10 * * * *',
      handler: () => this.closeQuietTickets().then(() => undefined),
    });
  }

  /** Returns how many tickets it closed. */
  async closeQuietTickets(): Promise<number> {
    const { autoCloseAfterDays } = await this.settings.get();
    if (autoCloseAfterDays === 0) return 0;
    const now = this.clock.now();
    const resolvedBefore = new Date(now.getTime() - autoCloseAfterDays * DAY_MS);
    let closed = 0;
    for (;;) {
      const batch = await this.tickets.transaction(async (manager) => {
        const ids = await this.tickets.closeResolvedBefore(manager, resolvedBefore, now, 1_000);
        await this.changeHooks.afterChange(manager, ids);
        return ids.length;
      });
      closed += batch;
      if (batch < 1_000) break;
    }
    if (closed > 0) this.runtime.logger.info({ closed }, 'closed quiet resolved tickets');
    return closed;
  }
}
