import { describe, expect, it } from '@jest/globals';
import { inboundFixture } from '../../test/fixtures.js';
import { detectAutomatic } from './automatic-mail.js';
import { parseInboundMail } from './inbound-mail.js';
import { readHeaders } from './raw-headers.js';

/** A plain mail from a person, with the extra header lines given. */
function verdict(extraHeaders: string, from = 'ann@example.com', subject = 'Printer broken') {
  const headers = readHeaders(
    Buffer.from(`From: ${from}\r\nSubject: ${subject}\r\n${extraHeaders}\r\n\r\nHello`),
  );
  return detectAutomatic({ headers: headers!, fromAddress: from, subject });
}

describe('detectAutomatic', () => {
  it('leaves mail a person wrote alone', () => {
    expect(verdict('')).toBeUndefined();
    expect(verdict('Auto-Submitted: no')).toBeUndefined();
    expect(verdict('Precedence: first-class')).toBeUndefined();
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto-reply', 'Auto-Submitted: auto-replied'],
    ['Auto-Submitted: auto-generated', 'auto-reply', 'Auto-Submitted: auto-generated'],
    [
      'Auto-Submitted: auto-notified; owner-email="x@y"',
      'auto-reply',
      'Auto-Submitted: auto-notified',
    ],
    ['X-Autoreply: yes', 'auto-reply', 'X-Autoreply: yes'],
    ['X-Autorespond: Out of office', 'auto-reply', 'X-Autorespond: Out of office'],
    ['X-Auto-Response-Suppress: All', 'auto-reply', 'X-Auto-Response-Suppress: All'],
    [
      'X-Auto-Response-Suppress: DR, OOF, AutoReply',
      'auto-reply',
      'X-Auto-Response-Suppress: DR, OOF, AutoReply',
    ],
    ['X-Loop: support@tessera.test', 'loop', 'X-Loop: support@tessera.test'],
    ['Precedence: bulk', 'bulk', 'Precedence: bulk'],
    ['Precedence: list', 'bulk', 'Precedence: list'],
    ['Precedence: junk', 'bulk', 'Precedence: junk'],
    ['Precedence: auto_reply', 'auto-reply', 'Precedence: auto_reply'],
    ['List-Id: <users.lists.example.org>', 'bulk', 'List-Id header'],
    ['List-Unsubscribe: <mailto:leave@lists.example.org>', 'bulk', 'List-Unsubscribe header'],
    ['Return-Path: <>', 'system-sender', 'null return path (Return-Path: <>)'],
  ])('finds %j (%s)', (header, kind, reason) => {
    expect(verdict(header)).toEqual({ kind, reason });
  });

  it.each([
    'MAILER-DAEMON@mx.example.net',
    'postmaster@example.net',
    'no-reply@shop.example',
    'noreply@shop.example',
    'do-not-reply@bank.example',
    'donotreply@bank.example',
    'noreply-12345@accounts.example',
    'bounces+123@mailer.example',
  ])('takes mail from %s for a machine', (from) => {
    expect(verdict('', from)).toEqual({ kind: 'system-sender', reason: `sent by ${from}` });
  });

  it.each([
    'Out of Office: Re: Printer broken',
    'Out of the office',
    'Automatic reply: Re: Printer broken [Ticket#10042]',
    'AW: Automatische Antwort: Rechnung',
    'Abwesenheitsnotiz: Ihre Anfrage',
    'Réponse automatique : Re: Facture',
    'Respuesta automática: Pedido 123',
    'Risposta automatica: ordine',
    'Automatisch antwoord: Uw vraag',
    'Autoreply: your message',
    'Auto-Reply: ticket',
    'AUTO: Ann Smith is out of the office (returning 05/11/2026)',
    'Ann Smith is out of the office.',
  ])('recognises the out-of-office subject %j', (subject) => {
    expect(verdict('', 'ann@example.com', subject)?.kind).toBe('auto-reply');
  });

  it.each([
    'Out of office equipment: need a new chair',
    'Automatic replies do not work in my Outlook',
    'Auto',
    'My car (Auto) insurance',
    'Re: out of paper',
  ])('does not take %j for an auto-reply', (subject) => {
    expect(verdict('', 'ann@example.com', subject)).toBeUndefined();
  });

  it.each([
    ['outlook-automatic-reply.eml', 'auto-reply'],
    ['german-abwesenheitsnotiz.eml', 'auto-reply'],
    ['french-reponse-automatique.eml', 'auto-reply'],
    ['newsletter.eml', 'bulk'],
    ['postfix-dsn.eml', 'auto-reply'],
    ['exim-bounce.eml', 'auto-reply'],
  ])('classifies the real mail %s as %s', async (name, kind) => {
    const mail = await parseInboundMail(inboundFixture(name));
    expect(
      detectAutomatic({
        headers: mail.headers,
        fromAddress: mail.from.address,
        subject: mail.subject,
      })?.kind,
    ).toBe(kind);
  });

  it("does not take a customer's mail for bulk when the list is the support address itself", () => {
    const headers = readHeaders(
      Buffer.from(
        'From: ann@example.com\r\nSubject: Printer\r\nList-Id: Support <support.tessera.test>\r\n' +
          'List-Unsubscribe: <mailto:support+unsubscribe@tessera.test>\r\nPrecedence: list\r\n\r\nHi',
      ),
    );
    const mail = { headers: headers!, fromAddress: 'ann@example.com', subject: 'Printer' };
    expect(detectAutomatic(mail, { ownAddresses: ['support@tessera.test'] })).toBeUndefined();
    expect(detectAutomatic(mail, { ownAddresses: ['help@tessera.test'] })).toEqual({
      kind: 'bulk',
      reason: 'Precedence: list',
    });
  });

  it('leaves a real customer mail alone', async () => {
    const mail = await parseInboundMail(inboundFixture('customer-html-inline.eml'));
    expect(
      detectAutomatic({
        headers: mail.headers,
        fromAddress: mail.from.address,
        subject: mail.subject,
      }),
    ).toBeUndefined();
  });
});
