import { Injectable } from '@nestjs/common';
import { checkMerge } from '@tessera/domain';
import { Clock } from '../../common/time/clock.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { MergeResultDto, MergeTicketDto } from './dto/ticket-link.dto.js';
import { checkRelatedTicket } from './related-ticket.js';
import { TicketChangeHooks } from './ticket-change-hooks.js';
import { TicketError } from './ticket.error.js';
import { TicketLinkRepository } from './ticket-link.repository.js';
import { TicketMergeRepository } from './ticket-merge.repository.js';
import { TicketRepository, type NewEvent, type TicketRecord } from './ticket.repository.js';
import { ticketView } from './ticket.service.js';

/**
 * Folds a duplicate into another ticket. The access guard checked `ticket:merge` on the ticket
 * merged away; the ticket it goes into is checked here, against the same policy.
 */
@Injectable()
export class TicketMergeService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly links: TicketLinkRepository,
    private readonly merges: TicketMergeRepository,
    private readonly clock: Clock,
    private readonly changeHooks: TicketChangeHooks,
  ) {}

  /**
   * Merges the ticket into `targetId`, in one transaction with both tickets locked: its messages
   * (notes included) move over, its tags join the target's, and it is left `merged`, pointing at
   * the target. Both get a new version and a `merged` event.
   */
  async merge(
    actor: RequestActor,
    reference: string,
    input: MergeTicketDto,
  ): Promise<MergeResultDto> {
    const named = await this.tickets.findByReference(reference);
    if (!named) throw TicketError.notFound();
    const unknown = () => TicketError.unknownRelated('targetId');
    const namedTarget = await this.tickets.findByReference(input.targetId);
    if (!namedTarget) throw unknown();
    const now = this.clock.now();
    const movedMessages = await this.tickets.transaction(async (manager) => {
      const locked = await this.links.lockTickets(manager, [named.id, namedTarget.id]);
      const source = locked.get(named.id);
      if (!source) throw TicketError.notFound();
      const target = locked.get(namedTarget.id);
      // Judged as it is now, locked: it may have moved to another queue since it was named.
      checkRelatedTicket(actor, 'ticket:merge', target, unknown);
      const check = checkMerge(source, target);
      if (!check.allowed) throw TicketError.mergeRefused(check, source, target);

      const moved = await this.merges.moveMessages(manager, source.id, target.id);
      const tags = [...new Set([...target.tags, ...source.tags])].sort();
      const tagsGrow = tags.length > target.tags.length;
      await this.merges.markMerged(manager, source, target.id, now);
      await this.merges.absorb(manager, target, tagsGrow ? tags : undefined, now);
      const events: NewEvent[] = [
        {
          ticketId: source.id,
          actorId: actor.userId,
          type: 'merged',
          before: { state: source.state },
          after: { intoId: target.id, intoNumber: target.number },
        },
        {
          ticketId: target.id,
          actorId: actor.userId,
          type: 'merged',
          before: null,
          after: { fromId: source.id, fromNumber: source.number, messages: moved },
        },
      ];
      if (tagsGrow) {
        events.push({
          ticketId: target.id,
          actorId: actor.userId,
          type: 'tags',
          before: target.tags,
          after: tags,
        });
      }
      await this.tickets.insertEvents(manager, events, now);
      await this.changeHooks.afterChange(manager, [source.id, target.id], events);
      return moved;
    });
    return {
      source: ticketView(actor, await this.load(named.id)),
      target: ticketView(actor, await this.load(namedTarget.id)),
      movedMessages,
    };
  }

  private async load(id: string): Promise<TicketRecord> {
    const ticket = await this.tickets.findById(undefined, id);
    if (!ticket) throw TicketError.notFound();
    return ticket;
  }
}
