// Mail intake imports waiting mail in batches, one transaction each: a batch whose transaction
// fails is imported again mail by mail (only the failing mail is left for the next pass), a mail
// that sits twice in the folder is imported once, a reply finds the ticket its original opened
// in the same batch, and a batch commits only while its replica holds the mailbox's lease. A batch
// with imports the server stopped during (killed, out of memory) is imported mail by mail, and a
// mail the server stopped on too often is quarantined.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { MailboxLeaseLostError } from '../src/modules/mail/intake/mail-intake.error.js';
import { MailImportService } from '../src/modules/mail/intake/mail-import.service.js';
import { MailIntakeRepository } from '../src/modules/mail/intake/mail-intake.repository.js';
import { BATCH_SIZE } from '../src/modules/mail/intake/mail-intake.service.js';
import { IntakeBacklog } from '../src/modules/mail/intake/intake-backlog.js';
import { loadConfig } from '../src/config/env.config.js';
import { TicketMessageHooks } from '../src/modules/ticket/ticket-message-hooks.js';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue } from './harness/identity.js';
import {
  aMail,
  aMailbox,
  appendMails,
  listFolder,
  runIntake,
  type TestMailbox,
} from './harness/mail-intake.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const unique = () => randomBytes(4).toString('hex');
/** MAIL_IMPORT_STOP_LIMIT as the test servers run with it: the default. */
const STOP_LIMIT = loadConfig({}).mailIntake.importStopLimit;

