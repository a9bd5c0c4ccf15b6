// How controllers declare access. Every route is closed unless it says who may use it:
//   @Public()            anyone, signed in or not (login, health)
//   @Authenticated()     any signed-in user (their own profile and tokens)
//   @Requires(action)    the policy decides, for the resource named by the route
import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Action } from '@tessera/domain';
import type { FastifyRequest } from 'fastify';
import type { RequestActor } from './request-actor.js';

export const ACCESS_METADATA = 'tessera:access';

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | {
      kind: 'policy';
      action: Action;
      /** Where the resource id comes from: a route parameter (default `id`) or a body field. */
      from: { param: string } | { body: string } | undefined;
    };

export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the token is invalid or revoked' }),
  );

export const Requires = (action: Action, from?: { param: string } | { body: string }) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'policy', action, from } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the token is invalid or revoked' }),
    ApiForbiddenResponse({
      description: `Requires permission \`${action}\` (see docs/permissions.md)`,
    }),
  );

/** The authenticated caller, set by the access guard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const actor = context
    .switchToHttp()
    .getRequest<FastifyRequest & { actor?: RequestActor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
