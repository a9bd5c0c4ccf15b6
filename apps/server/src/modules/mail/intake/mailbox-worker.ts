// The loop that keeps one mailbox's mail flowing while this replica holds its lease: connect,
// import what is waiting, then wait for the server to announce new mail (IDLE) or for the poll
// interval, and again; reconnecting with a growing pause after errors.
import type { ImapMailbox } from '@tessera/mail';
import type { IntakeMailbox } from './mail-intake.repository.js';

/** What one pass did. `failed`: mails left for the next pass after an error. */
export interface PassSummary {
  fetched: number;
  imported: number;
  ignored: number;
  quarantined: number;
  duplicate: number;
  failed: number;
}

export interface WorkerDeps {
  open(mailbox: IntakeMailbox): Promise<ImapMailbox>;
  pass(
    mailbox: IntakeMailbox,
    session: ImapMailbox,
    cancelled: () => boolean,
  ): Promise<PassSummary>;
  failed(mailbox: IntakeMailbox, error: unknown): Promise<void>;
}

/** With IDLE the server announces new mail; this is only a safety net. */
const IDLE_SAFETY_POLL_MS = 5 * 60_000;
/** After a pass that left mail behind (an error), the next one comes sooner. */
const RETRY_PASS_MS = 15_000;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** How long stopping waits for a pass to finish before it cuts the connection. */
const STOP_GRACE_MS = 15_000;

export class MailboxWorker {
  private session: ImapMailbox | undefined;
  private stopped = false;
  private woken = false;
  private wake: (() => void) | undefined;
  private exclusive: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;

  constructor(
    readonly mailbox: IntakeMailbox,
    private readonly deps: WorkerDeps,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /**
   * One pass now, after the one running (if any): on the open connection, or on a connection of
   * its own while the loop is reconnecting. Errors are thrown to the caller.
   */
  passNow(): Promise<PassSummary> {
    return this.serial(async () => {
      if (this.session?.usable)
        return this.deps.pass(this.mailbox, this.session, () => this.stopped);
      const session = await this.deps.open(this.mailbox);
      try {
        return await this.deps.pass(this.mailbox, session, () => this.stopped);
      } finally {
        await session.close();
      }
    });
  }

  /** Stops after the batch being imported (or the mail, one by one), and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    if (!this.loop) return;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.loop.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!finished) {
      // A command that does not come back: cutting the connection makes it fail at once.
      await this.session?.close();
      await this.loop;
    }
  }

  private async run(): Promise<void> {
    let backoff = FIRST_BACKOFF_MS;
    while (!this.stopped) {
      try {
        const session = await this.deps.open(this.mailbox);
        this.session = session;
        session.onNewMail(() => this.notify());
        session.onClose(() => this.notify());
        backoff = FIRST_BACKOFF_MS;
        while (!this.stopped && session.usable) {
          const summary = await this.serial(() =>
            this.deps.pass(this.mailbox, session, () => this.stopped),
          );
          const wait =
            summary.failed > 0
              ? RETRY_PASS_MS
              : session.supportsIdle
                ? IDLE_SAFETY_POLL_MS
                : this.mailbox.pollIntervalSeconds * 1000;
          await this.sleep(wait);
        }
        if (!this.stopped) throw new Error('the IMAP server closed the connection');
      } catch (error) {
        if (this.stopped) break;
        await this.deps.failed(this.mailbox, error);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      } finally {
        const session = this.session;
        this.session = undefined;
        await session?.close();
      }
    }
  }

  /** Runs `work` after everything queued before it: passes never overlap. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(work, work);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  /** Ends the current wait early (new mail, a closed connection, stopping). */
  private notify(): void {
    this.woken = true;
    this.wake?.();
  }

  private async sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
    this.woken = false;
  }
}
