// What every mail template declares: its key, what it is for, the variables it offers (named and
// described for the admins who edit it) and its default text, which an admin's version replaces.

/** The three parts of a template; each is a handlebars source. */
export const MAIL_TEMPLATE_PARTS = ['subject', 'text', 'html'] as const;
export type MailTemplatePart = (typeof MAIL_TEMPLATE_PARTS)[number];

/** A template's sources: the default, an admin's version, or a draft being previewed. */
export type MailTemplateSource = Record<MailTemplatePart, string>;

/** What a template may fill in: text, or a number (ticket numbers). */
export type MailTemplateValue = string | number;

export interface MailTemplateVariable<Name extends string = string> {
  name: Name;
  description: string;
}

export interface MailTemplateDefinition<Variables extends object> {
  key: string;
  /** A short name, for the admin's list. */
  name: string;
  /** When the mail is sent and to whom. */
  description: string;
  /** Every variable the template may use, in the order the admin sees them. */
  variables: readonly MailTemplateVariable<Extract<keyof Variables, string>>[];
  /** Believable values, for a preview without a ticket. */
  sample: Variables;
  /** The template as Tessera ships it. */
  source: MailTemplateSource;
}

/** The variables every template about a ticket offers, described once for all of them. */
export const TICKET_VARIABLES = [
  { name: 'ticketNumber', description: 'The ticket number, e.g. 10042' },
  { name: 'ticketReference', description: 'The ticket as mail subjects tag it, e.g. Ticket#10042' },
  { name: 'subject', description: 'The subject of the ticket' },
  { name: 'requesterName', description: "The customer's name; empty when they gave none" },
] as const satisfies readonly MailTemplateVariable[];
