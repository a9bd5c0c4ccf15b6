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
import { Ticket } from './ticket.entity.js';

export const TICKET_EVENT_TYPES = [
  'created',
  'state',
  'priority',
  'queue',
  'assignee',
  'tags',
  'subject',
  'message',
  'followers',
  'merged',
  'link',
  'unlink',
  // Recorded by the SLA sweep (modules/sla), once per target and due time: `{ target, dueAt }`.
  'sla_warning',
  'sla_breach',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/**
 * One change to a ticket, appended and never edited: the timeline, the audit of the ticket and the
 * metrics (first response, resolution, reopens) all come from these rows.
 */
@Entity({ name: 'ticket_events' })
@Index('ticket_events_ticket_created_idx', ['ticketId', 'createdAt', 'id'])
@Index('ticket_events_type_created_idx', ['type', 'createdAt'])
// Reports (modules/report): partial indexes written by hand in migration Reports.
@Index('ticket_events_backlog_idx', { synchronize: false })
@Index('ticket_events_public_message_idx', { synchronize: false })
export class TicketEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ticket_events_pkey' })
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'ticket_events_ticket_id_fkey' })
  ticket: Relation<Ticket>;

  /** Null for changes Tessera made by itself (rules, jobs). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 20 })
  type: TicketEventType;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
