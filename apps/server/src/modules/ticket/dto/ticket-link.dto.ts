import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TICKET_STATES, type TicketState } from '@tessera/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { TicketDto } from './ticket.dto.js';

/** `10042`, `"#10042"` or a UUID; a JSON number is read as the ticket number. */
const TICKET_REFERENCE =
  /^(#?\d{1,10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const referenceText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'number' ? String(value) : value;
const REFERENCE_MESSAGE = 'must be a ticket id (UUID) or number (10042, "#10042")';

/** Links agents make; `follow_up` links are made by Tessera when a closed ticket gets a reply. */
export const MANUAL_LINK_KINDS = ['related'] as const;

export class CreateTicketLinkDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    example: '#10042',
    description: 'The ticket to link: its id or number',
  })
  @Transform(referenceText)
  @IsString()
  @Matches(TICKET_REFERENCE, { message: REFERENCE_MESSAGE })
  ticketId: string;

  @ApiPropertyOptional({ enum: MANUAL_LINK_KINDS, default: 'related' })
  @IsOptional()
  @IsIn(MANUAL_LINK_KINDS)
  kind?: (typeof MANUAL_LINK_KINDS)[number];
}

export class TicketLinkDto {
  @ApiProperty({ format: 'uuid', description: 'The ticket at the other end of the link' })
  ticketId: string;
  @ApiProperty({ example: 10042 }) number: number;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: TICKET_STATES }) state: TicketState;
  @ApiProperty({
    enum: ['related', 'follow_up'],
    description: '`follow_up`: the newer ticket follows up the closed one',
  })
  kind: 'related' | 'follow_up';
  @ApiProperty({
    enum: ['outgoing', 'incoming'],
    description:
      '`outgoing` when the ticket asked about is the source (a follow-up: the new ticket), ' +
      '`incoming` when it is the target (the closed ticket followed up)',
  })
  direction: 'outgoing' | 'incoming';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TicketLinkListDto {
  @ApiProperty({ type: [TicketLinkDto] }) items: TicketLinkDto[];
}

export class MergeTicketDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    example: '#10042',
    description: 'The ticket to merge into: its id or number',
  })
  @Transform(referenceText)
  @IsString()
  @Matches(TICKET_REFERENCE, { message: REFERENCE_MESSAGE })
  targetId: string;
}

export class MergeResultDto {
  @ApiProperty({ type: TicketDto, description: 'The ticket merged away, now `merged`' })
  source: TicketDto;
  @ApiProperty({ type: TicketDto, description: 'The ticket it was merged into' })
  target: TicketDto;
  @ApiProperty({ description: 'How many messages (notes included) moved to the target' })
  movedMessages: number;
}
