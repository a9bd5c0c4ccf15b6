import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
  CreateUserDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
  UserQueryDto,
} from './dto/user.dto.js';
import { UserService } from './user.service.js';

@ApiTags('users')
@Controller('api/v1/users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @Requires('user:list')
  @ApiOperation({ summary: 'List users by email (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    const { limit, cursor, ...filter } = query;
    return this.users.list(filter, limit, cursor);
  }

  @Get(':id')
  @Requires('user:read')
  @ApiOperation({ summary: 'Get a user (admin, or anyone on themselves)' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  get(@Param('id') id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @Requires('user:create')
  @ApiOperation({
    summary: 'Create a user (admin)',
    description:
      'A customer created without `organizationId` joins the organisation owning the domain ' +
      'of their email, if there is one.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  @ApiConflictResponse({ description: 'The email is already used by another user' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return this.users.create(actor, body, request.id);
  }

  @Patch(':id')
  @Requires('user:update')
  @ApiOperation({
    summary: 'Change a user (admin)',
    description:
      'Deactivating signs the user out everywhere at once. The last active admin cannot be ' +
      'deactivated or demoted (409).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({
    description: 'The email is already used, or this is the last active admin',
  })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return this.users.update(actor, id, body, request.id);
  }
}
