import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** The unit of routing and access: every ticket sits in one queue. */
@Entity({ name: 'queues' })
// Lists are ordered by (lower(name), id); the expression index is written by hand in the migration.
@Index('queues_name_lower_id_idx', { synchronize: false })
@Check('queues_default_priority_check', `"default_priority" IN ('low', 'normal', 'high', 'urgent')`)
export class Queue {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'queues_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** URL-safe identifier, e.g. `billing`; unique. */
  @Index('queues_slug_key', { unique: true })
  @Column({ type: 'varchar', length: 63 })
  slug: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string;

  @Column({ name: 'default_priority', type: 'varchar', length: 10, default: 'normal' })
  defaultPriority: TicketPriority;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
