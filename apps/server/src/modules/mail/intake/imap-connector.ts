// Opens the IMAP connection of a mailbox, with its sealed password opened only for the sign-in.
// Injectable, so the connection could be swapped; the tests use a real IMAP server instead.
import { Inject, Injectable } from '@nestjs/common';
import { ImapMailbox, type AfterImport } from '@tessera/mail';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { MailSecrets } from '../mailbox/mail-secrets.js';
import type { IntakeMailbox } from './mail-intake.repository.js';

/** Where imported mail goes with `after_import = move` when the mailbox names no folder. */
export const DEFAULT_IMPORTED_FOLDER = 'Imported';

export function afterImportOf(mailbox: IntakeMailbox): AfterImport {
  return mailbox.afterImport === 'move'
    ? { action: 'move', folder: mailbox.afterImportFolder ?? DEFAULT_IMPORTED_FOLDER }
    : { action: 'flag' };
}

@Injectable()
export class ImapConnector {
  constructor(
    private readonly secrets: MailSecrets,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Signs in, selects the mailbox's folder, and creates the folder imported mail moves to. */
  async open(mailbox: IntakeMailbox): Promise<ImapMailbox> {
    const session = await ImapMailbox.open({
      host: mailbox.imapHost,
      port: mailbox.imapPort,
      tls: mailbox.imapTls,
      verifyCertificate: mailbox.imapVerifyCertificate,
      user: mailbox.imapUser,
      password: this.secrets.open(mailbox.imapPasswordSealed),
      folder: mailbox.imapFolder,
      connectTimeoutMs: this.runtime.config.mail.timeoutSeconds * 1000,
    });
    const after = afterImportOf(mailbox);
    try {
      if (after.action === 'move') await session.ensureFolder(after.folder);
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }
}
