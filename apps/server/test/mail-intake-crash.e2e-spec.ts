// Exactly-once mail intake with real processes: `tessera serve` (MAIL_INTAKE=on) fetching from a
// real Dovecot into a real PostgreSQL database, killed with SIGKILL at random moments and
// restarted, and two replicas sharing one mailbox while the lease changes hands (a replica told to
// stop, a replica frozen until its lease expired). Afterwards every mail is stored exactly once,
// replies sit on their tickets, and the IMAP server shows every mail marked imported. A mail the
// server is killed on whenever it imports it is quarantined after a few times, not retried forever.
//
// The random moments come from a seed printed at the start: MAIL_CRASH_SEED=<seed> repeats a run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MAX_IMPORT_ATTEMPTS } from '../src/modules/mail/intake/mail-intake.service.js';
import {
  freePort,
  logLines,
  runCli,
  runCliToEnd,
  waitForLog,
  type CliProcess,
} from './harness/cli-process.js';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue } from './harness/identity.js';
import {
  aMail,
  aMailbox,
  appendMails,
  eventually,
  listFolder,
  type TestMailbox,
} from './harness/mail-intake.js';
import { createTestDatabase, query, type TestDatabase } from './harness/test-database.js';
import { TEST_SECRET } from './harness/test-server.js';

// eslint-disable-next-line no-restricted-properties -- a test's own knob, not server configuration
const SEED = Number(process.env.MAIL_CRASH_SEED ?? randomBytes(4).readUInt32LE(0));
/** The shortest lease: a killed replica's mailbox is free again after 2 s. */
const LEASE_SECONDS = '2';

/** mulberry32: small and seedable, so a failing run can be repeated with its seed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mails from a few dozen customers; about a fifth are replies to an earlier mail of theirs. */
interface Corpus {
  raws: Buffer[];
  messageIds: string[];
  /** Reply's Message-ID → the Message-ID it answers. */
  replies: Map<string, string>;
}

async function aCorpus(count: number, to: string, random: () => number): Promise<Corpus> {
  const run = randomBytes(3).toString('hex');
  const corpus: Corpus = { raws: [], messageIds: [], replies: new Map() };
  const sent = new Map<string, { messageId: string; subject: string }[]>();
  for (let i = 0; i < count; i++) {
    const customer = `customer${Math.floor(random() * 40)}@crash.example`;
    const earlier = sent.get(customer) ?? [];
    const answers =
      earlier.length > 0 && random() < 0.25
        ? earlier[Math.floor(random() * earlier.length)]
        : undefined;
    const messageId = `<crash-${run}-${i}@crash.example>`;
    const subject = answers ? `Re: ${answers.subject}` : `Request ${i} of run ${run}`;
    corpus.raws.push(
      await aMail({
        from: customer,
        to,
        subject,
        messageId,
        text: `Mail ${i}: the printer on floor ${i % 7} jams again.`,
        ...(i % 10 === 3 ? { html: `<p>Mail <b>${i}</b>: see the screenshot.</p>` } : {}),
        ...(i % 25 === 7
          ? { attachments: [{ filename: `log-${i}.txt`, content: randomBytes(20_000) }] }
          : {}),
        ...(answers ? { inReplyTo: answers.messageId, references: [answers.messageId] } : {}),
      }),
    );
    corpus.messageIds.push(messageId);
    if (answers) corpus.replies.set(messageId, answers.messageId);
    sent.set(customer, [...earlier, { messageId, subject: answers?.subject ?? subject }]);
  }
  return corpus;
}

/** How many of the mailbox's mails are stored (any status). */
async function storedCount(url: string, mailboxId: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    url,
    'SELECT count(*)::int AS n FROM inbound_mails WHERE mailbox_id = $1',
    [mailboxId],
  );
  return row?.n ?? 0;
}

/** Until `count` of the mailbox's mails are stored and every mail is marked on the server. */
async function everyMailStoredAndMarked(
  url: string,
  dovecot: Dovecot,
  mailbox: TestMailbox,
  count: number,
  timeoutMs: number,
): Promise<void> {
  await eventually(
    `${count} mails stored and every one marked`,
    async () => {
      if ((await storedCount(url, mailbox.id)) < count) return undefined;
      const listing = await listFolder(dovecot, mailbox);
      return listing.every((m) => m.flags.includes('\\Seen')) ? true : undefined;
    },
    timeoutMs,
  );
}