describe('mail intake in batches', () => {
  let dovecot: Dovecot;
  let server: TestServer;
  let queueId: string;
  /** Whether a backlog was being imported, as each mail's message hook saw it (when set). */
  let backlogSeen: boolean[] | undefined;
  /** Subjects whose message hook throws (a bug that rolls the import back). */
  const failing = new Set<string>();
  /** How many of the next hook calls throw, whatever the mail. */
  let failingOnce = 0;

  const db = () => server.dataSource;

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    server = await startTestServer({ database: 'postgres', env: { MAIL_INTAKE: 'off' } });
    server.server.app.get(TicketMessageHooks).register(async (manager, [message]) => {
      const [ticket] = await manager.query<{ subject: string }[]>(
        'SELECT subject FROM tickets WHERE id = $1',
        [message.ticketId],
      );
      backlogSeen?.push(server.server.app.get(IntakeBacklog).busy);
      if (failingOnce > 0) {
        failingOnce -= 1;
        throw new Error('injected failure before commit');
      }
      if (ticket && failing.has(ticket.subject)) throw new Error('a bug in a hook');
    });
    queueId = (await aQueue(db())).id;
  });
  afterAll(async () => {
    await server?.close();
    await dovecot?.stop();
  });
  beforeEach(() => {
    failing.clear();
    failingOnce = 0;
  });

  async function mails(mailbox: TestMailbox, count: number, prefix: string) {
    const run = unique();
    const ids = Array.from({ length: count }, (_, i) => `<${prefix}-${run}-${i}@customer.example>`);
    const raws = await Promise.all(
      ids.map((messageId, i) =>
        aMail({
          from: `customer-${i}@customer.example`,
          to: mailbox.address,
          subject: `${prefix} ${run} ${i}`,
          text: `Mail ${i}`,
          messageId,
        }),
      ),
    );
    return { ids, raws, subject: (i: number) => `${prefix} ${run} ${i}` };
  }

  async function storedIds(mailbox: TestMailbox): Promise<string[]> {
    const rows = await db().query<{ message_key: string }[]>(
      `SELECT message_key FROM inbound_mails WHERE mailbox_id = $1 AND status = 'imported'
        ORDER BY message_key`,
      [mailbox.id],
    );
    return rows.map((row) => row.message_key);
  }

  /** The imports of the mailbox's mails recorded as started and not ended. */
  async function unfinishedImports(mailbox: TestMailbox) {
    return db().query<{ message_key: string; attempts: number }[]>(
      'SELECT message_key, attempts FROM inbound_mail_attempts WHERE mailbox_id = $1',
      [mailbox.id],
    );
  }

  /** In how many transactions the mailbox's imported mails were written. */
  async function transactions(mailbox: TestMailbox): Promise<number> {
    const [row] = await db().query<{ n: number }[]>(
      `SELECT count(DISTINCT xmin::text)::int AS n FROM inbound_mails
        WHERE mailbox_id = $1 AND status = 'imported'`,
      [mailbox.id],
    );
    return row?.n ?? 0;
  }

  it('counts more than a batch of waiting mail as a backlog while it imports it, less not', async () => {
    const backlog = server.server.app.get(IntakeBacklog);
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const many = await mails(mailbox, BATCH_SIZE + 1, 'Backlog');
    await appendMails(dovecot, mailbox, many.raws);
    backlogSeen = [];
    try {
      expect(await runIntake(server, mailbox.id)).toMatchObject({ imported: BATCH_SIZE + 1 });
      expect(backlogSeen).toEqual(Array.from({ length: BATCH_SIZE + 1 }, () => true));
      expect(backlog.busy).toBe(false);

      const few = await mails(mailbox, 3, 'Few');
      await appendMails(dovecot, mailbox, few.raws);
      backlogSeen = [];
      expect(await runIntake(server, mailbox.id)).toMatchObject({ imported: 3 });
      expect(backlogSeen).toEqual([false, false, false]);
    } finally {
      backlogSeen = undefined;
    }
  });

  it('imports a failed batch mail by mail, leaving only the failing mail for the next pass', async () => {
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const { ids, raws, subject } = await mails(mailbox, 5, 'Batch');
    await appendMails(dovecot, mailbox, raws);
    failing.add(subject(2));

    expect(await runIntake(server, mailbox.id)).toMatchObject({
      fetched: 5,
      imported: 4,
      failed: 1,
    });
    expect(await storedIds(mailbox)).toEqual(ids.filter((_, i) => i !== 2).sort());
    const listing = await listFolder(dovecot, mailbox);
    expect(listing.filter((m) => !m.flags.includes('\\Seen')).map((m) => m.messageId)).toEqual([
      ids[2],
    ]);

    // The failed import ended (with an error, counted apart): no import is left unfinished.
    expect(await unfinishedImports(mailbox)).toEqual([]);

    failing.clear();
    expect(await runIntake(server, mailbox.id)).toMatchObject({ fetched: 1, imported: 1 });
    expect(await storedIds(mailbox)).toEqual([...ids].sort());
  });

  it('imports a batch in transactions side by side (up to four), related mails in the same one, and leaves no record of its imports behind', async () => {
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const run = unique();
    const ann = `ann-${run}@customer.example`;
    const bob = `bob-${run}@customer.example`;
    const id = (name: string) => `<${name}-${run}@customer.example>`;
    const raws = [
      await aMail({
        from: ann,
        cc: bob,
        to: mailbox.address,
        subject: 'Printer',
        text: 'It jams.',
        messageId: id('printer'),
      }),
      // Bob, copied on Ann's mail, answers it: it must see the ticket Ann's mail opens.
      await aMail({
        from: bob,
        to: mailbox.address,
        subject: 'Re: Printer',
        text: 'Mine too.',
        messageId: id('bob-reply'),
        inReplyTo: id('printer'),
        references: [id('printer')],
      }),
      // Ann again: the same customer, found (not created twice).
      await aMail({
        from: ann,
        to: mailbox.address,
        subject: 'Scanner',
        text: 'It is slow.',
        messageId: id('scanner'),
      }),
      ...(await Promise.all(
        [0, 1, 2].map((i) =>
          aMail({
            from: `other-${i}-${run}@customer.example`,
            to: mailbox.address,
            subject: `Other ${i}`,
            text: 'Hello',
            messageId: id(`other-${i}`),
          }),
        ),
      )),
    ];
    await appendMails(dovecot, mailbox, raws);

    expect(await runIntake(server, mailbox.id)).toMatchObject({ fetched: 6, imported: 6 });
    // Ann's two mails and Bob's reply in one transaction, each unrelated mail in one of its own.
    expect(await transactions(mailbox)).toBe(4);
    const written = new Map(
      (
        await db().query<{ message_key: string; tx: string }[]>(
          'SELECT message_key, xmin::text AS tx FROM inbound_mails WHERE mailbox_id = $1',
          [mailbox.id],
        )
      ).map((row) => [row.message_key, row.tx]),
    );
    expect(written.get(id('bob-reply'))).toBe(written.get(id('printer')));
    expect(written.get(id('scanner'))).toBe(written.get(id('printer')));
    const tickets = await db().query<{ mail_message_id: string; ticket_id: string }[]>(
      'SELECT mail_message_id, ticket_id FROM ticket_messages WHERE mail_message_id = ANY($1)',
      [[id('printer'), id('bob-reply')]],
    );
    expect(new Set(tickets.map((t) => t.ticket_id)).size).toBe(1);
    expect(await db().query('SELECT 1 FROM users WHERE lower(email) = $1', [ann])).toHaveLength(1);
    expect(await unfinishedImports(mailbox)).toEqual([]);
  });

  it('imports mail by mail a batch with imports the server stopped during, quarantining a mail it stopped on too often', async () => {
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const { ids, raws, subject } = await mails(mailbox, 4, 'Stopped');
    await appendMails(dovecot, mailbox, raws);
    // As a server killed while importing them leaves them: the server stopped on mail 1 as often
    // as it may, on mail 2 once.
    await db().query(
      `INSERT INTO inbound_mail_attempts (mailbox_id, message_key, attempts)
       VALUES ($1, $2, $3), ($1, $4, 1)`,
      [mailbox.id, ids[1], STOP_LIMIT, ids[2]],
    );

    expect(await runIntake(server, mailbox.id)).toMatchObject({
      fetched: 4,
      imported: 3,
      quarantined: 1,
      failed: 0,
    });
    expect(await storedIds(mailbox)).toEqual([ids[0], ids[2], ids[3]].sort());
    // One transaction a mail: whichever stops the server is singled out.
    expect(await transactions(mailbox)).toBe(3);
    const [kept] = await db().query<{ status: string; reason: string; raw: Buffer }[]>(
      'SELECT status, reason, raw FROM inbound_mails WHERE mailbox_id = $1 AND message_key = $2',
      [mailbox.id, ids[1]],
    );
    expect(kept).toEqual({
      status: 'quarantined',
      reason: `the server stopped ${STOP_LIMIT} times while importing this mail`,
      raw: raws[1],
    });
    expect(await db().query('SELECT 1 FROM tickets WHERE subject = $1', [subject(1)])).toEqual([]);
    expect(await unfinishedImports(mailbox)).toEqual([]);
    expect((await listFolder(dovecot, mailbox)).every((m) => m.flags.includes('\\Seen'))).toBe(
      true,
    );
  });

  it('imports the whole batch when its transaction failed only once (mail by mail)', async () => {
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const { ids, raws } = await mails(mailbox, 3, 'Once');
    await appendMails(dovecot, mailbox, raws);
    failingOnce = 1;

    expect(await runIntake(server, mailbox.id)).toMatchObject({
      fetched: 3,
      imported: 3,
      failed: 0,
    });
    expect(await storedIds(mailbox)).toEqual([...ids].sort());
    expect((await listFolder(dovecot, mailbox)).every((m) => m.flags.includes('\\Seen'))).toBe(
      true,
    );
  });

  it('imports a mail that sits twice in one batch once, and marks both copies', async () => {
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const { ids, raws } = await mails(mailbox, 2, 'Twice');
    await appendMails(dovecot, mailbox, [raws[0], raws[1], raws[0]]);

    expect(await runIntake(server, mailbox.id)).toMatchObject({
      fetched: 3,
      imported: 2,
      duplicate: 1,
      failed: 0,
    });
    const messages = await db().query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM ticket_messages WHERE mail_message_id = $1',
      [ids[0]],
    );
    expect(messages).toEqual([{ n: 1 }]);
    expect((await listFolder(dovecot, mailbox)).every((m) => m.flags.includes('\\Seen'))).toBe(
      true,
    );
  });

  it('puts a reply on the ticket its original opened earlier in the same batch', async () => {
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const originalId = `<original-${unique()}@customer.example>`;
    const replyId = `<reply-${unique()}@customer.example>`;
    const from = `ann-${unique()}@customer.example`;
    await appendMails(dovecot, mailbox, [
      await aMail({
        from,
        to: mailbox.address,
        subject: 'Printer',
        text: 'It jams.',
        messageId: originalId,
      }),
      await aMail({
        from,
        to: mailbox.address,
        subject: 'Re: Printer',
        text: 'Still jams.',
        messageId: replyId,
        inReplyTo: originalId,
        references: [originalId],
      }),
    ]);

    expect(await runIntake(server, mailbox.id)).toMatchObject({ imported: 2, failed: 0 });
    const rows = await db().query<{ ticket_id: string }[]>(
      'SELECT DISTINCT ticket_id FROM ticket_messages WHERE mail_message_id = ANY($1)',
      [[originalId, replyId]],
    );
    expect(rows).toHaveLength(1);
  });

  it('commits a batch only while its replica holds the lease, writing nothing otherwise', async () => {
    const mailbox = await aMailbox(db(), dovecot, { queueId });
    const intakeMailbox = await server.server.app.get(MailIntakeRepository).findMailbox(mailbox.id);
    if (!intakeMailbox) throw new Error('no mailbox');
    const importer = server.server.app.get(MailImportService);
    const { ids, raws } = await mails(mailbox, 2, 'Fenced');
    const prepared = await Promise.all(
      raws.map((raw) =>
        importer.prepare(intakeMailbox, { raw, receivedAt: null, size: raw.length }),
      ),
    );
    const readable = prepared.map((p) => {
      if (!('mail' in p)) throw new Error(`unreadable: ${p.problem}`);
      return p;
    });
    const users = await db().query('SELECT count(*)::int AS n FROM users');
    await db().query(
      `INSERT INTO mailbox_leases (mailbox_id, holder, acquired_at, expires_at)
       VALUES ($1, 'another-replica', now(), now() + interval '1 hour')`,
      [mailbox.id],
    );

    await expect(importer.importBatch(intakeMailbox, readable, 'this-replica')).rejects.toThrow(
      MailboxLeaseLostError,
    );
    // A lease that lapsed is lost too, even if nobody took it yet.
    await db().query(
      `UPDATE mailbox_leases SET holder = 'this-replica', expires_at = now() - interval '1 second'
        WHERE mailbox_id = $1`,
      [mailbox.id],
    );
    await expect(importer.importBatch(intakeMailbox, readable, 'this-replica')).rejects.toThrow(
      MailboxLeaseLostError,
    );
    expect(await storedIds(mailbox)).toEqual([]);
    expect(
      await db().query('SELECT 1 FROM ticket_messages WHERE mail_message_id = ANY($1)', [ids]),
    ).toEqual([]);
    expect(await db().query('SELECT count(*)::int AS n FROM users')).toEqual(users);

    await db().query(
      `UPDATE mailbox_leases SET expires_at = now() + interval '1 hour' WHERE mailbox_id = $1`,
      [mailbox.id],
    );
    const results = await importer.importBatch(intakeMailbox, readable, 'this-replica');
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect(await storedIds(mailbox)).toEqual([...ids].sort());
  });
});
