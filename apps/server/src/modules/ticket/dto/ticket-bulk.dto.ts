import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { lowerCaseTags, TAG, UpdateTicketDto } from './ticket.dto.js';

/** Tickets one bulk request may change. */
export const MAX_BULK_TICKETS = 500;
/** Tags a ticket may carry, as PATCH allows. */
export const MAX_TICKET_TAGS = 20;

const lowerCaseAll = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v))
    : value;

/** What to change on every ticket; at least one field. State to assignee validate as in PATCH. */
export class BulkTicketChangesDto extends PickType(UpdateTicketDto, [
  'state',
  'priority',
  'queueId',
  'assigneeId',
] as const) {
  @ApiPropertyOptional({ type: [String], example: ['vip'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_TICKET_TAGS)
  @Transform(lowerCaseTags)
  @Matches(TAG, { each: true, message: 'each tag must be 1-50 characters of a-z 0-9 . _ : -' })
  addTags?: string[];

  @ApiPropertyOptional({ type: [String], example: ['waiting'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_TICKET_TAGS)
  @Transform(lowerCaseTags)
  @Matches(TAG, { each: true, message: 'each tag must be 1-50 characters of a-z 0-9 . _ : -' })
  removeTags?: string[];
}

export class BulkUpdateTicketsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_BULK_TICKETS,
    description: 'The tickets to change, each once',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_TICKETS)
  @Transform(lowerCaseAll)
  @ArrayUnique({ message: 'must not name a ticket twice' })
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiProperty({ type: BulkTicketChangesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BulkTicketChangesDto)
  changes: BulkTicketChangesDto;
}

export class BulkUpdatedTicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 10042 }) number: number;
  @ApiProperty({ description: 'The version after the change' }) version: number;
}

export class BulkFailedTicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 409, description: 'The status PATCH would have answered' })
  status: number;
  @ApiProperty({ example: 'invalid_transition' }) code: string;
  @ApiProperty() detail: string;
}

export class BulkUpdateResultDto {
  @ApiProperty({ type: [BulkUpdatedTicketDto] }) updated: BulkUpdatedTicketDto[];
  @ApiProperty({ type: [BulkFailedTicketDto] }) failed: BulkFailedTicketDto[];
}
