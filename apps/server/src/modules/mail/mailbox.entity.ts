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
import { Queue } from '../queue/queue.entity.js';

export const TLS_MODES = ['tls', 'starttls', 'none'] as const;
/** `tls`: encrypted from the first byte; `starttls`: upgraded after connecting; `none`: plain. */
export type TlsMode = (typeof TLS_MODES)[number];

export const AFTER_IMPORT_ACTIONS = ['move', 'flag'] as const;
/** What happens to a mail on the server once its ticket is committed. */
export type AfterImportAction = (typeof AFTER_IMPORT_ACTIONS)[number];

export const SENDER_NAME_MODES = ['agent', 'mailbox'] as const;
/** `agent`: "Ada Lovelace via Support"; `mailbox`: just the mailbox's display name. */
export type SenderNameMode = (typeof SENDER_NAME_MODES)[number];

/**
 * A support address: where its mail is fetched from (IMAP), which queue new tickets go to, and how
 * replies are sent (its own SMTP server, or the global one when smtpHost is null). Passwords are
 * sealed with the instance secret (common/crypto/secret-box.ts) and never leave the server.
 */
@Entity({ name: 'mailboxes' })
@Check('mailboxes_imap_tls_check', `"imap_tls" IN ('tls', 'starttls', 'none')`)
@Check(
  'mailboxes_smtp_tls_check',
  `"smtp_tls" IS NULL OR "smtp_tls" IN ('tls', 'starttls', 'none')`,
)
@Check('mailboxes_after_import_check', `"after_import" IN ('move', 'flag')`)
@Check('mailboxes_sender_name_check', `"sender_name" IN ('agent', 'mailbox')`)
export class Mailbox {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'mailboxes_pkey' })
  id: string;

  /** Lower case; unique: one mailbox per support address. */
  @Index('mailboxes_address_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  address: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Index('mailboxes_queue_id_idx')
  @Column({ name: 'queue_id', type: 'uuid' })
  queueId: string;

  @ManyToOne(() => Queue, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'queue_id', foreignKeyConstraintName: 'mailboxes_queue_id_fkey' })
  queue: Relation<Queue>;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'imap_host', type: 'varchar', length: 255 })
  imapHost: string;

  @Column({ name: 'imap_port', type: 'integer' })
  imapPort: number;

  @Column({ name: 'imap_tls', type: 'varchar', length: 10, default: 'tls' })
  imapTls: TlsMode;

  @Column({ name: 'imap_verify_certificate', type: 'boolean', default: true })
  imapVerifyCertificate: boolean;

  @Column({ name: 'imap_user', type: 'varchar', length: 255 })
  imapUser: string;

  @Column({ name: 'imap_password_sealed', type: 'text' })
  imapPasswordSealed: string;

  @Column({ name: 'imap_folder', type: 'varchar', length: 255, default: 'INBOX' })
  imapFolder: string;

  @Column({ name: 'after_import', type: 'varchar', length: 10, default: 'flag' })
  afterImport: AfterImportAction;

  /** The folder `move` puts imported mail in (created if missing). */
  @Column({ name: 'after_import_folder', type: 'varchar', length: 255, nullable: true })
  afterImportFolder: string | null;

  /** How often to look for mail when the server offers no IDLE. */
  @Column({ name: 'poll_interval_seconds', type: 'integer', default: 30 })
  pollIntervalSeconds: number;

  /** Null: replies go through the global SMTP server. */
  @Column({ name: 'smtp_host', type: 'varchar', length: 255, nullable: true })
  smtpHost: string | null;

  @Column({ name: 'smtp_port', type: 'integer', nullable: true })
  smtpPort: number | null;

  @Column({ name: 'smtp_tls', type: 'varchar', length: 10, nullable: true })
  smtpTls: TlsMode | null;

  @Column({ name: 'smtp_verify_certificate', type: 'boolean', default: true })
  smtpVerifyCertificate: boolean;

  @Column({ name: 'smtp_user', type: 'varchar', length: 255, nullable: true })
  smtpUser: string | null;

  @Column({ name: 'smtp_password_sealed', type: 'text', nullable: true })
  smtpPasswordSealed: string | null;

  @Column({ name: 'sender_name', type: 'varchar', length: 10, default: 'agent' })
  senderName: SenderNameMode;

  /** Whether customers whose mail opens a ticket here get an automatic acknowledgement. */
  @Column({ name: 'acknowledge_new_tickets', type: 'boolean', default: true })
  acknowledgeNewTickets: boolean;

  /** When intake last finished a pass, and what went wrong last (shown to admins). */
  @Column({ name: 'last_fetched_at', type: 'timestamptz', nullable: true })
  lastFetchedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
