import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ACTIONS, parseTicketReference, type Action, type Resource } from '@tessera/domain';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { ResourceSource } from './permission.decorators.js';

export interface TicketAccess {
  queueId: string;
  requesterId: string;
  organizationId: string | null;
}

/** What access to a ticket depends on, found by id or number. Provided by the ticket module. */
export abstract class TicketAccessLookup {
  abstract find(reference: { id: string } | { number: number }): Promise<TicketAccess | undefined>;
}

/** Finds the resource a route acts on, from its parameters or body, for the policy to judge. */
@Injectable()
export class ResourceResolver {
  constructor(private readonly modules: ModuleRef) {}

  async resolve(
    action: Action,
    from: ResourceSource | undefined,
    request: FastifyRequest,
  ): Promise<Resource> {
    const kind = ACTIONS[action].resource;
    switch (kind) {
      case 'system':
        return { kind };
      case 'queue':
        return { kind, queueId: uuidFrom(from, request) };
      case 'user':
        return { kind, userId: uuidFrom(from, request) };
      case 'ticket':
        return { kind, ...(await this.ticket(from, request)) };
      case 'ticket-move': {
        const toQueueId = (request.body as Record<string, unknown> | undefined)?.queueId;
        if (typeof toQueueId !== 'string' || !isUUID(toQueueId)) throw invalidField('queueId');
        return { kind, ...(await this.ticket(from, request)), toQueueId: toQueueId.toLowerCase() };
      }
    }
  }

  // A change may need several actions on one ticket (update, move, assign): look it up once.
  private readonly ticketsByRequest = new WeakMap<FastifyRequest, Promise<TicketAccess>>();

  private ticket(from: ResourceSource | undefined, request: FastifyRequest): Promise<TicketAccess> {
    let pending = this.ticketsByRequest.get(request);
    if (!pending) {
      pending = this.lookUpTicket(from, request);
      this.ticketsByRequest.set(request, pending);
    }
    return pending;
  }

  private async lookUpTicket(
    from: ResourceSource | undefined,
    request: FastifyRequest,
  ): Promise<TicketAccess> {
    const raw = rawFrom(from, request);
    const reference = typeof raw === 'string' ? parseTicketReference(raw) : undefined;
    const found =
      reference &&
      (await this.modules
        .get(TicketAccessLookup, { strict: false })
        .find(reference.kind === 'id' ? { id: reference.id } : { number: reference.number }));
    if (!found) throw notFound();
    return found;
  }
}

function rawFrom(from: ResourceSource | undefined, request: FastifyRequest): unknown {
  const source = from ?? { param: 'id' };
  return 'param' in source
    ? (request.params as Record<string, unknown> | undefined)?.[source.param]
    : (request.body as Record<string, unknown> | undefined)?.[source.body];
}

function uuidFrom(from: ResourceSource | undefined, request: FastifyRequest): string {
  const value = rawFrom(from, request);
  if (typeof value === 'string' && isUUID(value)) return value.toLowerCase();
  // A malformed id in the path names nothing that exists; in a body it is a bad field.
  if (from && 'body' in from) throw invalidField(from.body);
  throw notFound();
}

function notFound(): AppError {
  return new AppError(ErrorCode.NotFound, 'No such resource.');
}

function invalidField(field: string): AppError {
  return new AppError(ErrorCode.ValidationFailed, 'The request is invalid.', [
    { field, message: 'must be a UUID' },
  ]);
}
