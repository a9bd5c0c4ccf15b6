import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { singleRow } from '../../common/database/postgres.js';
import type { AttachmentOwnership } from './attachment-access.js';
import { prepared } from '../../common/database/prepared-statements.js';

export interface AttachmentRecord {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Null while it is an upload no message has claimed yet. */
  messageId: string | null;
  uploadedBy: string | null;
  createdAt: Date;
}

export interface NewAttachment {
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
  messageId: string | null;
  uploadedBy: string | null;
  /** The Content-ID a mail gave the file (see Attachment.contentId). */
  contentId?: string | null;
}

/** An attachment with what access to it depends on: its uploader, or its message's ticket. */
export interface AttachmentAccess extends AttachmentRecord, AttachmentOwnership {}

export interface AttachmentSummaryRow {
  id: string;
  messageId: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
}

interface AttachmentRow {
  id: string;
  filename: string;
  content_type: string;
  size: string;
  sha256: string;
  message_id: string | null;
  uploaded_by: string | null;
  created_at: Date;
}

const ATTACHMENT_COLUMNS =
  'a.id, a.filename, a.content_type, a.size, a.sha256, a.message_id, a.uploaded_by, a.created_at';

// Orphan blobs are deleted in bounded batches: each holds up to ATTACHMENT_MAX_BYTES of data.
const BLOB_BATCH = 100;
const UPLOAD_BATCH = 5_000;

/** Every query on attachments and their blobs. */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Makes sure the blob exists and stays until the caller's transaction ends: identical content
   * is stored once. A blob that already exists is locked (KEY SHARE) so the orphan purge cannot
   * delete it between this check and the insert of the attachment that refers to it.
   */
  async ensureBlob(manager: EntityManager, sha256: string, data: Buffer, at: Date): Promise<void> {
    // Another round only when the purge deleted the blob between the two statements.
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await manager.query<unknown[]>(
        prepared(`INSERT INTO attachment_blobs (sha256, size, data, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING RETURNING sha256`),
        [sha256, data.length, data, at],
      );
      if (inserted.length > 0) return;
      const locked = await manager.query<unknown[]>(
        prepared('SELECT 1 FROM attachment_blobs WHERE sha256 = $1 FOR KEY SHARE'),
        [sha256],
      );
      if (locked.length > 0) return;
    }
    throw new Error(`attachment blob ${sha256} kept disappearing while it was stored`);
  }

  async insert(
    manager: EntityManager,
    attachment: NewAttachment,
    at: Date,
  ): Promise<AttachmentRecord> {
    const rows = await manager.query<AttachmentRow[]>(
      prepared(`INSERT INTO attachments AS a (sha256, filename, content_type, size, message_id, uploaded_by, created_at, content_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${ATTACHMENT_COLUMNS}`),
      [
        attachment.sha256,
        attachment.filename,
        attachment.contentType,
        attachment.size,
        attachment.messageId,
        attachment.uploadedBy,
        at,
        attachment.contentId ?? null,
      ],
    );
    return toRecord(singleRow(rows));
  }

  /**
   * Gives the uploader's unattached uploads to a message in one statement; returns how many it
   * claimed. Rows another transaction claims at the same time are re-checked after its commit.
   */
  async claimUploads(
    manager: EntityManager,
    uploadedBy: string,
    ids: string[],
    messageId: string,
  ): Promise<number> {
    const [, claimed] = await manager.query<[unknown, number]>(
      `UPDATE attachments SET message_id = $3
        WHERE id = ANY($1::uuid[]) AND uploaded_by = $2 AND message_id IS NULL`,
      [ids, uploadedBy, messageId],
    );
    return claimed;
  }

  async findAccess(id: string): Promise<AttachmentAccess | undefined> {
    const [row] = await this.dataSource.query<
      (AttachmentRow & {
        internal: boolean | null;
        queue_id: string | null;
        requester_id: string | null;
        organization_id: string | null;
      })[]
    >(
      `SELECT ${ATTACHMENT_COLUMNS}, m.internal, t.queue_id, t.requester_id, t.organization_id
         FROM attachments a
         LEFT JOIN ticket_messages m ON m.id = a.message_id
         LEFT JOIN tickets t ON t.id = m.ticket_id
        WHERE a.id = $1`,
      [id],
    );
    if (!row) return undefined;
    return {
      ...toRecord(row),
      message:
        row.queue_id !== null && row.requester_id !== null
          ? {
              internal: row.internal ?? false,
              ticket: {
                queueId: row.queue_id,
                requesterId: row.requester_id,
                organizationId: row.organization_id,
              },
            }
          : null,
    };
  }

  async readData(sha256: string): Promise<Buffer | undefined> {
    const [row] = await this.dataSource.query<{ data: Buffer }[]>(
      prepared('SELECT data FROM attachment_blobs WHERE sha256 = $1'),
      [sha256],
    );
    return row?.data;
  }

  /** The files of one message with their bytes, oldest first: what a mail of it carries. */
  async findFilesWithData(
    messageId: string,
  ): Promise<{ filename: string; contentType: string; data: Buffer }[]> {
    const rows = await this.dataSource.query<
      { filename: string; content_type: string; data: Buffer }[]
    >(
      `SELECT a.filename, a.content_type, b.data FROM attachments a
         JOIN attachment_blobs b ON b.sha256 = a.sha256
        WHERE a.message_id = $1
        ORDER BY a.created_at, a.id`,
      [messageId],
    );
    return rows.map((row) => ({
      filename: row.filename,
      contentType: row.content_type,
      data: row.data,
    }));
  }

  /** The attachments of these messages, oldest first. */
  async findByMessages(messageIds: string[]): Promise<AttachmentSummaryRow[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        message_id: string;
        filename: string;
        content_type: string;
        size: string;
        content_id: string | null;
      }[]
    >(
      `SELECT id, message_id, filename, content_type, size, content_id FROM attachments
        WHERE message_id = ANY($1::uuid[])
        ORDER BY created_at, id`,
      [messageIds],
    );
    return rows.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      filename: row.filename,
      contentType: row.content_type,
      size: Number(row.size),
      contentId: row.content_id,
    }));
  }

  /** Uploads no message claimed, created before `before`. */
  async deleteUnattachedBefore(before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = await this.dataSource.query<[unknown, number]>(
        // Checked again outside the subquery: a message claiming an upload meanwhile keeps it.
        `DELETE FROM attachments
          WHERE id IN (SELECT id FROM attachments WHERE message_id IS NULL AND created_at < $1
                        ORDER BY created_at LIMIT ${UPLOAD_BATCH})
            AND message_id IS NULL AND created_at < $1`,
        [before],
      );
      total += deleted;
      if (deleted < UPLOAD_BATCH) return total;
    }
  }

  /**
   * Blobs no attachment refers to any more (their uploads purged, their tickets deleted). Blobs an
   * upload is storing right now are locked (see ensureBlob) and skipped.
   */
  async deleteOrphanBlobs(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = await this.dataSource.query<[unknown, number]>(
        `DELETE FROM attachment_blobs WHERE sha256 IN (
           SELECT b.sha256 FROM attachment_blobs b
            WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)
            LIMIT ${BLOB_BATCH} FOR UPDATE SKIP LOCKED)`,
      );
      total += deleted;
      if (deleted < BLOB_BATCH) return total;
    }
  }
}

function toRecord(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    messageId: row.message_id,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}
