// Sends one outbox row by SMTP: the sending job's handler. A row is sent at most once it is
// marked sent; a permanent refusal (5xx), or a temporary one on the last retry, marks it failed
// and tells the agents with an internal note on the ticket.
import { Inject, Injectable } from '@nestjs/common';
import { composeMail, senderDisplayName, type ComposedMail, type MailAddress } from '@tessera/mail';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { AttachmentService } from '../../attachment/attachment.service.js';
import type { JobRun } from '../../job/job.service.js';
import { TicketRepository } from '../../ticket/ticket.repository.js';
import { MailSecrets } from '../mailbox/mail-secrets.js';
import { smtpRouteOf, type SmtpRoute } from '../mailbox/mailbox-servers.js';
import { MailboxRepository } from '../mailbox/mailbox.repository.js';
import { MailTemplateService } from '../templates/mail-template.service.js';
import { acknowledgementVariables } from '../templates/mail-variables.js';
import type { StoredAddress } from './outgoing-mail.entity.js';
import { OutgoingMailRepository, type OutgoingMailRecord } from './outgoing-mail.repository.js';
import { SmtpClient, type RefusedRecipient } from './smtp-client.js';
import { sendFailureOf } from './smtp-failure.js';

/** A mail that cannot go out however often it is tried. */
class Undeliverable extends Error {}

