import { Injectable } from '@nestjs/common';
import { ACTIONS, type Action, type Resource } from '@tessera/domain';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { AccessRule } from './permission.decorators.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds the resource a route acts on, from its parameters or body, for the policy to judge. */
@Injectable()
export class ResourceResolver {
  resolve(
    action: Action,
    from: Extract<AccessRule, { kind: 'policy' }>['from'],
    request: FastifyRequest,
  ): Resource {
    const kind = ACTIONS[action].resource;
    if (kind === 'system') return { kind };
    const id = this.idFrom(from, request);
    switch (kind) {
      case 'queue':
        return { kind, queueId: id };
      case 'user':
        return { kind, userId: id };
      case 'ticket':
      case 'ticket-move':
        throw new Error(`No resolver for ${kind} resources yet (action ${action}).`);
    }
  }

  private idFrom(
    from: Extract<AccessRule, { kind: 'policy' }>['from'],
    request: FastifyRequest,
  ): string {
    const source = from ?? { param: 'id' };
    const value =
      'param' in source
        ? (request.params as Record<string, unknown> | undefined)?.[source.param]
        : (request.body as Record<string, unknown> | undefined)?.[source.body];
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    // A malformed id names nothing that exists.
    if ('param' in source) throw new AppError(ErrorCode.NotFound, 'No such resource.');
    throw new AppError(ErrorCode.ValidationFailed, 'The request is invalid.', [
      { field: source.body, message: 'must be a UUID' },
    ]);
  }
}
