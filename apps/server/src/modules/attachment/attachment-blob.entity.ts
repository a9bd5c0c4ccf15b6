import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The bytes of a file, stored once however many attachments share them: content-addressed by
 * the SHA-256 of the data. Deleted by the attachment purge once no attachment refers to it.
 */
@Entity({ name: 'attachment_blobs' })
@Check('attachment_blobs_sha256_check', `"sha256" ~ '^[0-9a-f]{64}$'`)
export class AttachmentBlob {
  /** Lower-case hex. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'attachment_blobs_pkey' })
  sha256: string;

  /** bigint: the driver reads it as a string. */
  @Column({ type: 'bigint' })
  size: string;

  @Column({ type: 'bytea', select: false })
  data: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
