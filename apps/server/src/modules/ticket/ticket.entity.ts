import type { TicketState } from '@tessera/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Organization } from '../organization/organization.entity.js';
import { Queue, type TicketPriority } from '../queue/queue.entity.js';
import { SlaPolicy } from '../sla/sla-policy.entity.js';
import { User } from '../user/user.entity.js';

export const TICKET_CHANNELS = ['email', 'api', 'web', 'portal'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

@Entity({ name: 'tickets' })
@Check(
  'tickets_state_check',
  `"state" IN ('new', 'open', 'pending', 'resolved', 'closed', 'merged')`,
)
@Check('tickets_priority_check', `"priority" IN ('low', 'normal', 'high', 'urgent')`)
@Check('tickets_channel_check', `"channel" IN ('email', 'api', 'web', 'portal')`)
// Work views: a queue's tickets in a state, most recently updated first (keyset on updated_at, id).
@Index('tickets_queue_state_updated_idx', ['queueId', 'state', 'updatedAt', 'id'])
@Index('tickets_assignee_state_updated_idx', ['assigneeId', 'state', 'updatedAt', 'id'])
@Index('tickets_requester_updated_idx', ['requesterId', 'updatedAt', 'id'])
@Index('tickets_organization_updated_idx', ['organizationId', 'updatedAt', 'id'])
@Index('tickets_updated_idx', ['updatedAt', 'id'])
@Index('tickets_created_idx', ['createdAt', 'id'])
// The other list sorts (ticket-sort.ts): newest first, and urgent first; and a state across all
// queues (admins' lists, views' counts). The priority sort ranks on an expression, and
// `assignee_id IS NULL` does not order an index range like an equality, so those indexes are
// written by hand in migration TicketViews.
@Index('tickets_state_updated_idx', ['state', 'updatedAt', 'id'])
@Index('tickets_queue_state_created_idx', ['queueId', 'state', 'createdAt', 'id'])
@Index('tickets_assignee_state_created_idx', ['assigneeId', 'state', 'createdAt', 'id'])
@Index('tickets_priority_idx', { synchronize: false })
@Index('tickets_queue_state_priority_idx', { synchronize: false })
@Index('tickets_assignee_state_priority_idx', { synchronize: false })
@Index('tickets_unassigned_state_updated_idx', { synchronize: false })
@Index('tickets_unassigned_state_created_idx', { synchronize: false })
@Index('tickets_unassigned_state_priority_idx', { synchronize: false })
// SLA (modules/sla): the `due` sort ranks on COALESCE(sla_next_due_at, 'infinity') so tickets
// without a running clock come last; its indexes, and the breach sweep's partial index on
// sla_next_alert_at, are written by hand in migration Sla.
@Index('tickets_due_idx', { synchronize: false })
@Index('tickets_state_due_idx', { synchronize: false })
@Index('tickets_queue_state_due_idx', { synchronize: false })
@Index('tickets_assignee_state_due_idx', { synchronize: false })
@Index('tickets_unassigned_state_due_idx', { synchronize: false })
@Index('tickets_sla_next_alert_idx', { synchronize: false })
// Reports (modules/report): partial indexes with INCLUDE columns, written by hand in migration
// Reports.
@Index('tickets_first_response_report_idx', { synchronize: false })
@Index('tickets_resolved_report_idx', { synchronize: false })
@Index('tickets_sla_first_response_breached_idx', { synchronize: false })
@Index('tickets_sla_next_response_breached_idx', { synchronize: false })
@Index('tickets_sla_resolution_breached_idx', { synchronize: false })
@Index('tickets_sla_next_response_met_idx', { synchronize: false })
export class Ticket {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'tickets_pkey' })
  id: string;

  /** The number people use (#10042): from a sequence, so never reused. */
  @Index('tickets_number_key', { unique: true })
  @Column({ type: 'integer' })
  @Generated('increment')
  number: number;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ type: 'varchar', length: 10, default: 'new' })
  state: TicketState;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: TicketPriority;

  @Column({ name: 'queue_id', type: 'uuid' })
  queueId: string;

  @ManyToOne(() => Queue, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'queue_id', foreignKeyConstraintName: 'tickets_queue_id_fkey' })
  queue: Relation<Queue>;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'tickets_assignee_id_fkey' })
  assignee: Relation<User> | null;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requester_id', foreignKeyConstraintName: 'tickets_requester_id_fkey' })
  requester: Relation<User>;

  /** The requester's organisation when the ticket was opened; decides who else may see it. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'tickets_organization_id_fkey' })
  organization: Relation<Organization> | null;

  @Column({ type: 'varchar', length: 10 })
  channel: TicketChannel;

  /** Lower-case labels; a GIN index (written by hand in the migration) serves tag filters. */
  @Index('tickets_tags_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => Ticket, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'tickets_merged_into_id_fkey' })
  mergedInto: Relation<Ticket> | null;

  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  /** Partial index (written by hand in the migration) for the auto-close job's sweep. */
  @Index('tickets_resolved_at_idx', { synchronize: false })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'reopen_count', type: 'integer', default: 0 })
  reopenCount: number;

  /**
   * Full-text document: subject (weight A), requester (B) and public messages (C), kept up to date
   * in the same transaction as every change to them. Internal notes are left out, so a customer's
   * search can never match on them. GIN-indexed (written by hand in the migration).
   */
  @Index('tickets_search_idx', { synchronize: false })
  @Column({ name: 'search_vector', type: 'tsvector', select: false, default: () => "''" })
  searchVector: string;

  /**
   * The SLA policy that applies, and its clocks as of the last change (SlaService.recompute
   * derives them from the events, in the transaction of every change). Status per target:
   * running, warning, breached, paused, met or stopped; null without a target.
   */
  @Index('tickets_sla_policy_id_idx')
  @Column({ name: 'sla_policy_id', type: 'uuid', nullable: true })
  slaPolicyId: string | null;

  @ManyToOne(() => SlaPolicy, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'sla_policy_id', foreignKeyConstraintName: 'tickets_sla_policy_id_fkey' })
  slaPolicy: Relation<SlaPolicy> | null;

  @Column({ name: 'sla_first_response_status', type: 'varchar', length: 10, nullable: true })
  slaFirstResponseStatus: string | null;

  @Column({ name: 'sla_first_response_due_at', type: 'timestamptz', nullable: true })
  slaFirstResponseDueAt: Date | null;

  @Column({ name: 'sla_first_response_breached_at', type: 'timestamptz', nullable: true })
  slaFirstResponseBreachedAt: Date | null;

  /** Business minutes to the first response, once given (for reports). */
  @Column({ name: 'sla_first_response_minutes', type: 'integer', nullable: true })
  slaFirstResponseMinutes: number | null;

  @Column({ name: 'sla_next_response_status', type: 'varchar', length: 10, nullable: true })
  slaNextResponseStatus: string | null;

  @Column({ name: 'sla_next_response_due_at', type: 'timestamptz', nullable: true })
  slaNextResponseDueAt: Date | null;

  @Column({ name: 'sla_next_response_breached_at', type: 'timestamptz', nullable: true })
  slaNextResponseBreachedAt: Date | null;

  @Column({ name: 'sla_resolution_status', type: 'varchar', length: 10, nullable: true })
  slaResolutionStatus: string | null;

  @Column({ name: 'sla_resolution_due_at', type: 'timestamptz', nullable: true })
  slaResolutionDueAt: Date | null;

  @Column({ name: 'sla_resolution_breached_at', type: 'timestamptz', nullable: true })
  slaResolutionBreachedAt: Date | null;

  /** Business minutes to resolution, once resolved (for reports). */
  @Column({ name: 'sla_resolution_minutes', type: 'integer', nullable: true })
  slaResolutionMinutes: number | null;

  /** The soonest due time of the clocks still running: the key of the `due` sort. */
  @Column({ name: 'sla_next_due_at', type: 'timestamptz', nullable: true })
  slaNextDueAt: Date | null;

  /** When the next warning or breach falls due: the breach sweep reads it (partial index). */
  @Column({ name: 'sla_next_alert_at', type: 'timestamptz', nullable: true })
  slaNextAlertAt: Date | null;

  /** Optimistic concurrency: a PATCH names the version it read (If-Match). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
