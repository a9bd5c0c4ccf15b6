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
}

@Injectable()
export class ActorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Loads an active user as an actor, with their effective queue access (own grants and their
   * teams' grants). Undefined when the user is missing or deactivated. Two indexed queries.
   */
  async loadActive(
    userId: string,
    auth: { sessionId: string | null; apiTokenId: string | null; readOnly: boolean },
  ): Promise<RequestActor | undefined> {
    const [user] = await this.dataSource.query<ActorRow[]>(
      `SELECT u.id, u.email, u.name, u.role, u.organization_id, o.share_tickets
         FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active`,
      [userId],
    );
    if (!user) return undefined;
    const queueAccess = new Map<string, QueueAccessLevel>();
    if (user.role === 'agent') {
      const grants = await this.dataSource.query<{ queue_id: string; level: QueueAccessLevel }[]>(
        `SELECT g.queue_id, g.level FROM queue_grants g
          WHERE g.user_id = $1
             OR g.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = $1)`,
        [userId],
      );
      const byQueue = new Map<string, QueueAccessLevel[]>();
      for (const grant of grants) {
        byQueue.set(grant.queue_id, [...(byQueue.get(grant.queue_id) ?? []), grant.level]);
      }
      for (const [queueId, levels] of byQueue) {
        const level = strongestLevel(levels);
        if (level) queueAccess.set(queueId, level);
      }
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
