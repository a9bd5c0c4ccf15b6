import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  OutgoingMailKind,
  OutgoingMailStatus,
  StoredAddress,
} from './outgoing-mail.entity.js';
import { prepared, uuidIn } from '../../../common/database/prepared-statements.js';

export interface OutgoingMailRecord {
  id: string;
  ticketId: string;
  ticketMessageId: string | null;
  mailboxId: string | null;
  kind: OutgoingMailKind;
  recipient: string;
  to: StoredAddress[];
  cc: StoredAddress[];
  subject: string;
  /** What an acknowledgement or notification says, rendered when queued; null for a reply. */
  bodyText: string | null;
  /** A complete HTML document; null for a reply. */
  bodyHtml: string | null;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  status: OutgoingMailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export type NewOutgoingMail = Pick<
  OutgoingMailRecord,
  | 'ticketId'
  | 'ticketMessageId'
  | 'mailboxId'
  | 'kind'
  | 'to'
  | 'cc'
  | 'subject'
  | 'bodyText'
  | 'bodyHtml'
  | 'messageId'
  | 'inReplyTo'
  | 'references'
>;

/** What a mail about a ticket needs to know of it. */
export interface TicketForMail {
  id: string;
  number: number;
  subject: string;
  queueId: string;
  queueName: string;
  assigneeId: string | null;
  requesterId: string;
  requesterName: string;
  requesterEmail: string;
  /** The requester's address bounced for good. */
  requesterUndeliverable: boolean;
}

/** The mailbox a queue's tickets are answered from. */
export interface ReplyMailbox {
  id: string;
  address: string;
  displayName: string;
  /** Tickets opened by mail to it are acknowledged. */
  acknowledgeNewTickets: boolean;
}

/** A member of staff who may be mailed about tickets, as notifications need them. */
export interface MailableAgent {
  id: string;
  name: string;
  email: string;
}

/** A stored message, as its mail carries it. */
export interface MessageForMail {
  bodyText: string;
  bodyHtml: string | null;
  internal: boolean;
  authorName: string | null;
}

interface OutgoingMailRow {
  id: string;
  ticket_id: string;
  ticket_message_id: string | null;
  mailbox_id: string | null;
  kind: OutgoingMailKind;
  recipient: string;
  to_addresses: StoredAddress[];
  cc_addresses: StoredAddress[];
  subject: string;
  body_text: string | null;
  body_html: string | null;
  message_id_header: string;
  in_reply_to: string | null;
  references_header: string | null;
  status: OutgoingMailStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = `id, ticket_id, ticket_message_id, mailbox_id, kind, recipient, to_addresses,
  cc_addresses, subject, body_text, body_html, message_id_header, in_reply_to, references_header,
  status, attempts, last_error, created_at, sent_at`;

/** Every query of outgoing mail: the outbox, and what composing a mail reads. */
@Injectable()
export class OutgoingMailRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findTicket(
    manager: EntityManager | undefined,
    ticketId: string,
  ): Promise<TicketForMail | undefined> {
    return (await this.findTickets(manager, [ticketId])).get(ticketId);
  }

  /** The tickets by id, in one statement (a bulk change mails about hundreds). */
  async findTickets(
    manager: EntityManager | undefined,
    ticketIds: readonly string[],
  ): Promise<Map<string, TicketForMail>> {
    if (ticketIds.length === 0) return new Map();
    const match = uuidIn('t.id', ticketIds);
    const rows = await (manager ?? this.dataSource).query<TicketForMailRow[]>(
      prepared(`SELECT ${TICKET_FOR_MAIL_COLUMNS}
         FROM tickets t JOIN users u ON u.id = t.requester_id JOIN queues q ON q.id = t.queue_id
        WHERE ${match.condition}`),
      [match.value],
    );
    return new Map(rows.map((row) => [row.id, toTicketForMail(row)]));
  }

  /**
   * A ticket and the mailbox it is answered from, for a mail just imported through `cameInThrough`
   * (see findReplyMailbox), in one statement: acknowledging a new ticket reads both.
   */
  async findTicketWithMailbox(
    manager: EntityManager,
    ticketId: string,
    cameInThrough: string,
  ): Promise<{ ticket: TicketForMail; mailbox: ReplyMailbox } | undefined> {
    const [row] = await manager.query<
      (TicketForMailRow & {
        mailbox_id: string | null;
        mailbox_address: string;
        mailbox_display_name: string;
        mailbox_acknowledges: boolean;
      })[]
    >(
      prepared(`SELECT ${TICKET_FOR_MAIL_COLUMNS}, m.id AS mailbox_id, m.address AS mailbox_address,
              m.display_name AS mailbox_display_name,
              m.acknowledge_new_tickets AS mailbox_acknowledges
         FROM tickets t JOIN users u ON u.id = t.requester_id JOIN queues q ON q.id = t.queue_id
         LEFT JOIN LATERAL (${mailboxCameInThrough('$2::uuid', 't.queue_id')}) m ON true
        WHERE t.id = $1::uuid`),
      [ticketId, cameInThrough],
    );
    if (!row?.mailbox_id) return undefined;
    return {
      ticket: toTicketForMail(row),
      mailbox: toReplyMailbox({
        id: row.mailbox_id,
        address: row.mailbox_address,
        display_name: row.mailbox_display_name,
        acknowledge_new_tickets: row.mailbox_acknowledges,
      }),
    };
  }

