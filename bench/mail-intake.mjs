// Mail intake throughput: how fast waiting mail in a support mailbox becomes tickets. A real
// Dovecot (started the way the tests start it, from apps/server/test/harness/dovecot.ts) gets
// 2,000 waiting mails in one account; then `tessera serve` (built, MAIL_INTAKE=on) is started on a
// fresh PostgreSQL database with one mailbox fetching from that account, and the clock runs from
// the moment intake starts (its "mail intake starts" log line) until every mail is stored in
// Tessera and flagged \Seen on the IMAP server, as a mail client would see it.
//
// The mail is made up but plausible: customers from a few hundred addresses, about a third of the
// mails replies (In-Reply-To) to an earlier one of the same sender, 10% HTML only and 15% with
// both bodies, and 10% with an attachment of 20 to 60 kB. The text is fully determined by --seed.
// Besides the end-to-end rate it prints the rate per window of mails (from processed_at) and the
// CPU time the server and the database's backends spent per mail (Linux /proc, PostgreSQL local).
//
// Run from the repository root after `npm run build`:
//
//   npm run bench:mail
//   node bench/mail-intake.mjs --mails 5000 --window 200
//
// --mails N     waiting mails (default 2000)
// --window N    the mails per window of the per-window rates (default 50, intake's batch size)
// --seed N      seed of the generated mail (default 1)
// --keep        leave the database (and print its URL) instead of dropping it
// --cpu-prof D  write a V8 CPU profile of the server into the directory D (node --cpu-prof)
// --no-acknowledgements
//               the mailbox sends no "we received your request" mail for new tickets (by default
//               it does, as a new mailbox does: queued in the import, then sent by a job to a
//               local SMTP relay, an smtp-server in this process that takes and discards them)
//
// PostgreSQL: a database tessera_bench_mail_* is created on postgres@127.0.0.1:5432 (trust auth)
// and dropped afterwards; with BENCH_DATABASE_URL that database is used instead (migrated, and
// left as it is after the run). Dovecot: Debian's dovecot-core and dovecot-imapd (see
// scripts/install-test-deps.sh); it runs unprivileged from a temporary directory.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import ts from 'typescript';
import { createCorpus, FIRST_NAMES, LAST_NAMES, randomSource } from './tickets-corpus.mjs';
import { CLI, fail, migrate, ROOT, SECRET, seconds, serverEnv } from './tickets-shared.mjs';

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
const SUPPORT_ADDRESS = 'support@bench.example';
const IMAP_ACCOUNT = { user: 'bench-support', password: 'bench-imap-password' };
/** How long the whole intake may take before the run is given up. */
const TIMEOUT_MS = 15 * 60_000;
/**
 * How often the run checks whether intake is done: every 250 ms until 90% of the mail is stored,
 * then every 50 ms. Each check counts the mailbox's stored mail and samples the database's CPU,
 * which on two cores takes time from what is measured.
 */
const POLL_MS = 50;
const EARLY_POLL_MS = 250;
const ACK_TIMEOUT_MS = 120_000;
const OUTPUT_TAIL_CHARS = 8_000;

const options = readOptions();

