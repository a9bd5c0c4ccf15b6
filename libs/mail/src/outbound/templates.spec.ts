import { describe, expect, it } from '@jest/globals';
import { renderAcknowledgement, type AcknowledgementVariables } from './templates.js';

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
