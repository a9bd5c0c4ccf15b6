import { Inject, Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../common/crypto/password-hasher.js';
import { Clock } from '../../common/time/clock.js';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { AuthError } from './auth.error.js';
import { AuthRepository } from './auth.repository.js';
import { accountKey, ACCOUNT_THROTTLE, addressKey, ADDRESS_THROTTLE } from './login-throttle.js';
import { ACCESS_TOKEN_TTL_SECONDS, TokenCrypto } from './token-crypto.js';

/** How long a web-app session lasts without use; every refresh extends it. */
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

export interface IssuedTokens {
  userId: string;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

@Injectable()
export class AuthService {
  // Verifying against this when the email is unknown makes both answers take as long.
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly repository: AuthRepository,
    private readonly tokens: TokenCrypto,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async login(email: string, password: string, ip: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const account = accountKey(email);
    const address = addressKey(ip);
    const lockedUntil = await this.repository.lockedUntil([account, address], now);
    if (lockedUntil) {
      throw AuthError.throttled(
        Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)),
      );
    }
    const candidate = await this.repository.findLoginCandidate(email);
    const hash = candidate?.passwordHash ?? (await this.decoy());
    const matches = await this.hasher.verify(hash, password);
    if (!candidate?.passwordHash || !matches || !candidate.active) {
      await this.repository.recordFailure(account, now, ACCOUNT_THROTTLE);
      await this.repository.recordFailure(address, now, ADDRESS_THROTTLE);
      this.runtime.logger.warn(
        { event: 'login_failed', email, ip, reason: !candidate ? 'unknown_email' : 'refused' },
        'failed sign-in',
      );
      throw AuthError.invalidCredentials();
    }
    await this.repository.clearFailures(account);
    await this.repository.recordLogin(candidate.id, now);
    const issued = await this.startSession(candidate.id, now);
    this.runtime.logger.info({ event: 'login', userId: candidate.id, ip }, 'signed in');
    return issued;
  }

  /** Trades a refresh token for a new access token and a new refresh token (rotation). */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const next = this.tokens.randomToken();
    const refreshExpiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
    const session = await this.repository.rotateSession(
      this.tokens.hash(refreshToken),
      this.tokens.hash(next),
      now,
      refreshExpiresAt,
    );
    if (!session) throw AuthError.unauthenticated();
    return {
      userId: session.userId,
      accessToken: await this.tokens.signAccessToken({
        userId: session.userId,
        sessionId: session.id,
      }),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: next,
      refreshExpiresAt,
    };
  }

  async logout(refreshToken: string | undefined, sessionId: string | null): Promise<void> {
    if (sessionId) await this.repository.deleteSession(sessionId);
    if (refreshToken)
      await this.repository.deleteSessionByTokenHash(this.tokens.hash(refreshToken));
  }

  private async startSession(userId: string, now: Date): Promise<IssuedTokens> {
    const refreshToken = this.tokens.randomToken();
    const refreshExpiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
    const sessionId = await this.repository.createSession(
      userId,
      this.tokens.hash(refreshToken),
      refreshExpiresAt,
    );
    return {
      userId,
      accessToken: await this.tokens.signAccessToken({ userId, sessionId }),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshExpiresAt,
    };
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash(this.tokens.randomToken());
    return this.decoyHash;
  }
}
