// Turns one raw mail into what it means for the help desk, in one transaction keyed by (mailbox,
// Message-ID): a new ticket, a reply on the ticket it answers, a bounce noted on the ticket of the
// mail that bounced, or a recorded decision to ignore it. A mail that cannot be imported is
// quarantined with its bytes and the reason, never dropped.
import { Inject, Injectable } from '@nestjs/common';
import {
  detectAutomatic,
  messageIdForms,
  messageKeyOf,
  parseInboundMail,
  readDeliveryReport,
  readHeaders,
  UnparseableMailError,
  type AutomaticVerdict,
  type DeliveryReport,
  type InboundMail,
} from '@tessera/mail';
import { MAX_MERGE_HOPS, numberFromSubject } from '@tessera/domain';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { AttachmentService } from '../../attachment/attachment.service.js';
import { SettingsService } from '../../settings/settings.service.js';
import { HtmlSanitizer } from '../../ticket/html-sanitizer.js';
import { TicketLinkService } from '../../ticket/ticket-link.service.js';
import { TicketRepository, type TicketRecord } from '../../ticket/ticket.repository.js';
import { TicketService, type MessageBody } from '../../ticket/ticket.service.js';
import { UserService } from '../../user/user.service.js';
import { attachmentName } from './attachment-name.js';
import { independentGroups } from './independent-mails.js';
import { IntakeLookups } from './intake-lookups.js';
import {
  MailIntakeRepository,
  type InboundDecision,
  type IntakeMailbox,
  type NewInboundMail,
} from './mail-intake.repository.js';
import { mailOutcome, writerOf, type MailWriter } from './mail-reply-rules.js';
import { MailboxLeaseLostError, MailIntakeError } from './mail-intake.error.js';
import { MailboxLeaseRepository } from './mailbox-lease.repository.js';

/** What happened to a fetched mail. `duplicate`: it was handled before (fetched again). */
export type ImportStatus = 'imported' | 'ignored' | 'quarantined' | 'duplicate';

export interface ImportResult {
  status: ImportStatus;
  /** The inbound_mails row. */
  inboundId: string | undefined;
  reason: string | null;
  ticketId: string | null;
  messageId: string | null;
}

/** The fetched mail: its bytes, when the server received it, and the size the server counts. */
export interface FetchedMail {
  raw: Buffer;
  receivedAt: Date | null;
  /** RFC822.SIZE; the raw bytes may be cut short for mail beyond what is kept. */
  size: number;
}

const MAX_SUBJECT = 500;
const NO_SUBJECT = '(no subject)';

