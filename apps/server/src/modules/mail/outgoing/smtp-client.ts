// The one place Tessera talks SMTP: checking a server (connection tests) and handing it a mail.
// Mail goes out over pooled connections, one pool per server settings: connecting, greeting,
// TLS and signing in cost more than handing over a mail, and a backlog is sent several at a time.
// A connection test always opens a connection of its own.
import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ComposedMail, MailAddress } from '@tessera/mail';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SmtpServerConfig } from '../../../config/env.config.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';

/** A recipient the server refused while taking the mail for the others. */
export interface RefusedRecipient {
  address: string;
  /** The server's reply, e.g. `550 5.1.1 No such user`. */
  response: string;
  responseCode: number | undefined;
}

export interface SmtpDelivery {
  /** The server's final reply (`250 OK ...`). */
  response: string;
  refused: RefusedRecipient[];
}

export function smtpTransportOptions(
  server: SmtpServerConfig,
  timeoutSeconds: number,
): SMTPTransport.Options {
  const ms = timeoutSeconds * 1000;
  return {
    host: server.host,
    port: server.port,
    secure: server.tls === 'tls',
    // `starttls` must upgrade (never send credentials in clear); `none` never tries.
    requireTLS: server.tls === 'starttls',
    ignoreTLS: server.tls === 'none',
    tls: { rejectUnauthorized: server.verifyCertificate },
    auth: server.user === undefined ? undefined : { user: server.user, pass: server.password },
    connectionTimeout: ms,
    greetingTimeout: ms,
    // Inactivity while the message streams; generous enough for a slow server's DATA reply.
    socketTimeout: ms * 3,
    logger: false,
    debug: false,
  };
}

type SmtpPool = Transporter<SMTPTransport.SentMessageInfo>;

/** Pools kept at once (one per SMTP server settings in use); the least recently used goes. */
const MAX_POOLS = 20;
/** A pooled connection idle this long is closed (well within the 5 minutes servers allow). */
const POOL_IDLE_MS = 30_000;

@Injectable()
export class SmtpClient implements OnModuleDestroy {
  /** Pooled transports by a hash of the settings: changed settings get a pool of their own. */
  private readonly pools = new Map<string, SmtpPool>();

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  onModuleDestroy(): void {
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
  }

  /** Connects, upgrades to TLS as configured and signs in; throws what went wrong. */
  async verify(server: SmtpServerConfig): Promise<void> {
    const transport = nodemailer.createTransport(this.options(server));
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
  }

  /**
   * Hands the mail to the server. Throws when it takes it for nobody (every recipient refused,
   * or the connection failed); recipients refused among accepted ones are in `refused`.
   */
  async send(server: SmtpServerConfig, mail: ComposedMail): Promise<SmtpDelivery> {
    const transport = this.pool(server);
    const info = await transport.sendMail({
      from: address(mail.from),
      to: mail.to.map(address),
      cc: mail.cc.map(address),
      subject: mail.subject,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references.length > 0 ? mail.references : undefined,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      attachments: mail.attachments.map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        content: file.content,
      })),
    });
    const refusedErrors = (info as { rejectedErrors?: RefusalError[] }).rejectedErrors ?? [];
    return {
      response: info.response,
      refused: refusedErrors.map((error) => ({
        address: error.recipient ?? '',
        response: error.response ?? error.message,
        responseCode: error.responseCode,
      })),
    };
  }

  private pool(server: SmtpServerConfig): SmtpPool {
    const key = createHash('sha256').update(JSON.stringify(server)).digest('hex');
    let pool = this.pools.get(key);
    if (pool) {
      this.pools.delete(key); // re-inserted below: the map's order is the order of last use
    } else {
      pool = nodemailer.createTransport({
        ...this.options(server),
        pool: true,
        maxConnections: this.runtime.config.mail.sendConcurrency,
        idleTimeout: POOL_IDLE_MS,
        // A kept-open connection the server closed meanwhile (or closes with a 421 before the
        // mail) is worth one new connection at once; beyond that, the job retries with backoff.
        maxRequeues: 1,
      } as SMTPTransport.Options);
      if (this.pools.size >= MAX_POOLS) {
        const [oldest, unused] = this.pools.entries().next().value as [string, SmtpPool];
        unused.close();
        this.pools.delete(oldest);
      }
    }
    this.pools.set(key, pool);
    return pool;
  }

  private options(server: SmtpServerConfig): SMTPTransport.Options {
    return smtpTransportOptions(server, this.runtime.config.mail.timeoutSeconds);
  }
}

interface RefusalError extends Error {
  recipient?: string;
  response?: string;
  responseCode?: number;
}

function address(mailAddress: MailAddress): { name: string; address: string } | string {
  return mailAddress.name
    ? { name: mailAddress.name, address: mailAddress.address }
    : mailAddress.address;
}
