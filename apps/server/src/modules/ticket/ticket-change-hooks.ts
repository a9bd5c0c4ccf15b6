// Other modules keep derived state of tickets up to date in the same transaction as each change:
// the SLA module recomputes its clocks after a PATCH, a bulk change, a merge or the auto-close
// job has written its events (new messages go through TicketMessageHooks); the mail module mails
// an agent a ticket was assigned to. The ticket module cannot depend on those modules (they
// depend on it), so they register here when they start.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewEvent } from './ticket.repository.js';

/**
 * `events`: what the change wrote, for hooks that act on some kinds of change. A change that
 * may set the assignee (PATCH, bulk) passes its events; one that never does may leave them out.
 */
export type TicketChangeHook = (
  manager: EntityManager,
  ticketIds: string[],
  events: readonly NewEvent[],
) => Promise<void>;

@Injectable()
export class TicketChangeHooks {
  private readonly hooks: TicketChangeHook[] = [];

  register(hook: TicketChangeHook): void {
    this.hooks.push(hook);
  }

  /**
   * Runs every hook in the caller's transaction, after the tickets' rows and events are written:
   * a failing hook rolls the change back.
   */
  async afterChange(
    manager: EntityManager,
    ticketIds: string[],
    events: readonly NewEvent[] = [],
  ): Promise<void> {
    if (ticketIds.length === 0) return;
    for (const hook of this.hooks) await hook(manager, ticketIds, events);
  }
}
