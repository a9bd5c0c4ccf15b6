// The one gate every request passes: authenticate, then ask the policy. Routes are closed unless
// they declare @Public(), @Authenticated() or @Requires(action).
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { decide } from '@tessera/domain';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { ACCESS_METADATA, type AccessRule } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { ResourceResolver } from '../permission/resource-resolver.js';
import { Authenticator } from './authenticator.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly resources: ResourceResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      // Fail closed: a route that forgot to declare its access is refused, and a test lists them.
      throw new AppError(ErrorCode.Forbidden, 'This route declares no access rule.');
    }
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: RequestActor }>();
    const actor = await this.authenticator.authenticate(request.headers.authorization);
    request.actor = actor;

    if (rule.kind === 'authenticated') {
      if (actor.readOnly && !SAFE_METHODS.has(request.method)) throw readOnlyRefusal();
      return true;
    }
    const actions =
      typeof rule.action === 'string'
        ? [rule.action]
        : rule.action((request.body ?? {}) as Record<string, unknown>, actor);
    for (const action of actions) {
      const resource = await this.resources.resolve(action, rule.from, request);
      const decision = decide(actor, action, resource);
      if (decision.allowed) continue;
      if (decision.conceal) throw new AppError(ErrorCode.NotFound, 'No such resource.');
      if (decision.reason === 'read_only_token') throw readOnlyRefusal();
      throw new AppError(ErrorCode.Forbidden, `You do not have the permission \`${action}\` here.`);
    }
    return true;
  }
}

function readOnlyRefusal(): AppError {
  return new AppError(ErrorCode.Forbidden, 'This API token is read-only.');
}
