// Intake running in the background (MAIL_INTAKE=on) on two replicas of one database: one holds a
// mailbox's lease and fetches as mail arrives (IDLE), the other stands by and takes over when the
// holder stops or its lease expires. And intake on the embedded database's single connection.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  MailboxLeasedElsewhereError,
  type MailIntakeService,
} from '../src/modules/mail/intake/mail-intake.service.js';
import { startDovecot, type Dovecot } from './harness/dovecot.js';
import { aQueue } from './harness/identity.js';
import {
  aMail,
  aMailbox,
  eventually,
  intakeOf,
  listFolder,
  runIntake,
  unflagAll,
  type TestMailbox,
} from './harness/mail-intake.js';
import { createTestDatabase, type TestDatabase } from './harness/test-database.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const unique = () => randomBytes(4).toString('hex');

describe('mail intake on two replicas', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let replicas: TestServer[] = [];
  let mailbox: TestMailbox;
  /** The replica holding the lease, and the one standing by. */
  let holder: TestServer;
  let standby: TestServer;

  const db = () => standby.dataSource;

  async function leaseHolder(): Promise<string | undefined> {
    const [row] = await db().query<{ holder: string }[]>(
      'SELECT holder FROM mailbox_leases WHERE mailbox_id = $1',
      [mailbox.id],
    );
    return row?.holder;
  }

  /** Delivers a mail and waits until a replica imported it in the background. */
  async function deliveredAndImported(): Promise<void> {
    const mailId = `<${unique()}@customer.example>`;
    await dovecot.deliver(
      mailbox.user,
      await aMail({
        from: 'ann@customer.example',
        to: mailbox.address,
        subject: `Background ${unique()}`,
        text: 'x',
        messageId: mailId,
      }),
    );
    await eventually(`the background import of ${mailId}`, async () => {
      const [row] = await db().query<{ status: string }[]>(
        'SELECT status FROM inbound_mails WHERE message_key = $1',
        [mailId],
      );
      return row?.status === 'imported' ? row : undefined;
    });
  }

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    database = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startTestServer({
          database: 'postgres',
          databaseUrl: database.url,
          env: { MAIL_INTAKE: 'on' },
        }),
      );
    }
    const queueId = (await aQueue(replicas[0].dataSource)).id;
    mailbox = await aMailbox(replicas[0].dataSource, dovecot, { queueId });
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await database?.drop();
    await dovecot?.stop();
  });

  it('lets one replica hold the lease and fetch in the background while the other stands by', async () => {
    // Each replica also checks by itself every 15 s; whichever claimed first holds the lease.
    for (const replica of replicas) await intakeOf(replica).reconcile();
    const active = replicas.filter((r) => intakeOf(r).activeMailboxIds().includes(mailbox.id));
    expect(active).toHaveLength(1);
    holder = active[0]!;
    standby = replicas.find((r) => r !== holder)!;
    expect(await leaseHolder()).toBe(intakeOf(holder).holder);
    expect(intakeOf(standby).activeMailboxIds()).toEqual([]);
    await expect(runIntake(standby, mailbox.id)).rejects.toThrow(MailboxLeasedElsewhereError);

    await deliveredAndImported();
    await deliveredAndImported();
    expect((await listFolder(dovecot, mailbox)).every((m) => m.flags.includes('\\Seen'))).toBe(
      true,
    );
  });

  it('hands the mailbox over when the holder stops: the lease is given back and taken at once', async () => {
    await holder.close();
    replicas = replicas.filter((r) => r !== holder);
    expect(await leaseHolder()).toBeUndefined();

    await intakeOf(standby).reconcile();
    expect(intakeOf(standby).activeMailboxIds()).toEqual([mailbox.id]);
    expect(await leaseHolder()).toBe(intakeOf(standby).holder);
    await deliveredAndImported();
  });

  it('stops fetching when another replica took the lease, and takes an expired one over', async () => {
    const intake: MailIntakeService = intakeOf(standby);
    // Another replica holds it (e.g. this one lost the database for longer than the lease).
    await db().query(
      `UPDATE mailbox_leases SET holder = 'another-replica', expires_at = now() + interval '1 hour'
        WHERE mailbox_id = $1`,
      [mailbox.id],
    );
    await intake.reconcile();
    expect(intake.activeMailboxIds()).toEqual([]);
    expect(await leaseHolder()).toBe('another-replica');
    await expect(runIntake(standby, mailbox.id)).rejects.toThrow(MailboxLeasedElsewhereError);

    // That replica died: once its lease expires, this one takes over.
    await db().query(
      `UPDATE mailbox_leases SET expires_at = now() - interval '1 second' WHERE mailbox_id = $1`,
      [mailbox.id],
    );
    await intake.reconcile();
    expect(intake.activeMailboxIds()).toEqual([mailbox.id]);
    await deliveredAndImported();
  });

  it('stops and gives the lease back when the mailbox is disabled', async () => {
    await db().query('UPDATE mailboxes SET enabled = false WHERE id = $1', [mailbox.id]);
    await intakeOf(standby).reconcile();
    expect(intakeOf(standby).activeMailboxIds()).toEqual([]);
    expect(await leaseHolder()).toBeUndefined();
  });
});

describe('mail intake on the embedded database', () => {
  let dovecot: Dovecot;
  let server: TestServer;

  beforeAll(async () => {
    dovecot = await startDovecot([]);
    server = await startTestServer({ database: 'embedded', env: { MAIL_INTAKE: 'off' } });
  });
  afterAll(async () => {
    await server?.close();
    await dovecot?.stop();
  });

  it('imports mail exactly once through the single connection, over implicit TLS', async () => {
    const queueId = (await aQueue(server.dataSource)).id;
    const mailbox = await aMailbox(server.dataSource, dovecot, {
      queueId,
      tls: 'tls',
      secret: server.server.runtime.secret,
    });
    const mailId = `<${unique()}@customer.example>`;
    await dovecot.deliver(
      mailbox.user,
      await aMail({
        from: 'Ann <ann@customer.example>',
        to: mailbox.address,
        cc: 'Bob <bob@customer.example>',
        subject: 'Embedded',
        text: 'Hello from the embedded database.',
        messageId: mailId,
        attachments: [{ filename: 'note.txt', content: 'a file' }],
      }),
    );
    expect(await runIntake(server, mailbox.id)).toMatchObject({ imported: 1, failed: 0 });
    await unflagAll(dovecot, mailbox);
    expect(await runIntake(server, mailbox.id)).toMatchObject({ imported: 0, duplicate: 1 });
    const rows = await server.dataSource.query<
      { subject: string; followers: number; files: number }[]
    >(
      `SELECT t.subject,
              (SELECT count(*)::int FROM ticket_followers f WHERE f.ticket_id = t.id) AS followers,
              (SELECT count(*)::int FROM attachments a WHERE a.message_id = m.id) AS files
         FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE m.mail_message_id = $1`,
      [mailId],
    );
    expect(rows).toEqual([{ subject: 'Embedded', followers: 1, files: 1 }]);
  });
});
