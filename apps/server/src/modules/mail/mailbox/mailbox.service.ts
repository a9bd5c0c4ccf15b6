import { Inject, Injectable } from '@nestjs/common';
import { normalizeEmailAddress } from '@tessera/domain';
import type { FieldError } from '../../../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../../../common/pagination/page.js';
import type { SmtpServerConfig } from '../../../config/env.config.js';
import { RUNTIME, type Runtime } from '../../../core/runtime.js';
import { AuditService } from '../../audit/audit.service.js';
import type { RequestActor } from '../../permission/request-actor.js';
import type { TlsMode } from '../mailbox.entity.js';
import type {
  CreateMailboxDto,
  MailboxConnectionTestDto,
  MailboxDto,
  MailboxQueryDto,
  TestMailboxSettingsDto,
  UpdateMailboxDto,
} from './dto/mailbox.dto.js';
import { MailConnectionTester, type ImapServerSettings } from './mail-connection-tester.js';
import { MailSecrets } from './mail-secrets.js';
import {
  defaultImapPort,
  defaultSmtpPort,
  imapServerOf,
  smtpRouteOf,
  type SmtpRoute,
} from './mailbox-servers.js';
import { MailboxError } from './mailbox.error.js';
import {
  MailboxRepository,
  type MailboxChanges,
  type MailboxRecord,
  type NewMailbox,
} from './mailbox.repository.js';

/** The SMTP columns as a create or a change leaves them. */
type SmtpFields = Pick<
  NewMailbox,
  'smtpHost' | 'smtpPort' | 'smtpTls' | 'smtpUser' | 'smtpPasswordSealed'
>;

/**
 * Support addresses: where their mail is fetched from, which queue it opens tickets in, and how
 * replies go out. Passwords are sealed before they are stored and never leave the server: not in
 * answers, not in the audit trail, not to a server other than the one they were given for.
 */
