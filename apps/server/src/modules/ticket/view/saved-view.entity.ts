import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Queue } from '../../queue/queue.entity.js';
import { User } from '../../user/user.entity.js';

/**
 * A saved ticket list: a filter and a sort, either a user's own (`owner_id`) or shared with
 * everyone who can see a queue (`queue_id`), never both. A user setting, so not audited.
 */
@Entity({ name: 'ticket_views' })
@Check('ticket_views_owner_or_queue_check', `("owner_id" IS NULL) <> ("queue_id" IS NULL)`)
export class SavedView {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'ticket_views_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Personal views: whose. Their views go when they do. */
  @Index('ticket_views_owner_id_idx')
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'ticket_views_owner_id_fkey' })
  owner: Relation<User> | null;

  /** Shared views: the queue whose agents see them. */
  @Index('ticket_views_queue_id_idx')
  @Column({ name: 'queue_id', type: 'uuid', nullable: true })
  queueId: string | null;

  @ManyToOne(() => Queue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'queue_id', foreignKeyConstraintName: 'ticket_views_queue_id_fkey' })
  queue: Relation<Queue> | null;

  /** The list's filters as the API takes them (`state`, `assignee: "me"`…), read per caller. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  filter: Record<string, unknown>;

  /** One of the list's sorts (ticket-sort.ts); checked by the API, so a new sort needs no migration. */
  @Column({ type: 'varchar', length: 20, default: 'updated' })
  sort: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
