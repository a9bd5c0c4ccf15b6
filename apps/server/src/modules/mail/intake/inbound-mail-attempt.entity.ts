import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Mailbox } from '../mailbox.entity.js';

/**
 * Imports of a fetched mail that started and have not ended yet, keyed like inbound_mails by
 * (mailbox, Message-ID). Written and committed before the import starts and removed when the mail
 * is stored or quarantined (or its import failed with an error), so a row that is still there
 * when the mail is fetched again means the server stopped while importing it: a mail that kills
 * the process every time is singled out and quarantined instead of blocking its mailbox.
 */
@Entity({ name: 'inbound_mail_attempts' })
export class InboundMailAttempt {
  @PrimaryColumn({
    name: 'mailbox_id',
    type: 'uuid',
    primaryKeyConstraintName: 'inbound_mail_attempts_pkey',
  })
  mailboxId: string;

  @ManyToOne(() => Mailbox, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'mailbox_id',
    foreignKeyConstraintName: 'inbound_mail_attempts_mailbox_id_fkey',
  })
  mailbox: Relation<Mailbox>;

  @PrimaryColumn({
    name: 'message_key',
    type: 'varchar',
    length: 998,
    primaryKeyConstraintName: 'inbound_mail_attempts_pkey',
  })
  messageKey: string;

  /** Imports of the mail that started and did not end: how often the server stopped on it. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