/** The keys (Message-IDs) of the mailbox's stored mails. */
async function storedKeys(url: string, mailboxId: string): Promise<Set<string>> {
  const rows = await query<{ message_key: string }>(
    url,
    'SELECT message_key FROM inbound_mails WHERE mailbox_id = $1',
    [mailboxId],
  );
  return new Set(rows.map((row) => row.message_key));
}

/** Stored mails without the ticket message they became: a half-done import. */
async function unfinishedImports(url: string, mailboxId: string): Promise<string[]> {
  const rows = await query<{ message_key: string }>(
    url,
    `SELECT i.message_key FROM inbound_mails i
      WHERE i.mailbox_id = $1
        AND (i.status <> 'imported' OR NOT EXISTS (
              SELECT 1 FROM ticket_messages m
               WHERE m.id = i.ticket_message_id AND m.mail_message_id = i.message_key))`,
    [mailboxId],
  );
  return rows.map((row) => row.message_key);
}

/** Whether an import transaction is open: one that wrote into inbound_mails, not committed yet. */
async function importing(url: string): Promise<boolean> {
  const rows = await query(
    url,
    `SELECT 1 FROM pg_locks l
      WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.relation = 'inbound_mails'::regclass AND l.mode = 'RowExclusiveLock'
        AND l.pid <> pg_backend_pid()`,
  );
  return rows.length > 0;
}

/** The pid in the holder ("host:pid:random") of the mailbox's lease, if anyone holds it. */
async function leasePid(url: string, mailboxId: string): Promise<number | undefined> {
  const [row] = await query<{ holder: string }>(
    url,
    'SELECT holder FROM mailbox_leases WHERE mailbox_id = $1 AND expires_at > now()',
    [mailboxId],
  );
  return row ? Number(row.holder.split(':')[1]) : undefined;
}

/**
 * Everything Tessera stored of the corpus, checked: each mail once as an imported inbound mail,
 * once as a ticket message, each reply on the ticket of the mail it answers, and no ticket
 * acknowledged twice.
 */
async function expectEachStoredOnce(url: string, mailboxId: string, corpus: Corpus) {
  const [inbound] = await query<{ rows: number; keys: number; imported: number }>(
    url,
    `SELECT count(*)::int AS rows, count(DISTINCT message_key)::int AS keys,
            count(*) FILTER (WHERE status = 'imported')::int AS imported
       FROM inbound_mails WHERE mailbox_id = $1`,
    [mailboxId],
  );
  const count = corpus.messageIds.length;
  expect(inbound).toEqual({ rows: count, keys: count, imported: count });
  const messages = await query<{ mail_message_id: string; ticket_id: string }>(
    url,
    'SELECT mail_message_id, ticket_id FROM ticket_messages WHERE mail_message_id = ANY($1)',
    [corpus.messageIds],
  );
  expect(messages).toHaveLength(count);
  const ticketOf = new Map(messages.map((m) => [m.mail_message_id, m.ticket_id]));
  expect(ticketOf.size).toBe(count);
  const misplaced = [...corpus.replies].filter(
    ([reply, original]) => ticketOf.get(reply) !== ticketOf.get(original),
  );
  expect(misplaced).toEqual([]);
  expect(new Set(ticketOf.values()).size).toBe(count - corpus.replies.size);
  const acknowledgedTwice = await query(
    url,
    `SELECT ticket_id FROM outgoing_mails WHERE kind = 'acknowledgement'
      GROUP BY ticket_id HAVING count(*) > 1`,
  );
  expect(acknowledgedTwice).toEqual([]);
}

/** A database migrated by `tessera migrate`, and a mailbox on the test Dovecot, not enabled yet. */
async function setUp(
  dovecot: Dovecot,
  options: { afterImport: 'flag' | 'move' },
): Promise<{ database: TestDatabase; mailbox: TestMailbox }> {
  const database = await createTestDatabase();
  const migrated = await runCliToEnd(['migrate'], {
    DATABASE_URL: database.url,
    TESSERA_SECRET: TEST_SECRET,
  });
  if (migrated.code !== 0) throw new Error(`tessera migrate failed:\n${migrated.output}`);
  const dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const queue = await aQueue(dataSource);
    const mailbox = await aMailbox(dataSource, dovecot, {
      queueId: queue.id,
      enabled: false,
      afterImport: options.afterImport,
    });
    return { database, mailbox };
  } finally {
    await dataSource.destroy();
  }
}

