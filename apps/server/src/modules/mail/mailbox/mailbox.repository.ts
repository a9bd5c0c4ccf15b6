import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../../common/database/postgres.js';
import type { AfterImportAction, Mailbox, SenderNameMode, TlsMode } from '../mailbox.entity.js';
import { prepared } from '../../../common/database/prepared-statements.js';

/** A mailbox as stored, passwords sealed. */
export type MailboxRecord = Omit<Mailbox, 'queue'>;

/** What a create stores; runtime status (last fetch, last error) starts empty. */
export type NewMailbox = Omit<
  MailboxRecord,
  'id' | 'lastFetchedAt' | 'lastError' | 'lastErrorAt' | 'createdAt' | 'updatedAt'
>;

/** Columns a change may set. A type, so it is also a Record for the audit trail. */
export type MailboxChanges = Partial<NewMailbox>;

interface MailboxRow {
  id: string;
  address: string;
  display_name: string;
  queue_id: string;
  enabled: boolean;
  imap_host: string;
  imap_port: number;
  imap_tls: TlsMode;
  imap_verify_certificate: boolean;
  imap_user: string;
  imap_password_sealed: string;
  imap_folder: string;
  after_import: AfterImportAction;
  after_import_folder: string | null;
  poll_interval_seconds: number;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_tls: TlsMode | null;
  smtp_verify_certificate: boolean;
  smtp_user: string | null;
  smtp_password_sealed: string | null;
  sender_name: SenderNameMode;
  acknowledge_new_tickets: boolean;
  last_fetched_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Entity field → column, for every field a create or change writes. */
const COLUMN_OF: Record<keyof NewMailbox, keyof MailboxRow> = {
  address: 'address',
  displayName: 'display_name',
  queueId: 'queue_id',
  enabled: 'enabled',
  imapHost: 'imap_host',
  imapPort: 'imap_port',
  imapTls: 'imap_tls',
  imapVerifyCertificate: 'imap_verify_certificate',
  imapUser: 'imap_user',
  imapPasswordSealed: 'imap_password_sealed',
  imapFolder: 'imap_folder',
  afterImport: 'after_import',
  afterImportFolder: 'after_import_folder',
  pollIntervalSeconds: 'poll_interval_seconds',
  smtpHost: 'smtp_host',
  smtpPort: 'smtp_port',
  smtpTls: 'smtp_tls',
  smtpVerifyCertificate: 'smtp_verify_certificate',
  smtpUser: 'smtp_user',
  smtpPasswordSealed: 'smtp_password_sealed',
  senderName: 'sender_name',
  acknowledgeNewTickets: 'acknowledge_new_tickets',
};

const COLUMNS = `id, address, display_name, queue_id, enabled, imap_host, imap_port, imap_tls,
  imap_verify_certificate, imap_user, imap_password_sealed, imap_folder, after_import,
  after_import_folder, poll_interval_seconds, smtp_host, smtp_port, smtp_tls,
  smtp_verify_certificate, smtp_user, smtp_password_sealed, sender_name, acknowledge_new_tickets,
  last_fetched_at, last_error, last_error_at, created_at, updated_at`;

const ADDRESS_KEY = 'mailboxes_address_key';

/**
 * Every query on mailboxes. Lists are ordered by address, which is stored lower case and unique
 * (mailboxes_address_key), so the address alone is the cursor.
 */
@Injectable()
export class MailboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One page after the address `after`; `limit + 1` rows tell whether there is more. */
  async findPage(
    filter: { queueId?: string; enabled?: boolean },
    after: string | undefined,
    limit: number,
  ): Promise<MailboxRecord[]> {
    const rows = await this.dataSource.query<MailboxRow[]>(
      `SELECT ${COLUMNS} FROM mailboxes
        WHERE ($1::uuid IS NULL OR queue_id = $1::uuid)
          AND ($2::boolean IS NULL OR enabled = $2::boolean)
          AND ($3::text IS NULL OR address > $3::text)
        ORDER BY address LIMIT $4`,
      [filter.queueId ?? null, filter.enabled ?? null, after ?? null, limit + 1],
    );
    return rows.map(toRecord);
  }

  async findById(id: string, manager?: EntityManager): Promise<MailboxRecord | undefined> {
    const [row] = await (manager ?? this.dataSource).query<MailboxRow[]>(
      prepared(`SELECT ${COLUMNS} FROM mailboxes WHERE id = $1`),
      [id],
    );
    return row && toRecord(row);
  }

