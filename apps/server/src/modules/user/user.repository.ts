import { Injectable } from '@nestjs/common';
import type { Role } from '@tessera/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation, likePrefix } from '../../common/database/postgres.js';
import { User } from './user.entity.js';
import { prepared } from '../../common/database/prepared-statements.js';

// Serialises first-admin creation across replicas starting together ("admin" in ASCII).
const FIRST_ADMIN_LOCK = '418430233966';
// Serialises changes that may take admin rights away, so two admins demoting each other at the
// same moment cannot leave Tessera without one.
const ADMIN_SET_LOCK = '418430233967';

export interface NewAdmin {
  email: string;
  name: string;
  passwordHash: string;
}

/** A user as the API and other modules see it: never the password hash. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  locale: string;
  timezone: string;
  /** Staff: mail me about tickets assigned to me (see OutgoingMailService). */
  mailNotifications: boolean;
  organizationId: string | null;
  hasPassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  organizationId: string | null;
  /** Omitted: the column default. */
  locale?: string;
  timezone?: string;
}

/** The columns an update may change. */
export interface UserChanges {
  email?: string;
  name?: string;
  role?: Role;
  active?: boolean;
  locale?: string;
  timezone?: string;
  mailNotifications?: boolean;
  organizationId?: string | null;
}

export interface UserFilter {
  role?: Role;
  active?: boolean;
  organizationId?: string;
  /** Case-insensitive prefix of the email or the name. */
  q?: string;
}

