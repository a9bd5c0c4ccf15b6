// Decides, in the transaction that stores a message, whether it goes out by mail: a public reply
// by staff to the requester and the customers following the ticket, or an acknowledgement of a
// ticket opened by mail. The outbox row and its sending job are written in that same transaction,
// so a reply is mailed exactly when it is stored (never lost, never sent for a rollback).
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { tagSubject } from '@tessera/domain';
import {
  addressDomain,
  createMessageId,
  isMachineAddress,
  renderAcknowledgement,
  replySubject,
  threadHeaders,
} from '@tessera/mail';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { JobService } from '../../job/job.service.js';
import { SettingsService } from '../../settings/settings.service.js';
import { TicketMessageHooks, type StoredMessage } from '../../ticket/ticket-message-hooks.js';
import type { StoredAddress } from './outgoing-mail.entity.js';
import {
  OutgoingMailRepository,
  type ReplyMailbox,
  type TicketForMail,
} from './outgoing-mail.repository.js';
import { OutgoingMailSender } from './outgoing-mail.sender.js';

export const SEND_MAIL_JOB = 'mail.send';
/** Acknowledgements one address gets at most per hour: a mail loop cannot flood anyone. */
export const ACKNOWLEDGEMENTS_PER_HOUR = 3;
const HOUR_MS = 60 * 60 * 1000;

/** What the sending job is queued with. */
export interface SendMailJob {
  outgoingMailId: string;
}

@Injectable()
export class OutgoingMailService implements OnModuleInit {
  constructor(
    private readonly hooks: TicketMessageHooks,
    private readonly jobs: JobService,
    private readonly outbox: OutgoingMailRepository,
    private readonly settings: SettingsService,
    private readonly sender: OutgoingMailSender,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    const mail = this.runtime.config.mail;
    this.jobs.register({
      name: SEND_MAIL_JOB,
      // Temporary failures (4xx, no connection) are retried with exponential backoff; the
      // sender gives up by itself on a permanent one, or on the last retry.
      retry: { limit: mail.retryLimit, delaySeconds: mail.retryDelaySeconds, backoff: true },
      handler: (job) => this.sender.deliver(job),
    });
    this.hooks.register((manager, message) => this.onMessage(manager, message));
  }

  /** The hook: runs in the transaction that stored `message`. */
  async onMessage(manager: EntityManager, message: StoredMessage): Promise<void> {
    if (message.internal) return;
    if (!message.fromCustomer) {
      await this.queueReply(manager, message);
    } else if (message.opensTicket && message.channel === 'email' && !message.automatic) {
      await this.queueAcknowledgement(manager, message);
    }
  }

  private async queueReply(manager: EntityManager, message: StoredMessage): Promise<void> {
    const found = await this.ticketAndMailbox(manager, message.ticketId);
    if (!found) return;
    const { ticket, mailbox } = found;
    const own = await this.outbox.mailboxAddresses(manager);
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
      messageId,
      inReplyTo: thread.inReplyTo,
      references: thread.references,
    });
  }

  /**
   * "We received your request", to the requester of a ticket their mail opened: never to a
   * machine, an undeliverable address or Tessera itself, and at most ACKNOWLEDGEMENTS_PER_HOUR
   * times an hour to one address.
   */
  private async queueAcknowledgement(
    manager: EntityManager,
    message: StoredMessage,
  ): Promise<void> {
    const found = await this.ticketAndMailbox(manager, message.ticketId);
    if (!found) return;
    const { ticket, mailbox } = found;
    const address = ticket.requesterEmail;
    if (ticket.requesterUndeliverable || isMachineAddress(address)) return;
    if ((await this.outbox.mailboxAddresses(manager)).has(address)) return;
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
    const { ticketHook } = await this.settings.get(manager);
    const answered = await this.outbox.findMessageMailId(manager, message.messageId);
    const thread = threadHeaders(answered ? [answered] : []);
    const rendered = renderAcknowledgement({
      ticketNumber: ticket.number,
      ticketReference: `${ticketHook}${ticket.number}`,
      subject: ticket.subject,
      requesterName: ticket.requesterName,
      mailboxName: mailbox.displayName,
    });
    await this.queue(manager, {
      ticketId: ticket.id,
      ticketMessageId: message.messageId,
      mailboxId: mailbox.id,
      kind: 'acknowledgement',
      to: [{ address, name: ticket.requesterName }],
      cc: [],
      subject: tagSubject(rendered.subject, ticket.number, ticketHook),
      messageId: this.newMessageId(mailbox),
      inReplyTo: thread.inReplyTo,
      references: thread.references,
    });
  }

  /**
   * The ticket and the mailbox it is answered from (see findReplyMailbox): the one the customer
   * wrote to, else its queue's. Tickets with neither are not mailed about.
   */
  private async ticketAndMailbox(
    manager: EntityManager,
    ticketId: string,
  ): Promise<{ ticket: TicketForMail; mailbox: ReplyMailbox } | undefined> {
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
    await this.jobs.sendInTransaction(manager, SEND_MAIL_JOB, job);
  }

  private newMessageId(mailbox: ReplyMailbox): string {
    return createMessageId(
      this.runtime.config.mail.messageIdDomain ?? addressDomain(mailbox.address),
    );
  }
}
