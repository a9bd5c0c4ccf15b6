import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TICKET_STATES, type TicketState } from '@tessera/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AttachmentSummaryDto } from '../../attachment/dto/attachment.dto.js';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { TicketSlaDto } from '../../sla/dto/ticket-sla.dto.js';
import { IsInstant, IsNotBefore } from '../../../common/validation/instant.js';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../../queue/queue.entity.js';
import { TICKET_CHANNELS, type TicketChannel } from '../ticket.entity.js';
import { DEFAULT_TICKET_SORT, TICKET_SORTS, type TicketSort } from '../ticket-sort.js';

export const TAG = /^[a-z0-9][a-z0-9._:-]{0,49}$/;
/** Tags are compared in lower case; stored that way too. */
export const lowerCaseTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag))
    : value;
const MAX_BODY = 200_000;
/** Enough for a mail's CC line; more is a mailing list, not a conversation. */
export const MAX_FOLLOWERS = 50;
/** States a ticket may be opened in; `merged` is reached only by merging. */
export const INITIAL_STATES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
/** A mail client's limit is about this; more files belong in an archive. */
export const MAX_ATTACHMENTS = 50;
/** Ids are compared as PostgreSQL prints them: lower case. */
const lowerCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value;
const lowerCaseIds = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id))
    : value;

export class RequesterDto {
  @ApiProperty({ example: 'customer@example.com' })
  @IsEmail({ require_tld: false })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

/** A message body: plain text, or HTML (sanitised, and turned into the text version). */
export class MessageBodyDto {
  @ApiPropertyOptional({
    description: 'Plain text; required unless `html` is given',
    maxLength: MAX_BODY,
  })
  // Required unless html is given; validated whenever it is sent.
  @ValidateIf((body: MessageBodyDto) => typeof body.html !== 'string' || body.text !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(MAX_BODY)
  text?: string;

  @ApiPropertyOptional({ description: 'HTML; sanitised before it is stored', maxLength: MAX_BODY })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY)
  html?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'Files you uploaded with `POST /api/v1/attachments` (their ids), attached to this message',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @Transform(lowerCaseIds)
  @IsUUID('all', { each: true })
  attachments?: string[];
}

export class CreateTicketDto extends MessageBodyDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  subject: string;

  @ApiProperty({ format: 'uuid' })
  @Transform(lowerCase)
  @IsUUID()
  queueId: string;

  @ApiPropertyOptional({
    type: RequesterDto,
    description:
      'Agents and admins: who asked (found or created by email). Customers: omit, it is them.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequesterDto)
  requester?: RequesterDto;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, description: "Defaults to the queue's" })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ type: [String], example: ['printer', 'vip'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(lowerCaseTags)
  @Matches(TAG, { each: true, message: 'each tag must be 1-50 characters of a-z 0-9 . _ : -' })
  tags?: string[];

  @ApiPropertyOptional({
    type: [RequesterDto],
    description:
      'People to keep informed (found or created by email): they become followers of the ticket',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FOLLOWERS)
  @ValidateNested({ each: true })
  @Type(() => RequesterDto)
  cc?: RequesterDto[];

  @ApiPropertyOptional({
    enum: INITIAL_STATES,
    description:
      'Agents and admins: the state to open it in (e.g. `resolved` for a call already handled). ' +
      'Defaults to `new`.',
  })
  @OptionalNotNull()
  @IsIn(INITIAL_STATES)
  state?: (typeof INITIAL_STATES)[number];

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Admins importing history: when the ticket was really opened (not in the future). The ' +
      'first message, its events and the SLA clocks start then.',
  })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  createdAt?: string;

  @ApiPropertyOptional({
    enum: TICKET_CHANNELS,
    description: 'Admins importing history: where the ticket came from. Defaults to `api`.',
  })
  @OptionalNotNull()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;
}

