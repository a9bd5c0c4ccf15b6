import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per key (`account:<email>` or `ip:<address>`), in the database so that
 * every replica sees the same count.
 */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 300, primaryKeyConstraintName: 'login_throttles_pkey' })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** Start of the counting window; failures older than the window no longer count. */
  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt: Date;

  /** Indexed: the housekeeping job deletes throttles that no longer matter. */
  @Index('login_throttles_locked_until_idx')
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
