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
import { CurrentActor, Requires } from '../../permission/permission.decorators.js';
import type { RequestActor } from '../../permission/request-actor.js';
import {
  CreateMailboxDto,
  MailboxConnectionTestDto,
  MailboxDto,
  MailboxPageDto,
  MailboxQueryDto,
  TestMailboxSettingsDto,
  UpdateMailboxDto,
} from './dto/mailbox.dto.js';
import { MailboxError } from './mailbox.error.js';
import { MailboxService } from './mailbox.service.js';

// A malformed id names nothing that exists: 404, as for every other resource.
const MailboxId = new ParseUUIDPipe({ exceptionFactory: () => MailboxError.notFound() });

const TEST_DESCRIPTION =
  'Signs in to the IMAP server and opens the folder, and checks the SMTP server replies go ' +
  "through (the mailbox's own, else the global one). Each part answers `ok`, or an `error` " +
  'with its `kind` and a message; the answer is 200 either way.';

@ApiTags('mailboxes')
@Controller('api/v1/mailboxes')
export class MailboxController {
  constructor(private readonly mailboxes: MailboxService) {}

  @Get()
  @Requires('mail:read')
  @ApiOperation({ summary: 'List mailboxes by address' })
  @ApiOkResponse({ type: MailboxPageDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  list(@Query() query: MailboxQueryDto): Promise<MailboxPageDto> {
    return this.mailboxes.list(query);
  }

  // Before `:id`, so "test" is never read as an id.
  @Post('test')
  @HttpCode(200)
  @Requires('mail:write')
  @ApiOperation({ summary: 'Test unsaved mailbox settings', description: TEST_DESCRIPTION })
  @ApiOkResponse({ type: MailboxConnectionTestDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  testSettings(@Body() body: TestMailboxSettingsDto): Promise<MailboxConnectionTestDto> {
    return this.mailboxes.testSettings(body);
  }

  @Get(':id')
  @Requires('mail:read')
  @ApiOperation({ summary: 'Get a mailbox' })
  @ApiOkResponse({ type: MailboxDto })
  @ApiNotFoundResponse({ description: 'No such mailbox' })
  get(@Param('id', MailboxId) id: string): Promise<MailboxDto> {
    return this.mailboxes.get(id);
  }

  @Post()
  @Requires('mail:write')
  @ApiOperation({ summary: 'Create a mailbox' })
  @ApiCreatedResponse({ type: MailboxDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  @ApiConflictResponse({ description: 'Another mailbox has this address' })
  create(
    @CurrentActor() actor: RequestActor,
    @Body() body: CreateMailboxDto,
    @Req() request: FastifyRequest,
  ): Promise<MailboxDto> {
    return this.mailboxes.create(actor, body, request.id);
  }

  @Patch(':id')
  @Requires('mail:write')
  @ApiOperation({
    summary: 'Change a mailbox',
    description:
      'A password left out keeps the stored one; a new `imapHost` (or `smtpHost`, with an SMTP ' +
      'user) needs the password again. `smtpHost: null` sends replies through the global server.',
  })
  @ApiOkResponse({ type: MailboxDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad field' })
  @ApiNotFoundResponse({ description: 'No such mailbox' })
  @ApiConflictResponse({ description: 'Another mailbox has this address' })
  update(
    @CurrentActor() actor: RequestActor,
    @Param('id', MailboxId) id: string,
    @Body() body: UpdateMailboxDto,
    @Req() request: FastifyRequest,
  ): Promise<MailboxDto> {
    return this.mailboxes.update(actor, id, body, request.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Requires('mail:write')
  @ApiOperation({
    summary: 'Delete a mailbox',
    description: 'Its tickets stay; mail queued to go out through it is not sent.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such mailbox' })
  delete(
    @CurrentActor() actor: RequestActor,
    @Param('id', MailboxId) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    return this.mailboxes.delete(actor, id, request.id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @Requires('mail:write')
  @ApiOperation({ summary: "Test a mailbox's connections", description: TEST_DESCRIPTION })
  @ApiOkResponse({ type: MailboxConnectionTestDto })
  @ApiNotFoundResponse({ description: 'No such mailbox' })
  test(@Param('id', MailboxId) id: string): Promise<MailboxConnectionTestDto> {
    return this.mailboxes.test(id);
  }
}
