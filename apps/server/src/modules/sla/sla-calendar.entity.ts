import type { Holiday, Weekday, WorkingInterval } from '@tessera/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** The id of the built-in calendar that is always open (24/7); created by migration Sla. */
export const ALWAYS_OPEN_CALENDAR_ID = '00000000-0000-4000-8000-000000000247';

/**
 * Working hours an SLA clock runs in: a time zone, intervals per weekday and holidays, as
 * validateCalendar (libs/domain) accepts them. Stored as JSON: calendars are read whole.
 */
@Entity({ name: 'sla_calendars' })
// Names are unique regardless of case; the expression index is written by hand in the migration.
@Index('sla_calendars_name_lower_key', { synchronize: false })
export class SlaCalendar {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sla_calendars_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** An IANA zone such as `Europe/Berlin`. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  /** Every weekday with its working intervals (an empty list is a day off). */
  @Column({ type: 'jsonb' })
  week: Record<Weekday, WorkingInterval[]>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  holidays: Holiday[];

  /** The 24/7 calendar Tessera ships: it can be neither changed nor deleted. */
  @Column({ name: 'built_in', type: 'boolean', default: false })
  builtIn: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
