// The servers a mailbox connects to, passwords opened: for the connection test, intake (IMAP)
// and outgoing mail (SMTP: the mailbox's own server, else the global one).
import type { MailConfig, SmtpServerConfig } from '../../../config/env.config.js';
import type { ImapServerSettings } from './mail-connection-tester.js';
import type { MailSecrets } from './mail-secrets.js';
import type { MailboxRecord } from './mailbox.repository.js';

export function imapServerOf(mailbox: MailboxRecord, secrets: MailSecrets): ImapServerSettings {
  return {
    host: mailbox.imapHost,
    port: mailbox.imapPort,
    tls: mailbox.imapTls,
    verifyCertificate: mailbox.imapVerifyCertificate,
    user: mailbox.imapUser,
    password: secrets.open(mailbox.imapPasswordSealed),
  };
}

export interface SmtpRoute {
  server: SmtpServerConfig;
  /** Whether the mailbox names its own server, or replies go through the global one. */
  source: 'mailbox' | 'global';
}

/** Where a mailbox's mail goes out; undefined when neither it nor the instance has a server. */
export function smtpRouteOf(
  mailbox: MailboxRecord,
  secrets: MailSecrets,
  mail: MailConfig,
): SmtpRoute | undefined {
  if (mailbox.smtpHost === null) return mail.smtp && { server: mail.smtp, source: 'global' };
  return {
    source: 'mailbox',
    server: {
      host: mailbox.smtpHost,
      port: mailbox.smtpPort ?? defaultSmtpPort(mailbox.smtpTls ?? 'starttls'),
      tls: mailbox.smtpTls ?? 'starttls',
      verifyCertificate: mailbox.smtpVerifyCertificate,
      user: mailbox.smtpUser ?? undefined,
      password:
        mailbox.smtpPasswordSealed === null ? undefined : secrets.open(mailbox.smtpPasswordSealed),
    },
  };
}

export function defaultImapPort(tls: ImapServerSettings['tls']): number {
  return tls === 'tls' ? 993 : 143;
}

export function defaultSmtpPort(tls: SmtpServerConfig['tls']): number {
  return tls === 'tls' ? 465 : 587;
}
