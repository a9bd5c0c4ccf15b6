// Decides, in the transaction that stores a message or a change, whether it goes out by mail: a
// public reply by staff to the requester and the customers following the ticket, an
// acknowledgement of a ticket opened by mail, or a notification to an agent (a ticket assigned to
// them by someone else, its customer replied). The outbox row and its sending job are written in
// that same transaction, so a reply is mailed exactly when it is stored (never lost, never sent
// for a rollback). Mail Tessera writes itself is rendered from its template here, at queue time:
// a template edited later does not change mail in flight.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { tagSubject } from '@tessera/domain';
import {
  addressDomain,
  createMessageId,
  isMachineAddress,
  replySubject,
  threadHeaders,
  type MailTemplateKey,
  type MailTemplateSource,
  type MailTemplateVariables,
} from '@tessera/mail';
import type { EntityManager } from 'typeorm';
import { oncePerTransaction } from '../../../common/database/per-transaction.js';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { JobService } from '../../job/job.service.js';
import { SettingsService } from '../../settings/settings.service.js';
import { TicketChangeHooks } from '../../ticket/ticket-change-hooks.js';
import { TicketMessageHooks, type StoredMessage } from '../../ticket/ticket-message-hooks.js';
import type { NewEvent } from '../../ticket/ticket.repository.js';
import { IntakeBacklog } from '../intake/intake-backlog.js';
import { MailTemplateService } from '../templates/mail-template.service.js';
import {
  acknowledgementVariables,
  agentAssignedVariables,
  customerRepliedVariables,
  type MailContext,
} from '../templates/mail-variables.js';
import type { StoredAddress } from './outgoing-mail.entity.js';
import {
  OutgoingMailRepository,
  type MailableAgent,
  type ReplyMailbox,
  type TicketForMail,
} from './outgoing-mail.repository.js';
import { OutgoingMailSender } from './outgoing-mail.sender.js';

export const SEND_MAIL_JOB = 'mail.send';
/**
 * Acknowledgements, which no one is waiting for as they wait for a reply: their own queue, which
 * holds back while this replica imports a backlog of mail (IntakeBacklog), so neither the import
 * nor the mail people write waits behind them.
 */
export const SEND_AUTOMATIC_MAIL_JOB = 'mail.send-automatic';
/** How long an acknowledgement waits for a backlog's import to end, at the most. */
const AUTOMATIC_MAIL_MAX_WAIT_MS = 60_000;
/** Acknowledgements one address gets at most per hour: a mail loop cannot flood anyone. */
export const ACKNOWLEDGEMENTS_PER_HOUR = 3;
const HOUR_MS = 60 * 60 * 1000;

/** What the sending job is queued with. */
export interface SendMailJob {
  outgoingMailId: string;
}

/**
 * What the notifications of one change share: the help desk's settings and the template, read
 * once for a bulk change of hundreds of tickets, and the people already looked up.
 */
interface NotificationBatch {
  context: MailContext;
  source: MailTemplateSource;
  /** Tessera's own addresses: never mailed. */
  own: Set<string>;
  agents: Map<string, MailableAgent | undefined>;
  names: Map<string, string | undefined>;
}

@Injectable()
export class OutgoingMailService implements OnModuleInit {
  constructor(
    private readonly hooks: TicketMessageHooks,
    private readonly changeHooks: TicketChangeHooks,
    private readonly jobs: JobService,
    private readonly outbox: OutgoingMailRepository,
    private readonly settings: SettingsService,
    private readonly templates: MailTemplateService,
    private readonly sender: OutgoingMailSender,
    private readonly backlog: IntakeBacklog,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    const mail = this.runtime.config.mail;
    // Temporary failures (4xx, no connection) are retried with exponential backoff; the sender
    // gives up by itself on a permanent one, or on the last retry.
    const retry = { limit: mail.retryLimit, delaySeconds: mail.retryDelaySeconds, backoff: true };
    this.jobs.register({
      name: SEND_MAIL_JOB,
      retry,
      // Sending is mostly waiting on the SMTP server: a backlog goes out several at a time.
      workers: mail.sendConcurrency,
      handler: (job) => this.sender.deliver(job),
    });
    this.jobs.register({
      name: SEND_AUTOMATIC_MAIL_JOB,
      retry,
      workers: mail.sendConcurrency,
      handler: async (job) => {
        await this.backlog.settled(AUTOMATIC_MAIL_MAX_WAIT_MS);
        await this.sender.deliver(job);
      },
    });
    this.hooks.register(async (manager, messages) => {
      for (const message of messages) await this.onMessage(manager, message);
    });
    this.changeHooks.register((manager, _ticketIds, events) => this.onChange(manager, events));
  }

