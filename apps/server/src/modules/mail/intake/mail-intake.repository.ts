// Every query of mail intake: the mailboxes it fetches from, the stored raw mail (the exactly-once
// key and the quarantine), and the lookups threading and bounces need.
import { Injectable } from '@nestjs/common';
import type { Role } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { TicketPriority } from '../../queue/queue.entity.js';
import type { AfterImportAction, TlsMode } from '../mailbox.entity.js';
import type { InboundMailStatus } from './inbound-mail.entity.js';
import { prepared } from '../../../common/database/prepared-statements.js';

/** A mailbox as intake needs it. */
export interface IntakeMailbox {
  id: string;
  address: string;
  queueId: string;
  enabled: boolean;
  imapHost: string;
  imapPort: number;
  imapTls: TlsMode;
  imapVerifyCertificate: boolean;
  imapUser: string;
  imapPasswordSealed: string;
  imapFolder: string;
  afterImport: AfterImportAction;
  afterImportFolder: string | null;
  pollIntervalSeconds: number;
  /** Changes when an admin edits the mailbox: a running worker restarts with the new settings. */
  updatedAt: Date;
}

/** A fetched mail, as its row is first written. */
export interface NewInboundMail {
  mailboxId: string;
  messageKey: string;
  raw: Buffer;
  fromAddress: string | null;
  subject: string | null;
  receivedAt: Date | null;
}

/** What processing decided about a mail. */
export interface InboundDecision {
  status: InboundMailStatus;
  reason: string | null;
  automatic: boolean;
  ticketId: string | null;
  ticketMessageId: string | null;
}

export interface InboundMailRecord {
  id: string;
  mailboxId: string;
  mailboxAddress: string;
  messageKey: string;
  size: number;
  status: InboundMailStatus;
  reason: string | null;
  automatic: boolean;
  fromAddress: string | null;
  subject: string | null;
  ticketId: string | null;
  ticketNumber: number | null;
  ticketMessageId: string | null;
  receivedAt: Date | null;
  processedAt: Date;
  createdAt: Date;
}

export interface SenderRecord {
  id: string;
  role: Role;
  active: boolean;
}

interface MailboxRow {
  id: string;
  address: string;
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
  updated_at: Date;
}

interface InboundRow {
  id: string;
  mailbox_id: string;
  mailbox_address: string;
  message_key: string;
  size: number;
  status: InboundMailStatus;
  reason: string | null;
  automatic: boolean;
  from_address: string | null;
  subject: string | null;
  ticket_id: string | null;
  ticket_number: number | null;
  ticket_message_id: string | null;
  received_at: Date | null;
  processed_at: Date;
  created_at: Date;
}

const MAILBOX_COLUMNS = `id, address, queue_id, enabled, imap_host, imap_port, imap_tls,
  imap_verify_certificate, imap_user, imap_password_sealed, imap_folder, after_import,
  after_import_folder, poll_interval_seconds, updated_at`;

const SELECT_INBOUND = `
  SELECT i.id, i.mailbox_id, b.address AS mailbox_address, i.message_key, i.size, i.status,
         i.reason, i.automatic, i.from_address, i.subject, i.ticket_id, t.number AS ticket_number,
         i.ticket_message_id, i.received_at, i.processed_at, i.created_at
    FROM inbound_mails i
    JOIN mailboxes b ON b.id = i.mailbox_id
    LEFT JOIN tickets t ON t.id = i.ticket_id`;

/** Ticket numbers are 32-bit integers; a larger number in a subject names no ticket. */
const MAX_TICKET_NUMBER = 2_147_483_647;