@Injectable()
export class MailboxService {
  constructor(
    private readonly mailboxes: MailboxRepository,
    private readonly audit: AuditService,
    private readonly secrets: MailSecrets,
    private readonly tester: MailConnectionTester,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async list(query: MailboxQueryDto): Promise<Page<MailboxDto>> {
    const after = decodeCursor(query.cursor, ['text']);
    const rows = await this.mailboxes.findPage(
      { queueId: query.queueId, enabled: query.enabled },
      after?.[0],
      query.limit,
    );
    return toPage(rows, query.limit, (mailbox) => [mailbox.address], toDto);
  }

  async get(id: string): Promise<MailboxDto> {
    return toDto(await this.find(id));
  }

  async create(
    actor: RequestActor,
    input: CreateMailboxDto,
    requestId: string,
  ): Promise<MailboxDto> {
    const errors: FieldError[] = [];
    const imapTls = input.imapTls ?? 'tls';
    const afterImport = input.afterImport ?? 'flag';
    const afterImportFolder = input.afterImportFolder ?? null;
    if (afterImport === 'move' && !afterImportFolder) errors.push(MOVE_NEEDS_FOLDER);
    const smtp = this.smtpFields(input, undefined, errors);
    if (errors.length > 0) throw MailboxError.invalid(errors);
    const mailbox: NewMailbox = {
      address: normalizeEmailAddress(input.address),
      displayName: input.displayName.trim(),
      queueId: input.queueId.toLowerCase(),
      enabled: input.enabled ?? true,
      imapHost: input.imapHost,
      imapPort: input.imapPort ?? defaultImapPort(imapTls),
      imapTls,
      imapVerifyCertificate: input.imapVerifyCertificate ?? true,
      imapUser: input.imapUser,
      imapPasswordSealed: this.secrets.seal(input.imapPassword),
      imapFolder: input.imapFolder ?? 'INBOX',
      afterImport,
      afterImportFolder,
      pollIntervalSeconds: input.pollIntervalSeconds ?? 30,
      ...smtp,
      smtpVerifyCertificate: input.smtpVerifyCertificate ?? true,
      senderName: input.senderName ?? 'agent',
      acknowledgeNewTickets: input.acknowledgeNewTickets ?? true,
    };
    return this.mailboxes.transaction(async (manager) => {
      if (!(await this.mailboxes.queueIsActive(manager, mailbox.queueId))) {
        throw MailboxError.invalid([INACTIVE_QUEUE]);
      }
      const created = await this.mailboxes.insert(manager, mailbox);
      if (!created) throw MailboxError.addressTaken(mailbox.address);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'mailbox.create',
          entityType: 'mailbox',
          entityId: created.id,
          after: snapshot(created),
        },
        requestId,
      );
      return toDto(created);
    });
  }

  async update(
    actor: RequestActor,
    id: string,
    patch: UpdateMailboxDto,
    requestId: string,
  ): Promise<MailboxDto> {
    return this.mailboxes.transaction(async (manager) => {
      const before = await this.mailboxes.lockById(manager, id);
      if (!before) throw MailboxError.notFound();
      const errors: FieldError[] = [];
      const wanted: MailboxChanges = {
        address: patch.address === undefined ? undefined : normalizeEmailAddress(patch.address),
        displayName: patch.displayName?.trim(),
        queueId: patch.queueId?.toLowerCase(),
        enabled: patch.enabled,
        imapHost: patch.imapHost,
        imapPort: patch.imapPort,
        imapTls: patch.imapTls,
        imapVerifyCertificate: patch.imapVerifyCertificate,
        imapUser: patch.imapUser,
        imapFolder: patch.imapFolder,
        afterImport: patch.afterImport,
        afterImportFolder: patch.afterImportFolder,
        pollIntervalSeconds: patch.pollIntervalSeconds,
        smtpVerifyCertificate: patch.smtpVerifyCertificate,
        senderName: patch.senderName,
        acknowledgeNewTickets: patch.acknowledgeNewTickets,
      };
      if (patch.imapPassword !== undefined) {
        if (!this.secrets.holds(before.imapPasswordSealed, patch.imapPassword)) {
          wanted.imapPasswordSealed = this.secrets.seal(patch.imapPassword);
        }
      } else if (patch.imapHost !== undefined && !sameHost(patch.imapHost, before.imapHost)) {
        errors.push({
          field: 'imapPassword',
          message: 'must be given again when imapHost changes',
        });
      }
      const afterImport = patch.afterImport ?? before.afterImport;
      const afterImportFolder =
        patch.afterImportFolder === undefined ? before.afterImportFolder : patch.afterImportFolder;
      if (afterImport === 'move' && !afterImportFolder) errors.push(MOVE_NEEDS_FOLDER);
      Object.assign(wanted, this.smtpFields(patch, before, errors));
      if (errors.length > 0) throw MailboxError.invalid(errors);

      const changes = Object.fromEntries(
        Object.entries(wanted).filter(
          ([field, value]) =>
            value !== undefined && value !== before[field as keyof MailboxChanges],
        ),
      ) as MailboxChanges;
      if (Object.keys(changes).length === 0) return toDto(before);
      if (
        changes.queueId !== undefined &&
        !(await this.mailboxes.queueIsActive(manager, changes.queueId))
      ) {
        throw MailboxError.invalid([INACTIVE_QUEUE]);
      }
      const after = await this.mailboxes.update(manager, id, changes);
      if (!after) throw MailboxError.addressTaken(changes.address ?? before.address);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'mailbox.update',
          entityType: 'mailbox',
          entityId: id,
          before: snapshot(before),
          after: {
            ...snapshot(after),
            // That a password changed is history; the password itself never is.
            ...(changes.imapPasswordSealed !== undefined ? { imapPasswordChanged: true } : {}),
            ...(changes.smtpPasswordSealed ? { smtpPasswordChanged: true } : {}),
          },
        },
        requestId,
      );
      return toDto(after);
    });
  }

  async delete(actor: RequestActor, id: string, requestId: string): Promise<void> {
    await this.mailboxes.transaction(async (manager) => {
      const before = await this.mailboxes.lockById(manager, id);
      if (!before) throw MailboxError.notFound();
      await this.mailboxes.delete(manager, id);
      await this.audit.record(
        manager,
        actor,
        {
          action: 'mailbox.delete',
          entityType: 'mailbox',
          entityId: id,
          before: snapshot(before),
        },
        requestId,
      );
    });
  }

  /** Tests a stored mailbox's IMAP settings and the SMTP server its replies would go through. */
  async test(id: string): Promise<MailboxConnectionTestDto> {
    const mailbox = await this.find(id);
    return this.runTest(
      imapServerOf(mailbox, this.secrets),
      mailbox.imapFolder,
      smtpRouteOf(mailbox, this.secrets, this.runtime.config.mail),
    );
  }

  /** Tests settings before they are saved (the passwords come with them). */
  async testSettings(input: TestMailboxSettingsDto): Promise<MailboxConnectionTestDto> {
    const errors: FieldError[] = [];
    const smtp = this.smtpServerOf(input, errors);
    if (errors.length > 0) throw MailboxError.invalid(errors);
    const imapTls = input.imapTls ?? 'tls';
    return this.runTest(
      {
        host: input.imapHost,
        port: input.imapPort ?? defaultImapPort(imapTls),
        tls: imapTls,
        verifyCertificate: input.imapVerifyCertificate ?? true,
        user: input.imapUser,
        password: input.imapPassword,
      },
      input.imapFolder ?? 'INBOX',
      smtp
        ? { server: smtp, source: 'mailbox' }
        : this.runtime.config.mail.smtp && {
            server: this.runtime.config.mail.smtp,
            source: 'global',
          },
    );
  }

  private async runTest(
    imap: ImapServerSettings,
    folder: string,
    smtp: SmtpRoute | undefined,
  ): Promise<MailboxConnectionTestDto> {
    const [imapCheck, smtpCheck] = await Promise.all([
      this.tester.imap(imap, folder),
      smtp ? this.tester.smtpServer(smtp.server) : Promise.resolve(undefined),
    ]);
    return {
      imap: imapCheck,
      smtp: smtp && smtpCheck ? { ...smtpCheck, server: smtp.source } : null,
    };
  }

  private async find(id: string): Promise<MailboxRecord> {
    const mailbox = await this.mailboxes.findById(id);
    if (!mailbox) throw MailboxError.notFound();
    return mailbox;
  }

  /**
   * The SMTP columns after a create (`before` undefined) or a change. Without a host, replies go
   * through the global server and the other SMTP settings are cleared; a user needs a password,
   * and a stored password is only kept while the host stays the same.
   */
  private smtpFields(
    input: UpdateMailboxDto,
    before: MailboxRecord | undefined,
    errors: FieldError[],
  ): SmtpFields {
    const host = input.smtpHost === undefined ? (before?.smtpHost ?? null) : input.smtpHost;
    if (host === null) {
      const stray = (['smtpPort', 'smtpTls', 'smtpPassword'] as const).some(
        (field) => input[field] !== undefined,
      );
      if (stray || (input.smtpUser !== undefined && input.smtpUser !== null)) {
        errors.push({ field: 'smtpHost', message: 'is required with the other SMTP settings' });
      }
      return {
        smtpHost: null,
        smtpPort: null,
        smtpTls: null,
        smtpUser: null,
        smtpPasswordSealed: null,
      };
    }
    const tls: TlsMode = input.smtpTls ?? before?.smtpTls ?? 'starttls';
    const user = input.smtpUser === undefined ? (before?.smtpUser ?? null) : input.smtpUser;
    const fields: SmtpFields = {
      smtpHost: host,
      smtpPort: input.smtpPort ?? before?.smtpPort ?? defaultSmtpPort(tls),
      smtpTls: tls,
      smtpUser: user,
      smtpPasswordSealed: null,
    };
    if (input.smtpPassword !== undefined) {
      if (user === null) {
        errors.push({ field: 'smtpUser', message: 'is required with smtpPassword' });
      }
      const kept = before?.smtpPasswordSealed;
      fields.smtpPasswordSealed =
        kept && this.secrets.holds(kept, input.smtpPassword)
          ? kept
          : this.secrets.seal(input.smtpPassword);
    } else if (user !== null) {
      const sameServer = before?.smtpHost != null && sameHost(before.smtpHost, host);
      if (sameServer && before?.smtpPasswordSealed) {
        fields.smtpPasswordSealed = before.smtpPasswordSealed;
      } else {
        errors.push({
          field: 'smtpPassword',
          message:
            before?.smtpPasswordSealed && !sameServer
              ? 'must be given again when smtpHost changes'
              : 'is required with smtpUser',
        });
      }
    }
    return fields;
  }

  /** The SMTP server unsaved settings name, if any; refuses a user without a password. */
  private smtpServerOf(
    input: TestMailboxSettingsDto,
    errors: FieldError[],
  ): SmtpServerConfig | undefined {
    const fields = this.smtpFields(input, undefined, errors);
    if (!fields.smtpHost || errors.length > 0) return undefined;
    const tls = fields.smtpTls ?? 'starttls';
    return {
      host: fields.smtpHost,
      port: fields.smtpPort ?? defaultSmtpPort(tls),
      tls,
      verifyCertificate: input.smtpVerifyCertificate ?? true,
      user: fields.smtpUser ?? undefined,
      password: input.smtpPassword,
    };
  }
}

