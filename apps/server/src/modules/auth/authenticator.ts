import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock.js';
import { ActorRepository } from '../permission/actor.repository.js';
import type { RequestActor } from '../permission/request-actor.js';
import { AuthError } from './auth.error.js';
import { AuthRepository } from './auth.repository.js';
import { API_TOKEN_PREFIX, TokenCrypto } from './token-crypto.js';

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
    return this.actors.loadActive(
      claims.userId,
      { sessionId: claims.sessionId, apiTokenId: null, readOnly: false },
      { sessionId: claims.sessionId, now: this.clock.now() },
    );
  }
}