/** A row of a list page with its sort key, lower(email) as PostgreSQL computes it. */
export interface Keyed<T> {
  row: T;
  key: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  locale: string;
  timezone: string;
  mail_notifications: boolean;
  organization_id: string | null;
  has_password: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, email, name, role, active, locale, timezone, mail_notifications,
  organization_id, password_hash IS NOT NULL AS has_password, last_login_at, created_at,
  updated_at`;

const CHANGE_COLUMNS: Record<keyof UserChanges, string> = {
  email: 'email',
  name: 'name',
  role: 'role',
  active: 'active',
  locale: 'locale',
  timezone: 'timezone',
  mailNotifications: 'mail_notifications',
  organizationId: 'organization_id',
};

/**
 * Every query on users. Lists are ordered by lower(email): the unique index
 * users_email_lower_key both sorts them and makes that key unique, so it is the whole cursor.
 */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async adminExists(): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`,
    );
    return rows.length > 0;
  }

  async emailTaken(email: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      prepared('SELECT 1 FROM users WHERE lower(email) = lower($1) LIMIT 1'),
      [email],
    );
    return rows.length > 0;
  }

  /**
   * Inserts the admin only if no admin exists yet, atomically across replicas.
   * Returns the new user, or undefined when another process got there first.
   */
  async createFirstAdmin(admin: NewAdmin): Promise<User | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const existing = await manager.query<unknown[]>(
        `SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`,
      );
      if (existing.length > 0) return undefined;
      return manager.save(manager.create(User, { ...admin, role: 'admin', active: true }));
    });
  }

  /** One page of users after the key `after` (a lower-cased email), `limit + 1` rows. */
  async findPage(
    filter: UserFilter,
    after: string | undefined,
    limit: number,
  ): Promise<Keyed<UserRecord>[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => `$${parameters.push(value)}`;
    if (filter.role !== undefined) conditions.push(`role = ${bind(filter.role)}`);
    if (filter.active !== undefined) conditions.push(`active = ${bind(filter.active)}`);
    if (filter.organizationId !== undefined) {
      conditions.push(`organization_id = ${bind(filter.organizationId)}`);
    }
    if (filter.q !== undefined) {
      const prefix = bind(likePrefix(filter.q));
      conditions.push(`(lower(email) LIKE lower(${prefix}) OR lower(name) LIKE lower(${prefix}))`);
    }
    if (after !== undefined) conditions.push(`lower(email) > ${bind(after)}`);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.dataSource.query<(UserRow & { sort_key: string })[]>(
      `SELECT ${COLUMNS}, lower(email) AS sort_key FROM users ${where}
        ORDER BY lower(email) LIMIT ${bind(limit + 1)}`,
      parameters,
    );
    return rows.map((row) => ({ row: toRecord(row), key: row.sort_key }));
  }

  /**
   * Active agents and admins, `limit + 1` of them after `after`: one range scan of the partial
   * index users_staff_email_idx, however many customers there are.
   */
  async findAssignablePage(
    after: string | undefined,
    limit: number,
  ): Promise<Keyed<{ id: string; name: string; email: string }>[]> {
    const rows = await this.dataSource.query<
      { id: string; name: string; email: string; sort_key: string }[]
    >(
      `SELECT id, name, email, lower(email) AS sort_key FROM users
        WHERE role IN ('agent', 'admin') AND active AND ($1::text IS NULL OR lower(email) > $1)
        ORDER BY lower(email) LIMIT $2`,
      [after ?? null, limit + 1],
    );
    return rows.map(({ sort_key, ...row }) => ({ row, key: sort_key }));
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.dataSource.query<UserRow[]>(
      prepared(`SELECT ${COLUMNS} FROM users WHERE id = $1`),
      [id],
    );
    return row && toRecord(row);
  }

  /** Reads a user and locks the row until the transaction ends, for a read-then-write. */
  async lockById(manager: EntityManager, id: string): Promise<UserRecord | undefined> {
    const [row] = await manager.query<UserRow[]>(
      prepared(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`),
      [id],
    );
    return row && toRecord(row);
  }

  async findByEmail(manager: EntityManager, email: string): Promise<UserRecord | undefined> {
    const [user] = await this.findByEmails(manager, [email]);
    return user;
  }

  /** The users with these addresses (in any case), by position in `emails`; gaps for strangers. */
  async findByEmails(
    manager: EntityManager,
    emails: readonly string[],
  ): Promise<(UserRecord | undefined)[]> {
    if (emails.length === 0) return [];
    const rows = await manager.query<(UserRow & { position: string })[]>(
      prepared(`SELECT a.position, u.*
         FROM unnest($1::text[]) WITH ORDINALITY AS a(address, position)
         CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM users WHERE lower(email) = lower(a.address)) u`),
      [emails],
    );
    const found: (UserRecord | undefined)[] = emails.map(() => undefined);
    for (const row of rows) found[Number(row.position) - 1] = toRecord(row);
    return found;
  }

  /** Inserts a user; undefined when the email (in any case) is already taken. */
  async insert(manager: EntityManager, user: NewUser): Promise<UserRecord | undefined> {
    const values: Record<string, unknown> = {
      email: user.email,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      organization_id: user.organizationId,
      locale: user.locale,
      timezone: user.timezone,
    };
    // Omitted columns take their defaults from the schema, the one place they are defined.
    const columns = Object.keys(values).filter((column) => values[column] !== undefined);
    const [row] = await manager.query<UserRow[]>(
      prepared(`INSERT INTO users (${columns.join(', ')})
       VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`),
      columns.map((column) => values[column]),
    );
    return row && toRecord(row);
  }

  /** Applies the changes; undefined when the new email is taken by another user. */
  async update(
    manager: EntityManager,
    id: string,
    changes: UserChanges,
  ): Promise<UserRecord | undefined> {
    const parameters: unknown[] = [id];
    const assignments = (Object.keys(changes) as (keyof UserChanges)[])
      .filter((field) => changes[field] !== undefined)
      .map((field) => `${CHANGE_COLUMNS[field]} = $${parameters.push(changes[field])}`);
    try {
      const [[row]] = await manager.query<[UserRow[], number]>(
        `UPDATE users SET ${[...assignments, 'updated_at = now()'].join(', ')}
          WHERE id = $1 RETURNING ${COLUMNS}`,
        parameters,
      );
      if (!row) throw new Error(`user ${id} vanished while locked`);
      return toRecord(row);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_key')) return undefined;
      throw error;
    }
  }

  /** Call before counting admins when a change may take admin rights away. */
  async lockAdminSet(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_SET_LOCK]);
  }

  async countActiveAdmins(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND active`,
    );
    return row?.count ?? 0;
  }
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    locale: row.locale,
    timezone: row.timezone,
    mailNotifications: row.mail_notifications,
    organizationId: row.organization_id,
    hasPassword: row.has_password,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
