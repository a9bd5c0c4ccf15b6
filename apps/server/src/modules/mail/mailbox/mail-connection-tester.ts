// Connection tests for a mailbox's settings: sign in to the IMAP server and open the folder, and
// check the SMTP server replies go through. Each part is reported on its own, failures sorted
// into kinds an admin can act on (connection-failure.ts).
import { Inject, Injectable } from '@nestjs/common';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailTlsMode, SmtpServerConfig } from '../../../config/env.config.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { SmtpClient } from '../outgoing/smtp-client.js';
import { classifyConnectionFailure, type ConnectionFailure } from './connection-failure.js';

export interface ImapServerSettings {
  host: string;
  port: number;
  tls: MailTlsMode;
  verifyCertificate: boolean;
  user: string;
  password: string;
}

export type ConnectionCheck = { ok: true } | { ok: false; error: ConnectionFailure };

/**
 * imapflow's options for a mailbox's IMAP settings: `tls` encrypts from the first byte,
 * `starttls` insists on the upgrade (credentials never cross in clear), `none` stays plain.
 */
export function imapFlowOptions(
  settings: ImapServerSettings,
  timeoutSeconds: number,
): ImapFlowOptions {
  const ms = timeoutSeconds * 1000;
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'tls',
    doSTARTTLS: settings.tls === 'starttls' ? true : settings.tls === 'none' ? false : undefined,
    tls: { rejectUnauthorized: settings.verifyCertificate },
    auth: { user: settings.user, pass: settings.password },
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms * 3,
    disableAutoIdle: true,
    logger: false,
  };
}

@Injectable()
export class MailConnectionTester {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly smtp: SmtpClient,
  ) {}

  private get timeoutSeconds(): number {
    return this.runtime.config.mail.timeoutSeconds;
  }

  /** Signs in and opens `folder` read-only. */
  async imap(settings: ImapServerSettings, folder: string): Promise<ConnectionCheck> {
    const client = new ImapFlow(imapFlowOptions(settings, this.timeoutSeconds));
    // A failed connection also emits 'error'; the rejected promise below reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.mailboxOpen(folder, { readOnly: true });
      await client.logout();
      return { ok: true };
    } catch (error) {
      client.close();
      return {
        ok: false,
        error: classifyConnectionFailure(error, {
          protocol: 'IMAP',
          host: settings.host,
          port: settings.port,
          timeoutSeconds: this.timeoutSeconds,
          folder,
        }),
      };
    }
  }

  /** Connects, upgrades to TLS as configured and signs in, without sending anything. */
  async smtpServer(server: SmtpServerConfig): Promise<ConnectionCheck> {
    try {
      await this.smtp.verify(server);
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        error: classifyConnectionFailure(error, {
          protocol: 'SMTP',
          host: server.host,
          port: server.port,
          timeoutSeconds: this.timeoutSeconds,
        }),
      };
    }
  }
}
