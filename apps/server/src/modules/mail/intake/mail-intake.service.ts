// Runs intake while the application runs (MAIL_INTAKE=on): claims a lease on each enabled
// mailbox no other replica holds, keeps a worker fetching its mail while the lease is renewed,
// and on shutdown stops the workers, closes their connections and gives the leases back.
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { messageKeyOf, readHeaders, type AfterImport, type ImapMailbox } from '@tessera/mail';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { afterImportOf, ImapConnector } from './imap-connector.js';
import {
  MailImportService,
  type FetchedMail,
  type PreparedMail,
  type ReadableMail,
} from './mail-import.service.js';
import { IntakeBacklog } from './intake-backlog.js';
import { MailboxLeaseLostError } from './mail-intake.error.js';
import { MailIntakeRepository, type IntakeMailbox } from './mail-intake.repository.js';
import { MailboxLeaseRepository } from './mailbox-lease.repository.js';
import { MailboxWorker, type PassSummary } from './mailbox-worker.js';

export type { PassSummary } from './mailbox-worker.js';

/** How often leases are renewed and mailboxes looked up at most (new, changed, disabled ones). */
const RECONCILE_MAX_EVERY_MS = 15_000;
/**
 * Mails imported together (in IMPORT_GROUPS transactions) and marked imported with one command
 * once they committed: few commits and two IMAP round trips for them all instead of for each.
 * While a batch is imported, the next one is downloaded and parsed.
 */
export const BATCH_SIZE = 50;
/**
 * Transactions a batch is imported in side by side at most, each with mails that touch nothing
 * the others' touch (see independent-mails.ts): while the database works on some, the server
 * prepares the next statements of the others. Each takes a pooled connection, and one connection
 * is left for the rest of the server (so one transaction on the embedded database, whose pool
 * has one). Four measured best on two cores (bench/mail-intake.mjs).
 */
const IMPORT_GROUPS = 4;
/** Raw bytes downloaded in one command at most; a larger mail comes alone. */
const FETCH_BYTES = 8 * 1024 * 1024;
/**
 * A mail whose import failed this many passes in a row, or during whose import the server stopped
 * this many times, is quarantined.
 */
export const MAX_IMPORT_ATTEMPTS = 3;
/** The most of one mail's raw bytes downloaded and kept (beyond MAIL_MAX_BYTES it is quarantined). */
const RAW_KEEP_BYTES = 104_857_600;

/** A mail downloaded, with the key it is stored by (its Message-ID, or one made from its bytes). */
interface DownloadedMail {
  uid: number;
  fetched: FetchedMail;
  messageKey: string;
}

/** A mail of a batch, read (or failing to be read) once its import was recorded as started. */
interface BatchMail extends DownloadedMail {
  prepared: PreparedMail | undefined;
  /** Why reading it failed (a bug, not an unreadable mail: that is a PreparedMail problem). */
  error?: unknown;
  /** Its import is recorded as started (inbound_mail_attempts), and has not ended yet. */
  started: boolean;
}

/** A batch about to be imported. */
interface Batch {
  mails: BatchMail[];
  /**
   * How often the server stopped while importing its mails before, by key, for those it did:
   * when any, the batch is read and imported mail by mail.
   */
  unfinished: Map<string, number>;
  /** Reading its mails, begun once their imports were recorded; never rejects. */
  read: Promise<void>;
}

type ImportOutcome = Exclude<keyof PassSummary, 'fetched'>;

/** The lease is with another replica: this one does not fetch the mailbox now. */
export class MailboxLeasedElsewhereError extends Error {
  constructor(mailboxId: string) {
    super(`another replica holds the lease on mailbox ${mailboxId}`);
    this.name = 'MailboxLeasedElsewhereError';
  }
}