@Injectable()
export class MailImportService {
  constructor(
    private readonly repository: MailIntakeRepository,
    private readonly leases: MailboxLeaseRepository,
    private readonly tickets: TicketService,
    private readonly ticketRecords: TicketRepository,
    private readonly links: TicketLinkService,
    private readonly users: UserService,
    private readonly attachments: AttachmentService,
    private readonly sanitizer: HtmlSanitizer,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /**
   * Reads a fetched mail (the CPU part of importing it), so that it can be imported later:
   * parsed, or with the problem that has it quarantined.
   */
  async prepare(mailbox: IntakeMailbox, fetched: FetchedMail): Promise<PreparedMail> {
    const checked = await this.check(fetched.raw, fetched.size);
    const row = newRow(mailbox, fetched, checked);
    return 'problem' in checked ? { row, problem: checked.problem } : { row, mail: checked.mail };
  }

  /**
   * Imports a mail fetched from a mailbox, exactly once: the mail's row and everything it leads
   * to are written in one transaction, and a mail whose key the mailbox has already is left alone
   * (`duplicate`). A mail that is unreadable or too large is quarantined (`quarantined`). Errors
   * while importing roll everything back and are thrown: the caller retries, then quarantines.
   */
  async importFetched(mailbox: IntakeMailbox, fetched: FetchedMail): Promise<ImportResult> {
    return this.importPrepared(mailbox, await this.prepare(mailbox, fetched));
  }

  /**
   * The mails in at most `count` groups (indexes, in order) that importBatch() can import side
   * by side: mails that may touch the same person, conversation, ticket or file share a group.
   */
  async independentGroups(mails: readonly ReadableMail[], count: number): Promise<number[][]> {
    if (count <= 1 || mails.length <= 1) return [mails.map((_mail, index) => index)];
    const { ticketHook } = await this.settings.get();
    return independentGroups(
      mails.map((m) => m.mail),
      count,
      (subject) => numberFromSubject(subject, ticketHook),
    );
  }

  /** importFetched() of a mail prepare() has read; `holder` as for importBatch(). */
  async importPrepared(
    mailbox: IntakeMailbox,
    prepared: PreparedMail,
    holder?: string,
  ): Promise<ImportResult> {
    if ('problem' in prepared) return this.keepQuarantined(prepared.row, prepared.problem);
    const [result] = await this.importBatch(mailbox, [prepared], holder);
    if (!result) throw new Error('a batch of one mail answered nothing');
    return result;
  }

  /**
   * Imports several readable mails of a mailbox in one transaction, in their order: all of them
   * or, when anything fails, none (the error is thrown; the caller imports them one by one to
   * find the failing one). Each mail is keyed as in importFetched(), so a mail fetched again, in
   * this batch or later, is a `duplicate`. One result per mail, in the same order. Their started
   * imports (inbound_mail_attempts) end with the commit.
   *
   * With `holder`, the transaction commits only while that replica holds the mailbox's lease
   * (else MailboxLeaseLostError): a replica that lost it while importing (paused past it) leaves
   * the mails to the new holder, instead of both importing and then marking them on the server
   * at the same moment (two concurrent moves of one mail can leave two copies).
   */
  async importBatch(
    mailbox: IntakeMailbox,
    mails: readonly ReadableMail[],
    holder?: string,
  ): Promise<ImportResult[]> {
    const decided = await this.repository.transaction(async (manager) => {
      const ids = await this.repository.claimMany(
        manager,
        mails.map((m) => m.row),
        this.clock.now(),
      );
      const keys = mails
        .filter((m, i) => ids[i] && !m.mail.synthesizedKey)
        .map((m) => m.mail.messageKey);
      // Before looking them up: another mailbox's import of the same mail commits first.
      await this.repository.lockMessageIds(manager, keys);
      const lookups = new IntakeLookups(manager, this.repository, this.settings);
      await lookups.storedAhead(keys);
      const done: { id: string; decision: InboundDecision; at: Date }[] = [];
      for (const [index, { mail }] of mails.entries()) {
        const id = ids[index];
        if (id === undefined) continue;
        const at = this.clock.now();
        done.push({
          id,
          decision: await this.process(manager, mailbox, mail, at, lookups),
          at,
        });
      }
      await this.repository.decideMany(manager, done);
      await this.repository.finishAttempts(
        manager,
        mailbox.id,
        mails.map((m) => m.row.messageKey),
      );
      if (
        holder !== undefined &&
        !(await this.leases.holdsUntilCommit(manager, mailbox.id, holder))
      ) {
        throw new MailboxLeaseLostError(mailbox.id);
      }
      return { ids, decisions: new Map(done.map((d) => [d.id, d.decision])) };
    });
    return mails.map(({ mail }, index) => {
      const id = decided.ids[index];
      const decision = id === undefined ? undefined : decided.decisions.get(id);
      if (id === undefined || !decision) return DUPLICATE;
      this.log(mailbox, mail.messageKey, id, decision);
      return resultOf(id, decision);
    });
  }

  /** Keeps a fetched mail whose import kept failing, with the reason. */
  async quarantineFetched(
    mailbox: IntakeMailbox,
    fetched: FetchedMail,
    reason: string,
  ): Promise<ImportResult> {
    const headers = readHeaders(fetched.raw);
    return this.keepQuarantined(newRow(mailbox, fetched, { headers }), reason);
  }

  /**
   * Processes a quarantined mail again, from its stored bytes (after a fix, or with a larger
   * MAIL_MAX_BYTES): imported or ignored, or still quarantined with the newer reason.
   */
  async reprocess(inboundId: string): Promise<ImportResult> {
    const found = await this.repository.findInbound(inboundId);
    if (!found) throw MailIntakeError.notFound();
    if (found.status !== 'quarantined') throw MailIntakeError.notQuarantined(found.status);
    const mailbox = await this.repository.findMailbox(found.mailboxId);
    const raw = await this.repository.findRaw(inboundId);
    if (!mailbox || !raw) throw MailIntakeError.notFound();
    const checked = await this.check(raw, found.size);
    if ('problem' in checked) return this.stillQuarantined(inboundId, checked.problem);
    try {
      const decision = await this.repository.transaction(async (manager) => {
        // Locked: two retries at once, or a retry racing a hand-made ticket, import it once.
        if (!(await this.repository.lockQuarantined(manager, inboundId))) {
          throw MailIntakeError.notQuarantined('imported');
        }
        const at = this.clock.now();
        const made = await this.process(manager, mailbox, checked.mail, at);
        await this.repository.decide(manager, inboundId, made, at);
        return made;
      });
      this.log(mailbox, checked.mail.messageKey, inboundId, decision);
      return resultOf(inboundId, decision);
    } catch (error) {
      if (error instanceof MailIntakeError) throw error;
      return this.stillQuarantined(inboundId, `processing failed: ${messageOf(error)}`);
    }
  }

  /**
   * Reads a mail and checks it can be imported: the problem (the quarantine reason) otherwise.
   * Headers are read even from mail that cannot be parsed, for its key, sender and subject.
   */
  async check(
    raw: Buffer,
    size: number,
  ): Promise<{ mail: InboundMail; headers: ReturnType<typeof readHeaders> } | Problem> {
    const headers = readHeaders(raw);
    const maxBytes = this.runtime.config.mailIntake.maxBytes;
    const fullSize = Math.max(size, raw.length);
    if (fullSize > maxBytes) {
      const kept = raw.length < fullSize ? ` (the first ${raw.length} bytes are kept)` : '';
      return {
        headers,
        problem: `larger than MAIL_MAX_BYTES: ${fullSize} bytes, the limit is ${maxBytes}${kept}`,
      };
    }
    let mail: InboundMail;
    try {
      mail = await parseInboundMail(raw);
    } catch (error) {
      if (!(error instanceof UnparseableMailError)) throw error;
      return { headers, problem: `unparseable: ${error.message}` };
    }
    const tooLarge = mail.attachments.find((a) => a.content.length > this.attachments.maxBytes);
    if (tooLarge) {
      return {
        headers,
        problem:
          `the attachment "${tooLarge.filename ?? tooLarge.contentType}" has ` +
          `${tooLarge.content.length} bytes, more than ATTACHMENT_MAX_BYTES (${this.attachments.maxBytes})`,
      };
    }
    return { mail, headers };
  }

  /**
   * Decides about a readable mail and does it, in the caller's transaction: Tessera's own mail
   * and duplicates are ignored, bounces noted on their ticket, replies added to the ticket they
   * answer (when the sender may write there), and anything else opens a ticket.
   */
  async process(
    manager: EntityManager,
    mailbox: IntakeMailbox,
    mail: InboundMail,
    at: Date,
    lookups = new IntakeLookups(manager, this.repository, this.settings),
  ): Promise<InboundDecision> {
    const own = await lookups.ownAddresses();
    if (own.includes(mail.from.address)) {
      return ignored(`sent from Tessera's own address ${mail.from.address}`, true);
    }
    const report = readDeliveryReport(mail, { ignoreAddresses: own });
    if (report) return this.noteBounce(manager, mail, report, at, lookups);
    if (!mail.synthesizedKey && (await lookups.isMessageStored(mail.messageKey))) {
      return ignored('already stored: the same mail came in through another mailbox', false);
    }
    const verdict = detectAutomatic(
      { headers: mail.headers, fromAddress: mail.from.address, subject: mail.subject },
      { ownAddresses: own },
    );
    const named = await this.ticketNamedBy(manager, mail, lookups);
    if (named) {
      // Who writes matters only into a ticket the mail names; a new ticket finds its requester.
      const sender = await this.repository.findUserByEmail(manager, mail.from.address);
      const follower = sender
        ? await this.repository.isFollower(manager, named.id, sender.id)
        : false;
      const writer = writerOf(sender, named, follower);
      if (writer !== 'stranger') {
        return this.reply(manager, named, mail, mailbox, writer, sender?.id ?? '', verdict, at);
      }
    }
    return this.open(manager, mailbox, mail, own, verdict, named, at, lookups);
  }

  /** The ticket a mail answers: by the Message-IDs it names, else by the number in its subject. */
  private async ticketNamedBy(
    manager: EntityManager,
    mail: InboundMail,
    lookups: IntakeLookups,
  ): Promise<TicketRecord | undefined> {
    let id = await this.repository.findTicketIdByMailMessageIds(
      manager,
      mail.references.flatMap(messageIdForms),
    );
    if (id === undefined) {
      const number = numberFromSubject(mail.subject, await lookups.ticketHook());
      if (number !== undefined) id = await this.repository.findTicketIdByNumber(manager, number);
    }
    return id === undefined ? undefined : this.ticketRecords.findById(manager, id, { lock: true });
  }

  /** A reply by mail from someone who may write into the ticket. */
  private async reply(
    manager: EntityManager,
    named: TicketRecord,
    mail: InboundMail,
    mailbox: IntakeMailbox,
    writer: Exclude<MailWriter, 'stranger'>,
    senderId: string,
    verdict: AutomaticVerdict | undefined,
    at: Date,
  ): Promise<InboundDecision> {
    const ticket = await this.followMerges(manager, named);
    const automatic = verdict !== undefined;
    const outcome = mailOutcome(ticket.state, writer, automatic);
    if (outcome.kind === 'ignore') {
      return ignored(`${outcome.reason} (#${ticket.number})`, automatic);
    }
    if (outcome.kind === 'redirect') {
      // A merge chain that does not end: keep the mail, for an admin to place.
      throw new Error(`ticket #${named.number} is merged, and its merges lead nowhere`);
    }
    const stored = await this.tickets.appendMessage(manager, ticket, {
      authorId: senderId,
      // Staff's automatic mail (an agent's out-of-office) is for the team, never mailed on.
      internal: writer === 'staff' && automatic,
      fromCustomer: writer === 'participant',
      body: this.bodyOf(mail),
      channel: 'email',
      automatic,
      outcome: () => outcome,
      mergeTarget: () => Promise.reject(new Error('merges are followed before')),
      attach: (messageId) => this.attachFiles(manager, mail, messageId),
      mailboxId: mailbox.id,
      at,
    });
    const notes = [
      verdict?.reason,
      ticket.id !== named.id ? `#${named.number} was merged into #${ticket.number}` : undefined,
      stored.followUp ? `#${ticket.number} is closed: a follow-up was opened` : undefined,
    ].filter((note) => note !== undefined);
    return imported(stored.ticketId, stored.messageId, automatic, notes.join('; ') || null);
  }

  /**
   * A new ticket from a mail: its sender asks (found by address or created as a customer), in the
   * mailbox's queue, with the CCs as followers. When the mail named a ticket its sender may not
   * write into, the new ticket is linked to that one, so an agent sees the connection.
   */
  private async open(
    manager: EntityManager,
    mailbox: IntakeMailbox,
    mail: InboundMail,
    own: string[],
    verdict: AutomaticVerdict | undefined,
    related: TicketRecord | undefined,
    at: Date,
    lookups: IntakeLookups,
  ): Promise<InboundDecision> {
    const requester = await this.users.findOrCreateCustomer(
      manager,
      mail.from.address,
      mail.from.name,
    );
    const excluded = new Set([...own, mail.from.address]);
    const cc = mail.cc.filter((person) => !excluded.has(person.address));
    const { ticketId, messageId } = await this.tickets.openTicket(manager, {
      subject: subjectOf(mail),
      queueId: mailbox.queueId,
      priority: await lookups.queuePriority(mailbox.queueId),
      state: 'new',
      channel: 'email',
      tags: [],
      requester,
      body: this.bodyOf(mail),
      actorId: requester.id,
      fromCustomer: true,
      automatic: verdict !== undefined,
      createdDetails: related ? { relatedTo: { id: related.id, number: related.number } } : {},
      cc: cc.map((person) => ({ email: person.address, name: person.name })),
      attach: (id) => this.attachFiles(manager, mail, id),
      mailboxId: mailbox.id,
      at,
    });
    if (related) {
      const opened = await this.ticketRecords.findById(manager, ticketId);
      if (opened) await this.links.linkNew(manager, opened, related, 'related', requester.id, at);
    }
    const notes = [
      verdict?.reason,
      related
        ? `the sender is not on #${related.number}, which the mail names: a new ticket was opened, linked to it`
        : undefined,
    ].filter((note) => note !== undefined);
    return imported(ticketId, messageId, verdict !== undefined, notes.join('; ') || null);
  }

  /**
   * A bounce: an internal note on the ticket of the mail that bounced, and recipients whose
   * address failed for good (5.x.x) marked undeliverable. Only a report naming a mail Tessera
   * stored or sent (by Message-ID) marks anyone, so a made-up report cannot silence a customer.
   */
  private async noteBounce(
    manager: EntityManager,
    mail: InboundMail,
    report: DeliveryReport,
    at: Date,
    lookups: IntakeLookups,
  ): Promise<InboundDecision> {
    const lines = report.recipients.map(
      (r) =>
        `${r.action === 'failed' ? 'Delivery failed' : r.action === 'delayed' ? 'Delivery delayed' : 'Delivered'} ` +
        `to ${r.address}: ${r.diagnostic}`,
    );
    if (lines.length === 0) lines.push(`Delivery failed: ${mail.subject || 'no details given'}`);
    let ticketId = await this.repository.findTicketIdByMailMessageIds(
      manager,
      report.originalMessageIds.flatMap(messageIdForms),
    );
    const sentByTessera = ticketId !== undefined;
    if (sentByTessera) {
      for (const recipient of report.recipients.filter((r) => r.permanent)) {
        await this.repository.markUndeliverable(
          manager,
          recipient.address,
          recipient.diagnostic,
          at,
        );
      }
    } else if (report.originalSubject) {
      const number = numberFromSubject(report.originalSubject, await lookups.ticketHook());
      if (number !== undefined)
        ticketId = await this.repository.findTicketIdByNumber(manager, number);
    }
    const summary = lines.join('\n');
    if (ticketId === undefined) {
      return ignored(`a delivery report about no mail Tessera knows: ${summary}`, true);
    }
    const named = await this.ticketRecords.findById(manager, ticketId, { lock: true });
    const ticket = named && (await this.followMerges(manager, named));
    if (!ticket || ticket.state === 'closed' || ticket.state === 'merged') {
      return ignored(
        `a delivery report for ticket #${named?.number ?? '?'}, which is closed: ${summary}`,
        true,
      );
    }
    const stored = await this.tickets.appendMessage(manager, ticket, {
      authorId: null,
      internal: true,
      fromCustomer: false,
      body: { bodyText: summary, bodyHtml: null, mailMessageId: mail.messageKey },
      channel: 'email',
      automatic: true,
      outcome: (state) => ({ kind: 'stay', state }),
      mergeTarget: () => Promise.reject(new Error('merges are followed before')),
      at,
    });
    return imported(stored.ticketId, stored.messageId, true, 'delivery report');
  }

  /** The ticket a merged one ended up in (locked), following up to MAX_MERGE_HOPS merges. */
  private async followMerges(manager: EntityManager, ticket: TicketRecord): Promise<TicketRecord> {
    let current = ticket;
    for (
      let hops = 0;
      current.state === 'merged' && current.mergedIntoId && hops < MAX_MERGE_HOPS;
      hops++
    ) {
      const into = await this.ticketRecords.findById(manager, current.mergedIntoId, { lock: true });
      if (!into) break;
      current = into;
    }
    return current;
  }

  /** The text as sent (or rendered from the HTML), and the HTML sanitised. */
  private bodyOf(mail: InboundMail): MessageBody {
    const sanitized = mail.html === undefined ? '' : this.sanitizer.sanitize(mail.html).trim();
    const html = sanitized === '' ? null : sanitized;
    return {
      bodyText: (mail.text ?? (html ? this.sanitizer.toText(html) : '')).trimEnd(),
      bodyHtml: html,
      mailMessageId: mail.messageKey,
    };
  }

  /**
   * Stores the mail's files (inline images included) on its message, byte for byte; before the
   * message hooks run. The mail's row is tied to the message when the import is decided.
   */
  private async attachFiles(manager: EntityManager, mail: InboundMail, messageId: string) {
    for (const [index, file] of mail.attachments.entries()) {
      await this.attachments.store(
        manager,
        {
          filename: attachmentName(file, index),
          contentType: file.contentType,
          data: file.content,
          contentId: file.contentId,
        },
        null,
        messageId,
      );
    }
  }

  private async keepQuarantined(row: NewInboundMail, reason: string): Promise<ImportResult> {
    const id = await this.repository.quarantine(row, reason, this.clock.now());
    if (id === undefined) return DUPLICATE;
    this.runtime.logger.warn(
      { mailboxId: row.mailboxId, inboundMailId: id, messageKey: row.messageKey, reason },
      'mail quarantined',
    );
    return { status: 'quarantined', inboundId: id, reason, ticketId: null, messageId: null };
  }

  private async stillQuarantined(inboundId: string, reason: string): Promise<ImportResult> {
    await this.repository.stillQuarantined(inboundId, reason, this.clock.now());
    return { status: 'quarantined', inboundId, reason, ticketId: null, messageId: null };
  }

  private log(
    mailbox: IntakeMailbox,
    messageKey: string,
    inboundId: string,
    decision: InboundDecision,
  ): void {
    this.runtime.logger.info(
      {
        mailboxId: mailbox.id,
        inboundMailId: inboundId,
        messageKey,
        status: decision.status,
        automatic: decision.automatic,
        ticketId: decision.ticketId,
        messageId: decision.ticketMessageId,
      },
      'mail processed',
    );
  }
}

type Problem = { headers: ReturnType<typeof readHeaders>; problem: string };

/** A fetched mail read by prepare(): its row, and the parsed mail or why it is quarantined. */
export type PreparedMail = ReadableMail | { row: NewInboundMail; problem: string };
export interface ReadableMail {
  row: NewInboundMail;
  mail: InboundMail;
}

const DUPLICATE: Readonly<ImportResult> = Object.freeze({
  status: 'duplicate',
  inboundId: undefined,
  reason: null,
  ticketId: null,
  messageId: null,
});

/** The row of a fetched mail: its key, and its sender and subject as far as they can be read. */
function newRow(
  mailbox: IntakeMailbox,
  fetched: FetchedMail,
  checked: { mail?: InboundMail; headers: ReturnType<typeof readHeaders> },
): NewInboundMail {
  const { mail, headers } = checked;
  const rawFrom = headers?.get('from')?.[0];
  const rawSubject = headers?.get('subject')?.[0];
  return {
    mailboxId: mailbox.id,
    messageKey: mail?.messageKey ?? messageKeyOf(fetched.raw, headers).key,
    raw: fetched.raw,
    fromAddress:
      (mail?.from.address ?? /[^\s<>"]+@[^\s<>"]+/.exec(rawFrom ?? '')?.[0] ?? null)
        ?.toLowerCase()
        .slice(0, 254) ?? null,
    subject: (mail?.subject ?? rawSubject)?.slice(0, MAX_SUBJECT) ?? null,
    receivedAt: fetched.receivedAt,
  };
}

function subjectOf(mail: InboundMail): string {
  const subject = mail.subject.trim();
  return subject === '' ? NO_SUBJECT : subject.slice(0, MAX_SUBJECT);
}

function imported(
  ticketId: string,
  messageId: string,
  automatic: boolean,
  reason: string | null,
): InboundDecision {
  return { status: 'imported', reason, automatic, ticketId, ticketMessageId: messageId };
}

function ignored(reason: string, automatic: boolean): InboundDecision {
  return { status: 'ignored', reason, automatic, ticketId: null, ticketMessageId: null };
}

function resultOf(inboundId: string, decision: InboundDecision): ImportResult {
  return {
    status: decision.status,
    inboundId,
    reason: decision.reason,
    ticketId: decision.ticketId,
    messageId: decision.ticketMessageId,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
