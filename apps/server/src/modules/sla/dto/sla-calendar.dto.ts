import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../../common/validation/optional-not-null.js';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class WorkingIntervalDto {
  @ApiProperty({ example: '09:00', description: 'HH:MM, from 00:00 to 23:59' }) start: string;
  @ApiProperty({ example: '17:00', description: 'HH:MM, after start; 24:00 ends the day' })
  end: string;
}

export class WeekDto {
  @ApiProperty({ type: [WorkingIntervalDto] }) monday: WorkingIntervalDto[];
  @ApiProperty({ type: [WorkingIntervalDto] }) tuesday: WorkingIntervalDto[];
  @ApiProperty({ type: [WorkingIntervalDto] }) wednesday: WorkingIntervalDto[];
  @ApiProperty({ type: [WorkingIntervalDto] }) thursday: WorkingIntervalDto[];
  @ApiProperty({ type: [WorkingIntervalDto] }) friday: WorkingIntervalDto[];
  @ApiProperty({ type: [WorkingIntervalDto] }) saturday: WorkingIntervalDto[];
  @ApiProperty({ type: [WorkingIntervalDto] }) sunday: WorkingIntervalDto[];
}

export class HolidayDto {
  @ApiPropertyOptional({ example: '2026-12-24', description: 'One day: YYYY-MM-DD' })
  date?: string;
  @ApiPropertyOptional({ example: '12-25', description: 'The same day every year: MM-DD' })
  recurring?: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'Christmas Day' }) name?: string;
}

export class SlaCalendarDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ type: WeekDto }) week: WeekDto;
  @ApiProperty({ type: [HolidayDto] }) holidays: HolidayDto[];
  @ApiProperty({ description: 'The 24/7 calendar Tessera ships: read-only' }) builtIn: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SlaCalendarListDto {
  @ApiProperty({ type: [SlaCalendarDto] }) items: SlaCalendarDto[];
}

// The time zone, hours and holidays are checked as a whole by validateCalendar (libs/domain),
// which names each bad part (`week.monday.0.end`); here they only pass the unknown-field check.
export class CreateSlaCalendarDto {
  @ApiProperty({ maxLength: 100, example: 'Berlin office hours' })
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name: string;

  // Validated with the rest of the calendar by validateCalendar (errors name the field).
  @ApiProperty({ type: String, example: 'Europe/Berlin', description: 'An IANA time zone' })
  @Allow()
  timeZone: unknown;

  @ApiProperty({
    type: WeekDto,
    description: 'Working intervals per weekday; a day left out or `[]` is a day off',
  })
  @Allow()
  week: unknown;

  @ApiPropertyOptional({ type: [HolidayDto], default: [] })
  @Allow()
  holidays?: unknown;
}

/** Any subset; `week` and `holidays` replace the whole week or list. */
export class UpdateSlaCalendarDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, example: 'Europe/Berlin' })
  @Allow()
  timeZone?: unknown;

  @ApiPropertyOptional({ type: WeekDto })
  @Allow()
  week?: unknown;

  @ApiPropertyOptional({ type: [HolidayDto] })
  @Allow()
  holidays?: unknown;
}