  /** The mailboxes intake should fetch from, by address. */
  async findEnabled(): Promise<MailboxRecord[]> {
    const rows = await this.dataSource.query<MailboxRow[]>(
      `SELECT ${COLUMNS} FROM mailboxes WHERE enabled ORDER BY address`,
    );
    return rows.map(toRecord);
  }

  /** Reads a mailbox and locks it until the transaction ends, for a read-then-write. */
  async lockById(manager: EntityManager, id: string): Promise<MailboxRecord | undefined> {
    const [row] = await manager.query<MailboxRow[]>(
      `SELECT ${COLUMNS} FROM mailboxes WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row && toRecord(row);
  }

  /**
   * True when the queue exists and is active; it then stays so until the transaction ends (a
   * key-share lock keeps it from being deleted; deactivation is a plain update it does not stop,
   * and is harmless: the mailbox's new tickets still land in an existing queue).
   */
  async queueIsActive(manager: EntityManager, queueId: string): Promise<boolean> {
    const [row] = await manager.query<{ active: boolean }[]>(
      'SELECT active FROM queues WHERE id = $1 FOR KEY SHARE',
      [queueId],
    );
    return row?.active === true;
  }

  /** Undefined when another mailbox has the address. */
  async insert(manager: EntityManager, mailbox: NewMailbox): Promise<MailboxRecord | undefined> {
    const fields = Object.keys(COLUMN_OF) as (keyof NewMailbox)[];
    const [row] = await manager.query<MailboxRow[]>(
      `INSERT INTO mailboxes (${fields.map((field) => COLUMN_OF[field]).join(', ')})
       VALUES (${fields.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (address) DO NOTHING RETURNING ${COLUMNS}`,
      fields.map((field) => mailbox[field]),
    );
    return row && toRecord(row);
  }

  /** Applies the changes; undefined when the new address is another mailbox's. */
  async update(
    manager: EntityManager,
    id: string,
    changes: MailboxChanges,
  ): Promise<MailboxRecord | undefined> {
    const parameters: unknown[] = [id];
    const assignments = (Object.keys(changes) as (keyof NewMailbox)[])
      .filter((field) => changes[field] !== undefined)
      .map((field) => `${COLUMN_OF[field]} = $${parameters.push(changes[field])}`);
    try {
      const [[row]] = await manager.query<[MailboxRow[], number]>(
        `UPDATE mailboxes SET ${[...assignments, 'updated_at = now()'].join(', ')}
          WHERE id = $1 RETURNING ${COLUMNS}`,
        parameters,
      );
      if (!row) throw new Error(`mailbox ${id} vanished while locked`);
      return toRecord(row);
    } catch (error) {
      if (isUniqueViolation(error, ADDRESS_KEY)) return undefined;
      throw error;
    }
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM mailboxes WHERE id = $1', [id]);
  }

  /** Intake finished a pass: shown to admins as lastFetchedAt; clears the last error. */
  async recordFetched(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE mailboxes SET last_fetched_at = $2, last_error = NULL, last_error_at = NULL
        WHERE id = $1`,
      [id, at],
    );
  }

  /** Intake failed: the admin sees why (never a password: callers pass a classified message). */
  async recordError(id: string, message: string, at: Date): Promise<void> {
    await this.dataSource.query(
      'UPDATE mailboxes SET last_error = $2, last_error_at = $3 WHERE id = $1',
      [id, message, at],
    );
  }
}

function toRecord(row: MailboxRow): MailboxRecord {
  return {
    id: row.id,
    address: row.address,
    displayName: row.display_name,
    queueId: row.queue_id,
    enabled: row.enabled,
    imapHost: row.imap_host,
    imapPort: row.imap_port,
    imapTls: row.imap_tls,
    imapVerifyCertificate: row.imap_verify_certificate,
    imapUser: row.imap_user,
    imapPasswordSealed: row.imap_password_sealed,
    imapFolder: row.imap_folder,
    afterImport: row.after_import,
    afterImportFolder: row.after_import_folder,
    pollIntervalSeconds: row.poll_interval_seconds,
    smtpHost: row.smtp_host,
    smtpPort: row.smtp_port,
    smtpTls: row.smtp_tls,
    smtpVerifyCertificate: row.smtp_verify_certificate,
    smtpUser: row.smtp_user,
    smtpPasswordSealed: row.smtp_password_sealed,
    senderName: row.sender_name,
    acknowledgeNewTickets: row.acknowledge_new_tickets,
    lastFetchedAt: row.last_fetched_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
