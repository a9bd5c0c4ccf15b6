import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import {
  CreateTeamDto,
  TeamDetailDto,
  TeamPageDto,
  TeamQueryDto,
  UpdateTeamDto,
} from './dto/team.dto.js';
import { TeamError } from './team.error.js';
import { TeamService } from './team.service.js';

// A malformed id names nothing that exists: 404, like the access guard answers for queue ids.
const TEAM_ID = new ParseUUIDPipe({ exceptionFactory: () => TeamError.notFound() });
const USER_ID = new ParseUUIDPipe({ exceptionFactory: () => TeamError.userNotFound() });

@ApiTags('teams')
@Controller('api/v1/teams')
export class TeamController {
  constructor(private readonly teams: TeamService) {}

  @Get()
  @Requires('team:read')
  @ApiOperation({ summary: 'List teams by name' })
  @ApiOkResponse({ type: TeamPageDto })
  list(@Query() query: TeamQueryDto): Promise<TeamPageDto> {
    const { limit, cursor, ...filter } = query;
    return this.teams.list(filter, limit, cursor);
  }

  @Get(':id')
  @Requires('team:read')
  @ApiOperation({ summary: 'Get a team with its members' })
  @ApiOkResponse({ type: TeamDetailDto })
  @ApiNotFoundResponse({ description: 'No such team' })
  get(@Param('id', TEAM_ID) id: string): Promise<TeamDetailDto> {
    return this.teams.get(id);
  }

  @Post()
  @Requires('team:write')
  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamDetailDto })
  @ApiConflictResponse({ description: 'Another team has this name (in any case)' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateTeamDto,
    @Req() request: FastifyRequest,
  ): Promise<TeamDetailDto> {
    return this.teams.create(actor, body, request.id);
  }

  @Patch(':id')
  @Requires('team:write')
  @ApiOperation({ summary: 'Rename a team or change its description' })
  @ApiOkResponse({ type: TeamDetailDto })
  @ApiNotFoundResponse({ description: 'No such team' })
  @ApiConflictResponse({ description: 'Another team has this name (in any case)' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id', TEAM_ID) id: string,
    @Body() body: UpdateTeamDto,
    @Req() request: FastifyRequest,
  ): Promise<TeamDetailDto> {
    return this.teams.update(actor, id, body, request.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Requires('team:write')
  @ApiOperation({
    summary: 'Delete a team',
    description: 'Its members lose the queue access they held through it, at once.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such team' })
  delete(
    @CurrentActor() actor: RequestActor,
    @Param('id', TEAM_ID) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.teams.delete(actor, id, request.id);
  }

  @Put(':id/members/:userId')
  @HttpCode(204)
  @Requires('team:write')
  @ApiOperation({
    summary: 'Add an agent or admin to a team',
    description: 'Idempotent: adding a member again changes nothing.',
  })
  @ApiNoContentResponse({ description: 'The user is a member' })
  @ApiBadRequestResponse({ description: 'The user is a customer' })
  @ApiNotFoundResponse({ description: 'No such team or user' })
  addMember(
    @CurrentActor() actor: RequestActor,
    @Param('id', TEAM_ID) id: string,
    @Param('userId', USER_ID) userId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.teams.addMember(actor, id, userId, request.id);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @Requires('team:write')
  @ApiOperation({ summary: 'Remove a member from a team' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'No such team, or the user is not a member' })
  removeMember(
    @CurrentActor() actor: RequestActor,
    @Param('id', TEAM_ID) id: string,
    @Param('userId', USER_ID) userId: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.teams.removeMember(actor, id, userId, request.id);
  }
}
