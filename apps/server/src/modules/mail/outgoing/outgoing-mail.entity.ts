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

export const OUTGOING_MAIL_KINDS = ['reply', 'acknowledgement', 'notification'] as const;
/**
 * `reply`: an agent's public message; `acknowledgement`: "we received your request";
 * `notification`: an agent is told of a ticket (assigned to them, the customer replied).
 */
export type OutgoingMailKind = (typeof OUTGOING_MAIL_KINDS)[number];

export const OUTGOING_MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutgoingMailStatus = (typeof OUTGOING_MAIL_STATUSES)[number];

/** A recipient as the outbox keeps it. */
export interface StoredAddress {
  address: string;
  name: string;
}

/**
 * The outbox: every mail Tessera sends, written in the transaction that stores the message it
 * carries, together with the job that sends it. So a reply is mailed if and only if it was stored,
 * and the row says what happened to it (sent, or failed and why).
 */
@Entity({ name: 'outgoing_mails' })
@Check('outgoing_mails_kind_check', `"kind" IN ('reply', 'acknowledgement', 'notification')`)
@Check('outgoing_mails_status_check', `"status" IN ('queued', 'sent', 'failed')`)
// A message is mailed once of each kind; also serves lookups by message.
@Unique('outgoing_mails_message_kind_key', ['ticketMessageId', 'kind'])
// The acknowledgement rate limit: how many of a kind went to an address since a time.
@Index('outgoing_mails_kind_recipient_created_idx', ['kind', 'recipient', 'createdAt'])
// Mail still queued (or failed), oldest first: what the sender and admins look at.
@Index('outgoing_mails_status_created_idx', ['status', 'createdAt'])
export class OutgoingMail {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outgoing_mails_pkey' })
  id: string;

  @Index('outgoing_mails_ticket_id_idx')
  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'outgoing_mails_ticket_id_fkey' })
  ticket: Relation<Ticket>;

  /** The message mailed (a reply), or the one answered (an acknowledgement). */
  @Column({ name: 'ticket_message_id', type: 'uuid', nullable: true })
  ticketMessageId: string | null;

  @ManyToOne(() => TicketMessage, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'ticket_message_id',
    foreignKeyConstraintName: 'outgoing_mails_ticket_message_id_fkey',
  })
  ticketMessage: Relation<TicketMessage> | null;

  /** The mailbox it goes out from; null once that mailbox was deleted. */
  @Index('outgoing_mails_mailbox_id_idx')
  @Column({ name: 'mailbox_id', type: 'uuid', nullable: true })
  mailboxId: string | null;

  @ManyToOne(() => Mailbox, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'outgoing_mails_mailbox_id_fkey' })
  mailbox: Relation<Mailbox> | null;

  @Column({ type: 'varchar', length: 20 })
  kind: OutgoingMailKind;

  /** The first To address, lower case: what the acknowledgement rate limit counts by. */
  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ name: 'to_addresses', type: 'jsonb' })
  toAddresses: StoredAddress[];

  @Column({ name: 'cc_addresses', type: 'jsonb', default: () => "'[]'" })
  ccAddresses: StoredAddress[];

  @Column({ type: 'varchar', length: 998 })
  subject: string;

  /**
   * What a mail Tessera writes itself (acknowledgement, notification) says, rendered from its
   * template when it was queued: a template edited later does not change mail in flight. Null
   * for a reply, which carries its message.
   */
  @Column({ name: 'body_text', type: 'text', nullable: true })
  bodyText: string | null;

  /** The complete HTML document; null for a reply. */
  @Column({ name: 'body_html', type: 'text', nullable: true })
  bodyHtml: string | null;

  /** The Message-ID it is sent with, `<uuid@domain>`; replies to it name it. */
  @Index('outgoing_mails_message_id_header_key', { unique: true })
  @Column({ name: 'message_id_header', type: 'varchar', length: 998 })
  messageIdHeader: string;

  @Column({ name: 'in_reply_to', type: 'varchar', length: 998, nullable: true })
  inReplyTo: string | null;

  /** The References header: Message-IDs separated by spaces, oldest first. */
  @Column({ name: 'references_header', type: 'text', nullable: true })
  referencesHeader: string | null;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: OutgoingMailStatus;

  /** Times the SMTP server was tried. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
