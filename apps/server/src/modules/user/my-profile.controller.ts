// PATCH /api/v1/me lives here, next to the user rules it applies; the auth module's MeController
// serves the other /api/v1/me routes (who am I, password, API tokens).
import { Body, Controller, Patch, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { UpdateMeDto } from '../auth/dto/me.dto.js';
import { Authenticated, CurrentActor } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { UserDto } from './dto/user.dto.js';
import { UserService } from './user.service.js';

@ApiTags('me')
@Controller('api/v1/me')
export class MyProfileController {
  constructor(private readonly users: UserService) {}

  @Patch()
  @Authenticated()
  @ApiOperation({ summary: 'Change my name, language, time zone or mail notifications' })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  update(
    @CurrentActor() actor: RequestActor,
    @Body() body: UpdateMeDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return this.users.updateOwnProfile(actor, body, request.id);
  }
}
