import { Injectable } from '@nestjs/common';
import type { QueueAccessLevel, Role } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { NameKey } from '../../common/pagination/name-cursor.js';
import { TeamError } from './team.error.js';
import type { Team } from './team.entity.js';
import { onUniqueViolation, singleRow } from '../../common/database/postgres.js';

export interface TeamSummary extends Team, NameKey {
  memberCount: number;
}

export interface TeamMemberRow {
  id: string;
  name: string;
  email: string;
}

// A type, not an interface, so it is also a Record for the audit trail's before/after.
export type TeamChanges = { name?: string; description?: string };

interface TeamRow {
  id: string;
  name: string;
  description: string;
  created_at: Date;
  updated_at: Date;
}

const TEAM_COLUMNS = 't.id, t.name, t.description, t.created_at, t.updated_at';
const NAME_KEY = 'teams_name_lower_key';

/** Teams and their members: every query of the team module. */
@Injectable()
export class TeamRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One page by (lower(name), id), member counts included; `limit + 1` rows tell if more exist. */
  async findPage(
    filter: { q?: string },
    after: NameKey | undefined,
    limit: number,
  ): Promise<TeamSummary[]> {
    const rows = await this.dataSource.query<
      (TeamRow & { sort_name: string; member_count: number })[]
    >(
      `SELECT ${TEAM_COLUMNS}, lower(t.name) AS sort_name,
              (SELECT count(*) FROM team_members m WHERE m.team_id = t.id)::int AS member_count
         FROM teams t
        WHERE ($1::text IS NULL OR starts_with(lower(t.name), lower($1::text)))
          AND ($2::text IS NULL OR (lower(t.name), t.id) > ($2::text, $3::uuid))
        ORDER BY lower(t.name), t.id
        LIMIT $4`,
      [filter.q ?? null, after?.sortName ?? null, after?.id ?? null, limit + 1],
    );
    return rows.map((row) => ({
      ...toTeam(row),
      sortName: row.sort_name,
      memberCount: row.member_count,
    }));
  }

  async findById(id: string): Promise<Team | undefined> {
    const [row] = await this.dataSource.query<TeamRow[]>(
      `SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.id = $1`,
      [id],
    );
    return row && toTeam(row);
  }

  /** The team, locked until the transaction ends, so concurrent changes to it queue up. */
  async lockById(manager: EntityManager, id: string): Promise<Team | undefined> {
    const [row] = await manager.query<TeamRow[]>(
      `SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.id = $1 FOR UPDATE`,
      [id],
    );
    return row && toTeam(row);
  }

  findMembers(teamId: string, manager?: EntityManager): Promise<TeamMemberRow[]> {
    return (manager ?? this.dataSource).query<TeamMemberRow[]>(
      `SELECT u.id, u.name, u.email
         FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = $1
        ORDER BY lower(u.name), u.id`,
      [teamId],
    );
  }

  /** Throws TeamError.nameTaken when another team has the name in any case. */
  async insert(manager: EntityManager, team: { name: string; description: string }): Promise<Team> {
    const rows = await onUniqueViolation(
      NAME_KEY,
      () => TeamError.nameTaken(team.name),
      () =>
        manager.query<TeamRow[]>(
          `INSERT INTO teams AS t (name, description) VALUES ($1, $2) RETURNING ${TEAM_COLUMNS}`,
          [team.name, team.description],
        ),
    );
    return toTeam(singleRow(rows));
  }

  /** Throws TeamError.nameTaken when another team has the new name in any case. */
  async update(manager: EntityManager, id: string, changes: TeamChanges): Promise<Team> {
    const [rows] = await onUniqueViolation(
      NAME_KEY,
      () => TeamError.nameTaken(changes.name ?? ''),
      () =>
        manager.query<[TeamRow[], number]>(
          `UPDATE teams AS t
            SET name = COALESCE($2, t.name),
                description = COALESCE($3, t.description),
                updated_at = now()
          WHERE t.id = $1
          RETURNING ${TEAM_COLUMNS}`,
          [id, changes.name ?? null, changes.description ?? null],
        ),
    );
    return toTeam(singleRow(rows));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM teams WHERE id = $1', [id]);
  }

  /** Who would join, locked against deletion and role changes until the transaction ends. */
  async lockUser(
    manager: EntityManager,
    userId: string,
  ): Promise<{ id: string; name: string; role: Role } | undefined> {
    const [row] = await manager.query<{ id: string; name: string; role: Role }[]>(
      'SELECT id, name, role FROM users WHERE id = $1 FOR SHARE',
      [userId],
    );
    return row;
  }

  /** False when the user was a member already. */
  async addMember(manager: EntityManager, teamId: string, userId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)
       ON CONFLICT (team_id, user_id) DO NOTHING
       RETURNING 1`,
      [teamId, userId],
    );
    return rows.length > 0;
  }

  /** The removed member's name; undefined when the user was not a member. */
  async removeMember(
    manager: EntityManager,
    teamId: string,
    userId: string,
  ): Promise<string | undefined> {
    const [rows] = await manager.query<[{ name: string }[], number]>(
      `DELETE FROM team_members m WHERE m.team_id = $1 AND m.user_id = $2
       RETURNING (SELECT u.name FROM users u WHERE u.id = m.user_id) AS name`,
      [teamId, userId],
    );
    return rows[0]?.name;
  }

  /** The queue access granted to the team, which goes when the team goes. */
  findQueueGrants(
    manager: EntityManager,
    teamId: string,
  ): Promise<{ queueId: string; level: QueueAccessLevel }[]> {
    return manager.query<{ queueId: string; level: QueueAccessLevel }[]>(
      `SELECT queue_id AS "queueId", level FROM queue_grants WHERE team_id = $1
        ORDER BY queue_id`,
      [teamId],
    );
  }
}

function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
