import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { CredentialsService } from './credentials.service.js';
import { ResetPasswordDto } from './dto/auth.dto.js';

@ApiTags('users')
@Controller('api/v1/users')
export class UserPasswordController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post(':id/password')
  @HttpCode(204)
  @Requires('user:reset-password')
  @ApiOperation({
    summary: "Set another user's password (admin)",
    description: 'Every session of that user ends; their API tokens stay.',
  })
  @ApiNoContentResponse({ description: 'Password set' })
  reset(
    @CurrentActor() actor: RequestActor,
    @Param('id') id: string,
    @Body() body: ResetPasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.credentials.resetPassword(actor, id, body.newPassword, request.id);
  }
}
