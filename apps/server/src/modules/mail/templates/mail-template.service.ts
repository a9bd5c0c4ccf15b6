// The mail templates: what admins see and change (their version replaces Tessera's default until
// they delete it), previews of drafts, and the rendering of a mail about to be queued.
import { Inject, Injectable } from '@nestjs/common';
import { tagSubject } from '@tessera/domain';
import {
  checkMailTemplate,
  isMailTemplateKey,
  MAIL_TEMPLATE_KEYS,
  MAIL_TEMPLATES,
  renderMailTemplate,
  type MailTemplateKey,
  type MailTemplateProblem,
  type MailTemplateSource,
  type MailTemplateVariables,
  type RenderedMail,
} from '@tessera/mail';
import type { EntityManager } from 'typeorm';
import type { FieldError } from '../../../common/errors/app-error.js';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { AuditService } from '../../audit/audit.service.js';
import type { RequestActor } from '../../permission/request-actor.js';
import { SettingsService } from '../../settings/settings.service.js';
import { TicketRepository, type TicketRecord } from '../../ticket/ticket.repository.js';
import { OutgoingMailRepository } from '../outgoing/outgoing-mail.repository.js';
import type {
  MailPreviewDto,
  MailTemplateDto,
  PreviewMailTemplateDto,
  UpdateMailTemplateDto,
} from './dto/mail-template.dto.js';
import {
  acknowledgementVariables,
  agentAssignedVariables,
  customerRepliedVariables,
  sampleVariables,
  type MailContext,
} from './mail-variables.js';
import { MailTemplateError } from './mail-template.error.js';
import { MailTemplateRepository, type StoredMailTemplate } from './mail-template.repository.js';

@Injectable()
export class MailTemplateService {
  constructor(
    private readonly templates: MailTemplateRepository,
    private readonly outbox: OutgoingMailRepository,
    private readonly tickets: TicketRepository,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async list(): Promise<MailTemplateDto[]> {
    const stored = await this.templates.findAll();
    return MAIL_TEMPLATE_KEYS.map((key) => toDto(key, stored.get(key)));
  }

  async get(key: string): Promise<MailTemplateDto> {
    const known = knownKey(key);
    return toDto(known, await this.templates.findByKey(known));
  }

  /** Stores an admin's version, after checking every part: nothing is stored when one fails. */
  async save(
    actor: RequestActor,
    key: string,
    input: UpdateMailTemplateDto,
    requestId: string,
  ): Promise<MailTemplateDto> {
    const known = knownKey(key);
    const source: MailTemplateSource = {
      subject: input.subject,
      text: input.text,
      html: input.html,
    };
    refuseProblems(checkMailTemplate(known, source));
    return this.templates.transaction(async (manager) => {
      await this.templates.lock(manager, known);
      const before = await this.templates.findByKey(known, manager);
      if (before && sameSource(before.source, source)) return toDto(known, before);
      const after = await this.templates.upsert(
        manager,
        known,
        source,
        actor.userId,
        this.clock.now(),
      );
      await this.audit.record(
        manager,
        actor,
        {
          action: 'mail_template.update',
          entityType: 'mail_template',
          entityId: known,
          before: snapshot(known, before),
          after: snapshot(known, after),
        },
        requestId,
      );
      return toDto(known, after);
    });
  }

  /** Back to Tessera's default; nothing to do when the template was not changed. */
  async reset(actor: RequestActor, key: string, requestId: string): Promise<void> {
    const known = knownKey(key);
    await this.templates.transaction(async (manager) => {
      await this.templates.lock(manager, known);
      const before = await this.templates.findByKey(known, manager);
      if (!before) return;
      await this.templates.delete(manager, known);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'mail_template.reset',
          entityType: 'mail_template',
          entityId: known,
          before: snapshot(known, before),
          after: snapshot(known, undefined),
        },
        requestId,
      );
    });
  }

  /**
   * A draft (parts left out: the stored ones) rendered as it would be mailed: with sample values,
   * or with a real ticket's. The subject carries the ticket tag.
   */
  async preview(
    actor: RequestActor,
    key: string,
    input: PreviewMailTemplateDto,
  ): Promise<MailPreviewDto> {
    const known = knownKey(key);
    const stored = (await this.templates.findByKey(known))?.source;
    const source: MailTemplateSource = {
      ...(stored ?? MAIL_TEMPLATES[known].source),
      ...definedParts(input),
    };
    refuseProblems(checkMailTemplate(known, source));
    const context = await this.context();
    let variables: MailTemplateVariables[MailTemplateKey];
    if (input.ticketId === undefined) {
      variables = sampleVariables(known, context);
    } else {
      const ticket = await this.tickets.findByReference(input.ticketId.trim());
      if (!ticket) {
        throw MailTemplateError.invalid([{ field: 'ticketId', message: 'names no ticket' }]);
      }
      variables = await this.ticketVariables(known, ticket, actor, context);
    }
    const rendered = renderMailTemplate(known, variables, source);
    return {
      ...rendered,
      subject: tagSubject(rendered.subject, variables.ticketNumber, context.ticketHook),
    };
  }

  /**
   * The source a mail is rendered from now: the admin's version, else the default. Read in the
   * transaction that queues the mail (`manager`), which on the embedded database is the only
   * connection there is.
   */
  async sourceFor(
    manager: EntityManager | undefined,
    key: MailTemplateKey,
  ): Promise<MailTemplateSource> {
    return (await this.templates.findByKey(key, manager))?.source ?? MAIL_TEMPLATES[key].source;
  }

  /**
   * Renders a mail to queue. An admin's version that cannot be rendered (checked when saved, so
   * only after an upgrade changed the variables) falls back to the default: a template must
   * never stop a ticket from being stored.
   */
  render<K extends MailTemplateKey>(
    key: K,
    variables: MailTemplateVariables[K],
    source: MailTemplateSource,
  ): RenderedMail {
    try {
      return renderMailTemplate(key, variables, source);
    } catch (error) {
      this.runtime.logger.warn(
        { template: key, error: error instanceof Error ? error.message : String(error) },
        'mail template cannot be rendered: the default is used',
      );
      return renderMailTemplate(key, variables);
    }
  }

  /** The subject hook and the web app's address, as mail is written now. */
  async context(manager?: EntityManager): Promise<MailContext> {
    const { ticketHook } = await this.settings.get(manager);
    return { ticketHook, publicUrl: this.runtime.config.publicUrl };
  }

  /**
   * A real ticket's values for a preview: its mailbox, its assignee (else the admin previewing)
   * as the agent, the admin as who assigned it, and the newest words of its customer.
   */
  private async ticketVariables(
    key: MailTemplateKey,
    ticket: TicketRecord,
    actor: RequestActor,
    context: MailContext,
  ): Promise<MailTemplateVariables[MailTemplateKey]> {
    const agentName = ticket.assigneeName ?? actor.name;
    switch (key) {
      case 'acknowledgement': {
        const mailbox = await this.outbox.findReplyMailbox(undefined, ticket.id, ticket.queueId);
        return acknowledgementVariables(ticket, mailbox?.displayName ?? ticket.queueName, context);
      }
      case 'agent-assigned':
        return agentAssignedVariables(ticket, { agentName, actorName: actor.name }, context);
      case 'customer-replied': {
        const message = (await this.outbox.findLatestCustomerMessage(ticket.id)) ?? {
          authorName: ticket.requesterName,
          bodyText: '',
        };
        return customerRepliedVariables(ticket, agentName, message, context);
      }
    }
  }
}

