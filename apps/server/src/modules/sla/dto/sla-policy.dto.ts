import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../../queue/queue.entity.js';
import { lowerCaseTags, TAG } from '../../ticket/dto/ticket.dto.js';
import { TICKET_CHANNELS, type TicketChannel } from '../../ticket/ticket.entity.js';

/** A year of business minutes: more is not a service level. */
export const MAX_TARGET_MINUTES = 525_600;
const MAX_CONDITION_VALUES = 100;

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const lowerCaseIds = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id))
    : value;
const trimmed = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item))
    : value;

/** Each list names the values accepted; an empty or missing list accepts any. */
export class SlaConditionsDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'One of these queues' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_CONDITION_VALUES)
  @Transform(lowerCaseIds)
  @IsUUID('all', { each: true })
  queueIds?: string[];

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @IsIn(TICKET_PRIORITIES, { each: true })
  priorities?: TicketPriority[];

  @ApiPropertyOptional({
    type: [String],
    example: ['enterprise'],
    description: 'Organisation tiers, any case; tickets without an organisation have none',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_CONDITION_VALUES)
  @Transform(trimmed)
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'each tier must not be blank' })
  @MaxLength(50, { each: true })
  tiers?: string[];

  @ApiPropertyOptional({ enum: TICKET_CHANNELS, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @IsIn(TICKET_CHANNELS, { each: true })
  channels?: TicketChannel[];

  @ApiPropertyOptional({ type: [String], description: 'The ticket has at least one of them' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_CONDITION_VALUES)
  @Transform(lowerCaseTags)
  @Matches(TAG, { each: true, message: 'each tag must be 1-50 characters of a-z 0-9 . _ : -' })
  tags?: string[];
}

/** Business minutes; null (or left out on create) sets no target. */
export class SlaTargetsDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MAX_TARGET_MINUTES })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  firstResponseMinutes?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_TARGET_MINUTES,
    description: 'From each customer message that waits for an answer to the next agent reply',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  nextResponseMinutes?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MAX_TARGET_MINUTES })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  resolutionMinutes?: number | null;
}

export class SlaBreachActionsDto {
  @ApiPropertyOptional({
    default: true,
    description: 'Notify the assignee and the queue’s managers of warnings and breaches',
  })
  @OptionalNotNull()
  @IsBoolean()
  notify?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Raise the priority one step on a breach' })
  @OptionalNotNull()
  @IsBoolean()
  raisePriority?: boolean;
}

export class CreateSlaPolicyDto {
  @ApiProperty({ maxLength: 100, example: 'Enterprise urgent' })
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1_000_000,
    description: 'Lower is tried first; defaults to after every other policy',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: SlaConditionsDto, description: 'Defaults to every ticket' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SlaConditionsDto)
  conditions?: SlaConditionsDto;

  @ApiProperty({ type: SlaTargetsDto, description: 'At least one target' })
  @ValidateNested()
  @Type(() => SlaTargetsDto)
  targets: SlaTargetsDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the built-in 24/7 calendar' })
  @OptionalNotNull()
  @Transform(trim)
  @IsUUID()
  calendarId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 80 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  warningPercent?: number;

  @ApiPropertyOptional({ type: SlaBreachActionsDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SlaBreachActionsDto)
  onBreach?: SlaBreachActionsDto;
}

/** Any subset; `conditions`, `targets` and `onBreach` change the fields they name. */
export class UpdateSlaPolicyDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: SlaConditionsDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SlaConditionsDto)
  conditions?: SlaConditionsDto;

  @ApiPropertyOptional({ type: SlaTargetsDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SlaTargetsDto)
  targets?: SlaTargetsDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @Transform(trim)
  @IsUUID()
  calendarId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  warningPercent?: number;

  @ApiPropertyOptional({ type: SlaBreachActionsDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => SlaBreachActionsDto)
  onBreach?: SlaBreachActionsDto;
}

export class SlaConditionsViewDto {
  @ApiProperty({ type: [String], format: 'uuid' }) queueIds: string[];
  @ApiProperty({ enum: TICKET_PRIORITIES, isArray: true }) priorities: TicketPriority[];
  @ApiProperty({ type: [String] }) tiers: string[];
  @ApiProperty({ enum: TICKET_CHANNELS, isArray: true }) channels: TicketChannel[];
  @ApiProperty({ type: [String] }) tags: string[];
}

export class SlaTargetsViewDto {
  @ApiProperty({ type: Number, nullable: true }) firstResponseMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true }) nextResponseMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true }) resolutionMinutes: number | null;
}

export class SlaBreachActionsViewDto {
  @ApiProperty() notify: boolean;
  @ApiProperty() raisePriority: boolean;
}

export class SlaPolicyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: SlaConditionsViewDto }) conditions: SlaConditionsViewDto;
  @ApiProperty({ type: SlaTargetsViewDto }) targets: SlaTargetsViewDto;
  @ApiProperty({ format: 'uuid' }) calendarId: string;
  @ApiProperty() calendarName: string;
  @ApiProperty() warningPercent: number;
  @ApiProperty({ type: SlaBreachActionsViewDto }) onBreach: SlaBreachActionsViewDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SlaPolicyListDto {
  @ApiProperty({ type: [SlaPolicyDto] }) items: SlaPolicyDto[];
}