  /**
   * The mailbox a ticket is answered from: the one the customer last wrote to (`cameInThrough`
   * for the mail being imported, else intake's record of the ticket's imported mail), else the
   * first mailbox of the ticket's queue (oldest first); enabled mailboxes only.
   */
  async findReplyMailbox(
    manager: EntityManager | undefined,
    ticketId: string,
    queueId: string,
    cameInThrough?: string,
  ): Promise<ReplyMailbox | undefined> {
    if (cameInThrough === undefined) {
      return (await this.findReplyMailboxes(manager, [{ id: ticketId, queueId }])).get(ticketId);
    }
    // The mail being imported names its mailbox: nothing to look up in intake's records.
    const [row] = await (manager ?? this.dataSource).query<ReplyMailboxRow[]>(
      prepared(mailboxCameInThrough('$1::uuid', '$2::uuid')),
      [cameInThrough, queueId],
    );
    return row && toReplyMailbox(row);
  }

  /** findReplyMailbox for several tickets, in one statement. */
  async findReplyMailboxes(
    manager: EntityManager | undefined,
    tickets: readonly { id: string; queueId: string }[],
  ): Promise<Map<string, ReplyMailbox>> {
    if (tickets.length === 0) return new Map();
    // One ticket (as usual) by plain parameters: its plan can be cached, a list's is costed anew.
    const single = tickets.length === 1 ? tickets[0] : undefined;
    const rows = await (manager ?? this.dataSource).query<
      (ReplyMailboxRow & { ticket_id: string })[]
    >(
      prepared(`SELECT r.ticket_id, m.id, m.address, m.display_name, m.acknowledge_new_tickets
         FROM ${single ? '(VALUES ($1::uuid, $2::uuid))' : 'unnest($1::uuid[], $2::uuid[])'}
              AS r(ticket_id, queue_id)
         LEFT JOIN LATERAL (
           SELECT mailbox_id FROM inbound_mails
            WHERE ticket_id = r.ticket_id AND status = 'imported'
            ORDER BY created_at DESC, id DESC LIMIT 1) came_in ON true
         CROSS JOIN LATERAL (
           SELECT m.id, m.address, m.display_name, m.acknowledge_new_tickets FROM mailboxes m
            WHERE m.enabled AND (m.id = came_in.mailbox_id OR m.queue_id = r.queue_id)
            ORDER BY COALESCE(m.id = came_in.mailbox_id, false) DESC, m.created_at, m.id
            LIMIT 1) m`),
      single
        ? [single.id, single.queueId]
        : [tickets.map((t) => t.id), tickets.map((t) => t.queueId)],
    );
    return new Map(rows.map((row) => [row.ticket_id, toReplyMailbox(row)]));
  }

  /**
   * The user, if they are to be mailed about tickets: active staff (agent or admin) who left
   * mail notifications on, at an address that has not bounced for good.
   */
  async findMailableAgent(
    manager: EntityManager,
    userId: string,
  ): Promise<MailableAgent | undefined> {
    const [row] = await manager.query<{ id: string; name: string; email: string }[]>(
      prepared(`SELECT id, name, email FROM users
        WHERE id = $1 AND role IN ('agent', 'admin') AND active AND mail_notifications
          AND email_undeliverable_at IS NULL`),
      [userId],
    );
    return row;
  }

  async findUserName(manager: EntityManager, userId: string): Promise<string | undefined> {
    const [row] = await manager.query<{ name: string }[]>(
      prepared('SELECT name FROM users WHERE id = $1'),
      [userId],
    );
    return row?.name;
  }

  /** The newest public message a customer wrote on the ticket (what a preview quotes). */
  async findLatestCustomerMessage(
    ticketId: string,
  ): Promise<{ bodyText: string; authorName: string } | undefined> {
    const [row] = await this.dataSource.query<{ body_text: string; name: string }[]>(
      `SELECT m.body_text, u.name FROM ticket_messages m JOIN users u ON u.id = m.author_id
        WHERE m.ticket_id = $1 AND NOT m.internal AND u.role = 'customer'
        ORDER BY m.created_at DESC, m.id DESC LIMIT 1`,
      [ticketId],
    );
    return row && { bodyText: row.body_text, authorName: row.name };
  }

