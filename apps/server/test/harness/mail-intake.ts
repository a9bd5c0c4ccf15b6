// Mail intake in end-to-end tests: support mailboxes on the test Dovecot (rows written straight to
// the database, passwords sealed as the server seals them), raw mails built with nodemailer, one
// intake pass on demand, and a look at the IMAP folder as a mail client would see it.
import { ImapFlow } from 'imapflow';
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type request from 'supertest';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../../src/common/crypto/secret-box.js';
import {
  MailIntakeService,
  type PassSummary,
} from '../../src/modules/mail/intake/mail-intake.service.js';
import type { Dovecot } from './dovecot.js';
import { TEST_SECRET, type TestServer } from './test-server.js';

export interface TestMailbox {
  id: string;
  /** The support address, lower case. */
  address: string;
  /** The IMAP account on the test Dovecot. */
  user: string;
  password: string;
}

/** A support mailbox fetching from a fresh account on the test Dovecot. */
export async function aMailbox(
  db: DataSource,
  dovecot: Dovecot,
  options: {
    queueId: string;
    address?: string;
    afterImport?: 'flag' | 'move';
    afterImportFolder?: string | null;
    tls?: 'none' | 'starttls' | 'tls';
    enabled?: boolean;
    secret?: string;
  },
): Promise<TestMailbox> {
  const suffix = randomBytes(4).toString('hex');
  const address = options.address ?? `support-${suffix}@tessera.test`;
  const user = `imap-${suffix}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await dovecot.addAccount({ user, password });
  const tls = options.tls ?? 'none';
  const [row] = await db.query<{ id: string }[]>(
    `INSERT INTO mailboxes (address, display_name, queue_id, enabled, imap_host, imap_port, imap_tls,
                            imap_verify_certificate, imap_user, imap_password_sealed, after_import,
                            after_import_folder)
     VALUES ($1, 'Support', $2, $3, $4, $5, $6, false, $7, $8, $9, $10) RETURNING id`,
    [
      address,
      options.queueId,
      options.enabled ?? true,
      dovecot.host,
      tls === 'tls' ? dovecot.tlsPort : dovecot.port,
      tls,
      user,
      new SecretBox(options.secret ?? TEST_SECRET).seal(password),
      options.afterImport ?? 'flag',
      options.afterImportFolder ?? null,
    ],
  );
  return { id: row?.id ?? '', address, user, password };
}

export function intakeOf(server: TestServer): MailIntakeService {
  return server.server.app.get(MailIntakeService);
}

/** One intake pass over the mailbox, now; resolves when every waiting mail was handled. */
export function runIntake(server: TestServer, mailboxId: string): Promise<PassSummary> {
  return intakeOf(server).runOnce(mailboxId);
}

/** A raw mail as a mail client would send it (CRLF line ends, MIME, encoded words). */
export async function aMail(options: Mail.Options): Promise<Buffer> {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  const info = (await transport.sendMail({
    date: new Date('2026-05-04T09:00:00Z'),
    ...options,
  })) as {
    message: Buffer;
  };
  return info.message;
}

export interface ImapListing {
  uid: number;
  flags: string[];
  subject: string;
  /** The Message-ID header (envelope), `<…>`; empty when there is none. */
  messageId: string;
}

/** What is in a folder of the account, with flags, as a mail client would list it. */
export async function listFolder(
  dovecot: Dovecot,
  mailbox: TestMailbox,
  folder = 'INBOX',
): Promise<ImapListing[]> {
  return withImap(dovecot, mailbox, async (client) => {
    const found = await client.list();
    if (!found.some((f) => f.path === folder)) return [];
    const lock = await client.getMailboxLock(folder);
    try {
      const exists = client.mailbox ? client.mailbox.exists : 0;
      if (exists === 0) return [];
      const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
      return messages.map((m) => ({
        uid: m.uid,
        flags: [...(m.flags ?? [])].sort(),
        subject: m.envelope?.subject ?? '',
        messageId: m.envelope?.messageId ?? '',
      }));
    } finally {
      lock.release();
    }
  });
}

/**
 * Puts raw mails into a folder of the account over one IMAP connection (APPEND), unseen, as
 * delivery would: much faster than a `doveadm save` process per mail for hundreds of them.
 */
export async function appendMails(
  dovecot: Dovecot,
  mailbox: TestMailbox,
  raws: readonly Buffer[],
  folder = 'INBOX',
): Promise<void> {
  await withImap(dovecot, mailbox, async (client) => {
    for (const raw of raws) await client.append(folder, raw, []);
  });
}

/** Takes \Seen off every message in INBOX, as if the flag after an import had never been set. */
export async function unflagAll(dovecot: Dovecot, mailbox: TestMailbox): Promise<void> {
  await withImap(dovecot, mailbox, async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      await client.messageFlagsRemove('1:*', ['\\Seen']);
    } finally {
      lock.release();
    }
  });
}

async function withImap<T>(
  dovecot: Dovecot,
  mailbox: TestMailbox,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: mailbox.user, pass: mailbox.password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Polls `probe` until it answers something (not undefined), failing after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Fails with the answer's body in the message, which `.expect(status)` leaves out. */
export function expectStatus(response: request.Response, status: number): void {
  if (response.status !== status) {
    throw new Error(
      `expected ${status}, got ${response.status}: ${JSON.stringify(response.body)} ` +
        `(${response.request.method} ${response.request.url})`,
    );
  }
}

/** Collects a response body as raw bytes, whatever its Content-Type (a superagent parser). */
export function bytes(
  response: request.Response,
  done: (error: Error | null, body: Buffer) => void,
): void {
  const stream = response as unknown as http.IncomingMessage;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
  stream.on('error', (error) => done(error, Buffer.alloc(0)));
}
