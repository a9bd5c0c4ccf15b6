// The secrets Tessera hands out: signed access tokens (JWT, HS256) for the web app, and random
// opaque tokens (refresh sessions, personal API tokens) of which only a SHA-256 is stored.
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Personal API tokens start with this, so they are told apart from access tokens (and found by secret scanners). */
export const API_TOKEN_PREFIX = 'tsr_';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

@Injectable()
export class TokenCrypto {
  private readonly accessKey: KeyObject;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly clock: Clock,
  ) {
    // A key of its own, derived from the instance secret, so no other use of the secret can forge one.
    this.accessKey = createSecretKey(
      createHash('sha256').update(`tessera access token\0${runtime.secret}`).digest(),
    );
  }

  async signAccessToken(claims: AccessClaims): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer('tessera')
      .setAudience('tessera-api')
      .setIssuedAt(now)
      .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
      .sign(this.accessKey);
  }

  /** The claims of a valid, unexpired access token; undefined for anything else. */
  async verifyAccessToken(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.accessKey, {
        algorithms: ['HS256'],
        issuer: 'tessera',
        audience: 'tessera-api',
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return undefined;
    }
  }

  /** 256 random bits, URL-safe. */
  randomToken(prefix = ''): string {
    return prefix + randomBytes(32).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
