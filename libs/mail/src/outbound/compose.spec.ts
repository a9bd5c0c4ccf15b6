import { describe, expect, it } from '@jest/globals';
import { composeMail, type ComposeInput } from './compose.js';

const INPUT: ComposeInput = {
  kind: 'reply',
  from: { address: 'Support@Example.com', name: 'Ada Lovelace via Support' },
  to: [{ address: 'ann@customer.test', name: 'Ann' }],
  cc: [{ address: 'bob@customer.test', name: '' }],
  subject: 'Re: Printer [Ticket#10042]',
  messageId: '<m2@example.com>',
  thread: { inReplyTo: '<m1@customer.test>', references: ['<m0@x>', '<m1@customer.test>'] },
  text: 'Hello <Ann>',
  html: null,
  ticketNumber: 10042,
  attachments: [],
};

describe('composeMail', () => {
  it('assembles a reply with threading and loop headers', () => {
    const mail = composeMail(INPUT);
    expect(mail).toEqual({
      from: { address: 'Support@Example.com', name: 'Ada Lovelace via Support' },
      to: [{ address: 'ann@customer.test', name: 'Ann' }],
      cc: [{ address: 'bob@customer.test' }],
      subject: 'Re: Printer [Ticket#10042]',
      messageId: '<m2@example.com>',
      inReplyTo: '<m1@customer.test>',
      references: ['<m0@x>', '<m1@customer.test>'],
      text: 'Hello <Ann>',
      html: expect.stringContaining('<p>Hello &lt;Ann&gt;</p>'),
      headers: { 'X-Loop': 'support@example.com', 'X-Tessera-Ticket': '10042' },
      attachments: [],
    });
  });

  it('marks acknowledgements as automatic answers', () => {
    const mail = composeMail({ ...INPUT, kind: 'acknowledgement' });
    expect(mail.headers).toEqual({
      'X-Loop': 'support@example.com',
      'X-Tessera-Ticket': '10042',
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
    });
  });

  it('wraps a stored HTML fragment, and keeps a whole document as it is', () => {
    expect(composeMail({ ...INPUT, html: '<p>Hi</p>' }).html).toMatch(
      /^<!DOCTYPE html>[\s\S]*<body>\n<p>Hi<\/p>\n<\/body>/,
    );
    const document = '<!DOCTYPE html><html><body>x</body></html>';
    expect(composeMail({ ...INPUT, html: document }).html).toBe(document);
  });

  it('leaves In-Reply-To out when the conversation has no mail yet', () => {
    const mail = composeMail({ ...INPUT, thread: { inReplyTo: null, references: [] } });
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toEqual([]);
  });

  it('keeps names and subjects on one line', () => {
    const mail = composeMail({
      ...INPUT,
      subject: 'Re: a\r\nBcc: x@y',
      to: [{ address: ' ann@customer.test ', name: 'Ann\nBcc: x@y' }],
    });
    expect(mail.subject).toBe('Re: a Bcc: x@y');
    expect(mail.to).toEqual([{ address: 'ann@customer.test', name: 'Ann Bcc: x@y' }]);
  });

  it('refuses a mail without a recipient', () => {
    expect(() => composeMail({ ...INPUT, to: [] })).toThrow(/recipient/);
  });
});
