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
import type { Role } from '@tessera/domain';
import { Organization } from '../organization/organization.entity.js';

@Entity({ name: 'users' })
@Check('users_role_check', `"role" IN ('admin', 'agent', 'customer')`)
// Emails are unique regardless of case; the expression index is written by hand in the migration.
@Index('users_email_lower_key', { synchronize: false })
// Written by hand in the migration too: staff by email (assignee picker), prefix search.
@Index('users_staff_email_idx', { synchronize: false })
@Index('users_email_lower_pattern_idx', { synchronize: false })
@Index('users_name_lower_pattern_idx', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** argon2id hash; null for users who never log in (most customers). */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** BCP 47 language tag for the user's interface and mail, e.g. `en` or `de-CH`. */
  @Column({ type: 'varchar', length: 35, default: 'en' })
  locale: string;

  /** IANA time zone, e.g. `Europe/Berlin`. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /**
   * Agents and admins: mail me when a ticket is assigned to me or its customer replies (the
   * in-app notifications are not affected).
   */
  @Column({ name: 'mail_notifications', type: 'boolean', default: true })
  mailNotifications: boolean;

  /** Customers belong to at most one organisation; agents to none. */
  @Index('users_organization_id_idx')
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'users_organization_id_fkey' })
  organization: Relation<Organization> | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** Set when mail to this address bounced for good: Tessera stops mailing it until cleared. */
  @Column({ name: 'email_undeliverable_at', type: 'timestamptz', nullable: true })
  emailUndeliverableAt: Date | null;

  /** The bounce's diagnostic, shown to agents. */
  @Column({ name: 'email_undeliverable_reason', type: 'text', nullable: true })
  emailUndeliverableReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
