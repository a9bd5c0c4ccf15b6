import { describe, expect, it } from '@jest/globals';
import {
  checkMailTemplate,
  isMailTemplateKey,
  MAIL_TEMPLATE_KEYS,
  MAIL_TEMPLATES,
  InvalidMailTemplateError,
  MAX_RENDERED_SUBJECT_LENGTH,
  renderAcknowledgement,
  renderMailTemplate,
  type AcknowledgementVariables,
} from './templates.js';

const VARIABLES: AcknowledgementVariables = {
  ticketNumber: 10042,
  ticketReference: 'Ticket#10042',
  subject: 'Printer <broken> & "smoking"',
  requesterName: "Ann O'Neil",
  mailboxName: 'Acme Support',
};

describe('renderAcknowledgement', () => {
  it('names the request and the ticket in the subject, without the tag', () => {
    expect(renderAcknowledgement(VARIABLES).subject).toBe(
      'We received your request: Printer <broken> & "smoking"',
    );
  });

  it('writes the text part as is, without HTML escaping', () => {
    const { text } = renderAcknowledgement(VARIABLES);
    expect(text).toContain("Hello Ann O'Neil,");
    expect(text).toContain('"Printer <broken> & "smoking""');
    expect(text).toContain('ticket Ticket#10042');
    expect(text).toContain('Acme Support');
  });

  it('escapes every variable in the HTML part', () => {
    const { html } = renderAcknowledgement({
      ...VARIABLES,
      requesterName: '<script>alert(1)</script>',
    });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Printer &lt;broken&gt; &amp; &quot;smoking&quot;');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<strong>Ticket#10042</strong>');
  });

  it('greets without a name when the requester gave none', () => {
    const { text, html } = renderAcknowledgement({ ...VARIABLES, requesterName: '' });
    expect(text.startsWith('Hello,\n')).toBe(true);
    expect(html).toContain('<p>Hello,</p>');
  });

  it('fails on a missing variable instead of mailing a blank', () => {
    const missing: Partial<AcknowledgementVariables> = { ...VARIABLES };
    delete missing.mailboxName;
    expect(() => renderAcknowledgement(missing as AcknowledgementVariables)).toThrow(/mailboxName/);
  });
});

