import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../../common/pagination/page.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification.entity.js';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread (true) or only read (false) notifications' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ticketId: string | null;
  @ApiProperty({ nullable: true, type: Number }) ticketNumber: number | null;
  @ApiProperty({ nullable: true, type: String }) ticketSubject: string | null;
  @ApiProperty({
    type: Object,
    description: 'By kind; for SLA alerts `{ target, dueAt }` (target: firstResponse, …)',
  })
  details: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
