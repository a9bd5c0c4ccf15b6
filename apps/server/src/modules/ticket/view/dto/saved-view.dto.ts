import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../../../common/validation/optional-not-null.js';
import { TicketListQueryDto } from '../../dto/ticket.dto.js';
import { DEFAULT_TICKET_SORT, TICKET_SORTS, type TicketSort } from '../../ticket-sort.js';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const lowerCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value;

/** The ticket list's filters, with the very rules of its query string; `me` is whoever looks. */
export class SavedViewFilterDto extends OmitType(TicketListQueryDto, [
  'limit',
  'cursor',
  'sort',
] as const) {}

export class CreateSavedViewDto {
  @ApiProperty({ maxLength: 100, example: 'My open tickets' })
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Share the view with everyone who can see this queue (needs `view:share` there); ' +
      'leave out or null for a view of your own.',
  })
  @IsOptional()
  @Transform(lowerCase)
  @IsUUID()
  queueId?: string | null;

  @ApiPropertyOptional({ type: SavedViewFilterDto, description: 'Defaults to no filter' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SavedViewFilterDto)
  filter?: SavedViewFilterDto;

  @ApiPropertyOptional({ enum: TICKET_SORTS, default: DEFAULT_TICKET_SORT })
  @OptionalNotNull()
  @IsIn(TICKET_SORTS)
  sort?: TicketSort;
}

/** Any subset; `filter` replaces the whole filter; `queueId: null` makes the view your own. */
export class UpdateSavedViewDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Share with this queue instead; null makes it a view of your own',
  })
  @IsOptional()
  @Transform(lowerCase)
  @IsUUID()
  queueId?: string | null;

  @ApiPropertyOptional({ type: SavedViewFilterDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SavedViewFilterDto)
  filter?: SavedViewFilterDto;

  @ApiPropertyOptional({ enum: TICKET_SORTS })
  @OptionalNotNull()
  @IsIn(TICKET_SORTS)
  sort?: TicketSort;
}

export class SavedViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The queue the view is shared with; null for your own view',
  })
  queueId: string | null;
  @ApiProperty({ type: SavedViewFilterDto }) filter: SavedViewFilterDto;
  @ApiProperty({ enum: TICKET_SORTS }) sort: TicketSort;
  @ApiProperty({
    description:
      "How many tickets the view shows you right now (at most `countCapped`'s limit, 10000)",
  })
  count: number;
  @ApiProperty({ description: 'True when there are more tickets than `count` says' })
  countCapped: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SavedViewListDto {
  @ApiProperty({ type: [SavedViewDto] }) items: SavedViewDto[];
}

/** How many tickets one built-in list of the inbox holds. */
export class ListCountDto {
  @ApiProperty({ description: 'Open work in the list now (at most 10000)' })
  count: number;
  @ApiProperty({ description: 'True when there are more tickets than `count` says' })
  countCapped: boolean;
}

export class QueueCountDto extends ListCountDto {
  @ApiProperty({ format: 'uuid' }) queueId: string;
}

export class InboxCountsDto {
  @ApiProperty({ description: 'Open work assigned to you', type: ListCountDto })
  mine: ListCountDto;
  @ApiProperty({ description: 'Open work assigned to nobody', type: ListCountDto })
  unassigned: ListCountDto;
  @ApiProperty({ description: 'All open work you can see', type: ListCountDto })
  all: ListCountDto;
  @ApiProperty({
    type: [QueueCountDto],
    description: 'Open work in each active queue you can see, by queue name',
  })
  queues: QueueCountDto[];
}
