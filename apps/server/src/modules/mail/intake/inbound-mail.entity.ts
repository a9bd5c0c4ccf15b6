import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { TicketMessage } from '../../ticket/ticket-message.entity.js';
import { Ticket } from '../../ticket/ticket.entity.js';
import { Mailbox } from '../mailbox.entity.js';

export const INBOUND_MAIL_STATUSES = ['imported', 'ignored', 'quarantined'] as const;
/**
 * `imported`: stored on a ticket (or a bounce noted there); `ignored`: deliberately not stored on
 * a ticket (Tessera's own mail, a duplicate, a bounce for no known mail), with the reason;
 * `quarantined`: could not be imported (unreadable, too large, failing), kept for an admin.
 */
export type InboundMailStatus = (typeof INBOUND_MAIL_STATUSES)[number];

/**
 * Every mail intake fetched, with its raw bytes, keyed by (mailbox, Message-ID): the row is
 * written in the transaction that imports the mail, so fetching it again never imports it twice,
 * and nothing fetched is dropped without a trace.
 */
@Entity({ name: 'inbound_mails' })
@Unique('inbound_mails_mailbox_message_key', ['mailboxId', 'messageKey'])
@Check('inbound_mails_status_check', `"status" IN ('imported', 'ignored', 'quarantined')`)
// The quarantine list, newest first: a partial index written by hand in the migration.
@Index('inbound_mails_quarantine_idx', { synchronize: false })
export class InboundMail {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'inbound_mails_pkey' })
  id: string;

  @Column({ name: 'mailbox_id', type: 'uuid' })
  mailboxId: string;

  @ManyToOne(() => Mailbox, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'inbound_mails_mailbox_id_fkey' })
  mailbox: Relation<Mailbox>;

  /** The Message-ID (`<…>`), or one made from the SHA-256 of the raw bytes when it has none. */
  @Column({ name: 'message_key', type: 'varchar', length: 998 })
  messageKey: string;

  @Column({ type: 'bytea' })
  raw: Buffer;

  /** Of the raw mail, in bytes. */
  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 12 })
  status: InboundMailStatus;

  /** Why it was ignored or quarantined. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Written by a machine (auto-reply, list, bounce): stored, but never answered automatically. */
  @Column({ type: 'boolean', default: false })
  automatic: boolean;

  /** From and Subject as far as they could be read, for the quarantine list. */
  @Column({ name: 'from_address', type: 'varchar', length: 254, nullable: true })
  fromAddress: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  subject: string | null;

  @Index('inbound_mails_ticket_id_idx')
  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId: string | null;

  @ManyToOne(() => Ticket, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'inbound_mails_ticket_id_fkey' })
  ticket: Relation<Ticket> | null;

  @Index('inbound_mails_ticket_message_id_idx')
  @Column({ name: 'ticket_message_id', type: 'uuid', nullable: true })
  ticketMessageId: string | null;

  @ManyToOne(() => TicketMessage, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'ticket_message_id',
    foreignKeyConstraintName: 'inbound_mails_ticket_message_id_fkey',
  })
  ticketMessage: Relation<TicketMessage> | null;

  /** When the mail server received it (IMAP INTERNALDATE); null when it did not say. */
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  /** When Tessera last decided about it (imported, ignored, quarantined, retried). */
  @Column({ name: 'processed_at', type: 'timestamptz', precision: 3 })
  processedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