function knownKey(key: string): MailTemplateKey {
  if (!isMailTemplateKey(key)) throw MailTemplateError.notFound();
  return key;
}

/** Problems of a draft as the request's field errors (the parts are the fields). */
function refuseProblems(problems: MailTemplateProblem[]): void {
  if (problems.length === 0) return;
  const errors: FieldError[] = problems.map((problem) => ({
    field: problem.part,
    message: problem.message,
  }));
  throw MailTemplateError.invalid(errors);
}

function definedParts(input: PreviewMailTemplateDto): Partial<MailTemplateSource> {
  const parts: Partial<MailTemplateSource> = {};
  if (input.subject !== undefined) parts.subject = input.subject;
  if (input.text !== undefined) parts.text = input.text;
  if (input.html !== undefined) parts.html = input.html;
  return parts;
}

function sameSource(a: MailTemplateSource, b: MailTemplateSource): boolean {
  return a.subject === b.subject && a.text === b.text && a.html === b.html;
}

/** What the audit trail keeps: the effective sources, and whether they were an admin's. */
function snapshot(
  key: MailTemplateKey,
  stored: StoredMailTemplate | undefined,
): Record<string, unknown> {
  const source = stored?.source ?? MAIL_TEMPLATES[key].source;
  return { customized: stored !== undefined, ...source };
}

function toDto(key: MailTemplateKey, stored: StoredMailTemplate | undefined): MailTemplateDto {
  const template = MAIL_TEMPLATES[key];
  const source = stored?.source ?? template.source;
  return {
    key,
    name: template.name,
    description: template.description,
    variables: template.variables.map(({ name, description }) => ({ name, description })),
    subject: source.subject,
    text: source.text,
    html: source.html,
    customized: stored !== undefined,
    updatedAt: stored?.updatedAt.toISOString() ?? null,
  };
}
