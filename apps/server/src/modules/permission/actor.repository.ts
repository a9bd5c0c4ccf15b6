import { Injectable } from '@nestjs/common';
import { strongestLevel, type QueueAccessLevel, type Role } from '@tessera/domain';
import { DataSource } from 'typeorm';
import { prepared } from '../../common/database/prepared-statements.js';
import type { RequestActor } from './request-actor.js';

interface ActorRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization_id: string | null;
  share_tickets: boolean | null;
  /** Agents only: their direct and team grants, one entry per grant. */
  grants: { queueId: string; level: QueueAccessLevel }[] | null;
}

@Injectable()
export class ActorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Loads an active user as an actor, with their effective queue access (own grants and their
   * teams' grants), in one query: it runs on every request. With `liveSession`, the user is found
   * only while that session is live (signed-in web sessions). Undefined when the user is missing or
   * deactivated, or the session is over.
   */
  async loadActive(
    userId: string,
    auth: ActorAuth,
    liveSession?: { sessionId: string; now: Date },
  ): Promise<RequestActor | undefined> {
    const [actor] = await this.loadActiveMany(
      [{ userId, auth, liveSessionId: liveSession?.sessionId ?? null }],
      liveSession?.now ?? new Date(0),
    );
    return actor;
  }

  /**
   * loadActive for the requests of many callers at once (see Authenticator), in one query; the
   * sessions must be live at `now`. By position.
   */
  async loadActiveMany(
    lookups: readonly { userId: string; auth: ActorAuth; liveSessionId: string | null }[],
    now: Date,
  ): Promise<(RequestActor | undefined)[]> {
    if (lookups.length === 0) return [];
    const rows = await this.dataSource.query<(ActorRow & { position: string })[]>(
      prepared(`SELECT a.position, u.id, u.email, u.name, u.role, u.organization_id, o.share_tickets,
              CASE WHEN u.role = 'agent' THEN (
                SELECT COALESCE(json_agg(json_build_object('queueId', g.queue_id, 'level', g.level)), '[]')
                  FROM queue_grants g
                 WHERE g.user_id = u.id
                    OR g.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = u.id))
              END AS grants
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS a(user_id, session_id, position)
         JOIN users u ON u.id = a.user_id AND u.active
         LEFT JOIN organizations o ON o.id = u.organization_id
        WHERE a.session_id IS NULL OR EXISTS (
                SELECT 1 FROM sessions s
                 WHERE s.id = a.session_id AND s.user_id = u.id AND s.expires_at > $3)`),
      [lookups.map((l) => l.userId), lookups.map((l) => l.liveSessionId), now],
    );
    const actors: (RequestActor | undefined)[] = lookups.map(() => undefined);
    for (const row of rows) {
      const position = Number(row.position) - 1;
      const lookup = lookups[position];
      if (lookup) actors[position] = toActor(row, lookup.auth);
    }
    return actors;
  }
}

/** How the request authenticated: a web session, or a personal API token (maybe read-only). */
export interface ActorAuth {
  sessionId: string | null;
  apiTokenId: string | null;
  readOnly: boolean;
}

function toActor(user: ActorRow, auth: ActorAuth): RequestActor {
  const byQueue = new Map<string, QueueAccessLevel[]>();
  for (const grant of user.grants ?? []) {
    byQueue.set(grant.queueId, [...(byQueue.get(grant.queueId) ?? []), grant.level]);
  }
  const queueAccess = new Map<string, QueueAccessLevel>();
  for (const [queueId, levels] of byQueue) {
    const level = strongestLevel(levels);
    if (level) queueAccess.set(queueId, level);
  }
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organization_id,
    organizationSharesTickets: user.share_tickets ?? false,
    queueAccess,
    readOnly: auth.readOnly,
    sessionId: auth.sessionId,
    apiTokenId: auth.apiTokenId,
  };
}
