import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NotificationKind } from './notification.entity.js';

export interface NotificationRecord {
  id: string;
  kind: NotificationKind;
  ticketId: string | null;
  ticketNumber: number | null;
  ticketSubject: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  ticket_id: string | null;
  ticket_number: number | null;
  ticket_subject: string | null;
  details: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const SELECT_NOTIFICATION = `
  SELECT n.id, n.kind, n.ticket_id, t.number AS ticket_number, t.subject AS ticket_subject,
         n.details, n.created_at, n.read_at
    FROM notifications n LEFT JOIN tickets t ON t.id = n.ticket_id`;

@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A user's notifications, newest first, after the keyset `after` ([createdAt, id]). */
  async findPage(
    userId: string,
    filter: { unread?: boolean },
    after: string[] | undefined,
    limit: number,
  ): Promise<NotificationRecord[]> {
    const params: unknown[] = [userId];
    const where = ['n.user_id = $1'];
    if (filter.unread !== undefined) {
      where.push(filter.unread ? 'n.read_at IS NULL' : 'n.read_at IS NOT NULL');
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(n.created_at, n.id) < ($2::timestamptz, $3::uuid)`);
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<NotificationRow[]>(
      `${SELECT_NOTIFICATION} WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Marks the user's own notification read (keeping the first time); undefined if not theirs. */
  async markRead(userId: string, id: string, at: Date): Promise<NotificationRecord | undefined> {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE notifications SET read_at = COALESCE(read_at, $3)
        WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, userId, at],
    );
    if (!rows[0]) return undefined;
    const [row] = await this.dataSource.query<NotificationRow[]>(
      `${SELECT_NOTIFICATION} WHERE n.id = $1`,
      [id],
    );
    return row && toRecord(row);
  }
}

function toRecord(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    kind: row.kind,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    ticketSubject: row.ticket_subject,
    details: row.details,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
