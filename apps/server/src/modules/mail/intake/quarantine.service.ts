// The quarantine: mail intake could not import, kept with its bytes for an admin, who reads why,
// downloads it, has it processed again (after a fix), or turns it into a ticket by hand.
import { Inject, Injectable } from '@nestjs/common';
import { isValidEmailAddress } from '@tessera/domain';
import { firstHeader, parseInboundMail, readHeaders, type InboundMail } from '@tessera/mail';
import { decodeCursor, toPage, type Page } from '../../../common/pagination/page.js';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { AttachmentService } from '../../attachment/attachment.service.js';
import type { RequestActor } from '../../permission/request-actor.js';
import { HtmlSanitizer } from '../../ticket/html-sanitizer.js';
import { TicketService } from '../../ticket/ticket.service.js';
import { UserService } from '../../user/user.service.js';
import type { InboundMailDto, QuarantineToTicketDto } from './dto/quarantine.dto.js';
import { MailImportService } from './mail-import.service.js';
import { MailIntakeError } from './mail-intake.error.js';
import { MailIntakeRepository, type InboundMailRecord } from './mail-intake.repository.js';

/** The text kept from a mail that cannot be parsed: its bytes after the headers, this long. */
const MAX_RAW_TEXT = 100_000;

@Injectable()
export class QuarantineService {
  constructor(
    private readonly repository: MailIntakeRepository,
    private readonly importer: MailImportService,
    private readonly tickets: TicketService,
    private readonly users: UserService,
    private readonly attachments: AttachmentService,
    private readonly sanitizer: HtmlSanitizer,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async list(limit: number, cursor?: string): Promise<Page<InboundMailDto>> {
    const after = decodeCursor(cursor, ['timestamp', 'uuid']);
    const rows = await this.repository.findQuarantinePage(after, limit);
    return toPage(rows, limit, (row) => [row.createdAt.toISOString(), row.id], toDto);
  }

  async get(id: string): Promise<InboundMailDto> {
    return toDto(await this.find(id));
  }

  /** The mail exactly as fetched. */
  async raw(id: string): Promise<Buffer> {
    const raw = await this.repository.findRaw(id);
    if (!raw) throw MailIntakeError.notFound();
    return raw;
  }

  /** Processes the stored bytes again, as intake would a new mail. */
  async retry(id: string): Promise<InboundMailDto> {
    await this.importer.reprocess(id);
    return this.get(id);
  }

  /**
   * Opens a ticket from a quarantined mail by hand, in the queue the admin chose: with the text
   * that could be read (the bodies, or else the raw text after the headers) and the original
   * mail attached as an .eml file (unless it is larger than attachments may be).
   */
  async toTicket(
    actor: RequestActor,
    id: string,
    input: QuarantineToTicketDto,
  ): Promise<InboundMailDto> {
    const found = await this.find(id);
    if (found.status !== 'quarantined') throw MailIntakeError.notQuarantined(found.status);
    if (!(await this.repository.isActiveQueue(input.queueId))) {
      throw MailIntakeError.invalidField('queueId', 'is not an active queue');
    }
    const raw = await this.raw(id);
    const mail = await parseInboundMail(raw).catch(() => undefined);
    const headers = readHeaders(raw);
    const asker = input.requester ?? (mail && { email: mail.from.address, name: mail.from.name });
    if (!asker || !isValidEmailAddress(asker.email)) {
      throw MailIntakeError.invalidField(
        'requester',
        'the mail names no sender: say who asked ({ email, name })',
      );
    }
    const subject =
      input.subject?.trim() ??
      (mail?.subject || (headers && firstHeader(headers, 'subject')) || '(quarantined mail)').slice(
        0,
        500,
      );
    const attachable = raw.length <= this.attachments.maxBytes;
    const text = [
      this.textOf(mail, raw),
      attachable
        ? undefined
        : `(The original mail, ${raw.length} bytes, is too large to attach: download it from the quarantine.)`,
    ]
      .filter((part) => part !== undefined)
      .join('\n\n');
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.lockQuarantined(manager, id))) {
        throw MailIntakeError.notQuarantined('imported');
      }
      const at = this.clock.now();
      const requester = await this.users.findOrCreateCustomer(
        manager,
        asker.email,
        asker.name ?? '',
      );
      const opened = await this.tickets.openTicket(manager, {
        subject,
        queueId: input.queueId,
        priority: await this.repository.queuePriority(manager, input.queueId),
        state: 'new',
        channel: 'email',
        tags: [],
        requester,
        body: {
          bodyText: text,
          bodyHtml: mail?.html ? this.sanitizer.sanitize(mail.html) || null : null,
          mailMessageId: found.messageKey,
        },
        actorId: actor.userId,
        fromCustomer: true,
        createdDetails: { fromQuarantine: id },
        attach: async (messageId) => {
          await this.repository.linkMessage(manager, id, messageId);
          if (!attachable) return;
          await this.attachments.store(
            manager,
            { filename: 'original.eml', contentType: 'message/rfc822', data: raw },
            actor.userId,
            messageId,
          );
        },
        at,
      });
      await this.repository.decide(
        manager,
        id,
        {
          status: 'imported',
          reason: `turned into a ticket by hand; quarantined for: ${found.reason ?? 'unknown'}`,
          automatic: found.automatic,
          ticketId: opened.ticketId,
          ticketMessageId: opened.messageId,
        },
        at,
      );
    });
    this.runtime.logger.info(
      { inboundMailId: id, actorId: actor.userId },
      'quarantined mail turned into a ticket',
    );
    return this.get(id);
  }

  private textOf(mail: InboundMail | undefined, raw: Buffer): string {
    if (mail?.text) return mail.text;
    if (mail?.html) return this.sanitizer.toText(mail.html);
    const text = raw.toString('utf8');
    const end = text.search(/\r?\n\r?\n/);
    return (end < 0 ? text : text.slice(end)).trim().slice(0, MAX_RAW_TEXT);
  }

  private async find(id: string): Promise<InboundMailRecord> {
    const found = await this.repository.findInbound(id);
    if (!found) throw MailIntakeError.notFound();
    return found;
  }
}

function toDto(row: InboundMailRecord): InboundMailDto {
  return {
    id: row.id,
    mailboxId: row.mailboxId,
    mailboxAddress: row.mailboxAddress,
    status: row.status,
    reason: row.reason,
    from: row.fromAddress,
    subject: row.subject,
    messageKey: row.messageKey,
    size: row.size,
    automatic: row.automatic,
    ticketId: row.ticketId,
    ticketNumber: row.ticketNumber,
    ticketMessageId: row.ticketMessageId,
    receivedAt: row.receivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    processedAt: row.processedAt.toISOString(),
  };
}
