// The variables each mail template is rendered with, from what is known of a ticket: one place,
// so a mail queued for sending and an admin's preview of a real ticket say the same.
import {
  MAIL_TEMPLATES,
  textExcerpt,
  type AcknowledgementVariables,
  type AgentAssignedVariables,
  type CustomerRepliedVariables,
  type MailTemplateKey,
  type MailTemplateVariables,
} from '@tessera/mail';

/** What the templates say about a ticket. */
export interface TicketFacts {
  number: number;
  subject: string;
  requesterName: string;
  requesterEmail: string;
  queueName: string;
}

/** Help-desk-wide facts: the subject hook (`Ticket#`) and the web app's address. */
export interface MailContext {
  ticketHook: string;
  publicUrl: string;
}

/** How much of a customer's message the "customer replied" mail quotes. */
export const MESSAGE_EXCERPT_LENGTH = 500;

/** The ticket as its subject tag names it: `Ticket#10042`. */
export function ticketReference(number: number, context: MailContext): string {
  return `${context.ticketHook}${number}`;
}

/** The ticket's page in the web app (apps/web routes it as /tickets/:number). */
export function ticketUrl(number: number, context: MailContext): string {
  return `${context.publicUrl}/tickets/${number}`;
}

export function acknowledgementVariables(
  ticket: TicketFacts,
  mailboxName: string,
  context: MailContext,
): AcknowledgementVariables {
  return {
    ticketNumber: ticket.number,
    ticketReference: ticketReference(ticket.number, context),
    subject: ticket.subject,
    requesterName: ticket.requesterName,
    mailboxName,
  };
}

export function agentAssignedVariables(
  ticket: TicketFacts,
  people: { agentName: string; actorName: string | null },
  context: MailContext,
): AgentAssignedVariables {
  return {
    agentName: people.agentName,
    ...agentTicketVariables(ticket, context),
    actorName: people.actorName ?? '',
  };
}

export function customerRepliedVariables(
  ticket: TicketFacts,
  agentName: string,
  message: { authorName: string; bodyText: string },
  context: MailContext,
): CustomerRepliedVariables {
  return {
    agentName,
    ...agentTicketVariables(ticket, context),
    authorName: message.authorName,
    messageExcerpt: textExcerpt(message.bodyText, MESSAGE_EXCERPT_LENGTH),
  };
}

/** A template's sample values, with this help desk's hook and address in them. */
export function sampleVariables<K extends MailTemplateKey>(
  key: K,
  context: MailContext,
): MailTemplateVariables[K] {
  const sample: MailTemplateVariables[MailTemplateKey] = { ...MAIL_TEMPLATES[key].sample };
  sample.ticketReference = ticketReference(sample.ticketNumber, context);
  if ('ticketUrl' in sample) sample.ticketUrl = ticketUrl(sample.ticketNumber, context);
  return sample as MailTemplateVariables[K];
}

function agentTicketVariables(ticket: TicketFacts, context: MailContext) {
  return {
    ticketNumber: ticket.number,
    ticketReference: ticketReference(ticket.number, context),
    subject: ticket.subject,
    requesterName: ticket.requesterName,
    requesterEmail: ticket.requesterEmail,
    queueName: ticket.queueName,
    ticketUrl: ticketUrl(ticket.number, context),
  };
}