  /** The message hook: runs in the transaction that stored `message`. */
  async onMessage(manager: EntityManager, message: StoredMessage): Promise<void> {
    if (message.internal) return;
    if (!message.fromCustomer) {
      await this.queueReply(manager, message);
    } else if (message.opensTicket) {
      if (message.channel === 'email' && !message.automatic) {
        await this.queueAcknowledgement(manager, message);
      }
    } else if (!message.automatic) {
      // Auto-replies and delivery reports are on the ticket for whoever opens it, not mailed on.
      await this.notifyCustomerReplied(manager, message);
    }
  }

  /**
   * The change hook: runs in the transaction of a PATCH, a bulk change, a merge or the
   * auto-close job, after its events are written. A ticket given to an agent by someone else
   * (not taken by themselves) is mailed to that agent.
   */
  async onChange(manager: EntityManager, events: readonly NewEvent[]): Promise<void> {
    const assigned = new Map<string, { assigneeId: string; actorId: string | null }>();
    for (const event of events) {
      if (event.type !== 'assignee') continue;
      if (typeof event.after === 'string' && event.after !== event.actorId) {
        assigned.set(event.ticketId, { assigneeId: event.after, actorId: event.actorId });
      } else {
        assigned.delete(event.ticketId);
      }
    }
    if (assigned.size === 0) return;
    const batch = await this.notificationBatch(manager, 'agent-assigned');
    // A bulk change assigns up to 500 tickets: they and their mailboxes are read in one go each.
    const tickets = await this.outbox.findTickets(manager, [...assigned.keys()]);
    const mailboxes = await this.outbox.findReplyMailboxes(manager, [...tickets.values()]);
    for (const [ticketId, { assigneeId, actorId }] of assigned) {
      const agent = await this.mailableAgent(manager, batch, assigneeId);
      const ticket = tickets.get(ticketId);
      if (!agent || !ticket) continue;
      const actorName = actorId === null ? null : await this.userName(manager, batch, actorId);
      await this.queueNotification(manager, batch, mailboxes.get(ticketId), {
        key: 'agent-assigned',
        ticket,
        agent,
        ticketMessageId: null,
        variables: agentAssignedVariables(
          ticket,
          { agentName: agent.name, actorName: actorName ?? null },
          batch.context,
        ),
      });
    }
  }

  private async queueReply(manager: EntityManager, message: StoredMessage): Promise<void> {
    const found = await this.ticketAndMailbox(manager, message.ticketId);
    if (!found) return;
    const { ticket, mailbox } = found;
    const own = await this.mailboxAddresses(manager);
    // Nobody is mailed their own message (staff opening a ticket for themselves).
    const requester: StoredAddress[] =
      ticket.requesterUndeliverable ||
      own.has(ticket.requesterEmail) ||
      message.authorId === ticket.requesterId
        ? []
        : [{ address: ticket.requesterEmail, name: ticket.requesterName }];
    const followers = (await this.outbox.findMailableCustomerFollowers(manager, ticket.id)).filter(
      (follower) => follower.address !== ticket.requesterEmail && !own.has(follower.address),
    );
    // Without a deliverable requester, the followers still hear the answer.
    const [to, cc] = requester.length > 0 ? [requester, followers] : [followers, []];
    if (to.length === 0) return;
    const messageId = this.newMessageId(mailbox);
    const thread = threadHeaders(
      await this.outbox.findThread(manager, ticket.id, message.messageId),
    );
    const { ticketHook } = await this.settings.get(manager);
    await this.outbox.setMessageMailId(manager, message.messageId, messageId);
    await this.queue(manager, {
      ticketId: ticket.id,
      ticketMessageId: message.messageId,
      mailboxId: mailbox.id,
      kind: 'reply',
      to,
      cc,
      subject: tagSubject(replySubject(ticket.subject), ticket.number, ticketHook),
      // A reply carries its message, read when it is sent.
      bodyText: null,
      bodyHtml: null,
      messageId,
      inReplyTo: thread.inReplyTo,
      references: thread.references,
    });
  }

