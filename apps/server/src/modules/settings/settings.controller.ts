import { Body, Controller, Get, Patch, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { SettingsDto, UpdateSettingsDto } from './dto/settings.dto.js';
import { SettingsService } from './settings.service.js';

@ApiTags('settings')
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Requires('settings:read')
  @ApiOperation({ summary: "The help desk's settings, defaults included" })
  @ApiOkResponse({ type: SettingsDto })
  get(): Promise<SettingsDto> {
    return this.settings.get();
  }

  @Patch()
  @Requires('settings:write')
  @ApiOperation({
    summary: 'Change settings',
    description: 'Only the fields given change; each change is in the audit log.',
  })
  @ApiOkResponse({ type: SettingsDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  update(
    @CurrentActor() actor: RequestActor,
    @Body() body: UpdateSettingsDto,
    @Req() request: FastifyRequest,
  ): Promise<SettingsDto> {
    return this.settings.update(actor, body, request.id);
  }
}