  /** Every mailbox address: Tessera never mails itself. */
  async mailboxAddresses(manager: EntityManager): Promise<Set<string>> {
    const rows = await manager.query<{ address: string }[]>(
      prepared('SELECT address FROM mailboxes'),
    );
    return new Set(rows.map((row) => row.address));
  }

  /**
   * The customers following a ticket who can be mailed (active, address not marked
   * undeliverable), by name; agents following a ticket are told in the app, not by mail.
   */
  async findMailableCustomerFollowers(
    manager: EntityManager,
    ticketId: string,
  ): Promise<StoredAddress[]> {
    const rows = await manager.query<{ email: string; name: string }[]>(
      prepared(`SELECT u.email, u.name FROM ticket_followers f JOIN users u ON u.id = f.user_id
        WHERE f.ticket_id = $1 AND u.role = 'customer' AND u.active
          AND u.email_undeliverable_at IS NULL
        ORDER BY lower(u.name), u.email`),
      [ticketId],
    );
    return rows.map((row) => ({ address: row.email, name: row.name }));
  }

  /** The Message-IDs of the ticket's mail (in and out), oldest first, but `exceptMessageId`'s. */
  async findThread(
    manager: EntityManager,
    ticketId: string,
    exceptMessageId: string,
  ): Promise<string[]> {
    const rows = await manager.query<{ mail_message_id: string }[]>(
      prepared(`SELECT mail_message_id FROM ticket_messages
        WHERE ticket_id = $1 AND id <> $2 AND mail_message_id IS NOT NULL AND NOT internal
        ORDER BY created_at, id`),
      [ticketId, exceptMessageId],
    );
    return rows.map((row) => row.mail_message_id);
  }

  async findMessageMailId(manager: EntityManager, messageId: string): Promise<string | null> {
    const [row] = await manager.query<{ mail_message_id: string | null }[]>(
      prepared('SELECT mail_message_id FROM ticket_messages WHERE id = $1'),
      [messageId],
    );
    return row?.mail_message_id ?? null;
  }

  /** The Message-ID a message went out as: customers' replies naming it find the ticket. */
  async setMessageMailId(manager: EntityManager, messageId: string, mailId: string): Promise<void> {
    await manager.query(prepared('UPDATE ticket_messages SET mail_message_id = $2 WHERE id = $1'), [
      messageId,
      mailId,
    ]);
  }

  async findMessage(
    messageId: string,
    manager?: EntityManager,
  ): Promise<MessageForMail | undefined> {
    const [row] = await (manager ?? this.dataSource).query<
      { body_text: string; body_html: string | null; internal: boolean; name: string | null }[]
    >(
      prepared(`SELECT m.body_text, m.body_html, m.internal, u.name
         FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id
        WHERE m.id = $1`),
      [messageId],
    );
    return (
      row && {
        bodyText: row.body_text,
        bodyHtml: row.body_html,
        internal: row.internal,
        authorName: row.name,
      }
    );
  }

  /**
   * Serialises the acknowledgements to one address until the transaction ends, so two mails
   * arriving together cannot both slip under the rate limit.
   */
  async lockRecipient(
    manager: EntityManager,
    kind: OutgoingMailKind,
    address: string,
  ): Promise<void> {
    await manager.query(prepared('SELECT pg_advisory_xact_lock(hashtext($1))'), [
      `outgoing_mails:${kind}:${address}`,
    ]);
  }

