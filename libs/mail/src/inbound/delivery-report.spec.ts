import { describe, expect, it } from '@jest/globals';
import { inboundFixture } from '../../test/fixtures.js';
import { decodeEncodedWords, readDeliveryReport } from './delivery-report.js';
import { parseInboundMail } from './inbound-mail.js';

const OWN = ['support@tessera.test'];

async function reportOf(name: string) {
  return readDeliveryReport(await parseInboundMail(inboundFixture(name)), {
    ignoreAddresses: OWN,
  });
}

describe('readDeliveryReport', () => {
  it('reads a standard report (Postfix): recipient, permanent status, diagnostic, original id', async () => {
    expect(await reportOf('postfix-dsn.eml')).toEqual({
      standard: true,
      recipients: [
        {
          address: 'gone@example.org',
          action: 'failed',
          status: '5.1.1',
          diagnostic:
            '550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
          permanent: true,
        },
      ],
      originalMessageIds: ['<9a1b2c3d-0000-4000-8000-000000000001@tessera.test>'],
      originalSubject: 'Re: Password reset [Ticket#10044]',
    });
  });

  it('reads a delay report as temporary, with the returned message attached as message/rfc822', async () => {
    const report = await reportOf('delayed-dsn.eml');
    expect(report?.recipients).toEqual([
      {
        address: 'slow@example.com',
        action: 'delayed',
        status: '4.4.1',
        diagnostic: 'The recipient server did not accept our requests to connect.',
        permanent: false,
      },
    ]);
    expect(report?.originalMessageIds).toEqual([
      '<9a1b2c3d-0000-4000-8000-000000000003@tessera.test>',
    ]);
    expect(report?.originalSubject).toBe('Re: Überweisung [Ticket#10046]');
  });

  it('reads a free-text bounce (Exim) from its explanation, not from the returned headers', async () => {
    expect(await reportOf('exim-bounce.eml')).toEqual({
      standard: false,
      recipients: [
        {
          address: 'nobody@example.net',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown',
          permanent: true,
        },
      ],
      originalMessageIds: ['<9a1b2c3d-0000-4000-8000-000000000002@tessera.test>'],
      originalSubject: 'Your request [Ticket#10045]',
    });
  });

  it.each([
    'customer-html-inline.eml',
    'outlook-automatic-reply.eml',
    'newsletter.eml',
    'no-message-id.eml',
  ])('finds no report in %s', async (name) => {
    expect(await reportOf(name)).toBeUndefined();
  });

  it('does not take a customer mail about a failed delivery for a bounce', async () => {
    const mail = await parseInboundMail(
      Buffer.from(
        'From: ann@example.com\r\nSubject: Undelivered parcel\r\nMessage-ID: <p@x>\r\n\r\n' +
          'My parcel was not delivered to bob@example.com, 550 times sorry.',
      ),
    );
    expect(readDeliveryReport(mail)).toBeUndefined();
  });

  it('decodes encoded words in subjects it reads from returned headers', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w5xiZXI=?= =?iso-8859-1?Q?_gr=FC=DFe?=')).toBe(
      'Über grüße',
    );
    expect(decodeEncodedWords('=?x-unknown?Q?abc?= plain')).toBe('=?x-unknown?Q?abc?= plain');
  });
});
