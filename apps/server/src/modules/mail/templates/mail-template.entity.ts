import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../../user/user.entity.js';

/**
 * An admin's version of one of the mail templates (keys and defaults live in @tessera/mail).
 * Templates nobody edited are not stored: they take the default, so a better default reaches
 * every installation that kept it, and deleting the row restores it.
 */
@Entity({ name: 'mail_templates' })
export class MailTemplateOverride {
  @PrimaryColumn({ type: 'varchar', length: 50, primaryKeyConstraintName: 'mail_templates_pkey' })
  key: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** The admin who saved it; null once they are deleted. */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'mail_templates_updated_by_fkey' })
  updater: Relation<User> | null;
}
