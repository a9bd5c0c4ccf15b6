// The acknowledgement a customer gets when their mail opens a ticket. Handlebars: `{{name}}`
// escapes for HTML in the HTML part; the text part is rendered without escaping.
import { TICKET_VARIABLES, type MailTemplateDefinition } from './definition.js';

export interface AcknowledgementVariables {
  ticketNumber: number;
  /** The ticket as the subject tag names it: `Ticket#10042`. */
  ticketReference: string;
  subject: string;
  /** Empty when the requester gave no name. */
  requesterName: string;
  mailboxName: string;
}

export const ACKNOWLEDGEMENT_TEMPLATE: MailTemplateDefinition<AcknowledgementVariables> = {
  key: 'acknowledgement',
  name: 'Acknowledgement',
  description:
    'Sent automatically to a customer whose mail opened a new ticket, from the mailbox it came ' +
    'in through (unless that mailbox has acknowledgements turned off). Not sent to automatic ' +
    'mail, and at most three times an hour to one address.',
  variables: [
    ...TICKET_VARIABLES,
    { name: 'mailboxName', description: 'The display name of the mailbox, e.g. Acme Support' },
  ],
  sample: {
    ticketNumber: 10042,
    ticketReference: 'Ticket#10042',
    subject: 'The printer on the 2nd floor is jammed',
    requesterName: 'Ann Example',
    mailboxName: 'Acme Support',
  },
  source: {
    subject: 'We received your request: {{subject}}',
    text: `Hello{{#if requesterName}} {{requesterName}}{{/if}},

thank you for writing to {{mailboxName}}. We received your request "{{subject}}" and opened
ticket {{ticketReference}} for it. We will get back to you as soon as we can.

To add anything, reply to this mail and keep {{ticketReference}} in the subject.

This mail was sent automatically.
{{mailboxName}}
`,
    html: `<p>Hello{{#if requesterName}} {{requesterName}}{{/if}},</p>
<p>thank you for writing to {{mailboxName}}. We received your request
&ldquo;{{subject}}&rdquo; and opened ticket <strong>{{ticketReference}}</strong> for it.
We will get back to you as soon as we can.</p>
<p>To add anything, reply to this mail and keep {{ticketReference}} in the subject.</p>
<p style="color:#666">This mail was sent automatically.<br>{{mailboxName}}</p>
`,
  },
};