@Injectable()
export class MailIntakeRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findEnabledMailboxes(): Promise<IntakeMailbox[]> {
    const rows = await this.dataSource.query<MailboxRow[]>(
      `SELECT ${MAILBOX_COLUMNS} FROM mailboxes WHERE enabled ORDER BY id`,
    );
    return rows.map(toMailbox);
  }

  async findMailbox(id: string): Promise<IntakeMailbox | undefined> {
    const rows = await this.dataSource.query<MailboxRow[]>(
      prepared(`SELECT ${MAILBOX_COLUMNS} FROM mailboxes WHERE id = $1`),
      [id],
    );
    return rows[0] && toMailbox(rows[0]);
  }

  /** Every support address, lower case: mail from them is Tessera's own. */
  async ownAddresses(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ address: string }[]>(
      prepared('SELECT lower(address) AS address FROM mailboxes'),
    );
    return rows.map((row) => row.address);
  }

  /** A pass finished: shown to admins as the mailbox's last fetch, its last error cleared. */
  async recordFetched(mailboxId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      'UPDATE mailboxes SET last_fetched_at = $2, last_error = NULL, last_error_at = NULL WHERE id = $1',
      [mailboxId, at],
    );
  }

  async recordError(mailboxId: string, message: string, at: Date): Promise<void> {
    await this.dataSource.query(
      'UPDATE mailboxes SET last_error = $2, last_error_at = $3 WHERE id = $1',
      [mailboxId, message.slice(0, 2000), at],
    );
  }

  /**
   * Writes the rows of fetched mails in the importing transaction, in one statement: the
   * exactly-once key. Answers, per mail in the order given, its new row's id, or undefined when
   * the mailbox already has a mail with its key (imported before: nothing more to do than to mark
   * it imported on the server), or an earlier mail of the list has the same key. A concurrent
   * import of the same mail waits here until the first commits or rolls back.
   */
  async claimMany(
    manager: EntityManager,
    mails: readonly NewInboundMail[],
    at: Date,
  ): Promise<(string | undefined)[]> {
    if (mails.length === 0) return [];
    const values: unknown[] = [];
    const rows = mails.map((mail) => {
      const first = values.length;
      values.push(
        mail.mailboxId,
        mail.messageKey,
        mail.raw,
        mail.raw.length,
        mail.fromAddress,
        mail.subject,
        mail.receivedAt,
        at,
      );
      const p = (offset: number) => `$${first + offset}`;
      return `(${p(1)}::uuid, ${p(2)}, ${p(3)}::bytea, ${p(4)}::int, 'imported', ${p(5)}, ${p(6)},
               ${p(7)}::timestamptz, ${p(8)}::timestamptz)`;
    });
    const inserted = await manager.query<{ id: string; mailbox_id: string; message_key: string }[]>(
      `INSERT INTO inbound_mails (mailbox_id, message_key, raw, size, status, from_address,
                                  subject, received_at, processed_at)
       VALUES ${rows.join(',\n')}
       ON CONFLICT (mailbox_id, message_key) DO NOTHING
       RETURNING id, mailbox_id, message_key`,
      values,
    );
    const ids = new Map(inserted.map((row) => [`${row.mailbox_id} ${row.message_key}`, row.id]));
    return mails.map((mail) => {
      const key = `${mail.mailboxId} ${mail.messageKey}`;
      const id = ids.get(key);
      // A key twice in the list: the first of them is the one imported.
      ids.delete(key);
      return id;
    });
  }

  /**
   * A batch of fetched mails is about to be imported: answers the imports of its mails that
   * started earlier and never ended (the server stopped), by key. When there are none, records
   * one started import for every mail of the batch, committed before the import work starts;
   * otherwise records nothing (its mails are then imported one by one, each recorded by
   * startAttempt()). One statement either way.
   */
  async startBatchAttempts(
    mailboxId: string,
    keys: readonly string[],
  ): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await this.dataSource.query<{ message_key: string; attempts: number }[]>(
      prepared(`WITH unfinished AS (
         SELECT message_key, attempts FROM inbound_mail_attempts
          WHERE mailbox_id = $1 AND message_key = ANY($2::varchar[]) AND attempts > 0
       ), started AS (
         INSERT INTO inbound_mail_attempts (mailbox_id, message_key, attempts, updated_at)
         SELECT $1::uuid, key, 1, now() FROM unnest($2::varchar[]) AS key
          WHERE NOT EXISTS (SELECT 1 FROM unfinished)
         ON CONFLICT (mailbox_id, message_key)
         DO UPDATE SET attempts = inbound_mail_attempts.attempts + 1, updated_at = now()
       )
       SELECT message_key, attempts FROM unfinished`),
      [mailboxId, [...new Set(keys)]],
    );
    return new Map(rows.map((row) => [row.message_key, row.attempts]));
  }

  /** Records, committed, that an import of this one mail starts. */
  async startAttempt(mailboxId: string, key: string): Promise<void> {
    await this.dataSource.query(
      prepared(`INSERT INTO inbound_mail_attempts (mailbox_id, message_key, attempts, updated_at)
       VALUES ($1, $2, 1, now())
       ON CONFLICT (mailbox_id, message_key)
       DO UPDATE SET attempts = inbound_mail_attempts.attempts + 1, updated_at = now()`),
      [mailboxId, key],
    );
  }

  /**
   * Takes back the started imports of these mails: they ended with an error (counted by the
   * caller), or never began.
   */
  async abandonAttempts(mailboxId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      prepared(`WITH ended AS (
         DELETE FROM inbound_mail_attempts
          WHERE mailbox_id = $1 AND message_key = ANY($2::varchar[]) AND attempts <= 1
       )
       UPDATE inbound_mail_attempts SET attempts = attempts - 1, updated_at = now()
        WHERE mailbox_id = $1 AND message_key = ANY($2::varchar[]) AND attempts > 1`),
      [mailboxId, [...new Set(keys)]],
    );
  }

  /** These mails were stored, in the importing transaction: their imports ended. */
  async finishAttempts(
    manager: EntityManager,
    mailboxId: string,
    keys: readonly string[],
  ): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      prepared(
        'DELETE FROM inbound_mail_attempts WHERE mailbox_id = $1 AND message_key = ANY($2::varchar[])',
      ),
      [mailboxId, [...new Set(keys)]],
    );
  }

  /** decide() for several rows in one statement, each with the time it was decided. */
  async decideMany(
    manager: EntityManager,
    decided: readonly { id: string; decision: InboundDecision; at: Date }[],
  ): Promise<void> {
    if (decided.length === 0) return;
    await manager.query(
      prepared(`UPDATE inbound_mails AS i
          SET status = d.status, reason = d.reason, automatic = d.automatic,
              ticket_id = d.ticket_id, ticket_message_id = d.ticket_message_id,
              processed_at = d.processed_at
         FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::boolean[], $5::uuid[], $6::uuid[],
                     $7::timestamptz[])
              AS d(id, status, reason, automatic, ticket_id, ticket_message_id, processed_at)
        WHERE i.id = d.id`),
      [
        decided.map((d) => d.id),
        decided.map((d) => d.decision.status),
        decided.map((d) => d.decision.reason),
        decided.map((d) => d.decision.automatic),
        decided.map((d) => d.decision.ticketId),
        decided.map((d) => d.decision.ticketMessageId),
        decided.map((d) => d.at),
      ],
    );
  }

  /** Records the decision on a claimed (or re-processed) row, in the same transaction. */
  async decide(
    manager: EntityManager,
    id: string,
    decision: InboundDecision,
    at: Date,
  ): Promise<void> {
    await manager.query(
      prepared(`UPDATE inbound_mails
          SET status = $2, reason = $3, automatic = $4, ticket_id = $5, ticket_message_id = $6,
              processed_at = $7
        WHERE id = $1`),
      [
        id,
        decision.status,
        decision.reason,
        decision.automatic,
        decision.ticketId,
        decision.ticketMessageId,
        at,
      ],
    );
  }

  /**
   * Ties a mail's row to the message it became, before the message hooks run: outgoing mail reads
   * it there (which mailbox the customer wrote to) in the same transaction.
   */
  async linkMessage(manager: EntityManager, id: string, messageId: string): Promise<void> {
    await manager.query(
      prepared(`UPDATE inbound_mails
          SET status = 'imported', ticket_message_id = $2,
              ticket_id = (SELECT ticket_id FROM ticket_messages WHERE id = $2)
        WHERE id = $1`),
      [id, messageId],
    );
  }

  /**
   * Keeps a mail that could not be imported, with its bytes and the reason; its import ended.
   * Returns its id, or undefined when the mailbox already has a mail with this key (left as it
   * is).
   */
  async quarantine(mail: NewInboundMail, reason: string, at: Date): Promise<string | undefined> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH ended AS (
         DELETE FROM inbound_mail_attempts WHERE mailbox_id = $1 AND message_key = $2
       )
       INSERT INTO inbound_mails (mailbox_id, message_key, raw, size, status, reason,
                                  from_address, subject, received_at, processed_at)
       VALUES ($1, $2, $3, $4, 'quarantined', $5, $6, $7, $8, $9)
       ON CONFLICT (mailbox_id, message_key) DO NOTHING
       RETURNING id`,
      [
        mail.mailboxId,
        mail.messageKey,
        mail.raw,
        mail.raw.length,
        reason,
        mail.fromAddress,
        mail.subject,
        mail.receivedAt,
        at,
      ],
    );
    return rows[0]?.id;
  }

  /** A quarantined mail failed again: the newer reason replaces the older one. */
  async stillQuarantined(id: string, reason: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbound_mails SET reason = $2, processed_at = $3
        WHERE id = $1 AND status = 'quarantined'`,
      [id, reason, at],
    );
  }

  /** Locks a quarantined mail for re-processing; undefined when it is not quarantined (any more). */
  async lockQuarantined(
    manager: EntityManager,
    id: string,
  ): Promise<{ mailboxId: string; raw: Buffer } | undefined> {
    const rows = await manager.query<{ mailbox_id: string; raw: Buffer }[]>(
      `SELECT mailbox_id, raw FROM inbound_mails
        WHERE id = $1 AND status = 'quarantined' FOR UPDATE`,
      [id],
    );
    return rows[0] && { mailboxId: rows[0].mailbox_id, raw: rows[0].raw };
  }

  async findInbound(id: string): Promise<InboundMailRecord | undefined> {
    const rows = await this.dataSource.query<InboundRow[]>(`${SELECT_INBOUND} WHERE i.id = $1`, [
      id,
    ]);
    return rows[0] && toInbound(rows[0]);
  }

  async findRaw(id: string): Promise<Buffer | undefined> {
    const rows = await this.dataSource.query<{ raw: Buffer }[]>(
      'SELECT raw FROM inbound_mails WHERE id = $1',
      [id],
    );
    return rows[0]?.raw;
  }

  /** Quarantined mail, newest first, after the keyset `after` ([createdAt ISO, id]). */
  async findQuarantinePage(
    after: string[] | undefined,
    limit: number,
  ): Promise<InboundMailRecord[]> {
    const rows = await this.dataSource.query<InboundRow[]>(
      `${SELECT_INBOUND}
        WHERE i.status = 'quarantined'
          ${after ? 'AND (i.created_at, i.id) < ($2::timestamptz, $3::uuid)' : ''}
        ORDER BY i.created_at DESC, i.id DESC
        LIMIT $1`,
      after ? [limit + 1, after[0], after[1]] : [limit + 1],
    );
    return rows.map(toInbound);
  }

  /**
   * The ticket holding a message stored or sent with one of these Message-IDs, the earliest id in
   * the list winning (callers list the most telling first).
   */
  async findTicketIdByMailMessageIds(
    manager: EntityManager,
    ids: string[],
  ): Promise<string | undefined> {
    if (ids.length === 0) return undefined;
    const rows = await manager.query<{ ticket_id: string }[]>(
      prepared(`SELECT m.ticket_id
         FROM unnest($1::text[]) WITH ORDINALITY AS r(id, position)
         JOIN ticket_messages m ON m.mail_message_id = r.id
        ORDER BY r.position, m.created_at DESC
        LIMIT 1`),
      [ids],
    );
    return rows[0]?.ticket_id;
  }

  async findTicketIdByNumber(manager: EntityManager, number: number): Promise<string | undefined> {
    if (!Number.isSafeInteger(number) || number > MAX_TICKET_NUMBER) return undefined;
    const rows = await manager.query<{ id: string }[]>(
      prepared('SELECT id FROM tickets WHERE number = $1'),
      [number],
    );
    return rows[0]?.id;
  }

  /** Whether a ticket message was stored or sent with this Message-ID. */
  async isMessageStored(manager: EntityManager, mailMessageId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      prepared('SELECT 1 FROM ticket_messages WHERE mail_message_id = $1 LIMIT 1'),
      [mailMessageId],
    );
    return rows.length > 0;
  }

  /**
   * Takes a transaction-long lock on each of these Message-IDs (in one order, so two batches
   * never wait for each other in a circle): the same mail arriving through two mailboxes at once
   * is imported by one of them and found stored by the other, which waits for the first to end.
   */
  async lockMessageIds(manager: EntityManager, mailMessageIds: string[]): Promise<void> {
    if (mailMessageIds.length === 0) return;
    await manager.query(
      prepared(`SELECT pg_advisory_xact_lock(h)
         FROM (SELECT DISTINCT hashtextextended(id, 0) AS h FROM unnest($1::text[]) AS id
                ORDER BY h) AS ids`),
      [mailMessageIds],
    );
  }

  /** Which of these Message-IDs a ticket message was stored or sent with. */
  async findStoredMessageIds(
    manager: EntityManager,
    mailMessageIds: string[],
  ): Promise<Set<string>> {
    if (mailMessageIds.length === 0) return new Set();
    const rows = await manager.query<{ mail_message_id: string }[]>(
      prepared(
        `SELECT DISTINCT mail_message_id FROM ticket_messages WHERE mail_message_id = ANY($1::text[])`,
      ),
      [mailMessageIds],
    );
    return new Set(rows.map((row) => row.mail_message_id));
  }

  async findUserByEmail(manager: EntityManager, email: string): Promise<SenderRecord | undefined> {
    const rows = await manager.query<SenderRecord[]>(
      prepared('SELECT id, role, active FROM users WHERE lower(email) = lower($1)'),
      [email],
    );
    return rows[0];
  }

  async isFollower(manager: EntityManager, ticketId: string, userId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      prepared('SELECT 1 FROM ticket_followers WHERE ticket_id = $1 AND user_id = $2'),
      [ticketId, userId],
    );
    return rows.length > 0;
  }

  /** The queue's default priority for new tickets; `normal` for a queue that is gone. */
  async queuePriority(manager: EntityManager, queueId: string): Promise<TicketPriority> {
    const rows = await manager.query<{ default_priority: TicketPriority }[]>(
      prepared('SELECT default_priority FROM queues WHERE id = $1'),
      [queueId],
    );
    return rows[0]?.default_priority ?? 'normal';
  }

  async isActiveQueue(queueId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM queues WHERE id = $1 AND active',
      [queueId],
    );
    return rows.length > 0;
  }

  /** Records that mail to an address bounced for good; false when no user has the address. */
  async markUndeliverable(
    manager: EntityManager,
    email: string,
    reason: string,
    at: Date,
  ): Promise<boolean> {
    const [, affected] = await manager.query<[unknown[], number]>(
      prepared(`UPDATE users SET email_undeliverable_at = $2, email_undeliverable_reason = $3
        WHERE lower(email) = lower($1)`),
      [email, at, reason],
    );
    return affected > 0;
  }
}

function toMailbox(row: MailboxRow): IntakeMailbox {
  return {
    id: row.id,
    address: row.address,
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
    updatedAt: row.updated_at,
  };
}

function toInbound(row: InboundRow): InboundMailRecord {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    mailboxAddress: row.mailbox_address,
    messageKey: row.message_key,
    size: row.size,
    status: row.status,
    reason: row.reason,
    automatic: row.automatic,
    fromAddress: row.from_address,
    subject: row.subject,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    ticketMessageId: row.ticket_message_id,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
    createdAt: row.created_at,
  };
}
