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
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { OrganizationError } from './organization.error.js';
import { OrganizationService } from './organization.service.js';

// A malformed id names nothing that exists: 404, as for every other resource.
const OrganizationId = new ParseUUIDPipe({ exceptionFactory: () => OrganizationError.notFound() });

@ApiTags('organizations')
@Controller('api/v1/organizations')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationService) {}

  @Get()
  @Requires('organization:read')
  @ApiOperation({ summary: 'List organisations by name' })
  @ApiOkResponse({ type: OrganizationPageDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  list(@Query() query: OrganizationQueryDto): Promise<OrganizationPageDto> {
    return this.organizations.list(query.q, query.limit, query.cursor);
  }

  @Get(':id')
  @Requires('organization:read')
  @ApiOperation({ summary: 'Get an organisation' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiNotFoundResponse({ description: 'No such organisation' })
  get(@Param('id', OrganizationId) id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @Post()
  @Requires('organization:write')
  @ApiOperation({ summary: 'Create an organisation' })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  @ApiConflictResponse({ description: 'The name, or one of the domains, is taken' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateOrganizationDto,
    @Req() request: FastifyRequest,
  ): Promise<OrganizationDto> {
    return this.organizations.create(actor, body, request.id);
  }

  @Patch(':id')
  @Requires('organization:write')
  @ApiOperation({
    summary: 'Change an organisation',
    description:
      '`domains` replaces the whole set. Changing domains does not move existing users; it ' +
      'decides which organisation customers created from now on join.',
  })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  @ApiNotFoundResponse({ description: 'No such organisation' })
  @ApiConflictResponse({ description: 'The name, or one of the domains, is taken' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id', OrganizationId) id: string,
    @Body() body: UpdateOrganizationDto,
    @Req() request: FastifyRequest,
  ): Promise<OrganizationDto> {
    return this.organizations.update(actor, id, body, request.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Requires('organization:write')
  @ApiOperation({
    summary: 'Delete an organisation',
    description: 'Its members stay, without an organisation; its domains are released.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such organisation' })
  delete(
    @CurrentActor() actor: RequestActor,
    @Param('id', OrganizationId) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.organizations.delete(actor, id, request.id);
  }
}
