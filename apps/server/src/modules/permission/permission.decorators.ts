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
      /** The action, or the actions a request needs as its body says (e.g. PATCH of a ticket). */
      action: Action | ActionsFor;
      /** Where the resource id comes from: a route parameter (default `id`) or a body field. */
      from: ResourceSource | undefined;
    };

export type ResourceSource = { param: string } | { body: string };

/** Derives the actions a request needs from its body and caller; each one must be allowed. */
export type ActionsFor = (body: Record<string, unknown>, actor: RequestActor) => Action[];

export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the token is invalid or revoked' }),
  );

export const Requires = (action: Action | ActionsFor, from?: ResourceSource) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'policy', action, from } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the token is invalid or revoked' }),
    ApiForbiddenResponse({
      description:
        typeof action === 'string'
          ? `Requires permission \`${action}\` (see docs/permissions.md)`
          : 'Requires the permissions the changes call for (see docs/permissions.md)',
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
