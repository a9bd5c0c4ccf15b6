import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { CurrentActor, Requires } from '../../permission/permission.decorators.js';
import type { RequestActor } from '../../permission/request-actor.js';
import { InboundMailDto, InboundMailPageDto, QuarantineToTicketDto } from './dto/quarantine.dto.js';
import { MailIntakeError } from './mail-intake.error.js';
import { QuarantineService } from './quarantine.service.js';

const MAIL_ID = new ParseUUIDPipe({ exceptionFactory: () => MailIntakeError.notFound() });

@ApiTags('mail')
@Controller('api/v1/mail/quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @Get()
  @Requires('mail:read')
  @ApiOperation({
    summary: 'List quarantined mail, newest first',
    description:
      'Mail intake could not import: unreadable, larger than MAIL_MAX_BYTES, or failing. ' +
      'Kept with its raw bytes until retried or turned into a ticket.',
  })
  @ApiOkResponse({ type: InboundMailPageDto })
  list(@Query() query: PageQueryDto): Promise<InboundMailPageDto> {
    return this.quarantine.list(query.limit, query.cursor);
  }

  @Get(':id')
  @Requires('mail:read')
  @ApiOperation({ summary: 'A quarantined mail: where it came from, why it is here' })
  @ApiOkResponse({ type: InboundMailDto })
  @ApiNotFoundResponse({ description: 'No such mail' })
  get(@Param('id', MAIL_ID) id: string): Promise<InboundMailDto> {
    return this.quarantine.get(id);
  }

  @Get(':id/raw')
  @Requires('mail:read')
  @ApiOperation({ summary: 'Download the mail as fetched (message/rfc822)' })
  @ApiProduces('message/rfc822')
  @ApiOkResponse({ description: 'The raw mail', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such mail' })
  async raw(@Param('id', MAIL_ID) id: string, @Res() reply: FastifyReply): Promise<void> {
    const raw = await this.quarantine.raw(id);
    await reply
      .status(200)
      .header('Content-Type', 'message/rfc822')
      .header('Content-Disposition', `attachment; filename="mail-${id}.eml"`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', 'sandbox')
      .header('Cache-Control', 'private, no-store')
      .header('Content-Length', String(raw.length))
      .send(raw);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Requires('mail:write')
  @ApiOperation({
    summary: 'Process the stored mail again',
    description:
      'As intake would a new mail (e.g. after a fix, or with a larger MAIL_MAX_BYTES). The ' +
      'answer shows the outcome: `imported`/`ignored`, or still `quarantined` with the new reason.',
  })
  @ApiOkResponse({ type: InboundMailDto })
  @ApiNotFoundResponse({ description: 'No such mail' })
  @ApiConflictResponse({ description: 'conflict: the mail is not quarantined (any more)' })
  retry(@Param('id', MAIL_ID) id: string): Promise<InboundMailDto> {
    return this.quarantine.retry(id);
  }

  @Post(':id/ticket')
  @Requires('mail:write')
  @ApiOperation({
    summary: 'Turn the mail into a ticket by hand',
    description:
      'In the queue given, asked by the sender (or `requester`), with the text that could be ' +
      'read and the original mail attached as original.eml.',
  })
  @ApiCreatedResponse({ type: InboundMailDto, description: 'The mail, now with its ticket' })
  @ApiBadRequestResponse({ description: 'validation_failed: `queueId`, `requester` or `subject`' })
  @ApiNotFoundResponse({ description: 'No such mail' })
  @ApiConflictResponse({ description: 'conflict: the mail is not quarantined (any more)' })
  toTicket(
    @CurrentActor() actor: RequestActor,
    @Param('id', MAIL_ID) id: string,
    @Body() body: QuarantineToTicketDto,
  ): Promise<InboundMailDto> {
    return this.quarantine.toTicket(actor, id, body);
  }
}
