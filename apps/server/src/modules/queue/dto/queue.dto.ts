import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUEUE_ACCESS_LEVELS, type QueueAccessLevel } from '@tessera/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../queue.entity.js';

/** Safe in URLs and mail addresses: `billing`, `it-support-2`. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'must be lower-case letters and digits, in words joined by single dashes';

export class QueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only active (true) or only deactivated (false) queues' })
  @IsOptional()
  // Query strings are text; anything but the two words stays text and fails @IsBoolean.
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;
}

export class CreateQueueDto {
  @ApiProperty({ example: 'Billing', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  @ApiProperty({ example: 'billing', maxLength: 63, pattern: SLUG.source })
  @IsString()
  @MaxLength(63)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;

  @ApiPropertyOptional({ maxLength: 1000, default: '' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'normal' })
  @OptionalNotNull()
  @IsIn(TICKET_PRIORITIES)
  defaultPriority?: TicketPriority;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UpdateQueueDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'must not be blank' })
  name?: string;

  @ApiPropertyOptional({ maxLength: 63, pattern: SLUG.source })
  @OptionalNotNull()
  @IsString()
  @MaxLength(63)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @OptionalNotNull()
  @IsIn(TICKET_PRIORITIES)
  defaultPriority?: TicketPriority;

  @ApiPropertyOptional({ description: 'False deactivates the queue; queues are never deleted' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class QueueDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TICKET_PRIORITIES }) defaultPriority: TicketPriority;
  @ApiProperty() active: boolean;
  @ApiProperty({
    enum: QUEUE_ACCESS_LEVELS,
    description: "The caller's own access to the queue (`manage` for admins)",
  })
  access: QueueAccessLevel;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class QueuePageDto {
  @ApiProperty({ type: [QueueDto] }) items: QueueDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
