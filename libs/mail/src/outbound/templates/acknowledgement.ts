// The acknowledgement a customer gets when their mail opens a ticket. Handlebars: `{{name}}`
// escapes for HTML in the HTML part; the text part is rendered without escaping.

export const ACKNOWLEDGEMENT_SUBJECT = 'We received your request: {{subject}}';

export const ACKNOWLEDGEMENT_TEXT = `Hello{{#if requesterName}} {{requesterName}}{{/if}},

thank you for writing to {{mailboxName}}. We received your request "{{subject}}" and opened
ticket {{ticketReference}} for it. We will get back to you as soon as we can.

To add anything, reply to this mail and keep {{ticketReference}} in the subject.

This mail was sent automatically.
{{mailboxName}}
`;

export const ACKNOWLEDGEMENT_HTML = `<p>Hello{{#if requesterName}} {{requesterName}}{{/if}},</p>
<p>thank you for writing to {{mailboxName}}. We received your request
&ldquo;{{subject}}&rdquo; and opened ticket <strong>{{ticketReference}}</strong> for it.
We will get back to you as soon as we can.</p>
<p>To add anything, reply to this mail and keep {{ticketReference}} in the subject.</p>
<p style="color:#666">This mail was sent automatically.<br>{{mailboxName}}</p>
`;