  async countSince(
    manager: EntityManager,
    kind: OutgoingMailKind,
    recipient: string,
    since: Date,
  ): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      prepared(`SELECT count(*)::int AS count FROM outgoing_mails
        WHERE kind = $1 AND recipient = $2 AND created_at >= $3`),
      [kind, recipient, since],
    );
    return row?.count ?? 0;
  }

  /** Queues a mail; undefined when this message was already queued as this kind. */
  async insert(
    manager: EntityManager,
    mail: NewOutgoingMail,
    at: Date,
  ): Promise<string | undefined> {
    const [row] = await manager.query<{ id: string }[]>(
      prepared(`INSERT INTO outgoing_mails (ticket_id, ticket_message_id, mailbox_id, kind, recipient,
                                   to_addresses, cc_addresses, subject, body_text, body_html,
                                   message_id_header, in_reply_to, references_header, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT ON CONSTRAINT outgoing_mails_message_kind_key DO NOTHING
       RETURNING id`),
      [
        mail.ticketId,
        mail.ticketMessageId,
        mail.mailboxId,
        mail.kind,
        (mail.to[0]?.address ?? '').toLowerCase(),
        JSON.stringify(mail.to),
        JSON.stringify(mail.cc),
        mail.subject,
        mail.bodyText,
        mail.bodyHtml,
        mail.messageId,
        mail.inReplyTo,
        mail.references.length > 0 ? mail.references.join(' ') : null,
        at,
      ],
    );
    return row?.id;
  }

  async findById(id: string): Promise<OutgoingMailRecord | undefined> {
    const [row] = await this.dataSource.query<OutgoingMailRow[]>(
      prepared(`SELECT ${COLUMNS} FROM outgoing_mails WHERE id = $1`),
      [id],
    );
    return row && toRecord(row);
  }

  /**
   * Takes a queued mail for one attempt: counts the attempt and answers it; undefined when it is
   * gone or no longer queued (sent or failed already: never send it again). One statement: the
   * UPDATE locks the row and, if another attempt changed it meanwhile, checks it again.
   */
  async claim(id: string): Promise<OutgoingMailRecord | undefined> {
    const [[claimed]] = await this.dataSource.query<[OutgoingMailRow[], number]>(
      prepared(`UPDATE outgoing_mails SET attempts = attempts + 1
        WHERE id = $1 AND status = 'queued' RETURNING ${COLUMNS}`),
      [id],
    );
    return claimed && toRecord(claimed);
  }

  /** Marks the mail sent, in the caller's transaction or on its own. */
  async markSent(manager: EntityManager | undefined, id: string, at: Date): Promise<void> {
    await (manager ?? this.dataSource).query(
      prepared(`UPDATE outgoing_mails SET status = 'sent', sent_at = $2, last_error = NULL
        WHERE id = $1 AND status = 'queued'`),
      [id, at],
    );
  }

  /** Gives up on a mail for good. False when it was not queued any more. */
  async markFailed(manager: EntityManager, id: string, error: string): Promise<boolean> {
    const [, count] = await manager.query<[unknown[], number]>(
      prepared(`UPDATE outgoing_mails SET status = 'failed', last_error = $2
        WHERE id = $1 AND status = 'queued'`),
      [id, error],
    );
    return count > 0;
  }

  /** A temporary failure: the mail stays queued for the next attempt. */
  async recordError(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      prepared('UPDATE outgoing_mails SET last_error = $2 WHERE id = $1'),
      [id, error],
    );
  }

  /** The ticket a Message-ID Tessera sent belongs to: how intake threads replies to its mail. */
  async findTicketIdByMessageId(messageId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query<{ ticket_id: string }[]>(
      prepared('SELECT ticket_id FROM outgoing_mails WHERE message_id_header = $1'),
      [messageId],
    );
    return row?.ticket_id;
  }
}

function toRecord(row: OutgoingMailRow): OutgoingMailRecord {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketMessageId: row.ticket_message_id,
    mailboxId: row.mailbox_id,
    kind: row.kind,
    recipient: row.recipient,
    to: row.to_addresses,
    cc: row.cc_addresses,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    messageId: row.message_id_header,
    inReplyTo: row.in_reply_to,
    references: row.references_header ? row.references_header.split(' ') : [],
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/**
 * The mailbox answering for a mail that came in through `cameIn`: that one if enabled, else the
 * first enabled mailbox (oldest) of the ticket's queue.
 */
function mailboxCameInThrough(cameIn: string, queueId: string): string {
  return `SELECT m.id, m.address, m.display_name, m.acknowledge_new_tickets FROM mailboxes m
     WHERE m.enabled AND (m.id = ${cameIn} OR m.queue_id = ${queueId})
     ORDER BY m.id = ${cameIn} DESC, m.created_at, m.id
     LIMIT 1`;
}

const TICKET_FOR_MAIL_COLUMNS = `t.id, t.number, t.subject, t.queue_id, q.name AS queue_name,
       t.assignee_id, t.requester_id, u.name, u.email,
       u.email_undeliverable_at IS NOT NULL AS undeliverable`;

interface TicketForMailRow {
  id: string;
  number: number;
  subject: string;
  queue_id: string;
  queue_name: string;
  assignee_id: string | null;
  requester_id: string;
  name: string;
  email: string;
  undeliverable: boolean;
}

function toTicketForMail(row: TicketForMailRow): TicketForMail {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    queueId: row.queue_id,
    queueName: row.queue_name,
    assigneeId: row.assignee_id,
    requesterId: row.requester_id,
    requesterName: row.name,
    requesterEmail: row.email,
    requesterUndeliverable: row.undeliverable,
  };
}

interface ReplyMailboxRow {
  id: string;
  address: string;
  display_name: string;
  acknowledge_new_tickets: boolean;
}

function toReplyMailbox(row: ReplyMailboxRow): ReplyMailbox {
  return {
    id: row.id,
    address: row.address,
    displayName: row.display_name,
    acknowledgeNewTickets: row.acknowledge_new_tickets,
  };
}
