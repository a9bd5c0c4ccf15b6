import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { MAIL_TEMPLATE_KEYS } from '@tessera/mail';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Requires } from '../../permission/permission.decorators.js';
import type { RequestActor } from '../../permission/request-actor.js';
import {
  MailPreviewDto,
  MailTemplateDto,
  MailTemplateListDto,
  PreviewMailTemplateDto,
  UpdateMailTemplateDto,
} from './dto/mail-template.dto.js';
import { MailTemplateService } from './mail-template.service.js';

const REFUSED_DRAFT =
  'validation_failed: `errors` names each bad field; a part that does not compile, or uses a ' +
  'variable the template does not offer, is named (`subject`, `text`, `html`) with what is wrong';

const KEY = ApiParam({ name: 'key', enum: MAIL_TEMPLATE_KEYS });

@ApiTags('mail-templates')
@Controller('api/v1/mail-templates')
export class MailTemplateController {
  constructor(private readonly templates: MailTemplateService) {}

  @Get()
  @Requires('template:read')
  @ApiOperation({
    summary: 'List the mail templates',
    description: 'Every template Tessera writes mail from, in a fixed order, as it is used now.',
  })
  @ApiOkResponse({ type: MailTemplateListDto })
  async list(): Promise<MailTemplateListDto> {
    return { items: await this.templates.list() };
  }

  @Get(':key')
  @Requires('template:read')
  @KEY
  @ApiOperation({ summary: 'Get a mail template' })
  @ApiOkResponse({ type: MailTemplateDto })
  @ApiNotFoundResponse({ description: 'No such template' })
  get(@Param('key') key: string): Promise<MailTemplateDto> {
    return this.templates.get(key);
  }

  @Put(':key')
  @Requires('template:write')
  @KEY
  @ApiOperation({
    summary: 'Change a mail template',
    description:
      'Replaces the default until the template is deleted; mail already queued keeps what it ' +
      'was rendered with. Each change is in the audit log.',
  })
  @ApiOkResponse({ type: MailTemplateDto })
  @ApiBadRequestResponse({ description: REFUSED_DRAFT })
  @ApiNotFoundResponse({ description: 'No such template' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('key') key: string,
    @Body() body: UpdateMailTemplateDto,
    @Req() request: FastifyRequest,
  ): Promise<MailTemplateDto> {
    return this.templates.save(actor, key, body, request.id);
  }

  @Delete(':key')
  @HttpCode(204)
  @Requires('template:write')
  @KEY
  @ApiOperation({ summary: "Return a mail template to Tessera's default" })
  @ApiNoContentResponse({ description: 'The default is used (again)' })
  @ApiNotFoundResponse({ description: 'No such template' })
  reset(
    @CurrentActor() actor: RequestActor,
    @Param('key') key: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.templates.reset(actor, key, request.id);
  }

  @Post(':key/preview')
  @HttpCode(200)
  @Requires('template:read')
  @KEY
  @ApiOperation({
    summary: 'Preview a mail template',
    description:
      'Renders a draft (parts left out: the stored ones) as it would be mailed, with sample ' +
      "values or a real ticket's. Nothing is stored or sent.",
  })
  @ApiOkResponse({ type: MailPreviewDto })
  @ApiBadRequestResponse({ description: `${REFUSED_DRAFT}; \`ticketId\` when it names no ticket` })
  @ApiNotFoundResponse({ description: 'No such template' })
  preview(
    @CurrentActor() actor: RequestActor,
    @Param('key') key: string,
    @Body() body: PreviewMailTemplateDto,
  ): Promise<MailPreviewDto> {
    return this.templates.preview(actor, key, body);
  }
}