/** PATCH: any subset. Assigning others, moving queues and editing need their own permissions. */
export class UpdateTicketDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @OptionalNotNull()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  subject?: string;

  @ApiPropertyOptional({ enum: TICKET_STATES })
  @OptionalNotNull()
  @IsIn(TICKET_STATES)
  state?: TicketState;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @OptionalNotNull()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move to another queue' })
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

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(lowerCaseTags)
  @Matches(TAG, { each: true, message: 'each tag must be 1-50 characters of a-z 0-9 . _ : -' })
  tags?: string[];
}

export class CreateMessageDto extends MessageBodyDto {
  @ApiPropertyOptional({
    default: false,
    description: 'An internal note: never shown or sent to customers',
  })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;

  @ApiPropertyOptional({
    enum: TICKET_STATES,
    description: 'Agents: the state to leave the ticket in',
  })
  @IsOptional()
  @IsIn(TICKET_STATES)
  state?: TicketState;
}

export class TicketListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated states', example: 'new,open' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(TICKET_STATES, { each: true })
  state?: TicketState[];

  @ApiPropertyOptional({ description: 'Comma-separated priorities', example: 'high,urgent' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(TICKET_PRIORITIES, { each: true })
  priority?: TicketPriority[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  queueId?: string;

  @ApiPropertyOptional({ description: 'A user id, `me`, or `none` for unassigned' })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'must be a user id, me or none',
  })
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  requesterId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(TAG, { message: 'must be a tag' })
  tag?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Created at or after this instant',
    example: '2026-05-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before this instant' })
  @IsOptional()
  @IsInstant()
  @IsNotBefore('createdFrom')
  createdTo?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Last changed at or after this instant',
  })
  @IsOptional()
  @IsInstant()
  updatedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Last changed before this instant' })
  @IsOptional()
  @IsInstant()
  @IsNotBefore('updatedFrom')
  updatedTo?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'A running SLA clock is due before this instant (the current time: overdue)',
  })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;

  @ApiPropertyOptional({
    enum: TICKET_SORTS,
    default: DEFAULT_TICKET_SORT,
    description:
      '`updated`: most recently changed first; `created`: newest first; `priority`: urgent ' +
      'first, then most recently changed; `due`: the soonest SLA due time first, tickets ' +
      'without a running SLA clock last. A cursor belongs to its sort.',
  })
  @IsOptional()
  @IsIn(TICKET_SORTS)
  sort: TicketSort = DEFAULT_TICKET_SORT;
}

export class TicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 10042 }) number: number;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: TICKET_STATES }) state: TicketState;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority: TicketPriority;
  @ApiProperty({ format: 'uuid' }) queueId: string;
  @ApiProperty() queueName: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Not shown to customers',
  })
  assigneeId?: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName?: string | null;
  @ApiProperty({ format: 'uuid' }) requesterId: string;
  @ApiProperty() requesterName: string;
  @ApiProperty() requesterEmail: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ enum: TICKET_CHANNELS }) channel: TicketChannel;
  @ApiProperty({ type: [String], description: 'Not shown to customers' }) tags?: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) mergedIntoId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) firstResponseAt:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty() reopenCount: number;
  @ApiProperty({ description: 'Send as If-Match when changing the ticket' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({
    type: TicketSlaDto,
    description: 'The SLA policy that applies and its clocks. Not shown to customers',
  })
  sla?: TicketSlaDto;
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketDto] }) items: TicketDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TimelineEntryDto {
  @ApiProperty({ enum: ['message', 'event'] }) kind: 'message' | 'event';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiPropertyOptional() internal?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) text?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Sanitised HTML' }) html?:
    string | null;
  @ApiPropertyOptional({ type: [AttachmentSummaryDto], description: 'Files of a message' })
  attachments?: AttachmentSummaryDto[];
  @ApiPropertyOptional({ example: 'state' }) type?: string;
  @ApiPropertyOptional({ type: Object, nullable: true }) before?: unknown;
  @ApiPropertyOptional({ type: Object, nullable: true }) after?: unknown;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto] }) items: TimelineEntryDto[];
}

export class MessageCreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: TicketDto }) ticket: TicketDto;
}
