import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Mailbox } from '../mailbox.entity.js';

/**
 * Which replica fetches a mailbox's mail: one at a time, for as long as it renews the lease. A
 * row, not a PostgreSQL advisory lock, because a lock belongs to a connection and connections
 * are pooled (and the embedded database has only one).
 */
@Entity({ name: 'mailbox_leases' })
export class MailboxLease {
  @PrimaryColumn({
    name: 'mailbox_id',
    type: 'uuid',
    primaryKeyConstraintName: 'mailbox_leases_pkey',
  })
  mailboxId: string;

  @OneToOne(() => Mailbox, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'mailbox_leases_mailbox_id_fkey' })
  mailbox: Relation<Mailbox>;

  /** The replica holding it: host, process and a random part. */
  @Column({ type: 'varchar', length: 200 })
  holder: string;

  /** Since when this holder has held it. */
  @Column({ name: 'acquired_at', type: 'timestamptz' })
  acquiredAt: Date;

  /** Another replica may take it over after this (database time). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
