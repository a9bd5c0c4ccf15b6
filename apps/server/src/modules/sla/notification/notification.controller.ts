import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../permission/permission.decorators.js';
import type { RequestActor } from '../../permission/request-actor.js';
import {
  NotificationDto,
  NotificationPageDto,
  NotificationQueryDto,
} from './dto/notification.dto.js';
import { notFound, NotificationService } from './notification.service.js';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: NotificationPageDto })
  list(
    @CurrentActor() actor: RequestActor,
    @Query() query: NotificationQueryDto,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(actor, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: 'No such notification of mine' })
  markRead(
    @CurrentActor() actor: RequestActor,
    // A malformed id names nothing that exists: 404.
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }
}
