import { Injectable } from '@nestjs/common';
import { strongestLevel, type QueueAccessLevel, type Role } from '@tessera/domain';
import { DataSource } from 'typeorm';
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
    auth: { sessionId: string | null; apiTokenId: string | null; readOnly: boolean },
    liveSession?: { sessionId: string; now: Date },
  ): Promise<RequestActor | undefined> {
    const [user] = await this.dataSource.query<ActorRow[]>(
      `SELECT u.id, u.email, u.name, u.role, u.organization_id, o.share_tickets,
              CASE WHEN u.role = 'agent' THEN (
                SELECT COALESCE(json_agg(json_build_object('queueId', g.queue_id, 'level', g.level)), '[]')
                  FROM queue_grants g
                 WHERE g.user_id = u.id
                    OR g.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = u.id))
              END AS grants
         FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active
          AND ($2::uuid IS NULL OR EXISTS (
                SELECT 1 FROM sessions s WHERE s.id = $2 AND s.user_id = u.id AND s.expires_at > $3))`,
      [userId, liveSession?.sessionId ?? null, liveSession?.now ?? null],
    );
    if (!user) return undefined;
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
}