  /**
   * "We received your request", to the requester of a ticket their mail opened: never to a
   * machine, an undeliverable address or Tessera itself, never from a mailbox whose admin turned
   * acknowledgements off, and at most ACKNOWLEDGEMENTS_PER_HOUR times an hour to one address.
   */
  private async queueAcknowledgement(
    manager: EntityManager,
    message: StoredMessage,
  ): Promise<void> {
    const found = await this.ticketAndMailbox(manager, message.ticketId, message.mailboxId);
    if (!found) return;
    const { ticket, mailbox } = found;
    // The mailbox the mail came in through (see findReplyMailbox) says whether it is answered.
    if (!mailbox.acknowledgeNewTickets) return;
    const address = ticket.requesterEmail;
    if (ticket.requesterUndeliverable || isMachineAddress(address)) return;
    if ((await this.mailboxAddresses(manager)).has(address)) return;
    await this.outbox.lockRecipient(manager, 'acknowledgement', address);
    const since = new Date(this.clock.now().getTime() - HOUR_MS);
    const recent = await this.outbox.countSince(manager, 'acknowledgement', address, since);
    if (recent >= ACKNOWLEDGEMENTS_PER_HOUR) {
      this.runtime.logger.info(
        { ticketId: ticket.id, messageId: message.messageId },
        'acknowledgement skipped: rate limit reached for the sender',
      );
      return;
    }
    const context = await this.context(manager);
    const answered =
      message.mailMessageId ?? (await this.outbox.findMessageMailId(manager, message.messageId));
    const thread = threadHeaders(answered ? [answered] : []);
    const rendered = this.templates.render(
      'acknowledgement',
      acknowledgementVariables(ticket, mailbox.displayName, context),
      await this.source(manager, 'acknowledgement'),
    );
    await this.queue(manager, {
      ticketId: ticket.id,
      ticketMessageId: message.messageId,
      mailboxId: mailbox.id,
      kind: 'acknowledgement',
      to: [{ address, name: ticket.requesterName }],
      cc: [],
      subject: tagSubject(rendered.subject, ticket.number, context.ticketHook),
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      messageId: this.newMessageId(mailbox),
      inReplyTo: thread.inReplyTo,
      references: thread.references,
    });
  }

  /**
   * A customer wrote again on a ticket: its assignee hears of it. An unassigned ticket is
   * everybody's in its queue, and nobody is mailed about it (the queue view shows it).
   */
  private async notifyCustomerReplied(
    manager: EntityManager,
    message: StoredMessage,
  ): Promise<void> {
    const ticket = await this.outbox.findTicket(manager, message.ticketId);
    if (!ticket?.assigneeId || ticket.assigneeId === message.authorId) return;
    const batch = await this.notificationBatch(manager, 'customer-replied');
    const agent = await this.mailableAgent(manager, batch, ticket.assigneeId);
    if (!agent) return;
    const written = await this.outbox.findMessage(message.messageId, manager);
    if (!written) return;
    const mailbox = await this.outbox.findReplyMailbox(
      manager,
      ticket.id,
      ticket.queueId,
      message.mailboxId,
    );
    await this.queueNotification(manager, batch, mailbox, {
      key: 'customer-replied',
      ticket,
      agent,
      ticketMessageId: message.messageId,
      variables: customerRepliedVariables(
        ticket,
        agent.name,
        { authorName: written.authorName ?? ticket.requesterName, bodyText: written.bodyText },
        batch.context,
      ),
    });
  }