@Injectable()
export class OutgoingMailSender {
  constructor(
    private readonly outbox: OutgoingMailRepository,
    private readonly mailboxes: MailboxRepository,
    private readonly tickets: TicketRepository,
    private readonly attachments: AttachmentService,
    private readonly templates: MailTemplateService,
    private readonly secrets: MailSecrets,
    private readonly smtp: SmtpClient,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** The job handler. Throws to have pg-boss retry (a temporary failure before the last try). */
  async deliver(job: JobRun): Promise<void> {
    const id = (job.data as { outgoingMailId?: unknown } | null)?.outgoingMailId;
    if (typeof id !== 'string') return;
    const mail = await this.outbox.claim(id);
    if (!mail) return; // sent or failed already, or its ticket is gone
    const log = { outgoingMailId: mail.id, ticketId: mail.ticketId, kind: mail.kind };

    let route: SmtpRoute;
    let composed: ComposedMail;
    try {
      ({ route, composed } = await this.prepare(mail));
    } catch (error) {
      if (!(error instanceof Undeliverable)) throw error;
      this.runtime.logger.warn({ ...log, reason: error.message }, 'mail not sent');
      await this.fail(mail, recipientsOf(mail), error.message);
      return;
    }

    try {
      const delivery = await this.smtp.send(route.server, composed);
      if (delivery.refused.length === 0) {
        await this.outbox.markSent(undefined, mail.id, this.clock.now());
      } else {
        // Sent, and a note about those the server refused: both or neither.
        await this.outbox.transaction(async (manager) => {
          await this.outbox.markSent(manager, mail.id, this.clock.now());
          await this.addNote(manager, mail, refusalNote(mail, delivery.refused));
        });
      }
      this.runtime.logger.info({ ...log, attempts: mail.attempts }, 'mail sent');
    } catch (error) {
      const failure = sendFailureOf(error, {
        protocol: 'SMTP',
        host: route.server.host,
        port: route.server.port,
        timeoutSeconds: this.runtime.config.mail.timeoutSeconds,
      });
      if (failure.permanent || job.retryCount >= job.retryLimit) {
        this.runtime.logger.warn(
          { ...log, attempts: mail.attempts, permanent: failure.permanent },
          'mail failed for good',
        );
        await this.fail(mail, recipientsOf(mail), failure.reason);
        return;
      }
      await this.outbox.recordError(mail.id, failure.reason);
      throw error; // pg-boss retries later, with backoff
    }
  }

  private async prepare(
    mail: OutgoingMailRecord,
  ): Promise<{ route: SmtpRoute; composed: ComposedMail }> {
    const mailbox = mail.mailboxId ? await this.mailboxes.findById(mail.mailboxId) : undefined;
    if (!mailbox) throw new Undeliverable('the mailbox it was to be sent from was deleted');
    let route: SmtpRoute | undefined;
    try {
      route = smtpRouteOf(mailbox, this.secrets, this.runtime.config.mail);
    } catch {
      throw new Undeliverable(
        `the SMTP password of the mailbox ${mailbox.address} cannot be read (was TESSERA_SECRET ` +
          'changed?): enter it again',
      );
    }
    if (!route) {
      throw new Undeliverable(
        `no SMTP server is configured: set SMTP_HOST, or the SMTP settings of the mailbox ${mailbox.address}`,
      );
    }
    const ticket = await this.outbox.findTicket(undefined, mail.ticketId);
    if (!ticket) throw new Undeliverable('the ticket is gone');

    let fromName = mailbox.displayName;
    let text: string;
    let html: string | null;
    let files: { filename: string; contentType: string; data: Buffer }[] = [];
    if (mail.kind === 'reply') {
      const message = mail.ticketMessageId
        ? await this.outbox.findMessage(mail.ticketMessageId)
        : undefined;
      // A message made internal since can never go out.
      if (!message || message.internal) throw new Undeliverable('the message is gone');
      fromName = senderDisplayName(mailbox.senderName, mailbox.displayName, message.authorName);
      text = message.bodyText;
      html = message.bodyHtml;
      files = mail.ticketMessageId
        ? await this.attachments.filesWithData(mail.ticketMessageId)
        : [];
    } else if (mail.bodyText !== null) {
      // Rendered from its template when it was queued.
      text = mail.bodyText;
      html = mail.bodyHtml;
    } else if (mail.kind === 'acknowledgement') {
      // Queued before acknowledgements were rendered at queue time: rendered now, as then.
      const rendered = this.templates.render(
        'acknowledgement',
        acknowledgementVariables(ticket, mailbox.displayName, await this.templates.context()),
        await this.templates.sourceFor(undefined, 'acknowledgement'),
      );
      text = rendered.text;
      html = rendered.html;
    } else {
      throw new Undeliverable('the mail has no text');
    }
    return {
      route,
      composed: composeMail({
        kind: mail.kind,
        from: { address: mailbox.address, name: fromName },
        to: mail.to.map(toMailAddress),
        cc: mail.cc.map(toMailAddress),
        subject: mail.subject,
        messageId: mail.messageId,
        thread: { inReplyTo: mail.inReplyTo, references: mail.references },
        text,
        html,
        ticketNumber: ticket.number,
        attachments: files.map((file) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: file.data,
        })),
      }),
    };
  }

  /** Marks the mail failed and tells the agents, in one transaction. */
  private async fail(
    mail: OutgoingMailRecord,
    recipients: string[],
    reason: string,
  ): Promise<void> {
    await this.outbox.transaction(async (manager) => {
      if (!(await this.outbox.markFailed(manager, mail.id, reason))) return;
      await this.addNote(
        manager,
        mail,
        `${what(mail)} could not be delivered to ${recipients.join(', ')}: ${reason}`,
      );
    });
  }

  /** An internal note by Tessera (no author) on the mail's ticket, with its timeline event. */
  private async addNote(
    manager: Parameters<TicketRepository['insertMessage']>[0],
    mail: OutgoingMailRecord,
    text: string,
  ): Promise<void> {
    const now = this.clock.now();
    // Locks the ticket and gives it a new version, as any new message does.
    await this.tickets.update(manager, mail.ticketId, undefined, {}, now);
    const messageId = await this.tickets.insertMessage(
      manager,
      { ticketId: mail.ticketId, authorId: null, internal: true, bodyText: text, bodyHtml: null },
      now,
    );
    await this.tickets.insertEvents(
      manager,
      [
        {
          ticketId: mail.ticketId,
          actorId: null,
          type: 'message',
          before: null,
          after: { messageId, internal: true, outgoingMailId: mail.id },
        },
      ],
      now,
    );
  }
}

function what(mail: OutgoingMailRecord): string {
  switch (mail.kind) {
    case 'reply':
      return 'Reply';
    case 'acknowledgement':
      return 'Acknowledgement';
    case 'notification':
      return 'Notification';
  }
}

function recipientsOf(mail: OutgoingMailRecord): string[] {
  return [...mail.to, ...mail.cc].map((recipient) => recipient.address);
}

function refusalNote(mail: OutgoingMailRecord, refused: RefusedRecipient[]): string {
  return refused
    .map(
      (refusal) =>
        `${what(mail)} could not be delivered to ${refusal.address}: ${refusal.response}`,
    )
    .join('\n');
}

function toMailAddress(stored: StoredAddress): MailAddress {
  return { address: stored.address, name: stored.name };
}
