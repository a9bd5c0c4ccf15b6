import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The stored outcome of a write made with an `Idempotency-Key` header, so that a retried request
 * returns the first answer instead of acting twice. Kept for a limited time.
 */
@Entity({ name: 'idempotency_records' })
@Index('idempotency_records_scope_key_key', ['scope', 'key'], { unique: true })
export class IdempotencyRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'idempotency_records_pkey' })
  id: string;

  /** Whose key this is (a user or token id), so two clients cannot collide on one key. */
  @Column({ type: 'varchar', length: 100 })
  scope: string;

  @Column({ type: 'varchar', length: 255 })
  key: string;

  /** SHA-256 of method, path and body: the same key with a different request is refused. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'smallint' })
  responseStatus: number;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Indexed: the housekeeping job deletes expired records by range. */
  @Index('idempotency_records_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
