import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock.js';
import { Batcher } from '../../common/batching/batcher.js';
import { ActorRepository, type ActorAuth } from '../permission/actor.repository.js';
import type { RequestActor } from '../permission/request-actor.js';
import { AuthError } from './auth.error.js';
import { AuthRepository } from './auth.repository.js';
import { API_TOKEN_PREFIX, TokenCrypto } from './token-crypto.js';

interface SessionLookup {
  userId: string;
  auth: ActorAuth;
  liveSessionId: string;
}

/**
 * Turns an Authorization header into the actor behind it. Checked against the database on every
 * request, so a deactivated user, a signed-out session or a revoked token stops working at once.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenCrypto,
    private readonly auth: AuthRepository,
    private readonly actors: ActorRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Signed-in requests that arrive together are checked by one query (see Batcher); the session
   * must be live when that query runs, after each request arrived.
   */
  private readonly sessionActors = new Batcher<SessionLookup, RequestActor | undefined>(
    async (lookups) =>
      (await this.actors.loadActiveMany(lookups, this.clock.now())).map((value) => ({
        status: 'fulfilled',
        value,
      })),
    { maxBatch: 200, maxConcurrent: 2 },
  );

  async authenticate(authorization: string | undefined): Promise<RequestActor> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (!token) throw AuthError.unauthenticated();
    const actor = token.startsWith(API_TOKEN_PREFIX)
      ? await this.fromApiToken(token)
      : await this.fromAccessToken(token);
    if (!actor) throw AuthError.unauthenticated();
    return actor;
  }

  private async fromApiToken(token: string): Promise<RequestActor | undefined> {
    const now = this.clock.now();
    const found = await this.auth.findUsableApiToken(this.tokens.hash(token), now);
    if (!found) return undefined;
    const actor = await this.actors.loadActive(found.userId, {
      sessionId: null,
      apiTokenId: found.id,
      readOnly: found.readOnly,
    });
    if (actor) await this.auth.touchApiToken(found.id, now);
    return actor;
  }

  private async fromAccessToken(token: string): Promise<RequestActor | undefined> {
    const claims = await this.tokens.verifyAccessToken(token);
    if (!claims) return undefined;
    // A revoked or expired session ends its access tokens at once, in the same query.
    return this.sessionActors.submit({
      userId: claims.userId,
      auth: { sessionId: claims.sessionId, apiTokenId: null, readOnly: false },
      liveSessionId: claims.sessionId,
    });
  }
}