  /**
   * Queues a notification to an agent, from the mailbox the ticket is answered from (see
   * findReplyMailbox); without one, none.
   */
  private async queueNotification<K extends 'agent-assigned' | 'customer-replied'>(
    manager: EntityManager,
    batch: NotificationBatch,
    mailbox: ReplyMailbox | undefined,
    mail: {
      key: K;
      ticket: TicketForMail;
      agent: MailableAgent;
      /** The message it is about (one notification each), if any. */
      ticketMessageId: string | null;
      variables: MailTemplateVariables[K];
    },
  ): Promise<void> {
    const { ticket, agent } = mail;
    if (!mailbox) {
      this.runtime.logger.debug(
        { ticketId: ticket.id, template: mail.key },
        'notification not sent: no mailbox answers the ticket',
      );
      return;
    }
    const rendered = this.templates.render(mail.key, mail.variables, batch.source);
    await this.queue(manager, {
      ticketId: ticket.id,
      ticketMessageId: mail.ticketMessageId,
      mailboxId: mailbox.id,
      kind: 'notification',
      to: [{ address: agent.email, name: agent.name }],
      cc: [],
      // Tagged, so that an agent answering the mail lands on the ticket.
      subject: tagSubject(rendered.subject, ticket.number, batch.context.ticketHook),
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      messageId: this.newMessageId(mailbox),
      inReplyTo: null,
      references: [],
    });
  }

  // Read once per transaction: a batch of mail queues an acknowledgement for every new ticket.
  private mailboxAddresses(manager: EntityManager): Promise<Set<string>> {
    return oncePerTransaction(manager, 'mail:mailbox-addresses', () =>
      this.outbox.mailboxAddresses(manager),
    );
  }

  private context(manager: EntityManager): Promise<MailContext> {
    return oncePerTransaction(manager, 'mail:context', () => this.templates.context(manager));
  }

  private source(manager: EntityManager, key: MailTemplateKey): Promise<MailTemplateSource> {
    return oncePerTransaction(manager, `mail:template:${key}`, () =>
      this.templates.sourceFor(manager, key),
    );
  }

  private async notificationBatch(
    manager: EntityManager,
    key: MailTemplateKey,
  ): Promise<NotificationBatch> {
    return {
      context: await this.context(manager),
      source: await this.source(manager, key),
      own: await this.mailboxAddresses(manager),
      agents: new Map(),
      names: new Map(),
    };
  }

  /** The agent if they are to be mailed (see findMailableAgent), and not at Tessera's address. */
  private async mailableAgent(
    manager: EntityManager,
    batch: NotificationBatch,
    userId: string,
  ): Promise<MailableAgent | undefined> {
    if (!batch.agents.has(userId)) {
      const agent = await this.outbox.findMailableAgent(manager, userId);
      batch.agents.set(userId, agent && !batch.own.has(agent.email) ? agent : undefined);
    }
    return batch.agents.get(userId);
  }

  private async userName(
    manager: EntityManager,
    batch: NotificationBatch,
    userId: string,
  ): Promise<string | undefined> {
    if (!batch.names.has(userId)) {
      batch.names.set(userId, await this.outbox.findUserName(manager, userId));
    }
    return batch.names.get(userId);
  }

  /**
   * The ticket and the mailbox it is answered from (see findReplyMailbox): the one the customer
   * wrote to, else its queue's. Tickets with neither are not mailed about.
   */
  private async ticketAndMailbox(
    manager: EntityManager,
    ticketId: string,
    cameInThrough?: string,
  ): Promise<{ ticket: TicketForMail; mailbox: ReplyMailbox } | undefined> {
    if (cameInThrough !== undefined) {
      return this.outbox.findTicketWithMailbox(manager, ticketId, cameInThrough);
    }
    const ticket = await this.outbox.findTicket(manager, ticketId);
    const mailbox =
      ticket && (await this.outbox.findReplyMailbox(manager, ticket.id, ticket.queueId));
    return ticket && mailbox ? { ticket, mailbox } : undefined;
  }

  private async queue(
    manager: EntityManager,
    mail: Parameters<OutgoingMailRepository['insert']>[1],
  ): Promise<void> {
    const id = await this.outbox.insert(manager, mail, this.clock.now());
    if (id === undefined) return; // this message was queued already
    const job: SendMailJob = { outgoingMailId: id };
    const queue = mail.kind === 'acknowledgement' ? SEND_AUTOMATIC_MAIL_JOB : SEND_MAIL_JOB;
    await this.jobs.sendInTransaction(manager, queue, job);
  }

  private newMessageId(mailbox: ReplyMailbox): string {
    return createMessageId(
      this.runtime.config.mail.messageIdDomain ?? addressDomain(mailbox.address),
    );
  }
}
