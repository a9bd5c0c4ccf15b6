import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../user/user.entity.js';
import { Ticket } from './ticket.entity.js';

/** A reply or an internal note. Internal notes are never shown or sent to customers. */
@Entity({ name: 'ticket_messages' })
@Index('ticket_messages_ticket_created_idx', ['ticketId', 'createdAt', 'id'])
export class TicketMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ticket_messages_pkey' })
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'ticket_messages_ticket_id_fkey' })
  ticket: Relation<Ticket>;

  @Index('ticket_messages_author_id_idx')
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'ticket_messages_author_id_fkey' })
  author: Relation<User> | null;

  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  /** Sanitised before it is stored: an allow-list of tags and attributes, no remote content. */
  @Column({ name: 'body_html', type: 'text', nullable: true })
  bodyHtml: string | null;

  /**
   * The Message-ID of the mail this message came in as or went out as: replies name it in
   * In-Reply-To / References, which is how they find their ticket.
   */
  @Index('ticket_messages_mail_message_id_idx')
  @Column({ name: 'mail_message_id', type: 'varchar', length: 998, nullable: true })
  mailMessageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
