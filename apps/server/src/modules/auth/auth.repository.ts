import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiToken } from './api-token.entity.js';
import { prepared } from '../../common/database/prepared-statements.js';

export interface LoginCandidate {
  id: string;
  passwordHash: string | null;
  active: boolean;
}

/** Sessions, API tokens and login throttles: every query of the auth module. */
@Injectable()
export class AuthRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findLoginCandidate(email: string): Promise<LoginCandidate | undefined> {
    const [row] = await this.dataSource.query<
      { id: string; password_hash: string | null; active: boolean }[]
    >(prepared('SELECT id, password_hash, active FROM users WHERE lower(email) = lower($1)'), [
      email,
    ]);
    return row && { id: row.id, passwordHash: row.password_hash, active: row.active };
  }

  async recordLogin(userId: string, at: Date): Promise<void> {
    await this.dataSource.query(prepared('UPDATE users SET last_login_at = $2 WHERE id = $1'), [
      userId,
      at,
    ]);
  }

  async findPasswordHash(userId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ password_hash: string | null }[]>(
      prepared('SELECT password_hash FROM users WHERE id = $1'),
      [userId],
    );
    return row?.password_hash ?? null;
  }

  async setPasswordHash(manager: EntityManager, userId: string, hash: string): Promise<boolean> {
    const [, affected] = await manager.query<[unknown, number]>(
      'UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1',
      [userId, hash],
    );
    return affected > 0;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // --- refresh sessions ---

  async createSession(userId: string, tokenHash: string, expiresAt: Date): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      prepared(
        `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      ),
      [userId, tokenHash, expiresAt],
    );
    if (!row) throw new Error('session insert returned nothing');
    return row.id;
  }

  /**
   * Swaps a live session's refresh token for a new one (rotation): the old token stops working.
   * Returns the session, or undefined when the old token is unknown or expired.
   */
  async rotateSession(
    oldHash: string,
    newHash: string,
    now: Date,
    expiresAt: Date,
  ): Promise<{ id: string; userId: string } | undefined> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [[row]] = await this.dataSource.query<[{ id: string; user_id: string }[], number]>(
      prepared(`UPDATE sessions SET token_hash = $2, last_used_at = $3, expires_at = $4
        WHERE token_hash = $1 AND expires_at > $3
        RETURNING id, user_id`),
      [oldHash, newHash, now, expiresAt],
    );
    return row && { id: row.id, userId: row.user_id };
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.dataSource.query(prepared('DELETE FROM sessions WHERE id = $1'), [sessionId]);
  }

  async deleteSessionByTokenHash(tokenHash: string): Promise<void> {
    await this.dataSource.query(prepared('DELETE FROM sessions WHERE token_hash = $1'), [
      tokenHash,
    ]);
  }

  /** Signs a user out everywhere (password reset, deactivation), except `keepSessionId`. */
  async deleteSessionsOf(
    userId: string,
    manager?: EntityManager,
    keepSessionId?: string,
  ): Promise<void> {
    await (manager ?? this.dataSource).query(
      'DELETE FROM sessions WHERE user_id = $1 AND ($2::uuid IS NULL OR id <> $2)',
      [userId, keepSessionId ?? null],
    );
  }

  // --- personal API tokens ---

  async createApiToken(token: {
    userId: string;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
    readOnly: boolean;
    expiresAt: Date | null;
  }): Promise<ApiToken> {
    const repository = this.dataSource.getRepository(ApiToken);
    return repository.save(repository.create(token));
  }

  /** A token that is neither revoked nor expired. */
  async findUsableApiToken(
    tokenHash: string,
    now: Date,
  ): Promise<{ id: string; userId: string; readOnly: boolean } | undefined> {
    const [row] = await this.dataSource.query<
      { id: string; user_id: string; read_only: boolean }[]
    >(
      prepared(`SELECT id, user_id, read_only FROM api_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`),
      [tokenHash, now],
    );
    return row && { id: row.id, userId: row.user_id, readOnly: row.read_only };
  }

  /** Records use, at most once a minute per token, so busy integrations do not write on every call. */
  async touchApiToken(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      prepared(`UPDATE api_tokens SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`),
      [id, now],
    );
  }

  listApiTokens(userId: string): Promise<ApiToken[]> {
    return this.dataSource
      .getRepository(ApiToken)
      .find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Revokes one of the user's tokens; false when they have no such live token. */
  async revokeApiToken(userId: string, id: string, now: Date): Promise<boolean> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      'UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
      [id, userId, now],
    );
    return affected > 0;
  }

  // --- login throttling ---

  /** The latest lock among `keys` still in force at `now`, if any. */
  async lockedUntil(keys: string[], now: Date): Promise<Date | undefined> {
    const [row] = await this.dataSource.query<{ locked_until: Date | null }[]>(
      'SELECT max(locked_until) AS locked_until FROM login_throttles WHERE key = ANY($1) AND locked_until > $2',
      [keys, now],
    );
    return row?.locked_until ?? undefined;
  }

  /**
   * Counts one failure for `key` within a sliding window that restarts once it has passed, and
   * locks the key when the count reaches `maxFailures`. One atomic statement, safe across replicas.
   */
  async recordFailure(
    key: string,
    now: Date,
    rule: { windowSeconds: number; maxFailures: number; lockSeconds: number },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_throttles AS t (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, $2, CASE WHEN $4 <= 1 THEN $2::timestamptz + make_interval(secs => $5) END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < $2::timestamptz - make_interval(secs => $3)
                         THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < $2::timestamptz - make_interval(secs => $3)
                                  THEN $2 ELSE t.window_started_at END,
         locked_until = CASE
           WHEN t.window_started_at >= $2::timestamptz - make_interval(secs => $3)
                AND t.failures + 1 >= $4
           THEN $2::timestamptz + make_interval(secs => $5)
           ELSE t.locked_until END`,
      [key, now, rule.windowSeconds, rule.maxFailures, rule.lockSeconds],
    );
  }

  async clearFailures(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttles WHERE key = $1', [key]);
  }
}
