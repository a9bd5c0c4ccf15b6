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
  CreateSlaPolicyDto,
  SlaPolicyDto,
  SlaPolicyListDto,
  UpdateSlaPolicyDto,
} from './dto/sla-policy.dto.js';
import { SlaAdminService } from './sla-admin.service.js';
import { SlaError } from './sla.error.js';

const POLICY_ID = new ParseUUIDPipe({ exceptionFactory: () => SlaError.policyNotFound() });

@ApiTags('sla')
@Controller('api/v1/sla/policies')
export class SlaPolicyController {
  constructor(private readonly admin: SlaAdminService) {}

  @Get()
  @Requires('sla:read')
  @ApiOperation({ summary: 'List SLA policies in the order they are tried (first match wins)' })
  @ApiOkResponse({ type: SlaPolicyListDto })
  list(): Promise<SlaPolicyListDto> {
    return this.admin.listPolicies();
  }

  @Get(':id')
  @Requires('sla:read')
  @ApiOperation({ summary: 'Get an SLA policy' })
  @ApiOkResponse({ type: SlaPolicyDto })
  @ApiNotFoundResponse({ description: 'No such policy' })
  get(@Param('id', POLICY_ID) id: string): Promise<SlaPolicyDto> {
    return this.admin.getPolicy(id);
  }

  @Post()
  @Requires('sla:write')
  @ApiOperation({
    summary: 'Create an SLA policy',
    description: 'Open tickets are matched again and their due times recomputed, in a job.',
  })
  @ApiCreatedResponse({ type: SlaPolicyDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  @ApiConflictResponse({ description: 'Another policy has this name (in any case)' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateSlaPolicyDto,
    @Req() request: FastifyRequest,
  ): Promise<SlaPolicyDto> {
    return this.admin.createPolicy(actor, body, request.id);
  }

  @Patch(':id')
  @Requires('sla:write')
  @ApiOperation({
    summary: 'Change an SLA policy',
    description: 'Open tickets are matched again and their due times recomputed, in a job.',
  })
  @ApiOkResponse({ type: SlaPolicyDto })
  @ApiNotFoundResponse({ description: 'No such policy' })
  @ApiConflictResponse({ description: 'Another policy has this name (in any case)' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id', POLICY_ID) id: string,
    @Body() body: UpdateSlaPolicyDto,
    @Req() request: FastifyRequest,
  ): Promise<SlaPolicyDto> {
    return this.admin.updatePolicy(actor, id, body, request.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Requires('sla:write')
  @ApiOperation({ summary: 'Delete an SLA policy' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such policy' })
  delete(
    @CurrentActor() actor: RequestActor,
    @Param('id', POLICY_ID) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.admin.deletePolicy(actor, id, request.id);
  }
}
