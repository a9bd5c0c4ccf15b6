import { Injectable } from '@nestjs/common';
import { AppError } from '../../../common/errors/app-error.js';
import { ErrorCode } from '../../../common/errors/error-code.js';
import { decodeCursor, toPage, type Page } from '../../../common/pagination/page.js';
import { Clock } from '../../../common/time/clock.js';
import type { RequestActor } from '../../permission/request-actor.js';
import type { NotificationDto, NotificationQueryDto } from './dto/notification.dto.js';
import { NotificationRepository, type NotificationRecord } from './notification.repository.js';

/** Each user's own notifications: nobody reads or marks anyone else's. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: RequestActor, query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.notifications.findPage(
      actor.userId,
      { unread: query.unread },
      after,
      query.limit,
    );
    return toPage(rows, query.limit, (n) => [n.createdAt.toISOString(), n.id], toDto);
  }

  async markRead(actor: RequestActor, id: string): Promise<NotificationDto> {
    const notification = await this.notifications.markRead(actor.userId, id, this.clock.now());
    if (!notification) throw notFound();
    return toDto(notification);
  }
}

export function notFound(): AppError {
  return new AppError(ErrorCode.NotFound, 'No such notification.');
}

function toDto(n: NotificationRecord): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    ticketId: n.ticketId,
    ticketNumber: n.ticketNumber,
    ticketSubject: n.ticketSubject,
    details: n.details,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
