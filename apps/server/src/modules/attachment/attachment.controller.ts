import { Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import { servedContentType } from './attachment-content-type.js';
import { contentDisposition } from './attachment-filename.js';
import { AttachmentError } from './attachment.error.js';
import { AttachmentService } from './attachment.service.js';
import {
  AttachmentDto,
  AttachmentMetaDto,
  UploadAttachmentQueryDto,
} from './dto/attachment.dto.js';
import { UPLOAD_ROUTE, UploadedBody, type UploadBody } from './upload-body.js';

const ATTACHMENT_ID = new ParseUUIDPipe({ exceptionFactory: () => AttachmentError.notFound() });
// The content behind an id never changes; who may read it can, so only the reader's own cache.
const CACHE_CONTROL = 'private, max-age=86400';
const HIDDEN =
  'No such attachment, or one the caller may not see: an upload of someone else, a file on a ' +
  'ticket the caller cannot read, or (for customers) on an internal note';

@ApiTags('attachments')
@Controller('api/v1/attachments')
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  @Post()
  @Authenticated()
  @RouteConfig(UPLOAD_ROUTE)
  @ApiOperation({
    summary: 'Upload a file to attach to a message',
    description:
      "The body is the file's bytes, with the file's own Content-Type (any type; " +
      'application/octet-stream when unknown). The upload stays unattached, visible to you only, ' +
      'until a ticket or a reply you send names its id; unattached uploads are deleted after 24 ' +
      'hours. Files larger than ATTACHMENT_MAX_BYTES (25 MiB by default) answer 413.',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiBadRequestResponse({ description: 'validation_failed: `filename` is missing or unusable' })
  @ApiForbiddenResponse({ description: 'A read-only API token' })
  @ApiPayloadTooLargeResponse({
    description: 'payload_too_large: the file exceeds the limit (`maxBytes`)',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'A multipart form instead of the file itself' })
  upload(
    @CurrentActor() actor: RequestActor,
    @Query() query: UploadAttachmentQueryDto,
    @UploadedBody() body: UploadBody,
  ): Promise<AttachmentDto> {
    return this.attachments.upload(actor, query.filename, body);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Download a file',
    description:
      'Always as a download (`Content-Disposition: attachment`). Types a browser could run ' +
      '(HTML, SVG, XML, scripts) are served as application/octet-stream. The ETag is the ' +
      'SHA-256 of the content; `If-None-Match` with it answers 304.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag you hold' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiNotModifiedResponse({ description: 'Your copy is current' })
  @ApiNotFoundResponse({ description: HIDDEN })
  async download(
    @CurrentActor() actor: RequestActor,
    @Param('id', ATTACHMENT_ID) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { attachment, data } = await this.attachments.download(actor, id, ifNoneMatch);
    void reply
      .header('ETag', `"${attachment.sha256}"`)
      .header('Cache-Control', CACHE_CONTROL)
      .header('X-Content-Type-Options', 'nosniff');
    if (data === undefined) {
      await reply.status(304).send();
      return;
    }
    await reply
      .status(200)
      .header('Content-Type', servedContentType(attachment.contentType))
      .header('Content-Disposition', contentDisposition(attachment.filename))
      .header('Content-Security-Policy', 'sandbox')
      .header('Content-Length', String(data.length))
      .send(data);
  }

  @Get(':id/meta')
  @Authenticated()
  @ApiOperation({ summary: "A file's name, type, size and message, without its content" })
  @ApiOkResponse({ type: AttachmentMetaDto })
  @ApiNotFoundResponse({ description: HIDDEN })
  meta(
    @CurrentActor() actor: RequestActor,
    @Param('id', ATTACHMENT_ID) id: string,
  ): Promise<AttachmentMetaDto> {
    return this.attachments.meta(actor, id);
  }
}
