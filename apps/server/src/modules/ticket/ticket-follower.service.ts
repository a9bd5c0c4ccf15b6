import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isTerminal } from '@tessera/domain';
import { Clock } from '../../common/time/clock.js';
import type { RequestActor } from '../permission/request-actor.js';
import { UserService } from '../user/user.service.js';
import type { FollowerDto, FollowerListDto } from './dto/ticket-follower.dto.js';
import type { RequesterDto } from './dto/ticket.dto.js';
import { TicketFollowerRepository, type FollowerRecord } from './ticket-follower.repository.js';
import { TicketError } from './ticket.error.js';
import { TicketRepository, type TicketRecord } from './ticket.repository.js';

/** Followers (CCs): people kept informed about a ticket besides its requester. */
@Injectable()
export class TicketFollowerService {
  constructor(
    private readonly followers: TicketFollowerRepository,
    private readonly tickets: TicketRepository,
    private readonly users: UserService,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes people followers inside the caller's transaction (a new ticket's CC line, an incoming
   * mail's CCs): found by address or created as customers. The requester is never their own
   * follower. Returns the ids that started following.
   */
  async addPeople(
    manager: EntityManager,
    ticket: Pick<TicketRecord, 'id' | 'requesterId'>,
    people: RequesterDto[],
    actorId: string | null,
    at: Date,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const person of people) {
      const user = await this.users.findOrCreateCustomer(manager, person.email, person.name ?? '');
      if (user.id !== ticket.requesterId && !ids.includes(user.id)) ids.push(user.id);
    }
    const added = await this.followers.add(manager, ticket.id, ids, at);
    if (added.length > 0) {
      await this.tickets.insertEvents(
        manager,
        [{ ticketId: ticket.id, actorId, type: 'followers', before: null, after: { added } }],
        at,
      );
    }
    return added;
  }

  /** Customers see the other customers on the conversation, not the agents following it. */
  async list(actor: RequestActor, reference: string): Promise<FollowerListDto> {
    const ticket = await this.find(reference);
    const followers = await this.followers.list(ticket.id);
    return {
      items: followers.filter((f) => actor.role !== 'customer' || f.role === 'customer').map(toDto),
    };
  }

  async add(
    actor: RequestActor,
    reference: string,
    person: RequesterDto,
  ): Promise<{ follower: FollowerDto; added: boolean }> {
    const ticket = await this.changeable(reference);
    const now = this.clock.now();
    const { userId, added } = await this.tickets.transaction(async (manager) => {
      const user = await this.users.findOrCreateCustomer(manager, person.email, person.name ?? '');
      if (user.id === ticket.requesterId) {
        throw TicketError.invalidField('email', 'is the requester, who is always informed');
      }
      const [first] = await this.followers.add(manager, ticket.id, [user.id], now);
      if (first) {
        await this.tickets.insertEvents(
          manager,
          [
            {
              ticketId: ticket.id,
              actorId: actor.userId,
              type: 'followers',
              before: null,
              after: { added: [user.id] },
            },
          ],
          now,
        );
      }
      return { userId: user.id, added: first !== undefined };
    });
    const follower = (await this.followers.list(ticket.id)).find((f) => f.userId === userId);
    if (!follower) throw TicketError.notFound();
    return { follower: toDto(follower), added };
  }

  async remove(actor: RequestActor, reference: string, userId: string): Promise<void> {
    const ticket = await this.changeable(reference);
    const now = this.clock.now();
    await this.tickets.transaction(async (manager) => {
      if (!(await this.followers.remove(manager, ticket.id, userId))) {
        throw TicketError.notAFollower();
      }
      await this.tickets.insertEvents(
        manager,
        [
          {
            ticketId: ticket.id,
            actorId: actor.userId,
            type: 'followers',
            before: { removed: [userId] },
            after: null,
          },
        ],
        now,
      );
    });
  }

  private async changeable(reference: string): Promise<TicketRecord> {
    const ticket = await this.find(reference);
    if (isTerminal(ticket.state)) throw TicketError.finished(ticket.state);
    return ticket;
  }

  private async find(reference: string): Promise<TicketRecord> {
    const ticket = await this.tickets.findByReference(reference);
    if (!ticket) throw TicketError.notFound();
    return ticket;
  }
}

function toDto(follower: FollowerRecord): FollowerDto {
  return {
    userId: follower.userId,
    name: follower.name,
    email: follower.email,
    role: follower.role,
    since: follower.since.toISOString(),
  };
}
