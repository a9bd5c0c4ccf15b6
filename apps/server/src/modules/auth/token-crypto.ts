// The secrets Tessera hands out: signed access tokens (JWT, HS256) for the web app, and random
// opaque tokens (refresh sessions, personal API tokens) of which only a SHA-256 is stored.
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Most access tokens remembered as checked (see TokenCrypto.verified). */
const VERIFIED_TOKENS = 10_000;
/** Personal API tokens start with this, so they are told apart from access tokens (and found by secret scanners). */
export const API_TOKEN_PREFIX = 'tsr_';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

@Injectable()
export class TokenCrypto {
  /**
   * Imported for Web Crypto once: jose turns any other kind of key into a CryptoKey at every call,
   * which cost as much as checking the signature.
   */
  private readonly accessKey: Promise<webcrypto.CryptoKey>;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly clock: Clock,
  ) {
    // A key of its own, derived from the instance secret, so no other use of the secret can forge one.
    this.accessKey = webcrypto.subtle.importKey(
      'raw',
      createHash('sha256').update(`tessera access token\0${runtime.secret}`).digest(),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
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
      .sign(await this.accessKey);
  }

  /**
   * Tokens whose signature was checked, with their claims and expiry: a client sends the same
   * token with every request for up to 15 minutes, and checking the signature (Web Crypto's HMAC,
   * through jose) cost about a tenth of a request's time. Only valid tokens are kept, each until
   * it expires, and at most VERIFIED_TOKENS of them, by their SHA-256: no token is kept as such,
   * and no lookup compares a token sent by a client with another one.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  /** The claims of a valid, unexpired access token; undefined for anything else. */
  async verifyAccessToken(token: string): Promise<AccessClaims | undefined> {
    const now = this.clock.now().getTime();
    const key = this.hash(token);
    const known = this.verified.get(key);
    if (known) {
      if (now < known.expiresAt) return known.claims;
      this.verified.delete(key);
    }
    const claims = await this.checkAccessToken(token);
    if (claims) {
      if (this.verified.size >= VERIFIED_TOKENS) this.forgetExpired(now);
      if (this.verified.size < VERIFIED_TOKENS) this.verified.set(key, claims);
    }
    return claims?.claims;
  }

  private forgetExpired(now: number): void {
    for (const [key, { expiresAt }] of this.verified) {
      if (expiresAt <= now) this.verified.delete(key);
    }
    // Still full of live tokens: start again rather than grow.
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.clear();
  }

  private async checkAccessToken(
    token: string,
  ): Promise<{ claims: AccessClaims; expiresAt: number } | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.accessKey, {
        algorithms: ['HS256'],
        issuer: 'tessera',
        audience: 'tessera-api',
        currentDate: this.clock.now(),
      });
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        typeof payload.exp !== 'number'
      ) {
        return undefined;
      }
      return {
        claims: { userId: payload.sub, sessionId: payload.sid },
        expiresAt: payload.exp * 1000,
      };
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
