// Runs intake while the application runs (MAIL_INTAKE=on): claims a lease on each enabled
// mailbox no other replica holds, keeps a worker fetching its mail while the lease is renewed,
// and on shutdown stops the workers, closes their connections and gives the leases back.
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { messageKeyOf, readHeaders, type ImapMailbox } from '@tessera/mail';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { afterImportOf, ImapConnector } from './imap-connector.js';
import { MailImportService } from './mail-import.service.js';
import { MailIntakeRepository, type IntakeMailbox } from './mail-intake.repository.js';
import { MailboxLeaseRepository } from './mailbox-lease.repository.js';
import { MailboxWorker, type PassSummary } from './mailbox-worker.js';

export type { PassSummary } from './mailbox-worker.js';

/** A replica that stops renewing (it crashed, lost the database) loses its leases after this. */
export const LEASE_TTL_SECONDS = 60;
/** How often leases are renewed and mailboxes looked up (new, changed, disabled ones). */
const RECONCILE_EVERY_MS = 15_000;
/** Mails fetched per round trip: their sizes first, then each one's bytes. */
const BATCH_SIZE = 25;
/** A mail whose import failed this many passes in a row is quarantined. */
export const MAX_IMPORT_ATTEMPTS = 3;
/** The most of one mail's raw bytes downloaded and kept (beyond MAIL_MAX_BYTES it is quarantined). */
const RAW_KEEP_BYTES = 104_857_600;

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
  /** Failed imports per mail (mailbox id and key), until MAX_IMPORT_ATTEMPTS. */
  private readonly attempts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly repository: MailIntakeRepository,
    private readonly leases: MailboxLeaseRepository,
    private readonly importer: MailImportService,
    private readonly connector: ImapConnector,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runtime.config.mailIntake.enabled) return;
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.timer.unref();
    void this.reconcile();
  }

  /** The mailboxes this replica fetches now. */
  activeMailboxIds(): string[] {
    return [...this.workers.keys()];
  }

  /**
   * Renews the leases this replica holds (a worker whose lease was lost stops), claims the leases
   * of enabled mailboxes nobody holds and starts their workers, and stops the workers of
   * mailboxes disabled or deleted meanwhile. Restarts a worker whose mailbox was edited. Runs
   * every 15 seconds while intake is on; tests call it to take over at once.
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
    if (!(await this.leases.claim(mailboxId, this.holder, LEASE_TTL_SECONDS))) {
      throw new MailboxLeasedElsewhereError(mailboxId);
    }
    try {
      const session = await this.connector.open(mailbox);
      try {
        return await this.pass(mailbox, session, () => this.stopping);
      } finally {
        await session.close();
      }
    } finally {
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
          mailbox !== undefined && (await this.leases.claim(id, this.holder, LEASE_TTL_SECONDS));
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
        if (await this.leases.claim(mailbox.id, this.holder, LEASE_TTL_SECONDS)) {
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
   * One pass over the folder: every waiting mail, oldest first, in batches. Each is imported
   * (one transaction) and only then marked imported on the server; a failed import leaves it
   * unmarked for the next pass, until it has failed MAX_IMPORT_ATTEMPTS times and is quarantined.
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
    for (let start = 0; start < uids.length && !cancelled(); start += BATCH_SIZE) {
      for (const info of await session.describe(uids.slice(start, start + BATCH_SIZE))) {
        if (cancelled()) break;
        const raw = await session.download(info.uid, RAW_KEEP_BYTES);
        if (!raw) continue;
        summary.fetched += 1;
        const status = await this.importOne(mailbox, {
          raw,
          receivedAt: info.receivedAt ?? null,
          size: info.size,
        });
        summary[status] += 1;
        if (status !== 'failed') await session.markImported(info.uid, after);
      }
    }
    await this.repository.recordFetched(mailbox.id, this.clock.now());
    if (summary.fetched > 0) {
      this.runtime.logger.info({ mailboxId: mailbox.id, ...summary }, 'mailbox fetched');
    }
    return summary;
  }

  private async importOne(
    mailbox: IntakeMailbox,
    fetched: { raw: Buffer; receivedAt: Date | null; size: number },
  ): Promise<Exclude<keyof PassSummary, 'fetched'>> {
    const key = `${mailbox.id} ${messageKeyOf(fetched.raw, readHeaders(fetched.raw)).key}`;
    try {
      const result = await this.importer.importFetched(mailbox, fetched);
      this.attempts.delete(key);
      return result.status;
    } catch (error) {
      const attempts = (this.attempts.get(key) ?? 0) + 1;
      this.runtime.logger.warn(
        { err: error, mailboxId: mailbox.id, attempts },
        'mail import failed; nothing of it was written',
      );
      if (attempts < MAX_IMPORT_ATTEMPTS) {
        this.attempts.set(key, attempts);
        return 'failed';
      }
      this.attempts.delete(key);
      const reason = `processing failed ${attempts} times: ${error instanceof Error ? error.message : String(error)}`;
      return (await this.importer.quarantineFetched(mailbox, fetched, reason)).status;
    }
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