function serve(databaseUrl: string, port: number, env: Record<string, string> = {}): CliProcess {
  return runCli(['serve'], {
    DATABASE_URL: databaseUrl,
    TESSERA_SECRET: TEST_SECRET,
    PORT: String(port),
    MAIL_INTAKE: 'on',
    MAIL_LEASE_SECONDS: LEASE_SECONDS,
    LOG_LEVEL: 'info',
    ...env,
  });
}

/**
 * The kills below are aimed at imports, and a restarted server takes up the mail it stopped on
 * first, so several kills in a row can land on one mail: by the default MAIL_IMPORT_STOP_LIMIT it
 * would rightly be quarantined as a mail that stops the server (the subject of the poison test
 * further down). Here every mail must end up imported, so the limit is out of reach.
 */
const NO_STOP_LIMIT = { MAIL_IMPORT_STOP_LIMIT: '1000' };

const intakeStarts = (mailboxId: string) => (line: { msg?: string; mailboxId?: unknown }) =>
  line.msg === 'mail intake starts' && line.mailboxId === mailboxId;

async function stop(child: CliProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  await child.exited;
}

console.log(`mail intake crash tests: MAIL_CRASH_SEED=${SEED}`);

describe('mail intake killed with SIGKILL at random moments', () => {
  const MAILS = 500;
  const KILLS = 6;
  const MOMENTS = ['mid-transaction', 'between commit and marking', 'at random'] as const;
  const random = randomSource(SEED);
  let dovecot: Dovecot;
  let database: TestDatabase;
  let mailbox: TestMailbox;
  let corpus: Corpus;
  const processes: CliProcess[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    ({ database, mailbox } = await setUp(dovecot, { afterImport: 'flag' }));
    corpus = await aCorpus(MAILS, mailbox.address, random);
    await appendMails(dovecot, mailbox, corpus.raws);
    await query(database.url, 'UPDATE mailboxes SET enabled = true WHERE id = $1', [mailbox.id]);
  });
  afterAll(async () => {
    for (const child of processes) await stop(child, 'SIGKILL');
    await database?.drop();
    await dovecot?.stop();
  });

  it(`imports ${MAILS} mails exactly once across ${KILLS} kills, each taking over the lease`, async () => {
    const cycles: string[] = [];
    let kills = 0;
    while (kills < KILLS) {
      if (cycles.length >= 3 * KILLS)
        throw new Error(`intake outran the kills:\n${cycles.join('\n')}`);
      const before = await storedCount(database.url, mailbox.id);
      const killedAt = Date.now();
      const child = serve(database.url, await freePort(), NO_STOP_LIMIT);
      processes.push(child);
      // Once the killed replica's lease expired, the new one takes the mailbox over.
      await waitForLog(child, intakeStarts(mailbox.id));
      const takeoverMs = Date.now() - killedAt;
      expect(await leasePid(database.url, mailbox.id)).toBe(child.process.pid);
      // Where the kill lands, in turn: inside an import transaction (rows claimed, nothing
      // committed); between a commit and the marking of its mails on the server (the IMAP
      // session is paused once a transaction is open, so the marking cannot be done before the
      // kill); or at a random moment (connecting, fetching, parsing...) but no later than just
      // after the first commit. Each run imports a batch or two at most, however fast it is.
      const moment = MOMENTS[cycles.length % MOMENTS.length] ?? 'at random';
      const deadline = Date.now() + (moment === 'at random' ? random() * 4000 : 60_000);
      const paused: number[] = [];
      let baseline = before;
      let reached = false;
      while (!reached && Date.now() < deadline) {
        if (moment === 'mid-transaction') reached = await importing(database.url);
        else if (moment === 'at random' || paused.length > 0) {
          reached = (await storedCount(database.url, mailbox.id)) > baseline;
        } else if (await importing(database.url)) {
          paused.push(...(await dovecot.sessionPids()));
          for (const pid of paused) process.kill(pid, 'SIGSTOP');
          // Whatever committed before the pause may be marked; what commits after cannot be.
          baseline = await storedCount(database.url, mailbox.id);
        }
        if (!reached) await pause(5);
      }
      if (moment === 'at random' && reached) await pause(random() * 30);
      await stop(child, 'SIGKILL');
      // The paused sessions go too, unanswered commands and all: the connection is gone.
      for (const pid of paused) process.kill(pid, 'SIGKILL');

      // Whatever the moment: nothing half-imported, nothing marked on the server uncommitted.
      const stored = await storedKeys(database.url, mailbox.id);
      expect(await unfinishedImports(database.url, mailbox.id)).toEqual([]);
      const listing = await listFolder(dovecot, mailbox);
      const marked = listing.filter((m) => m.flags.includes('\\Seen'));
      expect(marked.filter((m) => !stored.has(m.messageId))).toEqual([]);
      if (moment === 'between commit and marking' && reached) {
        expect(marked.length).toBeLessThanOrEqual(baseline);
        expect(stored.size).toBeGreaterThan(baseline);
      }
      const during = stored.size < MAILS || marked.length < MAILS;
      if (during) kills += 1;
      cycles.push(
        `start → lease taken ${takeoverMs} ms; killed ${reached ? moment : 'at random'}: ` +
          `stored ${before} → ${stored.size}, marked on the server ${marked.length}` +
          (during ? '' : ' (already done: not counted)'),
      );
    }
    // One last run, left to finish.
    const last = serve(database.url, await freePort(), NO_STOP_LIMIT);
    processes.push(last);
    await waitForLog(last, intakeStarts(mailbox.id));
    await everyMailStoredAndMarked(database.url, dovecot, mailbox, MAILS, 90_000);
    await stop(last);
    console.log(`seed ${SEED}:\n${cycles.join('\n')}`);

    await expectEachStoredOnce(database.url, mailbox.id, corpus);
    const listing = await listFolder(dovecot, mailbox);
    expect(listing).toHaveLength(MAILS);
    expect(listing.filter((m) => !m.flags.includes('\\Seen'))).toEqual([]);
    expect(new Set(listing.map((m) => m.messageId))).toEqual(new Set(corpus.messageIds));
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 240_000);
});

