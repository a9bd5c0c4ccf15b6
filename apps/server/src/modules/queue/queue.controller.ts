import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import {
  CreateQueueDto,
  QueueDto,
  QueuePageDto,
  QueueQueryDto,
  UpdateQueueDto,
} from './dto/queue.dto.js';
import { QueueError } from './queue.error.js';
import { QueueService } from './queue.service.js';

// The access guard answers a malformed `:id` with 404 already; the pipe keeps the type honest.
export const QUEUE_ID = new ParseUUIDPipe({ exceptionFactory: () => QueueError.notFound() });

@ApiTags('queues')
@Controller('api/v1/queues')
export class QueueController {
  constructor(private readonly queues: QueueService) {}

  @Get()
  @Requires('queue:list')
  @ApiOperation({
    summary: 'List the queues I can see, by name',
    description: 'Admins see every queue; agents the queues they hold access to.',
  })
  @ApiOkResponse({ type: QueuePageDto })
  list(@CurrentActor() actor: RequestActor, @Query() query: QueueQueryDto): Promise<QueuePageDto> {
    const { limit, cursor, ...filter } = query;
    return this.queues.list(actor, filter, limit, cursor);
  }

  @Get(':id')
  @Requires('queue:read')
  @ApiOperation({ summary: 'Get a queue' })
  @ApiOkResponse({ type: QueueDto })
  @ApiNotFoundResponse({ description: 'No such queue, or none I have access to' })
  get(@CurrentActor() actor: RequestActor, @Param('id', QUEUE_ID) id: string): Promise<QueueDto> {
    return this.queues.get(actor, id);
  }

  @Post()
  @Requires('queue:create')
  @ApiOperation({ summary: 'Create a queue' })
  @ApiCreatedResponse({ type: QueueDto })
  @ApiConflictResponse({ description: 'Another queue has this slug' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateQueueDto,
    @Req() request: FastifyRequest,
  ): Promise<QueueDto> {
    return this.queues.create(actor, body, request.id);
  }

  @Patch(':id')
  @Requires('queue:update')
  @ApiOperation({
    summary: "Change a queue's settings",
    description: 'Queues are never deleted: send `active: false` to deactivate one.',
  })
  @ApiOkResponse({ type: QueueDto })
  @ApiNotFoundResponse({ description: 'No such queue, or none I have access to' })
  @ApiConflictResponse({ description: 'Another queue has this slug' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id', QUEUE_ID) id: string,
    @Body() body: UpdateQueueDto,
    @Req() request: FastifyRequest,
  ): Promise<QueueDto> {
    return this.queues.update(actor, id, body, request.id);
  }
}
