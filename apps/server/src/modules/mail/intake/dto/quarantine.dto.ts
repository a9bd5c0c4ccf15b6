import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { RequesterDto } from '../../../ticket/dto/ticket.dto.js';
import { INBOUND_MAIL_STATUSES, type InboundMailStatus } from '../inbound-mail.entity.js';

export class InboundMailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) mailboxId: string;
  @ApiProperty({ example: 'support@example.com' }) mailboxAddress: string;
  @ApiProperty({
    enum: INBOUND_MAIL_STATUSES,
    description: '`quarantined` until retried successfully or turned into a ticket',
  })
  status: InboundMailStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'unparseable: no sender address (From)',
    description: 'Why it was quarantined (or ignored); notes on how it was imported',
  })
  reason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'From, as far as it could be read' })
  from: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Subject, as far as it could be read' })
  subject: string | null;
  @ApiProperty({ description: 'The Message-ID, or `<sha256…@sha256.tessera.invalid>` without one' })
  messageKey: string;
  @ApiProperty({ description: 'Of the raw mail, in bytes' }) size: number;
  @ApiProperty({ description: 'Written by a machine (auto-reply, list, bounce)' })
  automatic: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ticketId: string | null;
  @ApiProperty({ nullable: true, type: Number }) ticketNumber: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ticketMessageId: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the mail server received it',
  })
  receivedAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'When Tessera stored it' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When Tessera last processed it' })
  processedAt: string;
}

export class InboundMailPageDto {
  @ApiProperty({ type: [InboundMailDto] }) items: InboundMailDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class QuarantineToTicketDto {
  @ApiProperty({ format: 'uuid', description: 'The queue the ticket opens in' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @IsUUID()
  queueId: string;

  @ApiPropertyOptional({
    type: RequesterDto,
    description: "Who asked; defaults to the mail's sender (required when it has none)",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequesterDto)
  requester?: RequesterDto;

  @ApiPropertyOptional({
    maxLength: 500,
    description: "The ticket's subject; defaults to the mail's",
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  subject?: string;
}
