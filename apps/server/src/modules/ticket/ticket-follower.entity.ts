import {
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../user/user.entity.js';
import { Ticket } from './ticket.entity.js';

/**
 * Someone kept informed about a ticket besides its requester: a customer CC'd on the first mail or
 * added by an agent, or an agent following it. Mail from a follower counts as part of the
 * conversation; following does not widen who may see the ticket in the API.
 */
@Entity({ name: 'ticket_followers' })
export class TicketFollower {
  @PrimaryColumn({
    name: 'ticket_id',
    type: 'uuid',
    primaryKeyConstraintName: 'ticket_followers_pkey',
  })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'ticket_followers_ticket_id_fkey' })
  ticket: Relation<Ticket>;

  /** "Tickets I follow" and the cleanup when a user goes. */
  @Index('ticket_followers_user_id_idx')
  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'ticket_followers_pkey',
  })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'ticket_followers_user_id_fkey' })
  user: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
