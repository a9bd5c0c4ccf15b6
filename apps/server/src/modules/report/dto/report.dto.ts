// The reports' query strings (a time range and the ticket filters) and their answers.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isTimeZone } from '@tessera/domain';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { IsInstant, isInstant } from '../../../common/validation/instant.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../../queue/queue.entity.js';
import { MAX_REPORT_YEARS, REPORT_INTERVALS, type ReportInterval } from '../report-range.js';

const lowerCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value;

/** The end of the range: after `from`, and at most MAX_REPORT_YEARS later. */
const IsRangeEnd = () =>
  ValidateBy({
    name: 'isRangeEnd',
    validator: {
      validate: (value, args?: ValidationArguments) => {
        const from = (args?.object as Record<string, unknown> | undefined)?.from;
        if (!isInstant(value) || !isInstant(from)) return true; // IsInstant says what is wrong
        const start = new Date(from);
        const latest = new Date(start);
        latest.setUTCFullYear(latest.getUTCFullYear() + MAX_REPORT_YEARS);
        const end = Date.parse(value);
        return end > start.getTime() && end <= latest.getTime();
      },
      defaultMessage: () =>
        `$property must be after from, and at most ${MAX_REPORT_YEARS} years later`,
    },
  });

/**
 * An IANA zone name PostgreSQL knows as well: letters first, so that offsets such as `+02:00`
 * (which PostgreSQL would read as POSIX, the sign reversed) are refused.
 */
const IsZoneName = () =>
  ValidateBy({
    name: 'isZoneName',
    validator: {
      validate: (value) =>
        typeof value === 'string' &&
        /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value) &&
        isTimeZone(value),
      defaultMessage: () => '$property must be an IANA time zone, e.g. Europe/Berlin',
    },
  });

/** The range and the filters every report takes. */
export class ReportQueryDto {
  @ApiProperty({
    format: 'date-time',
    description: 'Start of the range (inclusive)',
    example: '2026-05-01T00:00:00Z',
  })
  @IsInstant()
  from: string;

  @ApiProperty({
    format: 'date-time',
    description: `End of the range (exclusive); after \`from\`, at most ${MAX_REPORT_YEARS} years later`,
    example: '2026-06-01T00:00:00Z',
  })
  @IsInstant()
  @IsRangeEnd()
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only tickets now in this queue' })
  @IsOptional()
  @IsUUID()
  @Transform(lowerCase)
  queueId?: string;

  @ApiPropertyOptional({
    description: 'Only tickets now assigned to this agent (a user id, `me`), or `none`',
  })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'must be a user id, me or none',
  })
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only tickets of this organisation' })
  @IsOptional()
  @IsUUID()
  @Transform(lowerCase)
  organizationId?: string;

  @ApiPropertyOptional({
    description: 'Only tickets of organisations of this tier (any case), e.g. `enterprise`',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tier?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated priorities (the ticket’s priority now)',
    example: 'high,urgent',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(TICKET_PRIORITIES, { each: true })
  priority?: TicketPriority[];
}

/** A report over time: the range cut into buckets of local days, weeks or months. */
export class BucketedReportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    enum: REPORT_INTERVALS,
    default: 'day',
    description: 'Bucket size; weeks start on Monday',
  })
  @IsOptional()
  @IsIn(REPORT_INTERVALS)
  interval: ReportInterval = 'day';

  @ApiPropertyOptional({
    default: 'UTC',
    description: 'IANA time zone whose midnights the buckets start at',
    example: 'Europe/Berlin',
  })
  @IsOptional()
  @IsZoneName()
  tz: string = 'UTC';
}

// --- Answers -------------------------------------------------------------------------------------

export class ReportRangeDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
}

export class BucketedReportRangeDto extends ReportRangeDto {
  @ApiProperty({ enum: REPORT_INTERVALS }) interval: ReportInterval;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
}

/** One bucket of a report over time. The first and last are cut to the range. */
export class ReportBucketDto {
  @ApiProperty({
    example: '2026-05-04',
    description: 'The local date (in `timeZone`) the bucket’s day, week or month starts on',
  })
  date: string;

  @ApiProperty({ format: 'date-time', description: 'Start (inclusive)' }) start: string;
  @ApiProperty({ format: 'date-time', description: 'End (exclusive)' }) end: string;
}

export class VolumeBucketDto extends ReportBucketDto {
  @ApiProperty({ description: 'Tickets opened in the bucket' }) created: number;
  @ApiProperty({
    description:
      'Resolutions in the bucket: a ticket resolved, reopened and resolved again counts twice',
  })
  resolved: number;

