import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One help-desk-wide setting an admin changed; settings nobody changed are not stored and take
 * their defaults (see settings.ts), so a new default reaches every installation that kept it.
 */
@Entity({ name: 'settings' })
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'settings_pkey' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
