import type { SlaConditions } from '@tessera/domain';
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
import { SlaCalendar } from './sla-calendar.entity.js';

/**
 * Targets for the tickets matching its conditions. Policies are tried by position (lowest first)
 * and the first that matches applies; see selectPolicy in libs/domain.
 */
@Entity({ name: 'sla_policies' })
@Index('sla_policies_name_lower_key', { synchronize: false })
@Check(
  'sla_policies_targets_check',
  `"first_response_minutes" > 0 AND "next_response_minutes" > 0 AND "resolution_minutes" > 0`,
)
@Check('sla_policies_warning_percent_check', `"warning_percent" BETWEEN 1 AND 100`)
export class SlaPolicy {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sla_policies_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Lower is tried first; ties by name. */
  @Index('sla_policies_position_idx')
  @Column({ type: 'integer', default: 0 })
  position: number;

  /** Inactive policies match nothing. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Queue ids, priorities, organisation tiers, channels and tags; see SlaConditions. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  conditions: SlaConditions;

  /** Business minutes; null where the policy sets no target. */
  @Column({ name: 'first_response_minutes', type: 'integer', nullable: true })
  firstResponseMinutes: number | null;

  @Column({ name: 'next_response_minutes', type: 'integer', nullable: true })
  nextResponseMinutes: number | null;

  @Column({ name: 'resolution_minutes', type: 'integer', nullable: true })
  resolutionMinutes: number | null;

  @Index('sla_policies_calendar_id_idx')
  @Column({ name: 'calendar_id', type: 'uuid' })
  calendarId: string;

  @ManyToOne(() => SlaCalendar, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'calendar_id', foreignKeyConstraintName: 'sla_policies_calendar_id_fkey' })
  calendar: Relation<SlaCalendar>;

  /** The share of a target after which a running clock warns. */
  @Column({ name: 'warning_percent', type: 'integer', default: 80 })
  warningPercent: number;

  /** On a warning or breach, notify the assignee and the queue's managers. */
  @Column({ name: 'notify', type: 'boolean', default: true })
  notify: boolean;

  /** On a breach, raise the ticket's priority by one step. */
  @Column({ name: 'raise_priority', type: 'boolean', default: false })
  raisePriority: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
