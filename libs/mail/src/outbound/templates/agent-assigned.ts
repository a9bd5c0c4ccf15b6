// The mail an agent gets when someone else gives them a ticket. Handlebars: `{{name}}` escapes
// for HTML in the HTML part; the text part is rendered without escaping.
import { TICKET_VARIABLES, type MailTemplateDefinition } from './definition.js';

export interface AgentAssignedVariables {
  /** The agent the ticket was assigned to: the recipient. */
  agentName: string;
  ticketNumber: number;
  /** The ticket as the subject tag names it: `Ticket#10042`. */
  ticketReference: string;
  subject: string;
  /** Empty when the requester gave no name. */
  requesterName: string;
  requesterEmail: string;
  queueName: string;
  /** Who assigned it; empty when Tessera itself did. */
  actorName: string;
  /** The ticket in the web app. */
  ticketUrl: string;
}

export const AGENT_ASSIGNED_TEMPLATE: MailTemplateDefinition<AgentAssignedVariables> = {
  key: 'agent-assigned',
  name: 'Ticket assigned to you',
  description:
    'Sent to an agent when someone else assigns a ticket to them (not when they take it ' +
    'themselves), from the mailbox the ticket is answered from, unless they turned mail ' +
    'notifications off.',
  variables: [
    { name: 'agentName', description: 'The name of the agent the ticket was assigned to' },
    ...TICKET_VARIABLES,
    { name: 'requesterEmail', description: "The customer's email address" },
    { name: 'queueName', description: 'The queue the ticket is in' },
    {
      name: 'actorName',
      description: 'Who assigned the ticket; empty when Tessera did it by itself',
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
    actorName: 'Grace Hopper',
    ticketUrl: 'https://help.example.com/tickets/10042',
  },
  source: {
    subject: 'Ticket #{{ticketNumber}} was assigned to you: {{subject}}',
    text: `Hello {{agentName}},

{{#if actorName}}{{actorName}} assigned ticket #{{ticketNumber}} to you.{{else}}Ticket #{{ticketNumber}} was assigned to you.{{/if}}

Subject:   {{subject}}
Requester: {{#if requesterName}}{{requesterName}} <{{requesterEmail}}>{{else}}{{requesterEmail}}{{/if}}
Queue:     {{queueName}}

Open it: {{ticketUrl}}
`,
    html: `<p>Hello {{agentName}},</p>
<p>{{#if actorName}}{{actorName}} assigned ticket <strong>#{{ticketNumber}}</strong> to
you.{{else}}Ticket <strong>#{{ticketNumber}}</strong> was assigned to you.{{/if}}</p>
<table>
<tr><td style="color:#666">Subject</td><td>{{subject}}</td></tr>
<tr><td style="color:#666">Requester</td><td>{{#if requesterName}}{{requesterName}} &lt;{{requesterEmail}}&gt;{{else}}{{requesterEmail}}{{/if}}</td></tr>
<tr><td style="color:#666">Queue</td><td>{{queueName}}</td></tr>
</table>
<p><a href="{{ticketUrl}}">Open ticket #{{ticketNumber}}</a></p>
`,
  },
};