describe('the templates', () => {
  it.each(MAIL_TEMPLATE_KEYS)(
    '%s: the default passes its own check and renders its sample',
    (key) => {
      const template = MAIL_TEMPLATES[key];
      expect(template.key).toBe(key);
      expect(checkMailTemplate(key, template.source)).toEqual([]);
      const rendered = renderMailTemplate(key, template.sample);
      expect(rendered.subject).not.toMatch(/\n|\{\{/);
      expect(rendered.text).not.toContain('{{');
      expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
    },
  );

  it.each(MAIL_TEMPLATE_KEYS)('%s: every variable is described, and the sample has each', (key) => {
    const template = MAIL_TEMPLATES[key];
    const names = template.variables.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(template.sample).sort()).toEqual([...names].sort());
    for (const variable of template.variables) expect(variable.description).not.toBe('');
  });

  it('tells the agent who assigned the ticket, or that it was assigned', () => {
    const sample = MAIL_TEMPLATES['agent-assigned'].sample;
    const byGrace = renderMailTemplate('agent-assigned', sample);
    expect(byGrace.subject).toBe(
      'Ticket #10042 was assigned to you: The printer on the 2nd floor is jammed',
    );
    expect(byGrace.text).toContain('Grace Hopper assigned ticket #10042 to you.');
    expect(byGrace.text).toContain('Open it: https://help.example.com/tickets/10042');
    expect(byGrace.html).toContain('<a href="https://help.example.com/tickets/10042">');
    const bySystem = renderMailTemplate('agent-assigned', { ...sample, actorName: '' });
    expect(bySystem.text).toContain('Ticket #10042 was assigned to you.');
  });

  it("quotes the customer's words in the reply notification, escaped in HTML only", () => {
    const rendered = renderMailTemplate('customer-replied', {
      ...MAIL_TEMPLATES['customer-replied'].sample,
      messageExcerpt: 'Still <broken> & "worse"',
    });
    expect(rendered.subject).toBe(
      'The customer replied on #10042: The printer on the 2nd floor is jammed',
    );
    expect(rendered.text).toContain('Still <broken> & "worse"');
    expect(rendered.html).toContain('Still &lt;broken&gt; &amp; &quot;worse&quot;');
  });
});

describe('an edited template', () => {
  const ack = MAIL_TEMPLATES.acknowledgement.source;

  it('renders with the variables, escaping in the HTML part but not in text or subject', () => {
    const rendered = renderMailTemplate('acknowledgement', VARIABLES, {
      subject: 'Got it:\n  {{subject}}',
      text: 'Dear {{requesterName}}: {{subject}}',
      html: '<p>Dear {{requesterName}}: <em>{{subject}}</em></p>',
    });
    expect(rendered.subject).toBe('Got it: Printer <broken> & "smoking"');
    expect(rendered.text).toBe('Dear Ann O\'Neil: Printer <broken> & "smoking"');
    expect(rendered.html).toContain(
      '<p>Dear Ann O&#x27;Neil: <em>Printer &lt;broken&gt; &amp; &quot;smoking&quot;</em></p>',
    );
    expect(rendered.html).toMatch(/^<!DOCTYPE html>/);
  });

  it('keeps a whole HTML document as the admin wrote it', () => {
    const html = '<!DOCTYPE html><html><body>{{subject}}</body></html>';
    expect(renderMailTemplate('acknowledgement', VARIABLES, { ...ack, html }).html).toBe(
      '<!DOCTYPE html><html><body>Printer &lt;broken&gt; &amp; &quot;smoking&quot;</body></html>',
    );
  });

  it('names a variable the template does not offer, with its line, in every part', () => {
    expect(
      checkMailTemplate('acknowledgement', {
        subject: 'Hi {{agentName}}',
        text: 'Hello\n{{#if requesterName}}\n{{requesterPhone}}\n{{/if}}',
        html: '<p>{{ticketUrl}}</p>',
      }),
    ).toEqual([
      {
        part: 'subject',
        message: 'uses {{agentName}} on line 1, which is not a variable of this template',
      },
      {
        part: 'text',
        message: 'uses {{requesterPhone}} on line 3, which is not a variable of this template',
      },
      {
        part: 'html',
        message: 'uses {{ticketUrl}} on line 1, which is not a variable of this template',
      },
    ]);
    // The same name is a variable of another template.
    expect(checkMailTemplate('agent-assigned', { html: '<p>{{ticketUrl}}</p>' })).toEqual([]);
  });

  it('refuses to render a source that fails the check, even on a branch not taken', () => {
    const source = { ...ack, text: '{{#if requesterName}}{{nickname}}{{/if}}' };
    expect(() =>
      renderMailTemplate('acknowledgement', { ...VARIABLES, requesterName: '' }, source),
    ).toThrow(InvalidMailTemplateError);
    try {
      renderMailTemplate('acknowledgement', VARIABLES, source);
    } catch (error) {
      expect((error as InvalidMailTemplateError).problems).toEqual([
        {
          part: 'text',
          message: 'uses {{nickname}} on line 1, which is not a variable of this template',
        },
      ]);
    }
  });

  it('reports a parse error with its line', () => {
    expect(checkMailTemplate('acknowledgement', { text: 'Hello\n\nDear {{subject' })).toEqual([
      {
        part: 'text',
        message: expect.stringMatching(
          /^has a syntax error on line 3: expecting 'ID'.*got 'INVALID'$/,
        ),
      },
    ]);
    expect(
      checkMailTemplate('acknowledgement', { html: '<p>\n{{#if subject}}x' })[0]?.message,
    ).toMatch(/^has a syntax error on line 2: .*got 'EOF' \(the template ends too early/);
    expect(
      checkMailTemplate('acknowledgement', { text: 'a\n{{#if subject}}x{{/unless}}' }),
    ).toEqual([{ part: 'text', message: "has a syntax error on line 2: if doesn't match unless" }]);
  });

  it('allows if/unless/else over variables and nothing else', () => {
    expect(
      checkMailTemplate('acknowledgement', {
        text: '{{#unless requesterName}}Hi{{else if subject}}{{subject}}{{else}}x{{/unless}}{{!-- note --}}',
      }),
    ).toEqual([]);
    const messages = (text: string) =>
      checkMailTemplate('acknowledgement', { text }).map((problem) => problem.message);
    expect(messages('{{#each subject}}x{{/each}}')).toEqual([
      'uses {{#each}} on line 1: only {{#if}} and {{#unless}} blocks are available',
    ]);
    expect(messages('{{lookup subject 1}}')).toEqual([
      'uses the helper {{lookup}} on line 1: only {{#if}} and {{#unless}} are available',
    ]);
    expect(messages('{{> footer}}')).toEqual([
      'uses a partial on line 1: partials are not available',
    ]);
    expect(messages('{{@root.subject}} {{../subject}} {{subject.length}}')).toEqual([
      'uses {{@root.subject}} on line 1, which is not a variable of this template',
      'uses {{../subject}} on line 1, which is not a variable of this template',
      'uses {{subject.length}} on line 1, which is not a variable of this template',
    ]);
  });

  it('refuses unescaped output in the HTML part only', () => {
    expect(checkMailTemplate('acknowledgement', { html: '<p>{{{requesterName}}}</p>' })).toEqual([
      {
        part: 'html',
        message:
          'writes {{requesterName}} unescaped on line 1 ({{{…}}} or {{&…}}): write {{name}}, ' +
          'which escapes the value for HTML',
      },
    ]);
    expect(checkMailTemplate('acknowledgement', { text: '{{{requesterName}}}' })).toEqual([]);
  });

  it('keeps a long subject within a mail header', () => {
    const rendered = renderMailTemplate(
      'acknowledgement',
      { ...VARIABLES, subject: 'x'.repeat(500) },
      { ...ack, subject: '{{subject}} {{subject}}' },
    );
    expect(rendered.subject).toHaveLength(MAX_RENDERED_SUBJECT_LENGTH);
    expect(rendered.subject.endsWith('…')).toBe(true);
  });

  it('knows its keys', () => {
    expect(MAIL_TEMPLATE_KEYS).toEqual(['acknowledgement', 'agent-assigned', 'customer-replied']);
    expect(isMailTemplateKey('agent-assigned')).toBe(true);
    expect(isMailTemplateKey('toString')).toBe(false);
  });
});