describe('two replicas sharing one mailbox while its lease changes hands', () => {
  const WAITING = 300;
  const ARRIVING = 200;
  const random = randomSource(SEED ^ 0x5bd1e995);
  let dovecot: Dovecot;
  let database: TestDatabase;
  let mailbox: TestMailbox;
  let corpus: Corpus;
  const replicas: CliProcess[] = [];

  async function start(): Promise<CliProcess> {
    const child = serve(database.url, await freePort());
    replicas.push(child);
    return child;
  }

  /** The running replica holding the lease, once one does. */
  async function holder(): Promise<CliProcess> {
    return eventually(
      'a replica holding the lease',
      async () => {
        const pid = await leasePid(database.url, mailbox.id);
        return replicas.find((r) => r.process.pid === pid && r.process.exitCode === null);
      },
      30_000,
    );
  }

  async function progressBeyond(count: number): Promise<void> {
    await eventually(
      `more than ${count} mails stored`,
      async () => ((await storedCount(database.url, mailbox.id)) > count ? true : undefined),
      60_000,
    );
  }

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    // Moved to a folder after import this time: the other way of marking mail imported.
    ({ database, mailbox } = await setUp(dovecot, { afterImport: 'move' }));
    corpus = await aCorpus(WAITING + ARRIVING, mailbox.address, random);
    await appendMails(dovecot, mailbox, corpus.raws.slice(0, WAITING));
    await query(database.url, 'UPDATE mailboxes SET enabled = true WHERE id = $1', [mailbox.id]);
  });
  afterAll(async () => {
    for (const child of replicas) {
      if (child.process.signalCode === null) child.process.kill('SIGCONT');
      await stop(child, 'SIGKILL');
    }
    await database?.drop();
    await dovecot?.stop();
  });

  it(`imports ${WAITING} waiting and ${ARRIVING} arriving mails exactly once`, async () => {
    await start();
    await start();
    // More mail keeps arriving while the replicas work and hand over: half of it at once, the
    // other half while the second handover is under way (there is work left to hand over).
    const arrive = async (from: number, to: number) => {
      for (let start = from; start < to; start += 20) {
        await pause(100 + random() * 300);
        await appendMails(dovecot, mailbox, corpus.raws.slice(start, Math.min(start + 20, to)));
      }
    };
    const half = WAITING + ARRIVING / 2;
    const arrivals = [arrive(WAITING, half)];
    let frozen: CliProcess | undefined;
    try {
      // 1. The holder is told to stop mid-way: it finishes its batch, gives the lease back, and
      //    the replica standing by takes over.
      const a = await holder();
      await progressBeyond(0);
      await stop(a, 'SIGTERM');
      expect(a.process.exitCode).toBe(0);
      const b = await holder();
      expect(b).not.toBe(a);
      const third = await start();

      // 2. The new holder freezes (a long pause, a stalled VM) past its lease: the third replica
      //    takes the mailbox while the frozen one still thinks it has it, mid-batch perhaps,
      //    and goes on once thawed until it sees the lease is gone.
      await Promise.all(arrivals);
      arrivals.push(arrive(half, WAITING + ARRIVING));
      await progressBeyond(await storedCount(database.url, mailbox.id));
      await pause(random() * 200);
      b.process.kill('SIGSTOP');
      frozen = b;
      const c = await eventually(
        'another replica taking the expired lease',
        async () => {
          const pid = await leasePid(database.url, mailbox.id);
          return pid !== undefined && pid !== b.process.pid
            ? replicas.find((r) => r.process.pid === pid)
            : undefined;
        },
        30_000,
      );
      expect(c).toBe(third);
      await pause(500 + random() * 1000);
      b.process.kill('SIGCONT');
      await waitForLog(
        b,
        (line) => line.msg === 'mail intake stops: lease lost or mailbox disabled',
      );

      await Promise.all(arrivals);
      await eventually(
        'every mail stored and moved',
        async () => {
          if ((await storedCount(database.url, mailbox.id)) < WAITING + ARRIVING) return undefined;
          return (await listFolder(dovecot, mailbox)).length === 0 ? true : undefined;
        },
        90_000,
      );
    } finally {
      await Promise.allSettled(arrivals);
    }
    console.log(
      `seed ${SEED}: the frozen replica, thawed, ` +
        (frozen && logLines(frozen).some((line) => line.msg === 'mail intake pass ends: lease lost')
          ? 'found its lease gone before committing a batch and left it to the new holder'
          : 'had no import left to commit'),
    );

    await expectEachStoredOnce(database.url, mailbox.id, corpus);
    // Moved exactly once each: one copy of every mail in the folder, none left behind.
    const moved = await listFolder(dovecot, mailbox, 'Imported');
    expect(moved.map((m) => m.messageId).sort()).toEqual([...corpus.messageIds].sort());
    expect(await listFolder(dovecot, mailbox)).toEqual([]);
    // Leadership changed hands: at least three replicas started fetching the mailbox.
    const starters = replicas.filter((r) => logLines(r).some(intakeStarts(mailbox.id)));
    expect(starters.length).toBeGreaterThanOrEqual(3);
  }, 240_000);
});

