import { describe, expect, it } from '@jest/globals';
import { inboundFixture } from '../../test/fixtures.js';
import { SYNTHESIZED_ID_DOMAIN } from './message-id.js';
import { parseInboundMail, UnparseableMailError } from './inbound-mail.js';

describe('parseInboundMail', () => {
  it('reads people, subject, ids and bodies of a customer mail', async () => {
    const mail = await parseInboundMail(inboundFixture('customer-html-inline.eml'));
    expect(mail).toMatchObject({
      messageKey: '<CAH+w=7ZfirstMail0001@mail.example.com>',
      synthesizedKey: false,
      references: [],
      subject: 'Printer shows “PC2” error',
      from: { address: 'ann.customer@example.com', name: 'Ann Customer' },
      replyTo: [{ address: 'ann.mobile@example.net', name: 'Ann' }],
      to: [{ address: 'support@tessera.test', name: 'Support' }],
      cc: [
        { address: 'bob@example.com', name: 'Bob Colleague' },
        { address: 'support@tessera.test', name: '' },
        { address: 'carol@example.com', name: 'Carol, Manager' },
      ],
    });
    expect(mail.text).toContain('the printer on floor 2 shows “PC2”. Screenshot attached.');
    expect(mail.html).toContain('<img src="cid:screenshot@example.com" alt="screenshot">');
  });

  it('keeps inline images and files as attachments, byte for byte', async () => {
    const mail = await parseInboundMail(inboundFixture('customer-html-inline.eml'));
    expect(
      mail.attachments.map(({ filename, contentType, contentId, inline }) => ({
        filename,
        contentType,
        contentId,
        inline,
      })),
    ).toEqual([
      {
        filename: 'image001.png',
        contentType: 'image/png',
        contentId: 'screenshot@example.com',
        inline: true,
      },
      {
        filename: 'error-log.pdf',
        contentType: 'application/pdf',
        contentId: undefined,
        inline: false,
      },
    ]);
    expect(mail.attachments[1]?.content.toString('latin1')).toMatch(/^%PDF-1\.4/);
  });

  it('decodes charsets: ISO-8859-1 quoted-printable bodies and encoded-word names', async () => {
    const mail = await parseInboundMail(inboundFixture('german-abwesenheitsnotiz.eml'));
    expect(mail.from).toEqual({ address: 'j.mueller@beispiel.de', name: 'Jürgen Müller' });
    expect(mail.text).toContain('ich bin bis einschließlich 15. Mai nicht im Büro.');
    expect(mail.html).toBeUndefined();
  });

  it('leaves the text of an HTML-only mail to Tessera (undefined here)', async () => {
    const mail = await parseInboundMail(inboundFixture('newsletter.eml'));
    expect(mail.text).toBeUndefined();
    expect(mail.html).toContain('<h1>Five tips</h1>');
  });

  it('keeps winmail.dat as an attachment', async () => {
    const mail = await parseInboundMail(inboundFixture('outlook-winmail.eml'));
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['winmail.dat', 'application/ms-tnef'],
    ]);
    expect(mail.text?.trim()).toBe('Anbei das Angebot.');
  });

  it('reads In-Reply-To and References of a reply', async () => {
    const mail = await parseInboundMail(inboundFixture('outlook-automatic-reply.eml'));
    expect(mail.references).toEqual(['<f47ac10b-58cc-4372-a567-0e02b2c3d479@tessera.test>']);
  });

  it('makes up a key for a mail without Message-ID', async () => {
    const mail = await parseInboundMail(inboundFixture('no-message-id.eml'));
    expect(mail.synthesizedKey).toBe(true);
    expect(mail.messageKey).toMatch(new RegExp(`^<[0-9a-f]{64}@${SYNTHESIZED_ID_DOMAIN}>$`));
  });

  it.each([
    ['not-a-mail.bin', 'no header section: this is not a mail'],
    ['no-sender.eml', 'no sender address (From)'],
  ])('refuses %s: %s', async (name, reason) => {
    const parsing = parseInboundMail(inboundFixture(name));
    await expect(parsing).rejects.toThrow(UnparseableMailError);
    await expect(parseInboundMail(inboundFixture(name))).rejects.toThrow(reason);
  });
});
