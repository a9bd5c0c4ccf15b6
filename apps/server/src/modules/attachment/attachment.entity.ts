import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { TicketMessage } from '../ticket/ticket-message.entity.js';
import { User } from '../user/user.entity.js';
import { AttachmentBlob } from './attachment-blob.entity.js';

/**
 * A file as someone attached it: its name and type, the blob holding its bytes, and the message
 * it belongs to. Uploaded through the API it starts unattached (message_id null), visible to its
 * uploader only, until a message claims it; unattached uploads are purged after 24 hours.
 */
@Entity({ name: 'attachments' })
// A message's attachments (timeline), and unattached uploads by age (purge: message_id IS NULL).
@Index('attachments_message_created_idx', ['messageId', 'createdAt'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'attachments_pkey' })
  id: string;

  @Index('attachments_sha256_idx')
  @Column({ type: 'text' })
  sha256: string;

  // Blobs are deleted only once nothing refers to them.
  @ManyToOne(() => AttachmentBlob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256', foreignKeyConstraintName: 'attachments_sha256_fkey' })
  blob: Relation<AttachmentBlob>;

  /** Sanitised: no path, no control characters. */
  @Column({ type: 'varchar', length: 255 })
  filename: string;

  /** As the uploader declared it; downloads serve active content as application/octet-stream. */
  @Column({ name: 'content_type', type: 'varchar', length: 255 })
  contentType: string;

  /**
   * The Content-ID a mail gave the file (without brackets), which `cid:` images in the message's
   * HTML point at; null for uploads and files without one.
   */
  @Column({ name: 'content_id', type: 'varchar', length: 255, nullable: true })
  contentId: string | null;

  /** bigint: the driver reads it as a string. */
  @Column({ type: 'bigint' })
  size: string;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => TicketMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'attachments_message_id_fkey' })
  message: Relation<TicketMessage> | null;

  /** Null for files that came in by mail, and when the uploader's account is deleted. */
  @Index('attachments_uploaded_by_idx')
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'attachments_uploaded_by_fkey' })
  uploader: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