describe('a mail the server stops on whenever it imports it', () => {
  const MAILS = 12;
  /** The poison mail's place: mails before and after it in its batch. */
  const POISON = 5;
  let dovecot: Dovecot;
  let database: TestDatabase;
  let mailbox: TestMailbox;
  let raws: Buffer[];
  let ids: string[];
  let blocker: pg.Client | undefined;
  const processes: CliProcess[] = [];

  async function mails(count: number, prefix: string) {
    const run = randomBytes(3).toString('hex');
    const made = { raws: [] as Buffer[], ids: [] as string[] };
    for (let i = 0; i < count; i++) {
      const messageId = `<${prefix}-${run}-${i}@poison.example>`;
      made.raws.push(
        await aMail({
          from: `customer${i}@poison.example`,
          to: mailbox.address,
          subject: `${prefix} ${i} of run ${run}`,
          text: `Mail ${i}`,
          messageId,
        }),
      );
      made.ids.push(messageId);
    }
    return made;
  }

  /** The mailbox's imports recorded as started and not ended, by key. */
  async function unfinished(): Promise<Map<string, number>> {
    const rows = await query<{ message_key: string; attempts: number }>(
      database.url,
      'SELECT message_key, attempts FROM inbound_mail_attempts WHERE mailbox_id = $1',
      [mailbox.id],
    );
    return new Map(rows.map((row) => [row.message_key, row.attempts]));
  }

  /** Whether an import waits for the lock the test holds on the poison mail's Message-ID. */
  async function importingPoison(): Promise<boolean> {
    const rows = await query(
      database.url,
      `SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return rows.length > 0;
  }

  /**
   * Ends the connections of a killed server, as PostgreSQL does once it notices they are gone (a
   * backend waiting for a lock notices only later), and waits until they are.
   */
  async function dropConnections(): Promise<void> {
    const others = `FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'tessera'
        AND pid <> pg_backend_pid()`;
    await query(database.url, `SELECT pg_terminate_backend(pid) ${others}`);
    await eventually('the killed server’s connections gone', async () =>
      (await query(database.url, `SELECT 1 ${others}`)).length === 0 ? true : undefined,
    );
  }

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    ({ database, mailbox } = await setUp(dovecot, { afterImport: 'flag' }));
    ({ raws, ids } = await mails(MAILS, 'poison'));
    await appendMails(dovecot, mailbox, raws);
    await query(database.url, 'UPDATE mailboxes SET enabled = true WHERE id = $1', [mailbox.id]);
  });
  afterAll(async () => {
    for (const child of processes) await stop(child, 'SIGKILL');
    await blocker?.end();
    await database?.drop();
    await dovecot?.stop();
  });

  it(`quarantines it after the server stopped ${MAX_IMPORT_ATTEMPTS} times on it, importing the others once`, async () => {
    const poison = ids[POISON] ?? '';
    // The test holds the lock an import takes on the poison mail's Message-ID (as the import of
    // the same mail through another mailbox would): that import cannot end, and the server is
    // killed while it waits, as a mail that kills the process would kill it.
    blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [poison]);

    /** What the first round's batch stored: the groups of mails unrelated to the poison mail. */
    let storedInBatch = new Set<string>();
    for (let round = 1; round <= MAX_IMPORT_ATTEMPTS; round++) {
      const child = serve(database.url, await freePort());
      processes.push(child);
      await waitForLog(child, intakeStarts(mailbox.id));
      await eventually('the poison mail being imported', async () =>
        (await importingPoison()) ? true : undefined,
      );
      await stop(child, 'SIGKILL');
      await dropConnections();

      // Its import was recorded as started, and committed, before it began; the records outlive
      // the server.
      const recorded = await unfinished();
      expect(recorded.get(poison)).toBe(round);
      const stored = await storedKeys(database.url, mailbox.id);
      if (round === 1) {
        // One batch, in transactions side by side: the poison mail's group never commits; the
        // other groups may have (their records ended). Every mail not stored is recorded once.
        expect(stored.has(poison)).toBe(false);
        expect(recorded).toEqual(new Map(ids.filter((id) => !stored.has(id)).map((id) => [id, 1])));
        storedInBatch = stored;
      } else {
        // Then mail by mail: the mails before it stored (and their records ended), the mails
        // after it not tried alone yet, unless the batch had stored them.
        expect(stored).toEqual(new Set([...ids.slice(0, POISON), ...storedInBatch]));
        expect(new Map([...recorded].filter(([key]) => key !== poison))).toEqual(
          new Map(
            ids
              .slice(POISON + 1)
              .filter((id) => !storedInBatch.has(id))
              .map((id) => [id, 1]),
          ),
        );
      }
    }
    await blocker.query('ROLLBACK');
    await blocker.end();
    blocker = undefined;

    // Started again: the poison mail is quarantined instead of imported, the others imported, and
    // every mail marked on the server.
    const last = serve(database.url, await freePort());
    processes.push(last);
    await everyMailStoredAndMarked(database.url, dovecot, mailbox, MAILS, 60_000);
    const [kept] = await query<{ status: string; reason: string; raw: Buffer }>(
      database.url,
      'SELECT status, reason, raw FROM inbound_mails WHERE mailbox_id = $1 AND message_key = $2',
      [mailbox.id, poison],
    );
    expect(kept).toEqual({
      status: 'quarantined',
      reason: `the server stopped ${MAX_IMPORT_ATTEMPTS} times while importing this mail`,
      raw: raws[POISON],
    });
    const others = ids.filter((id) => id !== poison);
    const imported = await query<{ message_key: string }>(
      database.url,
      `SELECT message_key FROM inbound_mails WHERE mailbox_id = $1 AND status = 'imported'`,
      [mailbox.id],
    );
    expect(imported.map((row) => row.message_key).sort()).toEqual([...others].sort());
    const messages = await query<{ mail_message_id: string }>(
      database.url,
      'SELECT mail_message_id FROM ticket_messages WHERE mail_message_id = ANY($1)',
      [ids],
    );
    expect(messages.map((m) => m.mail_message_id).sort()).toEqual([...others].sort());
    expect(await unfinished()).toEqual(new Map());

    // Intake goes on with new mail.
    const more = await mails(3, 'after');
    await appendMails(dovecot, mailbox, more.raws);
    await everyMailStoredAndMarked(database.url, dovecot, mailbox, MAILS + 3, 60_000);
    const stored = await storedKeys(database.url, mailbox.id);
    expect(more.ids.filter((id) => !stored.has(id))).toEqual([]);
    expect(await unfinished()).toEqual(new Map());
    await stop(last);
    expect(last.process.exitCode).toBe(0);
  }, 180_000);
});
