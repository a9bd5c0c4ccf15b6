import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { JobService } from '../job/job.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import { canReadAttachment } from './attachment-access.js';
import { normalizeContentType } from './attachment-content-type.js';
import { sanitizeFilename } from './attachment-filename.js';
import { AttachmentError } from './attachment.error.js';
import {
  AttachmentRepository,
  type AttachmentAccess,
  type AttachmentRecord,
} from './attachment.repository.js';
import type { AttachmentDto, AttachmentMetaDto } from './dto/attachment.dto.js';
import type { UploadBody } from './upload-body.js';

export type { AttachmentRecord } from './attachment.repository.js';

export const PURGE_UNATTACHED_JOB = 'attachment.purge-unattached';
/** How long an upload waits for a message to claim it before it is purged. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

/** A file to store, as an upload or a mail brought it. */
export interface NewFile {
  /** Sanitised here; refused (400 naming `filename`) when nothing usable is left. */
  filename: string;
  /** Normalised here; application/octet-stream when missing or malformed. */
  contentType: string | undefined;
  data: Buffer;
  /** The Content-ID a mail gave the file; kept only when a `cid:` URL can name it (255 at most). */
  contentId?: string;
}

/** An attachment as a message lists it. */
export interface AttachmentSummary {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
}

/** What a download needs: the attachment, and its bytes unless the client's copy is current. */
export interface AttachmentDownload {
  attachment: AttachmentRecord;
  /** Undefined when `If-None-Match` named the current ETag (answer 304). */
  data: Buffer | undefined;
}

/**
 * Files attached to ticket messages, stored in PostgreSQL once per distinct content. Uploads
 * through the API stay unattached, and visible to their uploader only, until a message claims
 * them (attachUploads); the purge removes those left unclaimed, then blobs nothing refers to.
 */
@Injectable()
export class AttachmentService implements OnModuleInit {
  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly clock: Clock,
    private readonly jobs: JobService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: PURGE_UNATTACHED_JOB,
      cron: '*/30 * * * *',
      handler: () => this.purgeUnattached().then(() => undefined),
    });
  }

  /** The largest file accepted, in bytes (ATTACHMENT_MAX_BYTES). */
  get maxBytes(): number {
    return this.runtime.config.attachmentMaxBytes;
  }

  /** `POST /attachments`: stores the caller's file, unattached until a message claims it. */
  async upload(actor: RequestActor, filename: string, body: UploadBody): Promise<AttachmentDto> {
    const stored = await this.attachments.transaction((manager) =>
      this.store(
        manager,
        { filename, contentType: body.declaredType, data: body.data },
        actor.userId,
      ),
    );
    return {
      id: stored.id,
      filename: stored.filename,
      contentType: stored.contentType,
      size: stored.size,
      sha256: stored.sha256,
    };
  }

  /**
   * Stores a file in the caller's transaction: its content once (shared with identical files),
   * and an attachment row, on `messageId` or unattached. For mail intake and the upload route.
   */
  async store(
    manager: EntityManager,
    file: NewFile,
    uploadedBy: string | null,
    messageId?: string,
  ): Promise<AttachmentRecord> {
    const name = sanitizeFilename(file.filename);
    if ('problem' in name) throw AttachmentError.invalidFilename(name.problem);
    if (file.data.length > this.maxBytes) throw AttachmentError.tooLarge(this.maxBytes);
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const now = this.clock.now();
    await this.attachments.ensureBlob(manager, sha256, file.data, now);
    return this.attachments.insert(
      manager,
      {
        sha256,
        filename: name.filename,
        contentType: normalizeContentType(file.contentType),
        size: file.data.length,
        messageId: messageId ?? null,
        uploadedBy,
        contentId: file.contentId && file.contentId.length <= 255 ? file.contentId : null,
      },
      now,
    );
  }

  /**
   * Attaches the actor's uploads to a message, in the caller's transaction. Every id must be an
   * upload of the actor's that no message has claimed yet, or nothing is attached and the
   * answer is 400 naming `attachments` (the caller's transaction should then roll back).
   */
  async attachUploads(
    manager: EntityManager,
    actorUserId: string,
    uploadIds: string[],
    messageId: string,
  ): Promise<void> {
    if (uploadIds.length === 0) return;
    if (!uploadIds.every((id) => isUUID(id))) throw AttachmentError.notClaimable();
    const ids = [...new Set(uploadIds.map((id) => id.toLowerCase()))];
    const claimed = await this.attachments.claimUploads(manager, actorUserId, ids, messageId);
    if (claimed !== ids.length) throw AttachmentError.notClaimable();
  }

  /**
   * The attachments of each message, oldest first, in one query; every id asked for has an entry
   * (empty when it has none). Whether the reader may see each message is the caller's business.
   */
  async forMessages(messageIds: string[]): Promise<Map<string, AttachmentSummary[]>> {
    const byMessage = new Map<string, AttachmentSummary[]>(messageIds.map((id) => [id, []]));
    if (messageIds.length === 0) return byMessage;
    for (const row of await this.attachments.findByMessages(messageIds)) {
      const list = byMessage.get(row.messageId) ?? [];
      list.push({
        id: row.id,
        filename: row.filename,
        contentType: row.contentType,
        size: row.size,
        contentId: row.contentId,
      });
      byMessage.set(row.messageId, list);
    }
    return byMessage;
  }

  /** The files of a message with their bytes, oldest first, for the mail that carries them. */
  filesWithData(
    messageId: string,
  ): Promise<{ filename: string; contentType: string; data: Buffer }[]> {
    return this.attachments.findFilesWithData(messageId);
  }

  async meta(actor: RequestActor, id: string): Promise<AttachmentMetaDto> {
    const attachment = await this.findReadable(actor, id);
    return {
      id: attachment.id,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      messageId: attachment.messageId,
      createdAt: attachment.createdAt.toISOString(),
    };
  }

  /** The file, if the actor may read it (404 otherwise); no bytes when the client has them. */
  async download(
    actor: RequestActor,
    id: string,
    ifNoneMatch: string | undefined,
  ): Promise<AttachmentDownload> {
    const attachment = await this.findReadable(actor, id);
    if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, attachment.sha256)) {
      return { attachment, data: undefined };
    }
    const data = await this.attachments.readData(attachment.sha256);
    if (!data) throw AttachmentError.notFound();
    return { attachment, data };
  }

  /** Deletes uploads left unattached for 24 hours, then the blobs nothing refers to any more. */
  async purgeUnattached(): Promise<{ uploads: number; blobs: number }> {
    const before = new Date(this.clock.now().getTime() - UNATTACHED_TTL_MS);
    const uploads = await this.attachments.deleteUnattachedBefore(before);
    const blobs = await this.attachments.deleteOrphanBlobs();
    this.runtime.logger.info({ uploads, blobs }, 'purged unattached uploads and orphan blobs');
    return { uploads, blobs };
  }

  private async findReadable(actor: RequestActor, id: string): Promise<AttachmentAccess> {
    const attachment = isUUID(id) ? await this.attachments.findAccess(id.toLowerCase()) : undefined;
    if (!attachment || !canReadAttachment(actor, attachment)) throw AttachmentError.notFound();
    return attachment;
  }
}

/** `If-None-Match`: `*`, or a list of entity tags compared weakly (RFC 9110 13.1.2). */
function matchesEtag(ifNoneMatch: string, sha256: string): boolean {
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${sha256}"`);
}
