// A real SMTP server for mail tests (npm smtp-server on loopback): it keeps every message it takes,
// parsed with mailparser, and can refuse transactions on demand (451 / 550) or demand a login
// over STARTTLS with a self-signed certificate.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

const run = promisify(execFile);

export interface CapturedMail {
  /** The envelope: who the server was asked to deliver to (To and Cc alike). */
  from: string;
  recipients: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  host: string;
  port: number;
  messages: CapturedMail[];
  /** Transactions started (MAIL FROM), refused ones included. */
  transactions: number;
  /** Refuses the next transaction at MAIL FROM with this reply. */
  refuseNext(code: number, message: string): void;
  /** Messages whose Message-ID is `messageId`. */
  withMessageId(messageId: string): CapturedMail[];
  stop(): Promise<void>;
}

export async function startSmtpSink(
  options: { login?: { user: string; password: string } } = {},
): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  const refusals: { code: number; message: string }[] = [];
  let transactions = 0;
  let certificateDir: string | undefined;
  const settings: SMTPServerOptions = {
    logger: false,
    onMailFrom(_address, _session, callback) {
      transactions++;
      const refusal = refusals.shift();
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
              raw,
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  };
  if (options.login) {
    const login = options.login;
    certificateDir = await mkdtemp(join(tmpdir(), 'tessera-smtp-'));
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(certificateDir, 'key.pem'),
      '-out',
      join(certificateDir, 'cert.pem'),
    ]);
    Object.assign(settings, {
      key: await readFile(join(certificateDir, 'key.pem')),
      cert: await readFile(join(certificateDir, 'cert.pem')),
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === login.user && auth.password === login.password) {
          callback(null, { user: auth.username });
        } else {
          callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        }
      },
    } satisfies SMTPServerOptions);
  } else {
    Object.assign(settings, {
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
    } satisfies SMTPServerOptions);
  }
  const server = new SMTPServer(settings);
  // Clients that give up mid-handshake (the failing connection tests) are not the sink's problem.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    messages,
    get transactions() {
      return transactions;
    },
    refuseNext(code, message) {
      refusals.push({ code, message });
    },
    withMessageId(messageId) {
      return messages.filter((message) => message.parsed.messageId === messageId);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (certificateDir) await rm(certificateDir, { recursive: true, force: true });
    },
  };
}
