// Renders the mail Tessera writes by itself from handlebars templates: HTML escaped by default,
// unknown variables an error (a typo in a template must fail its test, not mail a blank).
import Handlebars from 'handlebars';
import { htmlDocument } from './html.js';
import { singleLine } from './subject.js';
import {
  ACKNOWLEDGEMENT_HTML,
  ACKNOWLEDGEMENT_SUBJECT,
  ACKNOWLEDGEMENT_TEXT,
} from './templates/acknowledgement.js';

export interface AcknowledgementVariables {
  ticketNumber: number;
  /** The ticket as the subject tag names it: `Ticket#10042`. */
  ticketReference: string;
  subject: string;
  /** Empty when the requester gave no name. */
  requesterName: string;
  mailboxName: string;
}

export interface RenderedMail {
  /** Without the ticket tag, which the caller adds with the help desk's hook. */
  subject: string;
  text: string;
  /** A complete HTML document. */
  html: string;
}

// A private environment: helpers or partials registered elsewhere never reach these templates.
const handlebars = Handlebars.create();

interface Compiled<T> {
  subject: Handlebars.TemplateDelegate<T>;
  text: Handlebars.TemplateDelegate<T>;
  html: Handlebars.TemplateDelegate<T>;
}

function compile<T>(subject: string, text: string, html: string): () => Compiled<T> {
  let compiled: Compiled<T> | undefined;
  return () =>
    (compiled ??= {
      subject: handlebars.compile<T>(subject, { noEscape: true, strict: true }),
      text: handlebars.compile<T>(text, { noEscape: true, strict: true }),
      html: handlebars.compile<T>(html, { strict: true }),
    });
}

const acknowledgement = compile<AcknowledgementVariables>(
  ACKNOWLEDGEMENT_SUBJECT,
  ACKNOWLEDGEMENT_TEXT,
  ACKNOWLEDGEMENT_HTML,
);

export function renderAcknowledgement(variables: AcknowledgementVariables): RenderedMail {
  const templates = acknowledgement();
  return {
    subject: singleLine(templates.subject(variables)),
    text: templates.text(variables),
    html: htmlDocument(templates.html(variables)),
  };
}
