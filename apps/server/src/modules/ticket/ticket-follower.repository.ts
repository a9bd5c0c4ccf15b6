import { Injectable } from '@nestjs/common';
import type { Role } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';

export interface FollowerRecord {
  userId: string;
  name: string;
  email: string;
  role: Role;
  since: Date;
}

/** Who follows a ticket besides its requester. */
@Injectable()
export class TicketFollowerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds followers in one statement; returns the ids that were not following yet. */
  async add(
    manager: EntityManager,
    ticketId: string,
    userIds: string[],
    at: Date,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await manager.query<{ user_id: string }[]>(
      `INSERT INTO ticket_followers (ticket_id, user_id, created_at)
       SELECT $1, u, $3 FROM unnest($2::uuid[]) AS u
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [ticketId, userIds, at],
    );
    return rows.map((row) => row.user_id);
  }

  /** True when the user was following. */
  async remove(manager: EntityManager, ticketId: string, userId: string): Promise<boolean> {
    const [, affected] = await manager.query<[unknown[], number]>(
      'DELETE FROM ticket_followers WHERE ticket_id = $1 AND user_id = $2',
      [ticketId, userId],
    );
    return affected > 0;
  }

  async list(ticketId: string): Promise<FollowerRecord[]> {
    const rows = await this.dataSource.query<
      { user_id: string; name: string; email: string; role: Role; created_at: Date }[]
    >(
      `SELECT f.user_id, u.name, u.email, u.role, f.created_at
         FROM ticket_followers f JOIN users u ON u.id = f.user_id
        WHERE f.ticket_id = $1
        ORDER BY f.created_at, u.email`,
      [ticketId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      name: row.name,
      email: row.email,
      role: row.role,
      since: row.created_at,
    }));
  }
}