  @ApiProperty({ description: 'Reopens in the bucket (resolved → open)' }) reopened: number;
  @ApiProperty({
    description: 'Tickets open (not resolved, closed or merged) at the end of the bucket',
  })
  backlog: number;
}

export class VolumeTotalsDto {
  @ApiProperty() created: number;
  @ApiProperty() resolved: number;
  @ApiProperty() reopened: number;
  @ApiProperty({ description: 'Tickets open at `from`' }) backlogAtStart: number;
  @ApiProperty({ description: 'Tickets open at `to`' }) backlogAtEnd: number;
}

export class VolumeReportDto {
  @ApiProperty({ type: BucketedReportRangeDto }) range: BucketedReportRangeDto;
  @ApiProperty({ type: VolumeTotalsDto }) totals: VolumeTotalsDto;
  @ApiProperty({ type: [VolumeBucketDto] }) buckets: VolumeBucketDto[];
}

/** Median and 90th percentile (PostgreSQL's percentile_cont, interpolated) of some durations. */
export class DurationPercentilesDto {
  @ApiProperty({ description: 'How many durations' }) count: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Minutes; null without durations' })
  median: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Minutes; null without durations' })
  p90: number | null;
}

export class DurationStatsDto {
  @ApiProperty({
    type: DurationPercentilesDto,
    description: 'Wall-clock minutes from opening the ticket, pauses included',
  })
  calendar: DurationPercentilesDto;

  @ApiProperty({
    type: DurationPercentilesDto,
    description:
      'Business minutes of the SLA policy’s calendar, without paused time: tickets an SLA ' +
      'policy applies to only',
  })
  business: DurationPercentilesDto;
}

export class ResponseTimesBucketDto extends ReportBucketDto {
  @ApiProperty({ type: DurationStatsDto }) firstResponse: DurationStatsDto;
  @ApiProperty({ type: DurationStatsDto }) resolution: DurationStatsDto;
}

export class ResponseTimesReportDto {
  @ApiProperty({ type: BucketedReportRangeDto }) range: BucketedReportRangeDto;
  @ApiProperty({
    type: DurationStatsDto,
    description: 'Tickets first answered in the range, by how long the first answer took',
  })
  firstResponse: DurationStatsDto;

  @ApiProperty({
    type: DurationStatsDto,
    description: 'Tickets resolved in the range (and not reopened since), by how long it took',
  })
  resolution: DurationStatsDto;

  @ApiProperty({
    type: [ResponseTimesBucketDto],
    description: 'The same per bucket of the answer or resolution',
  })
  buckets: ResponseTimesBucketDto[];
}

export class SlaComplianceDto {
  @ApiProperty({ description: 'Targets met in time, counted when they were met' }) met: number;
  @ApiProperty({
    description: 'Targets missed, counted at their due time (met late since, or not)',
  })
  breached: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'met / (met + breached); null when both are 0',
  })
  compliance: number | null;
}

export class SlaReportDto {
  @ApiProperty({ type: ReportRangeDto }) range: ReportRangeDto;
  @ApiProperty({ type: SlaComplianceDto }) firstResponse: SlaComplianceDto;
  @ApiProperty({
    type: SlaComplianceDto,
    description: 'Each ticket’s latest next-response cycle (the one its SLA clock shows)',
  })
  nextResponse: SlaComplianceDto;

  @ApiProperty({ type: SlaComplianceDto }) resolution: SlaComplianceDto;
  @ApiProperty({ type: SlaComplianceDto, description: 'The three targets together' })
  overall: SlaComplianceDto;
}

export class SummaryReportDto {
  @ApiProperty({ type: ReportRangeDto }) range: ReportRangeDto;
  @ApiProperty() created: number;
  @ApiProperty({ description: 'Resolutions in the range' }) resolved: number;
  @ApiProperty({ description: 'Reopens in the range (resolved → open)' }) reopened: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'reopened / resolved; null without resolutions',
  })
  reopenRate: number | null;

  @ApiProperty({ description: 'Tickets open at `from`' }) backlogAtStart: number;
  @ApiProperty({ description: 'Tickets open at `to`' }) backlogAtEnd: number;
  @ApiProperty({ type: DurationStatsDto }) firstResponse: DurationStatsDto;
  @ApiProperty({ type: DurationStatsDto }) resolution: DurationStatsDto;
  @ApiProperty({ type: SlaComplianceDto, description: 'All SLA targets together' })
  sla: SlaComplianceDto;
}
