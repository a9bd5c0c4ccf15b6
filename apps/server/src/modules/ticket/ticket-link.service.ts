import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock.js';
import type { RequestActor } from '../permission/request-actor.js';
import type {
  CreateTicketLinkDto,
  TicketLinkDto,
  TicketLinkListDto,
} from './dto/ticket-link.dto.js';
import { checkRelatedTicket } from './related-ticket.js';
import { TicketError } from './ticket.error.js';
import type { TicketLinkKind } from './ticket-link.entity.js';
import { TicketLinkRepository, type TicketLinkRecord } from './ticket-link.repository.js';
import { TicketRepository, type NewEvent, type TicketRecord } from './ticket.repository.js';
import { scopeOf } from './ticket.service.js';

/**
 * Links between tickets. The access guard judged the ticket in the path; the other one must be
 * visible to the caller, and changing a link needs `ticket:update` on both.
 */
@Injectable()
export class TicketLinkService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly links: TicketLinkRepository,
    private readonly clock: Clock,
  ) {}

  /** The ticket's links to tickets the caller may see; the others are left out, unmentioned. */
  async list(actor: RequestActor, reference: string): Promise<TicketLinkListDto> {
    const ticket = await this.find(reference);
    const rows = await this.links.listFor(ticket.id, scopeOf(actor));
    return {
      items: rows.map((row) => ({
        ticketId: row.ticketId,
        number: row.number,
        subject: row.subject,
        state: row.state,
        kind: row.kind,
        direction: row.outgoing ? 'outgoing' : 'incoming',
        createdAt: row.createdAt.toISOString(),
      })),
    };
  }

  /**
   * Links the ticket to another one. Linking tickets that are linked already (either way round)
   * changes nothing and returns the link there is, with `created: false`.
   */
  async link(
    actor: RequestActor,
    reference: string,
    input: CreateTicketLinkDto,
  ): Promise<{ link: TicketLinkDto; created: boolean }> {
    const ticket = await this.find(reference);
    const unknown = () => TicketError.unknownRelated('ticketId');
    const named = await this.tickets.findByReference(input.ticketId);
    if (!named) throw unknown();
    if (named.id === ticket.id) {
      throw TicketError.invalidField('ticketId', 'must be another ticket than this one');
    }
    const now = this.clock.now();
    return this.tickets.transaction(async (manager) => {
      // Both rows locked: two requests linking the same pair cannot both find no link.
      const locked = await this.links.lockTickets(manager, [ticket.id, named.id]);
      const source = locked.get(ticket.id);
      if (!source) throw TicketError.notFound();
      const target = locked.get(named.id);
      checkRelatedTicket(actor, 'ticket:update', target, unknown);
      const existing = await this.links.findBetween(manager, source.id, target.id);
      if (existing) return { link: linkView(existing, source.id, target), created: false };
      const link = await this.links.insert(
        manager,
        {
          sourceId: source.id,
          targetId: target.id,
          kind: input.kind ?? 'related',
          createdBy: actor.userId,
        },
        now,
      );
      await this.tickets.insertEvents(
        manager,
        linkEvents('link', link, source, target, actor.userId),
        now,
      );
      return { link: linkView(link, source.id, target), created: true };
    });
  }

  /**
   * Links two tickets inside the caller's transaction, with the `link` event on each, for links
   * Tessera makes itself (mail intake: a stranger's mail quoting a ticket opens a new one linked
   * to it). The caller knows they are not linked yet (`source` is new).
   */
  async linkNew(
    manager: EntityManager,
    source: TicketRecord,
    target: TicketRecord,
    kind: TicketLinkKind,
    actorId: string | null,
    at: Date,
  ): Promise<void> {
    const link = await this.links.insert(
      manager,
      { sourceId: source.id, targetId: target.id, kind, createdBy: actorId },
      at,
    );
    await this.tickets.insertEvents(manager, linkEvents('link', link, source, target, actorId), at);
  }

  /** Removes the link between the ticket and another one, whichever way it points. */
  async unlink(actor: RequestActor, reference: string, otherReference: string): Promise<void> {
    const ticket = await this.find(reference);
    // A ticket the caller cannot see is linked to nothing they could remove.
    const unknown = () => TicketError.noSuchLink();
    const named = await this.tickets.findByReference(otherReference);
    if (!named || named.id === ticket.id) throw unknown();
    await this.tickets.transaction(async (manager) => {
      const locked = await this.links.lockTickets(manager, [ticket.id, named.id]);
      const one = locked.get(ticket.id);
      if (!one) throw TicketError.notFound();
      const other = locked.get(named.id);
      checkRelatedTicket(actor, 'ticket:update', other, unknown);
      const removed = await this.links.deleteBetween(manager, one.id, other.id);
      if (!removed) throw unknown();
      const [source, target] = removed.sourceId === one.id ? [one, other] : [other, one];
      await this.tickets.insertEvents(
        manager,
        linkEvents('unlink', removed, source, target, actor.userId),
        this.clock.now(),
      );
    });
  }

  private async find(reference: string): Promise<TicketRecord> {
    const ticket = await this.tickets.findByReference(reference);
    if (!ticket) throw TicketError.notFound();
    return ticket;
  }
}

/** The link as `fromId` sees it, `other` being the ticket at its other end. */
function linkView(link: TicketLinkRecord, fromId: string, other: TicketRecord): TicketLinkDto {
  return {
    ticketId: other.id,
    number: other.number,
    subject: other.subject,
    state: other.state,
    kind: link.kind,
    direction: link.sourceId === fromId ? 'outgoing' : 'incoming',
    createdAt: link.createdAt.toISOString(),
  };
}

/** A `link` or `unlink` event on each ticket, naming the ticket at the other end. */
function linkEvents(
  type: 'link' | 'unlink',
  link: TicketLinkRecord,
  source: TicketRecord,
  target: TicketRecord,
  actorId: string | null,
): NewEvent[] {
  const end = (other: TicketRecord, direction: 'outgoing' | 'incoming') => ({
    ticketId: other.id,
    number: other.number,
    kind: link.kind,
    direction,
  });
  return [
    { ticketId: source.id, other: end(target, 'outgoing') },
    { ticketId: target.id, other: end(source, 'incoming') },
  ].map(({ ticketId, other }) => ({
    ticketId,
    actorId,
    type,
    before: type === 'unlink' ? other : null,
    after: type === 'link' ? other : null,
  }));
}
