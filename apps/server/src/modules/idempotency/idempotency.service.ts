// `Idempotency-Key` for creating requests: a client that retries (after a timeout, a dropped
// connection) gets the first result back and nothing is created twice. The key is claimed in the
// same transaction as the creation, so a crash can never leave one without the other.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError, ValidationFailedError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { Clock } from '../../common/time/clock.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  scope: string;
  key: string;
  requestHash: string;
}

@Injectable()
export class IdempotencyService {
  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  /** Reads the header; undefined when the client sent none. */
  requestOf(
    header: string | undefined,
    scope: string,
    fingerprint: { method: string; path: string; body: unknown },
  ): IdempotentRequest | undefined {
    if (header === undefined) return undefined;
    if (!KEY.test(header)) {
      throw new ValidationFailedError([
        { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const requestHash = createHash('sha256')
      .update(
        `${fingerprint.method} ${fingerprint.path}\n${JSON.stringify(fingerprint.body ?? null)}`,
      )
      .digest('hex');
    return { scope, key: header, requestHash };
  }

  /** Claims the key in `manager`'s transaction; false when an earlier request holds it. */
  claim(manager: EntityManager, request: IdempotentRequest): Promise<boolean> {
    const now = this.clock.now();
    return this.repository.claim(manager, {
      ...request,
      now,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_SECONDS * 1000),
    });
  }

  /** Records what the request created, in the same transaction as the creation. */
  complete(
    manager: EntityManager,
    request: IdempotentRequest,
    status: number,
    created: Record<string, string>,
  ): Promise<void> {
    return this.repository.complete(manager, {
      scope: request.scope,
      key: request.key,
      status,
      body: created,
    });
  }

  /** What the earlier request with this key created; refuses a different request under the same key. */
  async replay(request: IdempotentRequest): Promise<Record<string, string>> {
    const stored = await this.repository.find(request.scope, request.key, this.clock.now());
    if (!stored?.responseBody) {
      throw new AppError(
        ErrorCode.Conflict,
        'A request with this Idempotency-Key is still being processed.',
      );
    }
    if (stored.requestHash !== request.requestHash) {
      throw new AppError(
        ErrorCode.Conflict,
        'This Idempotency-Key was used for a different request; use a new key for a new request.',
      );
    }
    return stored.responseBody;
  }
}
