import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Ticket } from '../../ticket/ticket.entity.js';
import { User } from '../../user/user.entity.js';

export const NOTIFICATION_KINDS = ['sla_warning', 'sla_breach'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Something a user should know about, shown in the app until they read it. */
@Entity({ name: 'notifications' })
@Check('notifications_kind_check', `"kind" IN ('sla_warning', 'sla_breach')`)
// A user's notifications, newest first (keyset on created_at, id).
@Index('notifications_user_created_idx', ['userId', 'createdAt', 'id'])
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notifications_pkey' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notifications_user_id_fkey' })
  user: Relation<User>;

  @Index('notifications_ticket_id_idx')
  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId: string | null;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'notifications_ticket_id_fkey' })
  ticket: Relation<Ticket> | null;

  @Column({ type: 'varchar', length: 30 })
  kind: NotificationKind;

  /** What it is about, by kind: for SLA alerts `{ target, dueAt }`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
