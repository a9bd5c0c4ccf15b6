import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TICKET_STATES, type TicketState } from '@tessera/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../../queue/queue.entity.js';
import { lowerCaseTags, TAG } from './ticket.dto.js';

/** Tickets one bulk request may change. */
export const MAX_BULK_TICKETS = 500;
/** Tags a ticket may carry, as PATCH allows. */
export const MAX_TICKET_TAGS = 20;

const lowerCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value;
const lowerCaseAll = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v))
    : value;

/** What to change on every ticket; at least one field. */
export class BulkTicketChangesDto {
  @ApiPropertyOptional({ enum: TICKET_STATES })
  @OptionalNotNull()
  @IsIn(TICKET_STATES)
  state?: TicketState;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @OptionalNotNull()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move to this queue' })
  @OptionalNotNull()
  @Transform(lowerCase)
  @IsUUID()
  queueId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null unassigns',
  })
  @IsOptional()
  @Transform(lowerCase)
  @IsUUID()
  assigneeId?: string | null;

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
