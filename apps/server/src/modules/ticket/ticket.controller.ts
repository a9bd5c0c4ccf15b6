import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { Authenticated, CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import {
  CreateMessageDto,
  CreateTicketDto,
  MessageCreatedDto,
  TicketDto,
  TicketListQueryDto,
  TicketPageDto,
  TimelineDto,
  UpdateTicketDto,
} from './dto/ticket.dto.js';
import { BulkUpdateResultDto, BulkUpdateTicketsDto } from './dto/ticket-bulk.dto.js';
import { actionsForMessage, actionsForTicketChange } from './ticket-actions.js';
import { TicketBulkService } from './ticket-bulk.service.js';
import { TicketService } from './ticket.service.js';

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Any unique string (e.g. a UUID). Retrying with the same key returns what the first request ' +
    'created, with `Idempotent-Replayed: true`, and creates nothing twice. Kept for 24 hours.',
};

/** What makes two requests "the same" for an idempotency key. */
function fingerprint(request: FastifyRequest) {
  return { method: request.method, path: request.url.split('?')[0] ?? '', body: request.body };
}

const TICKET_REFERENCE = {
  name: 'id',
  description: 'The ticket id (UUID) or its number (`10042` or `#10042`)',
};

@ApiTags('tickets')
@Controller('api/v1/tickets')
export class TicketController {
  constructor(
    private readonly tickets: TicketService,
    private readonly idempotency: IdempotencyService,
    private readonly bulk: TicketBulkService,
  ) {}

  @Post()
  @Requires('ticket:create', { body: 'queueId' })
  @ApiOperation({
    summary: 'Open a ticket',
    description:
      'Agents and admins say who asked (`requester`, found or created by email); customers open ' +
      'tickets for themselves. The body becomes the first message.',
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: TicketDto })
  async create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketDto> {
    const { ticket, replayed } = await this.tickets.create(
      actor,
      body,
      'api',
      this.idempotency.requestOf(key, `user:${actor.userId}`, fingerprint(request)),
    );
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return ticket;
  }

  // Before any `:id/...` route: `bulk` is no ticket reference.
  @Post('bulk')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary: 'Change many tickets at once',
    description:
      'Up to 500 tickets, each changed under the permissions and rules of PATCH, checked ticket ' +
      'by ticket; no If-Match (the last writer wins), but versions move on. Tickets that cannot ' +
      'be changed are listed in `failed` with the status PATCH would have answered; tickets ' +
      'the caller cannot see as `not_found`. All in one transaction.',
  })
  @ApiOkResponse({ type: BulkUpdateResultDto })
  bulkUpdate(
    @CurrentActor() actor: RequestActor,
    @Body() body: BulkUpdateTicketsDto,
  ): Promise<BulkUpdateResultDto> {
    return this.bulk.update(actor, body);
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List tickets',
    description:
      'Only tickets the caller may see: agents those in their queues, customers their own (and ' +
      "their organisation's when it shares tickets). Sorted by `sort` (default: most recently " +
      'updated first), paged by cursor.',
  })
  @ApiOkResponse({ type: TicketPageDto })
  list(
    @CurrentActor() actor: RequestActor,
    @Query() query: TicketListQueryDto,
  ): Promise<TicketPageDto> {
    return this.tickets.list(actor, query);
  }

  @Get(':id')
  @Requires('ticket:read')
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({ summary: 'Get a ticket', description: 'The ETag header carries its version.' })
  @ApiOkResponse({ type: TicketDto })
  async get(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketDto> {
    const ticket = await this.tickets.get(actor, id);
    void reply.header('ETag', `"${ticket.version}"`);
    return ticket;
  }

  @Patch(':id')
  @Requires(actionsForTicketChange)
  @ApiParam(TICKET_REFERENCE)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you read, e.g. "3"' })
  @ApiOperation({
    summary: 'Change a ticket',
    description:
      'Subject, state, priority and tags need `ticket:update`; taking the ticket yourself ' +
      '`ticket:take`; assigning it to someone else or unassigning `ticket:assign`; moving it to ' +
      'another queue `ticket:move`. A stale If-Match answers 412 with `currentVersion`; an ' +
      'illegal state change 409 `invalid_transition` with the allowed targets.',
  })
  @ApiOkResponse({ type: TicketDto })
  @ApiConflictResponse({ description: 'invalid_transition, or the ticket is closed or merged' })
  async update(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateTicketDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketDto> {
    const ticket = await this.tickets.update(actor, id, ifMatch, body);
    void reply.header('ETag', `"${ticket.version}"`);
    return ticket;
  }

  @Post(':id/messages')
  @Requires(actionsForMessage)
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({
    summary: 'Reply, or add an internal note',
    description:
      'A public reply needs `ticket:reply`, an internal note (`internal: true`) `ticket:note`. ' +
      'A customer reply brings a pending ticket back to the agents and reopens a resolved one; ' +
      "an agent's first reply opens a new ticket unless `state` says otherwise.",
  })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: MessageCreatedDto })
  async addMessage(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Body() body: CreateMessageDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageCreatedDto> {
    const { created, replayed } = await this.tickets.addMessage(
      actor,
      id,
      body,
      this.idempotency.requestOf(key, `user:${actor.userId}`, fingerprint(request)),
    );
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return created;
  }

  @Get(':id/timeline')
  @Requires('ticket:read')
  @ApiParam(TICKET_REFERENCE)
  @ApiOperation({
    summary: 'The conversation and history of a ticket, oldest first',
    description:
      'Customers see the public messages only: never internal notes or internal history.',
  })
  @ApiOkResponse({ type: TimelineDto })
  timeline(@CurrentActor() actor: RequestActor, @Param('id') id: string): Promise<TimelineDto> {
    return this.tickets.timeline(actor, id);
  }
}
