import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Put,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { QueueGrantDto, QueueGrantListDto, SetQueueAccessDto } from './dto/queue-access.dto.js';
import { QUEUE_ID } from './queue.controller.js';
import { QueueError } from './queue.error.js';
import { QueueAccessService } from './queue-access.service.js';

const USER_ID = new ParseUUIDPipe({ exceptionFactory: () => QueueError.userNotFound() });
const TEAM_ID = new ParseUUIDPipe({ exceptionFactory: () => QueueError.teamNotFound() });

// Every route acts on the queue of `:id`, which the access guard hands to the policy.
@ApiTags('queues')
@Controller('api/v1/queues/:id/access')
export class QueueAccessController {
  constructor(private readonly access: QueueAccessService) {}

  @Get()
  @Requires('queue-access:read')
  @ApiOperation({ summary: 'List who has access to a queue: agents and teams, with levels' })
  @ApiOkResponse({ type: QueueGrantListDto })
  @ApiNotFoundResponse({ description: 'No such queue' })
  list(@Param('id', QUEUE_ID) id: string): Promise<QueueGrantListDto> {
    return this.access.list(id);
  }

  @Put('users/:userId')
  @Requires('queue-access:update')
  @ApiOperation({
    summary: 'Give an agent access to a queue, or change its level',
    description: 'Only agents can be granted access: admins hold every queue already.',
  })
  @ApiOkResponse({ type: QueueGrantDto })
  @ApiBadRequestResponse({ description: 'The user is not an agent, or the level is invalid' })
  @ApiNotFoundResponse({ description: 'No such queue or user' })
  grantUser(
    @CurrentActor() actor: RequestActor,
    @Param('id', QUEUE_ID) id: string,
    @Param('userId', USER_ID) userId: string,
    @Body() body: SetQueueAccessDto,
    @Req() request: FastifyRequest,
  ): Promise<QueueGrantDto> {
    return this.access.grant(actor, id, { type: 'user', id: userId }, body.level, request.id);
  }

  @Put('teams/:teamId')
  @Requires('queue-access:update')
  @ApiOperation({
    summary: 'Give a team access to a queue, or change its level',
    description: 'Every member holds at least this level while in the team.',
  })
  @ApiOkResponse({ type: QueueGrantDto })
  @ApiBadRequestResponse({ description: 'The level is invalid' })
  @ApiNotFoundResponse({ description: 'No such queue or team' })
  grantTeam(
    @CurrentActor() actor: RequestActor,
    @Param('id', QUEUE_ID) id: string,
    @Param('teamId', TEAM_ID) teamId: string,
    @Body() body: SetQueueAccessDto,
    @Req() request: FastifyRequest,
  ): Promise<QueueGrantDto> {
    return this.access.grant(actor, id, { type: 'team', id: teamId }, body.level, request.id);
  }

  @Delete('users/:userId')
  @HttpCode(204)
  @Requires('queue-access:update')
  @ApiOperation({ summary: "Remove an agent's own grant on a queue" })
  @ApiNoContentResponse({ description: 'Removed; access through teams stays' })
  @ApiNotFoundResponse({ description: 'No such queue, or the agent has no grant of their own' })
  revokeUser(
    @CurrentActor() actor: RequestActor,
    @Param('id', QUEUE_ID) id: string,
    @Param('userId', USER_ID) userId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.access.revoke(actor, id, { type: 'user', id: userId }, request.id);
  }

  @Delete('teams/:teamId')
  @HttpCode(204)
  @Requires('queue-access:update')
  @ApiOperation({ summary: "Remove a team's grant on a queue" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'No such queue, or the team has no grant on it' })
  revokeTeam(
    @CurrentActor() actor: RequestActor,
    @Param('id', QUEUE_ID) id: string,
    @Param('teamId', TEAM_ID) teamId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.access.revoke(actor, id, { type: 'team', id: teamId }, request.id);
  }
}
