// One IMAP connection to one folder, with just what intake does there: list the mail not yet
// imported, download it, and mark it imported (flag \Seen or move it) once it is stored. Built on
// imapflow, which keeps the folder in IDLE between commands where the server supports it.
import { ImapFlow } from 'imapflow';
import { uidSet } from './uid-set.js';

export type ImapTls = 'tls' | 'starttls' | 'none';

export interface ImapSettings {
  host: string;
  port: number;
  /** `tls`: encrypted from the first byte; `starttls`: upgraded (required); `none`: plain. */
  tls: ImapTls;
  verifyCertificate: boolean;
  user: string;
  password: string;
  /** The folder mail is fetched from, e.g. INBOX. */
  folder: string;
  /** How long to wait for the server to answer a connection attempt, in ms (default 30 s). */
  connectTimeoutMs?: number;
}

/** What marks a mail imported: the \Seen flag, or a move to another folder. */
export type AfterImport = { action: 'flag' } | { action: 'move'; folder: string };

export interface ImapMessageInfo {
  uid: number;
  /** RFC822.SIZE: the size of the raw mail in bytes, as the server counts it. */
  size: number;
  /** When the server received it (INTERNALDATE). */
  receivedAt: Date | undefined;
}

export class ImapMailbox {
  private newMail: (() => void)[] = [];
  private closed: (() => void)[] = [];
  private lastError: Error | undefined;

  private constructor(
    private readonly client: ImapFlow,
    readonly folder: string,
  ) {
    client.on('error', (error: Error) => {
      this.lastError = error;
    });
    client.on('exists', (data: { count: number; prevCount: number }) => {
      if (data.count > data.prevCount) for (const listener of this.newMail) listener();
    });
    client.on('close', () => {
      for (const listener of this.closed) listener();
    });
  }

  /** Connects, signs in and selects the folder; throws with the server's reason when it cannot. */
  static async open(settings: ImapSettings): Promise<ImapMailbox> {
    const client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.tls === 'tls',
      doSTARTTLS: settings.tls === 'starttls' ? true : settings.tls === 'none' ? false : undefined,
      tls: { rejectUnauthorized: settings.verifyCertificate },
      auth: { user: settings.user, pass: settings.password },
      logger: false,
      connectionTimeout: settings.connectTimeoutMs ?? 30_000,
      // Idle soon after a pass, so new mail is announced at once; passes are short bursts.
      autoIdleDelay: 2_000,
    });
    const mailbox = new ImapMailbox(client, settings.folder);
    try {
      await client.connect();
      await client.mailboxOpen(settings.folder);
    } catch (error) {
      client.close();
      throw describeImapError(error, mailbox.lastError);
    }
    return mailbox;
  }

  /** The server announces new mail by itself (IDLE); otherwise intake polls. */
  get supportsIdle(): boolean {
    return this.client.capabilities.has('IDLE');
  }

  get usable(): boolean {
    return this.client.usable;
  }

  /** Called when the server reports more mail in the folder. */
  onNewMail(listener: () => void): void {
    this.newMail.push(listener);
  }

  /** Called when the connection ends, whoever ended it. */
  onClose(listener: () => void): void {
    this.closed.push(listener);
  }

  /**
   * UIDs of the mail waiting to be imported, oldest first: unseen mail when imported mail is
   * flagged, every mail in the folder when it is moved away. Mail marked deleted is left alone.
   */
  async pendingUids(after: AfterImport): Promise<number[]> {
    const found = await this.client.search(
      after.action === 'flag' ? { seen: false, deleted: false } : { deleted: false },
      { uid: true },
    );
    return (found || []).sort((a, b) => a - b);
  }

  /** Size and arrival of each message, without downloading it. */
  async describe(uids: number[]): Promise<ImapMessageInfo[]> {
    if (uids.length === 0) return [];
    const messages = await this.client.fetchAll(
      uids.join(','),
      { uid: true, size: true, internalDate: true },
      { uid: true },
    );
    return messages
      .map((message) => ({
        uid: message.uid,
        size: message.size ?? 0,
        receivedAt: message.internalDate === undefined ? undefined : new Date(message.internalDate),
      }))
      .sort((a, b) => a.uid - b.uid);
  }

  /**
   * The raw bytes of a message (at most `maxBytes` of them), without setting \Seen; undefined
   * when it is gone (another client removed it meanwhile).
   */
  async download(uid: number, maxBytes: number): Promise<Buffer | undefined> {
    const message = await this.client.fetchOne(
      String(uid),
      { uid: true, source: { maxLength: maxBytes } },
      { uid: true },
    );
    return message ? message.source : undefined;
  }

  /**
   * The raw bytes of several messages in one round trip (at most `maxBytes` of each), without
   * setting \Seen; messages gone meanwhile are missing from the answer.
   */
  async downloadMany(uids: readonly number[], maxBytes: number): Promise<Map<number, Buffer>> {
    const found = new Map<number, Buffer>();
    if (uids.length === 0) return found;
    const messages = await this.client.fetchAll(
      uidSet(uids),
      { uid: true, source: { maxLength: maxBytes } },
      { uid: true },
    );
    for (const message of messages) {
      if (message.source) found.set(message.uid, message.source);
    }
    return found;
  }

  /**
   * Marks messages imported, so the next pass does not fetch them again: one command for all of
   * them. Call it only once their import has been committed.
   */
  async markImported(uids: number | readonly number[], after: AfterImport): Promise<void> {
    const list = typeof uids === 'number' ? [uids] : uids;
    if (list.length === 0) return;
    if (after.action === 'flag') {
      await this.client.messageFlagsAdd(uidSet(list), ['\\Seen'], { uid: true });
    } else {
      await this.client.messageMove(uidSet(list), after.folder, { uid: true });
    }
  }

  /** Creates a folder unless it exists. */
  async ensureFolder(path: string): Promise<void> {
    const folders = await this.client.list();
    if (folders.some((folder) => folder.path === path)) return;
    try {
      await this.client.mailboxCreate(path);
    } catch (error) {
      // Created meanwhile by someone else: fine. Anything else is reported.
      const again = await this.client.list();
      if (!again.some((folder) => folder.path === path)) throw describeImapError(error);
    }
  }

  /** Signs out (closing the connection at once if the server does not answer in time). */
  async close(): Promise<void> {
    if (!this.client.usable) {
      this.client.close();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.logout().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5_000);
      }),
    ]);
    clearTimeout(timer);
    this.client.close();
  }
}

/** An error with the server's own words when there are some (wrong password, no such folder). */
function describeImapError(error: unknown, emitted?: Error): Error {
  const base = error instanceof Error ? error : new Error(String(error));
  const details = base as Error & { responseText?: string; serverResponseCode?: string };
  const said = details.responseText ?? emitted?.message;
  return said && !base.message.includes(said)
    ? new Error(`${base.message}: ${said}`, { cause: base })
    : base;
}