const MOVE_NEEDS_FOLDER: FieldError = {
  field: 'afterImportFolder',
  message: 'is required when afterImport is move',
};
const INACTIVE_QUEUE: FieldError = { field: 'queueId', message: 'must be an active queue' };

function sameHost(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** What the audit trail keeps of a mailbox: its settings, never a password. */
function snapshot(mailbox: MailboxRecord): Record<string, unknown> {
  return {
    address: mailbox.address,
    displayName: mailbox.displayName,
    queueId: mailbox.queueId,
    enabled: mailbox.enabled,
    imapHost: mailbox.imapHost,
    imapPort: mailbox.imapPort,
    imapTls: mailbox.imapTls,
    imapVerifyCertificate: mailbox.imapVerifyCertificate,
    imapUser: mailbox.imapUser,
    imapFolder: mailbox.imapFolder,
    afterImport: mailbox.afterImport,
    afterImportFolder: mailbox.afterImportFolder,
    pollIntervalSeconds: mailbox.pollIntervalSeconds,
    smtpHost: mailbox.smtpHost,
    smtpPort: mailbox.smtpPort,
    smtpTls: mailbox.smtpTls,
    smtpVerifyCertificate: mailbox.smtpVerifyCertificate,
    smtpUser: mailbox.smtpUser,
    smtpPasswordSet: mailbox.smtpPasswordSealed !== null,
    senderName: mailbox.senderName,
    acknowledgeNewTickets: mailbox.acknowledgeNewTickets,
  };
}

export function toDto(mailbox: MailboxRecord): MailboxDto {
  return {
    id: mailbox.id,
    address: mailbox.address,
    displayName: mailbox.displayName,
    queueId: mailbox.queueId,
    enabled: mailbox.enabled,
    imapHost: mailbox.imapHost,
    imapPort: mailbox.imapPort,
    imapTls: mailbox.imapTls,
    imapVerifyCertificate: mailbox.imapVerifyCertificate,
    imapUser: mailbox.imapUser,
    imapPasswordSet: true,
    imapFolder: mailbox.imapFolder,
    afterImport: mailbox.afterImport,
    afterImportFolder: mailbox.afterImportFolder,
    pollIntervalSeconds: mailbox.pollIntervalSeconds,
    smtpHost: mailbox.smtpHost,
    smtpPort: mailbox.smtpPort,
    smtpTls: mailbox.smtpTls,
    smtpVerifyCertificate: mailbox.smtpVerifyCertificate,
    smtpUser: mailbox.smtpUser,
    smtpPasswordSet: mailbox.smtpPasswordSealed !== null,
    senderName: mailbox.senderName,
    acknowledgeNewTickets: mailbox.acknowledgeNewTickets,
    lastFetchedAt: mailbox.lastFetchedAt?.toISOString() ?? null,
    lastError: mailbox.lastError,
    lastErrorAt: mailbox.lastErrorAt?.toISOString() ?? null,
    createdAt: mailbox.createdAt.toISOString(),
    updatedAt: mailbox.updatedAt.toISOString(),
  };
}
