import { Injectable } from '@nestjs/common';
import type { QueueAccessLevel, Role } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Grantee, GranteeType } from './grantee.js';

export interface GrantRow {
  granteeType: GranteeType;
  granteeId: string;
  granteeName: string;
  level: QueueAccessLevel;
  createdAt: Date;
}

/** The grantee's column in queue_grants; from this closed set only, never from input. */
const COLUMN: Record<GranteeType, 'user_id' | 'team_id'> = { user: 'user_id', team: 'team_id' };

/** Access to queues, granted to agents and teams. */
@Injectable()
export class QueueGrantRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every grant on the queue with the grantee's name, in one query: teams first, each by name. */
  async findByQueue(queueId: string): Promise<GrantRow[]> {
    const rows = await this.dataSource.query<
      {
        user_id: string | null;
        team_id: string | null;
        name: string;
        level: QueueAccessLevel;
        created_at: Date;
      }[]
    >(
      `SELECT g.user_id, g.team_id, COALESCE(t.name, u.name) AS name, g.level, g.created_at
         FROM queue_grants g
         LEFT JOIN users u ON u.id = g.user_id
         LEFT JOIN teams t ON t.id = g.team_id
        WHERE g.queue_id = $1
        ORDER BY g.team_id IS NULL, lower(COALESCE(t.name, u.name)), g.id`,
      [queueId],
    );
    return rows.map((row) => ({
      granteeType: row.team_id ? 'team' : 'user',
      granteeId: row.team_id ?? row.user_id ?? '',
      granteeName: row.name,
      level: row.level,
      createdAt: row.created_at,
    }));
  }

  /**
   * The user or team about to be granted, locked until the transaction ends so it cannot go (or,
   * for a user, change role) meanwhile. `role` is undefined for teams.
   */
  async lockGrantee(
    manager: EntityManager,
    grantee: Grantee,
  ): Promise<{ name: string; role?: Role } | undefined> {
    const [row] = await manager.query<{ name: string; role?: Role }[]>(
      grantee.type === 'user'
        ? 'SELECT name, role FROM users WHERE id = $1 FOR SHARE'
        : 'SELECT name FROM teams WHERE id = $1 FOR SHARE',
      [grantee.id],
    );
    return row;
  }

  /** The grantee's current grant on the queue; undefined when they have none. */
  async findGrant(
    manager: EntityManager,
    queueId: string,
    grantee: Grantee,
  ): Promise<{ level: QueueAccessLevel; createdAt: Date } | undefined> {
    const [row] = await manager.query<{ level: QueueAccessLevel; created_at: Date }[]>(
      `SELECT level, created_at FROM queue_grants
        WHERE queue_id = $1 AND ${COLUMN[grantee.type]} = $2`,
      [queueId, grantee.id],
    );
    return row && { level: row.level, createdAt: row.created_at };
  }

  /** Creates the grant or changes its level; returns when it was first given. */
  async upsert(
    manager: EntityManager,
    queueId: string,
    grantee: Grantee,
    level: QueueAccessLevel,
  ): Promise<Date> {
    const column = COLUMN[grantee.type];
    const [row] = await manager.query<{ created_at: Date }[]>(
      `INSERT INTO queue_grants (queue_id, ${column}, level) VALUES ($1, $2, $3)
       ON CONFLICT (queue_id, ${column}) DO UPDATE SET level = EXCLUDED.level
       RETURNING created_at`,
      [queueId, grantee.id, level],
    );
    if (!row) throw new Error('the grant upsert returned no row');
    return row.created_at;
  }

  /** Removes the grant; returns what it was, or undefined when there was none. */
  async delete(
    manager: EntityManager,
    queueId: string,
    grantee: Grantee,
  ): Promise<{ level: QueueAccessLevel; granteeName: string } | undefined> {
    const [rows] = await manager.query<[{ level: QueueAccessLevel; name: string }[], number]>(
      `DELETE FROM queue_grants g WHERE g.queue_id = $1 AND g.${COLUMN[grantee.type]} = $2
       RETURNING g.level,
                 COALESCE((SELECT t.name FROM teams t WHERE t.id = g.team_id),
                          (SELECT u.name FROM users u WHERE u.id = g.user_id)) AS name`,
      [queueId, grantee.id],
    );
    const [row] = rows;
    return row && { level: row.level, granteeName: row.name };
  }
}
