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
  /** Connections clients opened to the sink. */
  connections: number;
  /** The most messages the sink was taking at one time (since the last hold began). */
  mostAtOnce: number;
  /**
   * From now on, holds each message until `count` are being taken at once, then takes them all:
   * a client that sends one at a time is held up to `timeoutMs` a message. Returns what ends it.
   */
  holdUntilAtOnce(count: number, timeoutMs: number): () => void;
  /** Refuses the next transaction at MAIL FROM with this reply. */
  refuseNext(code: number, message: string): void;
  /** Forgets the refusals not used up. */
  clearRefusals(): void;
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
  let connections = 0;
  let atOnce = 0;
  let mostAtOnce = 0;
  let hold: { count: number; timeoutMs: number } | undefined;
  const held: (() => void)[] = [];
  /** Resolves when enough messages are being taken at once (or the hold times out). */
  const awaitCompany = (): Promise<void> => {
    if (!hold) return Promise.resolve();
    const { count, timeoutMs } = hold;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        held.splice(held.indexOf(release), 1);
        resolve();
      }, timeoutMs);
      const release = () => {
        clearTimeout(timer);
        resolve();
      };
      held.push(release);
      if (held.length >= count) for (const waiting of held.splice(0)) waiting();
    });
  };
  let certificateDir: string | undefined;
  const settings: SMTPServerOptions = {
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onMailFrom(_address, _session, callback) {
      transactions++;
      const refusal = refusals.shift();
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      atOnce++;
      mostAtOnce = Math.max(mostAtOnce, atOnce);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        awaitCompany()
          .then(() => {
            atOnce--;
            return simpleParser(raw);
          })
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
    get connections() {
      return connections;
    },
    get mostAtOnce() {
      return mostAtOnce;
    },
    holdUntilAtOnce(count, timeoutMs) {
      hold = { count, timeoutMs };
      mostAtOnce = atOnce;
      return () => {
        hold = undefined;
        for (const waiting of held.splice(0)) waiting();
      };
    },
    refuseNext(code, message) {
      refusals.push({ code, message });
    },
    clearRefusals() {
      refusals.length = 0;
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