async function main() {
  const { startDovecot } = await loadDovecotHarness();
  const store = await createStore();
  const dovecot = await startDovecot([IMAP_ACCOUNT]);
  const relay = await startRelay();
  let server;
  try {
    console.error(`Migrating ${store.name}...`);
    await migrate(store.url);
    const mailboxId = await createMailbox(store.url, dovecot);

    const { mails, replies } = await generateMails(options.mails, options.seed);
    const bytes = mails.reduce((sum, mail) => sum + mail.length, 0);
    console.error(`Appending ${mails.length} mails (${(bytes / 2 ** 20).toFixed(1)} MiB)...`);
    const appendStarted = performance.now();
    await appendAll(dovecot, mails);
    console.error(`  appended in ${seconds(performance.now() - appendStarted)}`);

    console.error('Starting tessera serve with MAIL_INTAKE=on...');
    const loadAtStart = os.loadavg()[0];
    server = startServer(store.url, relay);
    const watch = await watchUntilDone(store.url, dovecot, mailboxId, server, mails.length);
    const intakeStartedAt = await server.intakeStarted;
    const report = await collect(store.url, mailboxId, mails.length);
    const acknowledged = options.acknowledge
      ? await waitForAcknowledgements(store.url, relay)
      : undefined;
    await server.stop();

    const totalMs = watch.doneAt - intakeStartedAt;
    console.log('## Tessera mail intake\n');
    console.log(`- Date: ${new Date().toLocaleDateString('en-CA')}`);
    console.log(`- Node ${process.version} on ${os.platform()} ${os.arch()}`);
    console.log(`- CPU: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores)`);
    console.log(`- PostgreSQL ${report.postgresVersion}, Dovecot ${await dovecotVersion()}`);
    // Other work on the machine takes CPU from the server, PostgreSQL and Dovecot alike.
    console.log(
      `- Load average (1 min) at intake start ${loadAtStart.toFixed(1)}, at the end ` +
        `${os.loadavg()[0].toFixed(1)}`,
    );
    console.log(
      `- ${mails.length} waiting mails, ${(bytes / 2 ** 20).toFixed(1)} MiB; ` +
        `${report.attachments} with an attachment, ${replies} replies, seed ${options.seed}; ` +
        `acknowledgements of new tickets ${options.acknowledge ? 'on' : 'off'}\n`,
    );
    console.log('| Figure | Value |');
    console.log('| --- | ---: |');
    console.log(`| server start → intake starts | ${ms(intakeStartedAt - server.spawnedAt)} |`);
    console.log(`| intake starts → first mail stored | ${ms(report.firstAt - intakeStartedAt)} |`);
    console.log(`| intake starts → all stored and flagged | ${ms(totalMs)} |`);
    console.log(`| **end-to-end rate** | **${rate(mails.length, totalMs)} mails/s** |`);
    const windows = report.windowRates;
    console.log(
      `| per ${options.window} mails: p50 (p10–p90) | ${rate1(percentile(windows, 0.5))} ` +
        `(${rate1(percentile(windows, 0.1))}–${rate1(percentile(windows, 0.9))}) mails/s |`,
    );
    console.log(
      `| per ${options.window} mails: slowest | ${rate1(Math.min(...windows))} mails/s |`,
    );
    const perMail = (cpuMs) => `${(cpuMs / mails.length).toFixed(1)} ms`;
    console.log(`| CPU per mail: Tessera server | ${perMail(watch.serverCpuMs)} |`);
    console.log(`| CPU per mail: PostgreSQL backends | ${perMail(watch.databaseCpuMs)} |`);
    if (acknowledged) {
      console.log(
        `| acknowledgements sent when all mail was stored | ${acknowledged.atIntakeEnd} of ${acknowledged.queued} |`,
      );
      console.log(
        `| intake starts → all acknowledgements sent | ${acknowledged.doneAt ? ms(acknowledged.doneAt - intakeStartedAt) : `not within ${ACK_TIMEOUT_MS / 1000} s`} |`,
      );
    }
    console.log('');
    console.log(
      `Stored: ${report.stored} inbound mails (${report.imported} imported), ` +
        `${report.messages} ticket messages, ${report.tickets} tickets, ` +
        `${report.attachments} attachments; unseen on the IMAP server: ${watch.unseen}.`,
    );
    if (report.problems.length > 0) {
      console.log('\nProblems:');
      for (const problem of report.problems) console.log(`- ${problem}`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (server) console.error(`Server output (last part):\n${server.output()}`);
    throw error;
  } finally {
    await server?.stop();
    await relay.stop();
    await dovecot.stop();
    await store.dispose();
  }
}

// --- Options -------------------------------------------------------------------------------------

function readOptions() {
  const { values } = parseArgs({
    options: {
      mails: { type: 'string', default: '2000' },
      window: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'no-acknowledgements': { type: 'boolean', default: false },
    },
  });
  const parsed = {
    mails: Number(values.mails),
    window: Number(values.window),
    seed: Number(values.seed),
    keep: values.keep,
    cpuProf: values['cpu-prof'],
    acknowledge: !values['no-acknowledgements'],
  };
  if (!Number.isInteger(parsed.mails) || parsed.mails < 1) fail('--mails must be 1 or more');
  if (!Number.isInteger(parsed.window) || parsed.window < 1) fail('--window must be 1 or more');
  if (!Number.isInteger(parsed.seed)) fail('--seed must be an integer');
  return parsed;
}

// --- Dovecot -------------------------------------------------------------------------------------

/**
 * The tests' Dovecot launcher (TypeScript, node: imports only), transpiled in memory: one launcher
 * for the tests and the benchmark.
 */
async function loadDovecotHarness() {
  const path = join(ROOT, 'apps/server/test/harness/dovecot.ts');
  const { outputText } = ts.transpileModule(await readFile(path, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    fileName: path,
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}

function imapClient(dovecot) {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: IMAP_ACCOUNT.user, pass: IMAP_ACCOUNT.password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  return client;
}

/** IMAP APPEND over one connection, as a mail server's delivery would leave them: unseen. */
async function appendAll(dovecot, mails) {
  const client = imapClient(dovecot);
  await client.connect();
  try {
    for (const mail of mails) await client.append('INBOX', mail, []);
  } finally {
    await client.logout();
  }
}

async function dovecotVersion() {
  return new Promise((resolve) => {
    const child = spawn('/usr/sbin/dovecot', ['--version'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', () => resolve(out.trim().split(' ')[0] || 'unknown'));
    child.on('error', () => resolve('unknown'));
  });
}

// --- Database ------------------------------------------------------------------------------------

async function createStore() {
  if (process.env.BENCH_DATABASE_URL) {
    const url = process.env.BENCH_DATABASE_URL;
    return { name: new URL(url).pathname.slice(1), url, dispose: async () => undefined };
  }
  const name = `tessera_bench_mail_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = `${POSTGRES_URL}/${name}`;
  return {
    name,
    url,
    dispose: async () => {
      if (options.keep) {
        console.error(`Kept the database: ${url}`);
        return;
      }
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(text) {
  const client = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });
  try {
    await client.connect();
  } catch (error) {
    fail(`PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) is needed: ${error.message}`);
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A queue and a mailbox fetching from the Dovecot account, its password sealed as Tessera does. */
async function createMailbox(url, dovecot) {
  const { SecretBox } = await import(
    pathToFileURL(join(ROOT, 'apps/server/dist/common/crypto/secret-box.js')).href
  );
  return withClient(url, async (client) => {
    const slug = `bench-mail-${randomBytes(3).toString('hex')}`;
    const queue = await client.query(
      'INSERT INTO queues (name, slug) VALUES ($1, $1) RETURNING id',
      [slug],
    );
    const mailbox = await client.query(
      `INSERT INTO mailboxes (address, display_name, queue_id, enabled, imap_host, imap_port,
                              imap_tls, imap_verify_certificate, imap_user, imap_password_sealed,
                              after_import, acknowledge_new_tickets)
       VALUES ($1, 'Support', $2, true, $3, $4, 'none', false, $5, $6, 'flag', $7) RETURNING id`,
      [
        `${slug}-${SUPPORT_ADDRESS}`,
        queue.rows[0].id,
        dovecot.host,
        dovecot.port,
        IMAP_ACCOUNT.user,
        new SecretBox(SECRET).seal(IMAP_ACCOUNT.password),
        options.acknowledge,
      ],
    );
    return mailbox.rows[0].id;
  });
}

// --- Mail ----------------------------------------------------------------------------------------

/** Raw mails (CRLF, MIME) as customers' clients would send them; deterministic for a seed. */
async function generateMails(count, seed) {
  const random = randomSource(seed);
  const corpus = createCorpus(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const customers = Array.from({ length: Math.max(1, Math.ceil(count / 6)) }, (_, i) => {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const local = `${first}.${last}.${i}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    return { name: `${first} ${last}`, address: `${local}@customer${i % 40}.example` };
  });
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  /** Per customer, the mails they sent so far: what a reply answers. */
  const sent = new Map();
  const mails = [];
  let replies = 0;
  const start = Date.UTC(2026, 4, 4, 8, 0, 0);
  for (let i = 0; i < count; i++) {
    const customer = pick(customers);
    const earlier = sent.get(customer.address) ?? [];
    const answers = earlier.length > 0 && random() < 0.4 ? pick(earlier) : undefined;
    const paragraphs = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
      Array.from({ length: 2 + Math.floor(random() * 4) }, () =>
        pick(corpus.customerSentences),
      ).join(' '),
    );
    const text = `Hello,\n\n${paragraphs.join('\n\n')}\n\nBest regards,\n${customer.name}\n`;
    const style = random();
    const html =
      style < 0.25
        ? `<html><body><p>Hello,</p>${paragraphs.map((p) => `<p>${p}</p>`).join('')}` +
          `<p>Best regards,<br><b>${customer.name}</b></p></body></html>`
        : undefined;
    const messageId = `<bench.${seed}.${i}.${randomBytes(4).toString('hex')}@customer.example>`;
    const subject = answers ? `Re: ${answers.subject}` : pick(corpus.subjects);
    const attachments =
      random() < 0.1
        ? [
            {
              filename: `${pick(['screenshot', 'log', 'invoice', 'export'])}-${i}.bin`,
              content: attachmentBytes(random, 20_000 + Math.floor(random() * 40_000)),
              contentType: 'application/octet-stream',
            },
          ]
        : [];
    const info = await transport.sendMail({
      from: { name: customer.name, address: customer.address },
      to: SUPPORT_ADDRESS,
      subject,
      messageId,
      date: new Date(start + i * 37_000),
      ...(answers ? { inReplyTo: answers.messageId, references: [answers.messageId] } : {}),
      // A quarter HTML only (with text derived by Tessera), some both, most plain text.
      ...(html && style < 0.1 ? { html } : html ? { text, html } : { text }),
      attachments,
    });
    mails.push(info.message);
    if (answers) replies += 1;
    earlier.push({ messageId, subject: answers ? answers.subject : subject });
    sent.set(customer.address, earlier);
  }
  return { mails, replies };
}

function attachmentBytes(random, length) {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

// --- Server --------------------------------------------------------------------------------------

/**
 * The SMTP relay the server sends through: takes every mail and discards it, counting them. A
 * relay that is not there would turn each send into a failure, with its retries and notes.
 */
async function startRelay() {
  let received = 0;
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  // A client that drops its connection (the server stopping with connections kept open) is not
  // the relay's problem; unhandled, the error would end the benchmark without cleaning up.
  server.on('error', () => undefined);
  return {
    port: server.server.address().port,
    received: () => received,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

function startServer(databaseUrl, relay) {
  const spawnedAt = Date.now();
  const profile = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : [];
  const child = spawn(process.execPath, [...profile, CLI, 'serve'], {
    cwd: ROOT,
    env: serverEnv(databaseUrl, {
      PORT: '0',
      MAIL_INTAKE: 'on',
      LOG_LEVEL: 'info',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(relay.port),
      SMTP_TLS: 'none',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  let started;
  let cpuAtStart;
  const intakeStarted = new Promise((resolve) => (started = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    output = (output + chunk).slice(-OUTPUT_TAIL_CHARS);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"mail intake starts"')) continue;
      cpuAtStart ??= processCpuMs(child.pid) ?? 0;
      try {
        started(Date.parse(JSON.parse(line).time));
      } catch {
        started(Date.now());
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    output = (output + chunk).slice(-OUTPUT_TAIL_CHARS);
  });
  let exit;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve((exit = { code, signal })));
  });
  return {
    spawnedAt,
    intakeStarted,
    started: () => cpuAtStart !== undefined,
    output: () => output,
    exited: () => exit,
    /** CPU time the server spent since intake started. */
    intakeCpuMs: () => (processCpuMs(child.pid) ?? 0) - (cpuAtStart ?? 0),
    async stop() {
      if (exit) return exit;
      child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(20_000, undefined, { ref: false })]);
      if (done) return done;
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** User + system CPU time of a process (Linux /proc); undefined once it is gone. */
function processCpuMs(pid) {
  try {
    // utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * CPU time of the PostgreSQL backends serving the database (other than the caller's), by pid:
 * the database's share of the work when PostgreSQL runs on this machine (zeros otherwise).
 */
async function backendCpu(db) {
  const { rows } = await db.query(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return new Map(rows.map((row) => [row.pid, processCpuMs(row.pid) ?? 0]));
}

/** Polls until the mailbox's mail is all stored and none is left unseen on the IMAP server. */
async function watchUntilDone(url, dovecot, mailboxId, server, count) {
  const deadline = performance.now() + TIMEOUT_MS;
  const imap = imapClient(dovecot);
  await imap.connect();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let lastLog = 0;
  let databaseAtStart;
  const databaseLatest = new Map();
  try {
    for (;;) {
      if (server.exited()) throw new Error(`the server exited: ${JSON.stringify(server.exited())}`);
      const stored = Number(
        (
          await db.query('SELECT count(*) AS n FROM inbound_mails WHERE mailbox_id = $1', [
            mailboxId,
          ])
        ).rows[0].n,
      );
      if (server.started()) {
        // Sampled as intake goes: a pooled connection closed before the end keeps its figure,
        // one opened after the start counts whole.
        const now = await backendCpu(db);
        if (!databaseAtStart) databaseAtStart = now;
        else {
          for (const [pid, cpu] of now) {
            if (!databaseAtStart.has(pid)) databaseAtStart.set(pid, 0);
            databaseLatest.set(pid, cpu);
          }
        }
      }
      let unseen = count;
      if (stored >= count) {
        unseen = (await imap.status('INBOX', { unseen: true })).unseen;
        if (unseen === 0) {
          const doneAt = Date.now();
          const serverCpuMs = server.intakeCpuMs();
          for (const [pid, cpu] of await backendCpu(db)) databaseLatest.set(pid, cpu);
          let databaseCpuMs = 0;
          for (const [pid, cpu] of databaseLatest) {
            databaseCpuMs += cpu - (databaseAtStart?.get(pid) ?? 0);
          }
          return { doneAt, unseen, serverCpuMs, databaseCpuMs };
        }
      }
      if (performance.now() - lastLog > 2_000) {
        lastLog = performance.now();
        console.error(`  ${stored}/${count} stored`);
      }
      if (performance.now() > deadline) {
        throw new Error(
          `not done after ${seconds(TIMEOUT_MS)}: ${stored} stored, ${unseen} unseen`,
        );
      }
      await sleep(stored >= count * 0.9 ? POLL_MS : EARLY_POLL_MS);
    }
  } finally {
    await db.end();
    await imap.logout().catch(() => imap.close());
  }
}

/** What was stored, checked against what was sent; the per-window rates from processed_at. */
async function collect(url, mailboxId, count) {
  return withClient(url, async (client) => {
    const problems = [];
    const { rows: version } = await client.query('SHOW server_version');
    const { rows: counts } = await client.query(
      `SELECT count(*)::int AS stored,
              count(DISTINCT message_key)::int AS keys,
              count(*) FILTER (WHERE status = 'imported')::int AS imported,
              count(DISTINCT ticket_message_id)::int AS messages,
              count(DISTINCT ticket_id)::int AS tickets,
              (SELECT count(*)::int FROM attachments a
                 JOIN inbound_mails m ON m.ticket_message_id = a.message_id
                WHERE m.mailbox_id = $1) AS attachments,
              (SELECT count(*)::int FROM ticket_messages t
                 JOIN inbound_mails m ON m.ticket_message_id = t.id
                WHERE m.mailbox_id = $1) AS linked,
              min(processed_at) AS first_at
         FROM inbound_mails WHERE mailbox_id = $1`,
      [mailboxId],
    );
    const c = counts[0];
    if (c.stored !== count) problems.push(`${c.stored} inbound mails stored, ${count} sent`);
    if (c.keys !== c.stored) problems.push(`${c.stored - c.keys} Message-IDs stored twice`);
    if (c.imported !== count) problems.push(`${count - c.imported} mails not imported`);
    if (c.linked !== c.messages) problems.push('a ticket message is linked to two mails');
    const { rows: times } = await client.query(
      `SELECT extract(epoch FROM processed_at) * 1000 AS at
         FROM inbound_mails WHERE mailbox_id = $1 ORDER BY processed_at`,
      [mailboxId],
    );
    const at = times.map((row) => Number(row.at));
    const windowRates = [];
    for (let i = options.window; i < at.length; i += options.window) {
      const span = at[i] - at[i - options.window];
      windowRates.push(span > 0 ? (options.window * 1000) / span : Infinity);
    }
    if (windowRates.length === 0) windowRates.push((at.length * 1000) / (at.at(-1) - at[0] || 1));
    return {
      postgresVersion: version[0].server_version.split(' ')[0],
      stored: c.stored,
      imported: c.imported,
      messages: c.messages,
      tickets: c.tickets,
      attachments: c.attachments,
      firstAt: new Date(c.first_at).getTime(),
      windowRates,
      problems,
    };
  });
}

/**
 * Acknowledgements are queued in the importing transaction and sent by a job afterwards: waits
 * until the relay has taken as many as were queued (or the timeout passes).
 */
async function waitForAcknowledgements(url, relay) {
  const atIntakeEnd = relay.received();
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS queued FROM outgoing_mails WHERE kind = 'acknowledgement'`,
    );
    const queued = rows[0].queued;
    const deadline = performance.now() + ACK_TIMEOUT_MS;
    while (relay.received() < queued && performance.now() < deadline) await sleep(POLL_MS);
    const doneAt = relay.received() >= queued ? Date.now() : undefined;
    return { queued, atIntakeEnd, doneAt };
  });
}

// --- Figures -------------------------------------------------------------------------------------

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
const rate = (n, elapsedMs) => Math.round((n * 1000) / elapsedMs).toLocaleString('en-US');
const rate1 = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '∞');

await main();
