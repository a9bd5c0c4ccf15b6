// The mail an agent gets when the customer writes again on a ticket assigned to them. Handlebars:
// `{{name}}` escapes for HTML in the HTML part; the text part is rendered without escaping.
import { TICKET_VARIABLES, type MailTemplateDefinition } from './definition.js';

export interface CustomerRepliedVariables {
  /** The ticket's assignee: the recipient. */
  agentName: string;
  ticketNumber: number;
  /** The ticket as the subject tag names it: `Ticket#10042`. */
  ticketReference: string;
  subject: string;
  /** Empty when the requester gave no name. */
  requesterName: string;
  requesterEmail: string;
  queueName: string;
  /** Who wrote: the requester, or another customer following the ticket. */
  authorName: string;
  /** The start of the message's text (about 500 characters). */
  messageExcerpt: string;
  /** The ticket in the web app. */
  ticketUrl: string;
}

export const CUSTOMER_REPLIED_TEMPLATE: MailTemplateDefinition<CustomerRepliedVariables> = {
  key: 'customer-replied',
  name: 'Customer replied',
  description:
    'Sent to the agent a ticket is assigned to when a customer writes on it again (by mail or ' +
    'through the API; internal notes and automatic mail never), from the mailbox the ticket is ' +
    'answered from, unless they turned mail notifications off. Nobody is mailed about an ' +
    'unassigned ticket.',
  variables: [
    { name: 'agentName', description: 'The name of the agent the ticket is assigned to' },
    ...TICKET_VARIABLES,
    { name: 'requesterEmail', description: "The customer's email address" },
    { name: 'queueName', description: 'The queue the ticket is in' },
    {
      name: 'authorName',
      description: 'Who wrote: the requester, or another customer following the ticket',
    },
    {
      name: 'messageExcerpt',
      description: 'The start of the new message as plain text (about 500 characters)',
    },
    { name: 'ticketUrl', description: 'The link to the ticket in the web app' },
  ],
  sample: {
    agentName: 'Ada Lovelace',
    ticketNumber: 10042,
    ticketReference: 'Ticket#10042',
    subject: 'The printer on the 2nd floor is jammed',
    requesterName: 'Ann Example',
    requesterEmail: 'ann@example.com',
    queueName: 'IT Support',
    authorName: 'Ann Example',
    messageExcerpt: 'It is jammed again since this morning, and now it shows error E-41.',
    ticketUrl: 'https://help.example.com/tickets/10042',
  },
  source: {
    subject: 'The customer replied on #{{ticketNumber}}: {{subject}}',
    text: `Hello {{agentName}},

{{authorName}} wrote on ticket #{{ticketNumber}} "{{subject}}":

{{messageExcerpt}}

Open it: {{ticketUrl}}
`,
    html: `<p>Hello {{agentName}},</p>
<p>{{authorName}} wrote on ticket <strong>#{{ticketNumber}}</strong> &ldquo;{{subject}}&rdquo;:</p>
<blockquote style="margin:0 0 0 0.8ex;border-left:2px solid #ccc;padding-left:1ex;white-space:pre-wrap">{{messageExcerpt}}</blockquote>
<p><a href="{{ticketUrl}}">Open ticket #{{ticketNumber}}</a></p>
`,
  },
};
