// Puts an outgoing mail together from what the server decided (who, what, which thread): one
// pure function, so every header Tessera sends is checked by unit tests.
import { htmlDocument, isHtmlDocument, textToHtml } from './html.js';
import { singleLine } from './subject.js';
import type { ThreadHeaders } from './threading.js';

/** `reply`: an agent's message; `acknowledgement`: "we received your request"; `notification`: to an agent. */
export type OutgoingKind = 'reply' | 'acknowledgement' | 'notification';

export interface MailAddress {
  address: string;
  /** Display name; empty or missing for a bare address. */
  name?: string;
}

export interface MailFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ComposeInput {
  kind: OutgoingKind;
  /** The mailbox the mail is sent from, and the name it shows (see senderDisplayName). */
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  /** Complete, ticket tag included. */
  subject: string;
  messageId: string;
  thread: ThreadHeaders;
  text: string;
  /** A sanitised HTML fragment, a complete HTML document, or null to derive HTML from `text`. */
  html: string | null;
  ticketNumber: number;
  attachments: MailFile[];
}

export interface ComposedMail {
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  messageId: string;
  inReplyTo: string | undefined;
  references: string[];
  text: string;
  html: string;
  /** Extra headers, beyond the ones the fields above make. */
  headers: Record<string, string>;
  attachments: MailFile[];
}

/** The header naming Tessera's ticket: loop detection and the intake recognise their own mail. */
export const TICKET_HEADER = 'X-Tessera-Ticket';
/** The mailbox a mail went out from; a mail coming back with it is Tessera's own. */
export const LOOP_HEADER = 'X-Loop';

export function composeMail(input: ComposeInput): ComposedMail {
  if (input.to.length === 0) throw new Error('a mail needs at least one recipient in To');
  const headers: Record<string, string> = {
    [LOOP_HEADER]: input.from.address.toLowerCase(),
    [TICKET_HEADER]: String(input.ticketNumber),
  };
  if (input.kind === 'acknowledgement') {
    // RFC 3834: an automatic answer; auto-responders must not answer it in turn.
    headers['Auto-Submitted'] = 'auto-replied';
    headers['X-Auto-Response-Suppress'] = 'All';
  } else if (input.kind === 'notification') {
    // RFC 3834: written by a machine, answering nothing; an agent's out-of-office stays quiet.
    headers['Auto-Submitted'] = 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  return {
    from: cleanAddress(input.from),
    to: input.to.map(cleanAddress),
    cc: input.cc.map(cleanAddress),
    subject: singleLine(input.subject),
    messageId: input.messageId,
    inReplyTo: input.thread.inReplyTo ?? undefined,
    references: input.thread.references,
    text: input.text,
    html: htmlPart(input.html, input.text),
    headers,
    attachments: input.attachments,
  };
}

function htmlPart(html: string | null, text: string): string {
  if (html === null) return htmlDocument(textToHtml(text));
  return isHtmlDocument(html) ? html : htmlDocument(html);
}

function cleanAddress(address: MailAddress): MailAddress {
  const name = address.name === undefined ? '' : singleLine(address.name);
  return name.length > 0
    ? { address: address.address.trim(), name }
    : { address: address.address.trim() };
}