@Injectable()
export class MailIntakeService implements OnApplicationBootstrap, OnModuleDestroy {
  /** Who this replica is in mailbox_leases. */
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly workers = new Map<string, MailboxWorker>();
  /**
   * Imports per mail (mailbox id and key) that failed with an error, until MAX_IMPORT_ATTEMPTS;
   * imports the server stopped during are counted in the database.
   */
  private readonly failures = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly repository: MailIntakeRepository,
    private readonly leases: MailboxLeaseRepository,
    private readonly importer: MailImportService,
    private readonly connector: ImapConnector,
    private readonly backlog: IntakeBacklog,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.config.mailIntake.enabled) return;
    this.timer = setInterval(() => void this.reconcile(), this.renewEveryMs);
    this.timer.unref();
    void this.reconcile();
  }

  /** How long a lease lasts unless renewed (MAIL_LEASE_SECONDS). */
  private get leaseSeconds(): number {
    return this.runtime.config.mailIntake.leaseSeconds;
  }

  /** Leases are renewed every quarter of their time, and at least every 15 s. */
  private get renewEveryMs(): number {
    return Math.min(RECONCILE_MAX_EVERY_MS, this.leaseSeconds * 250);
  }

  /** The mailboxes this replica fetches now. */
  activeMailboxIds(): string[] {
    return [...this.workers.keys()];
  }

  /**
   * Renews the leases this replica holds (a worker whose lease was lost stops), claims the leases
   * of enabled mailboxes nobody holds and starts their workers, and stops the workers of
   * mailboxes disabled or deleted meanwhile. Restarts a worker whose mailbox was edited. Runs
   * every quarter of MAIL_LEASE_SECONDS (at most every 15 s) while intake is on; tests call it to
   * take over at once.
   */
  reconcile(): Promise<void> {
    this.reconciling ??= this.reconcileOnce().finally(() => {
      this.reconciling = undefined;
    });
    return this.reconciling;
  }

  /**
   * Fetches and imports the mailbox's waiting mail once, now, and answers what happened: after the
   * pass its worker is running (if any), or on a connection of its own. Takes the lease for the
   * pass when no worker holds it, so it never runs beside another replica; throws
   * MailboxLeasedElsewhereError when another replica holds it.
   */
  async runOnce(mailboxId: string): Promise<PassSummary> {
    const worker = this.workers.get(mailboxId);
    if (worker) return worker.passNow();
    const mailbox = await this.repository.findMailbox(mailboxId);
    if (!mailbox) throw new Error(`no mailbox ${mailboxId}`);
    if (!(await this.leases.claim(mailboxId, this.holder, this.leaseSeconds))) {
      throw new MailboxLeasedElsewhereError(mailboxId);
    }
    // Renewed while the pass runs, as reconcile() renews a worker's.
    const renewal = setInterval(() => {
      this.leases.claim(mailboxId, this.holder, this.leaseSeconds).catch(() => undefined);
    }, this.renewEveryMs);
    try {
      const session = await this.connector.open(mailbox);
      try {
        return await this.pass(mailbox, session, () => this.stopping);
      } finally {
        await session.close();
      }
    } finally {
      clearInterval(renewal);
      if (!this.workers.has(mailboxId)) await this.leases.release(mailboxId, this.holder);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.reconciling;
    await Promise.all([...this.workers.keys()].map((id) => this.stopWorker(id)));
  }

  private async reconcileOnce(): Promise<void> {
    if (this.stopping) return;
    try {
      const enabled = new Map((await this.repository.findEnabledMailboxes()).map((m) => [m.id, m]));
      for (const [id, worker] of this.workers) {
        const mailbox = enabled.get(id);
        const renewed =
          mailbox !== undefined && (await this.leases.claim(id, this.holder, this.leaseSeconds));
        if (!renewed) {
          this.runtime.logger.info(
            { mailboxId: id },
            'mail intake stops: lease lost or mailbox disabled',
          );
          await this.stopWorker(id);
        } else if (mailbox.updatedAt.getTime() !== worker.mailbox.updatedAt.getTime()) {
          this.runtime.logger.info({ mailboxId: id }, 'mail intake restarts: mailbox changed');
          await worker.stop();
          this.startWorker(mailbox);
        }
      }
      for (const mailbox of enabled.values()) {
        if (this.stopping || this.workers.has(mailbox.id)) continue;
        if (await this.leases.claim(mailbox.id, this.holder, this.leaseSeconds)) {
          this.runtime.logger.info(
            { mailboxId: mailbox.id, holder: this.holder },
            'mail intake starts',
          );
          this.startWorker(mailbox);
        }
      }
    } catch (error) {
      this.runtime.logger.error({ err: error }, 'mail intake could not check its mailboxes');
    }
  }

  private startWorker(mailbox: IntakeMailbox): void {
    const worker = new MailboxWorker(mailbox, {
      open: (m) => this.connector.open(m),
      pass: (m, session, cancelled) => this.pass(m, session, cancelled),
      failed: (m, error) => this.recordFailure(m, error),
    });
    this.workers.set(mailbox.id, worker);
    worker.start();
  }

  private async stopWorker(id: string): Promise<void> {
    const worker = this.workers.get(id);
    this.workers.delete(id);
    await worker?.stop();
    await this.leases.release(id, this.holder).catch((error: unknown) => {
      this.runtime.logger.warn({ err: error, mailboxId: id }, 'could not release a mailbox lease');
    });
  }

  /**
   * One pass over the folder: every waiting mail, oldest first, in batches. A batch is imported in
   * up to IMPORT_GROUPS transactions side by side (one on the embedded database), each with mails
   * unrelated to the others', and only then marked imported on the server; when a transaction
   * fails, its mails are imported one by one. A mail whose import failed is left unmarked for the
   * next pass, until it has failed MAX_IMPORT_ATTEMPTS times and is quarantined. The next batch
   * is downloaded and read while one is imported.
   *
   * Every import is recorded as started, committed, before any of its work (reading the mail
   * included), and the record ends with it. A batch in which a mail has an import that never
   * ended (the server stopped: killed, out of memory, crashed) is read and imported mail by mail,
   * each recorded before, so the mail that stops the server is singled out; once the server
   * stopped MAIL_IMPORT_STOP_LIMIT times on it, it is quarantined instead of imported.
   */
  private async pass(
    mailbox: IntakeMailbox,
    session: ImapMailbox,
    cancelled: () => boolean,
  ): Promise<PassSummary> {
    const summary: PassSummary = {
      fetched: 0,
      imported: 0,
      ignored: 0,
      quarantined: 0,
      duplicate: 0,
      failed: 0,
    };
    const after = afterImportOf(mailbox);
    const uids = await session.pendingUids(after);
    // More than a batch waiting is a backlog: acknowledgements wait for it (IntakeBacklog).
    const endBacklog = uids.length > BATCH_SIZE ? this.backlog.begin() : undefined;
    const downloadAt = (start: number) =>
      start < uids.length
        ? readAhead(this.download(session, uids.slice(start, start + BATCH_SIZE)))
        : undefined;
    let downloading = downloadAt(0);
    let batch: Batch | undefined;
    let upcoming: Batch | undefined;
    try {
      const first = downloading && (await downloading);
      batch = first && (await this.startBatch(mailbox, first));
      downloading = downloadAt(BATCH_SIZE);
      for (let start = 0; batch && !cancelled(); start += BATCH_SIZE) {
        // The next batch is recorded before this one's transaction begins (the embedded database
        // serves one connection), and read while it runs.
        const following = downloading && (await downloading);
        upcoming =
          following && !cancelled() ? await this.startBatch(mailbox, following) : undefined;
        downloading = downloadAt(start + 2 * BATCH_SIZE);
        await this.importBatch(mailbox, session, after, batch, summary, cancelled);
        batch = upcoming;
        upcoming = undefined;
      }
    } catch (error) {
      if (!(error instanceof MailboxLeaseLostError)) throw error;
      // Nothing of the batch was committed or marked: the new holder fetches it, and this
      // replica's next reconcile stops the worker. Should the lease only have lapsed (the
      // database was out of reach) and be renewed, the worker tries again soon.
      summary.failed += batch?.mails.length ?? 0;
      this.runtime.logger.info({ mailboxId: mailbox.id }, 'mail intake pass ends: lease lost');
    } finally {
      endBacklog?.();
      // Recorded, but the pass ended before importing them: those imports never began.
      for (const left of [batch, upcoming]) {
        if (left) await this.abandon(mailbox, left.mails);
      }
    }
    await this.repository.recordFetched(mailbox.id, this.clock.now());
    if (summary.fetched > 0) {
      this.runtime.logger.info({ mailboxId: mailbox.id, ...summary }, 'mailbox fetched');
    }
    return summary;
  }

  /** Downloads a batch of mails (few commands, bounded bytes each), and reads their keys. */
  private async download(session: ImapMailbox, uids: number[]): Promise<DownloadedMail[]> {
    const infos = await session.describe(uids);
    const raws = new Map<number, Buffer>();
    let group: number[] = [];
    let bytes = 0;
    const download = async () => {
      for (const [uid, raw] of await session.downloadMany(group, RAW_KEEP_BYTES))
        raws.set(uid, raw);
      group = [];
      bytes = 0;
    };
    for (const info of infos) {
      const size = Math.min(info.size, RAW_KEEP_BYTES);
      if (group.length > 0 && bytes + size > FETCH_BYTES) await download();
      group.push(info.uid);
      bytes += size;
    }
    if (group.length > 0) await download();
    const mails: DownloadedMail[] = [];
    for (const info of infos) {
      const raw = raws.get(info.uid);
      // Gone meanwhile (another client removed it).
      if (!raw) continue;
      mails.push({
        uid: info.uid,
        fetched: { raw, receivedAt: info.receivedAt ?? null, size: info.size },
        messageKey: messageKeyOf(raw, readHeaders(raw)).key,
      });
    }
    return mails;
  }

  /**
   * Records the imports of a downloaded batch as started (one statement) and reads its mails
   * (the CPU part of importing them) in the background; or, when some of them have imports that
   * never ended, records and reads nothing: they are imported one by one.
   */
  private async startBatch(mailbox: IntakeMailbox, downloaded: DownloadedMail[]): Promise<Batch> {
    const unfinished = await this.repository.startBatchAttempts(
      mailbox.id,
      downloaded.map((m) => m.messageKey),
    );
    const byOne = unfinished.size > 0;
    const mails: BatchMail[] = downloaded.map((m) => ({
      ...m,
      prepared: undefined,
      started: !byOne,
    }));
    if (byOne) {
      this.runtime.logger.warn(
        { mailboxId: mailbox.id, mails: mails.length, unfinished: unfinished.size },
        'mail intake found imports that never ended (the server stopped): importing their batch mail by mail',
      );
      return { mails, unfinished, read: Promise.resolve() };
    }
    const read = async () => {
      for (const m of mails) {
        try {
          m.prepared = await this.importer.prepare(mailbox, m.fetched);
        } catch (error) {
          m.error = error;
        }
      }
    };
    return { mails, unfinished, read: read() };
  }

  /**
   * Imports a batch: its readable mails in groups of unrelated mails, each group in a transaction
   * of its own, side by side (a failed group's mails one by one, as the whole batch if it has
   * imports that never ended), the others quarantined; then marks every mail not
   * failed imported on the server, in one command.
   */
  private async importBatch(
    mailbox: IntakeMailbox,
    session: ImapMailbox,
    after: AfterImport,
    batch: Batch,
    summary: PassSummary,
    cancelled: () => boolean,
  ): Promise<void> {
    const outcomes = new Map<BatchMail, ImportOutcome>();
    await batch.read;
    const readable = batch.mails.filter(
      (m): m is BatchMail & { prepared: ReadableMail } =>
        m.prepared !== undefined && 'mail' in m.prepared,
    );
    if (batch.unfinished.size === 0 && readable.length > 1) {
      const groups = (
        await this.importer.independentGroups(
          readable.map((m) => m.prepared),
          Math.max(1, Math.min(IMPORT_GROUPS, this.runtime.database.poolSize - 1)),
        )
      ).map((indexes) => indexes.map((index) => readable[index]));
      const settled = await Promise.allSettled(
        groups.map((group) =>
          this.importer.importBatch(
            mailbox,
            group.map((m) => m.prepared),
            this.holder,
          ),
        ),
      );
      let leaseLost: MailboxLeaseLostError | undefined;
      for (const [index, result] of settled.entries()) {
        const group = groups[index] ?? [];
        if (result.status === 'fulfilled') {
          for (const [position, m] of group.entries()) {
            outcomes.set(m, result.value[position]?.status ?? 'failed');
            m.started = false;
            this.failures.delete(this.failureKey(mailbox, m));
          }
          continue;
        }
        // Rolled back: those imports ended; each mail's own import is recorded anew.
        await this.abandon(mailbox, group);
        if (result.reason instanceof MailboxLeaseLostError) {
          leaseLost = result.reason;
          continue;
        }
        this.runtime.logger.warn(
          { err: result.reason, mailboxId: mailbox.id, mails: group.length },
          'mail import of a batch failed; nothing of it was written: importing its mails one by one',
        );
      }
      if (leaseLost) throw leaseLost;
    }
    for (const m of batch.mails) {
      if (outcomes.has(m)) continue;
      if (cancelled()) break;
      outcomes.set(m, await this.importOne(mailbox, m, batch.unfinished.get(m.messageKey) ?? 0));
    }
    // Left for the next pass (the worker stops): their recorded imports never began.
    await this.abandon(mailbox, batch.mails);
    const done: number[] = [];
    for (const [m, outcome] of outcomes) {
      summary.fetched += 1;
      summary[outcome] += 1;
      if (outcome !== 'failed') done.push(m.uid);
    }
    // Only now, with everything committed: a crash before this leaves them to be fetched again,
    // and then they are duplicates, marked without being imported twice.
    await session.markImported(done, after);
  }

  /**
   * Imports one mail, its import recorded before (unless its batch's record still stands):
   * `unfinished` is how often the server stopped while importing it before.
   */
  private async importOne(
    mailbox: IntakeMailbox,
    m: BatchMail,
    unfinished: number,
  ): Promise<ImportOutcome> {
    const key = this.failureKey(mailbox, m);
    try {
      if (unfinished >= this.runtime.config.mailIntake.importStopLimit) {
        this.failures.delete(key);
        const reason = `the server stopped ${unfinished} times while importing this mail`;
        return (await this.importer.quarantineFetched(mailbox, m.fetched, reason)).status;
      }
      if (!m.started) {
        await this.repository.startAttempt(mailbox.id, m.messageKey);
        m.started = true;
      }
      if (!m.prepared && m.error === undefined) {
        m.prepared = await this.importer.prepare(mailbox, m.fetched);
      }
      if (!m.prepared) throw m.error;
      const result = await this.importer.importPrepared(mailbox, m.prepared, this.holder);
      // Its record ended with the import (or the quarantine).
      m.started = false;
      this.failures.delete(key);
      return result.status;
    } catch (error) {
      await this.abandon(mailbox, [m]);
      if (error instanceof MailboxLeaseLostError) throw error;
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.runtime.logger.warn(
        { err: error, mailboxId: mailbox.id, attempts: failures },
        'mail import failed; nothing of it was written',
      );
      if (failures < MAX_IMPORT_ATTEMPTS) {
        this.failures.set(key, failures);
        return 'failed';
      }
      this.failures.delete(key);
      const reason = `processing failed ${failures} times: ${error instanceof Error ? error.message : String(error)}`;
      return (await this.importer.quarantineFetched(mailbox, m.fetched, reason)).status;
    }
  }

  /**
   * Ends the recorded imports of these mails that did not get to their end: they failed with an
   * error (counted apart), or never began. Should the database be out of reach, the records stay
   * and count as a stop of the server, which errs on the side of singling the mails out.
   */
  private async abandon(mailbox: IntakeMailbox, mails: readonly BatchMail[]): Promise<void> {
    const started = mails.filter((m) => m.started);
    if (started.length === 0) return;
    for (const m of started) m.started = false;
    await this.repository
      .abandonAttempts(
        mailbox.id,
        started.map((m) => m.messageKey),
      )
      .catch((error: unknown) => {
        this.runtime.logger.warn(
          { err: error, mailboxId: mailbox.id },
          'could not end the records of mail imports',
        );
      });
  }

  private failureKey(mailbox: IntakeMailbox, m: BatchMail): string {
    return `${mailbox.id} ${m.messageKey}`;
  }

  private async recordFailure(mailbox: IntakeMailbox, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.runtime.logger.warn(
      { err: error, mailboxId: mailbox.id },
      'mail intake connection failed',
    );
    await this.repository.recordError(mailbox.id, message, this.clock.now()).catch(() => undefined);
  }
}

/**
 * A promise worked on ahead of being awaited: should it fail while nobody awaits it yet (the pass
 * stopped), that is not an unhandled rejection; whoever awaits it later still gets the error.
 */
function readAhead<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
