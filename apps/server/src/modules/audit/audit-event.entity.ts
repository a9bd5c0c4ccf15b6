import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One administrative change: who did what to which record, with the values before and after. */
@Entity({ name: 'audit_events' })
// The admin view lists newest first with keyset pagination on (created_at, id).
@Index('audit_events_created_at_id_idx', ['createdAt', 'id'])
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'audit_events_pkey' })
  id: string;

  /** Null for changes made by the system itself (first start, jobs). Kept when the user goes. */
  @Index('audit_events_actor_id_idx')
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** `<entity>.<verb>`, e.g. `user.create`, `queue_grant.delete`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  /** Millisecond precision, like JavaScript dates, so (createdAt, id) cursors round-trip exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
