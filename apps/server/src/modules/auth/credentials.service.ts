// Passwords and personal API tokens of signed-in users, and admin password resets.
import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../common/crypto/password-hasher.js';
import { AppError, ValidationFailedError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { Clock } from '../../common/time/clock.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestActor } from '../permission/request-actor.js';
import type { ApiToken } from './api-token.entity.js';
import { AuthRepository } from './auth.repository.js';
import type { ApiTokenDto, CreatedApiTokenDto } from './dto/auth.dto.js';
import { API_TOKEN_PREFIX, TokenCrypto } from './token-crypto.js';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenCrypto,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Changes the actor's password; their other sessions are signed out. */
  async changePassword(
    actor: RequestActor,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const hash = await this.repository.findPasswordHash(actor.userId);
    if (!hash || !(await this.hasher.verify(hash, currentPassword))) {
      throw new ValidationFailedError([
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    const newHash = await this.hasher.hash(newPassword);
    await this.repository.transaction(async (manager) => {
      await this.repository.setPasswordHash(manager, actor.userId, newHash);
      await this.repository.deleteSessionsOf(actor.userId, manager, actor.sessionId ?? undefined);
      await this.audit.record(manager, actor, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  /** An admin sets another user's password; every session of that user ends. */
  async resetPassword(
    admin: RequestActor,
    userId: string,
    newPassword: string,
    requestId: string,
  ): Promise<void> {
    const newHash = await this.hasher.hash(newPassword);
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.setPasswordHash(manager, userId, newHash))) {
        throw new AppError(ErrorCode.NotFound, 'No such user.');
      }
      await this.repository.deleteSessionsOf(userId, manager);
      await this.audit.record(
        manager,
        admin,
        { action: 'user.password_reset', entityType: 'user', entityId: userId },
        requestId,
      );
    });
  }

  async createApiToken(
    actor: RequestActor,
    request: { name: string; expiresAt?: Date; readOnly?: boolean },
  ): Promise<CreatedApiTokenDto> {
    if (request.expiresAt && request.expiresAt <= this.clock.now()) {
      throw new ValidationFailedError([{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    const token = this.tokens.randomToken(API_TOKEN_PREFIX);
    const saved = await this.repository.createApiToken({
      userId: actor.userId,
      name: request.name,
      tokenHash: this.tokens.hash(token),
      tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 4),
      readOnly: request.readOnly ?? false,
      expiresAt: request.expiresAt ?? null,
    });
    return { ...toApiTokenDto(saved), token };
  }

  async listApiTokens(actor: RequestActor): Promise<ApiTokenDto[]> {
    return (await this.repository.listApiTokens(actor.userId)).map(toApiTokenDto);
  }

  async revokeApiToken(actor: RequestActor, id: string): Promise<void> {
    if (!(await this.repository.revokeApiToken(actor.userId, id, this.clock.now()))) {
      throw new AppError(ErrorCode.NotFound, 'No such API token.');
    }
  }
}

function toApiTokenDto(token: ApiToken): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.tokenPrefix,
    readOnly: token.readOnly,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  };
}
