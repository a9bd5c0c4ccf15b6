// A real IMAP server for mail tests: Dovecot from Debian's packages (installed by
// scripts/install-test-deps.sh), started from a generated configuration in a temporary directory,
// listening on free loopback ports, with plain IMAP (STARTTLS offered) and implicit TLS, both with a
// self-signed certificate made for the run.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
/** Mail is stored as `nobody`: Dovecot will not run mail processes as root. */
const MAIL_UID = 65534;

export interface ImapAccount {
  user: string;
  password: string;
}

export interface Dovecot {
  host: string;
  /** Plain IMAP; STARTTLS available. */
  port: number;
  /** IMAP over TLS from the first byte. */
  tlsPort: number;
  /** The self-signed certificate both ports present (PEM), for tests that trust it. */
  certificate: string;
  /** Puts a raw message into a folder (default INBOX) of an account, as delivery would. */
  deliver(user: string, raw: string | Buffer, folder?: string): Promise<void>;
  /** Adds an account while the server runs. */
  addAccount(account: ImapAccount): Promise<void>;
  /**
   * The pids of the IMAP session processes serving connections now (one a signed-in client),
   * e.g. to pause one with SIGSTOP: its client's commands then get no answer.
   */
  sessionPids(): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startDovecot(accounts: ImapAccount[]): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error(
      'Dovecot is not installed: run ./scripts/install-test-deps.sh (it installs dovecot-imapd).',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'tessera-dovecot-'));
  // Dovecot's auth process runs as `dovecot` and must reach the passwd file inside (0700 by default).
  await chmod(dir, 0o711);
  const [port, tlsPort] = [await freePort(), await freePort()];
  for (const sub of ['run', 'state', 'home']) await mkdir(join(dir, sub));
  await chown(join(dir, 'home'), MAIL_UID, MAIL_UID);
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
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  const passwd = join(dir, 'passwd');
  await writeFile(passwd, accounts.map(passwdLine).join(''));
  const config = join(dir, 'dovecot.conf');
  await writeFile(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = tessera-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_UID} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
service anvil {
  chroot =
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForPort(port, child, () => stderr);
  const certificate = await readFile(join(dir, 'cert.pem'), 'utf8');

  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    certificate,
    async deliver(user, raw, folder = 'INBOX') {
      await new Promise<void>((resolve, reject) => {
        const save = spawn(DOVEADM, ['-c', config, 'save', '-u', user, '-m', folder], {
          stdio: ['pipe', 'ignore', 'pipe'],
        });
        let errors = '';
        save.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        save.on('error', reject);
        save.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`doveadm save failed (${code}): ${errors}`)),
        );
        save.stdin.end(raw);
      });
    },
    async addAccount(account) {
      await writeFile(passwd, passwdLine(account), { flag: 'a' });
      // Dovecot looks at the file again at most once a second: from the next second on, every
      // lookup sees the new account.
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 1));
    },
    async sessionPids() {
      const pids: number[] = [];
      for (const entry of await readdir('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        // "pid (comm) state ppid ...": the master starts an `imap` process per session.
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
        const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
        if (match?.[1] === 'imap' && Number(match[2]) === child.pid) pids.push(Number(entry));
      }
      return pids;
    },
    async stop() {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function passwdLine(account: ImapAccount): string {
  if (/[:\n]/.test(account.user + account.password)) {
    throw new Error('test IMAP accounts cannot contain ":" or newlines');
  }
  return `${account.user}:{PLAIN}${account.password}::::::\n`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Dovecot exited (${child.exitCode}): ${output()}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot did not listen on ${port} within 10 s: ${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
