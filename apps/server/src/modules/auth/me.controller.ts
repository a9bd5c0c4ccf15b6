import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { CredentialsService } from './credentials.service.js';
import {
  ApiTokenListDto,
  ChangePasswordDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
} from './dto/auth.dto.js';
import { MeDto } from './dto/me.dto.js';

@ApiTags('me')
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Who am I: the signed-in user and their queue access' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: RequestActor): MeDto {
    return {
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      organizationId: actor.organizationId,
      queueAccess: [...actor.queueAccess].map(([queueId, level]) => ({ queueId, level })),
      readOnly: actor.readOnly,
    };
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Change my password', description: 'Signs out every other session.' })
  @ApiNoContentResponse({ description: 'Changed' })
  changePassword(
    @CurrentActor() actor: RequestActor,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    return this.credentials.changePassword(actor, body.currentPassword, body.newPassword);
  }

  @Get('tokens')
  @Authenticated()
  @ApiOperation({ summary: 'List my personal API tokens (never the tokens themselves)' })
  @ApiOkResponse({ type: ApiTokenListDto })
  async tokens(@CurrentActor() actor: RequestActor): Promise<ApiTokenListDto> {
    return { items: await this.credentials.listApiTokens(actor) };
  }

  @Post('tokens')
  @Authenticated()
  @ApiOperation({
    summary: 'Create a personal API token',
    description: 'The token is in this response only; Tessera keeps just its hash.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  createToken(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    return this.credentials.createApiToken(actor, body);
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'Revoke one of my API tokens',
    description: 'It stops working at once.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  revokeToken(
    @CurrentActor() actor: RequestActor,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.credentials.revokeApiToken(actor, id);
  }
}
