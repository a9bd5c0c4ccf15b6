import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketChannel } from './ticket.entity.js';
import { TicketLinkRepository } from './ticket-link.repository.js';
import { TicketRepository, type TicketRecord } from './ticket.repository.js';

/**
 * A closed ticket is history: an answer to it opens a new ticket, its follow-up, which carries the
 * answer as its first message and is linked to the closed one. Any channel a customer can answer
 * through (the API, mail) opens follow-ups this way.
 */
@Injectable()
export class TicketFollowUpService {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly links: TicketLinkRepository,
  ) {}

  /**
   * Opens the follow-up of `closed` with `body`, written by `author`, inside the caller's
   * transaction (which should hold the closed ticket's row lock). The new ticket has the closed
   * one's requester, organisation, queue, priority and subject, and starts `new`; the closed ticket
   * itself is left as it was, with a `link` event.
   */
  async openFollowUp(
    manager: EntityManager,
    closed: TicketRecord,
    author: { id: string },
    body: { bodyText: string; bodyHtml: string | null; mailMessageId?: string | null },
    channel: TicketChannel,
    at: Date,
  ): Promise<{ ticketId: string; messageId: string }> {
    const { ticketId, messageId } = await this.tickets.insertWithFirstMessage(
      manager,
      {
        subject: closed.subject,
        requesterText: `${closed.requesterName} ${closed.requesterEmail}`,
        state: 'new',
        priority: closed.priority,
        queueId: closed.queueId,
        requesterId: closed.requesterId,
        organizationId: closed.organizationId,
        channel,
        tags: [],
        resolvedAt: null,
      },
      { authorId: author.id, internal: false, ...body },
      {
        actorId: author.id,
        details: {
          state: 'new',
          queueId: closed.queueId,
          channel,
          requesterId: closed.requesterId,
          followUpOf: { id: closed.id, number: closed.number },
        },
      },
      at,
    );
    await this.links.insert(
      manager,
      { sourceId: ticketId, targetId: closed.id, kind: 'follow_up', createdBy: author.id },
      at,
    );
    const opened = await this.tickets.findById(manager, ticketId);
    await this.tickets.insertEvents(
      manager,
      [
        {
          ticketId: closed.id,
          actorId: author.id,
          type: 'link',
          before: null,
          after: {
            ticketId,
            number: opened?.number ?? null,
            kind: 'follow_up',
            direction: 'incoming',
          },
        },
      ],
      at,
    );
    return { ticketId, messageId };
  }
}
