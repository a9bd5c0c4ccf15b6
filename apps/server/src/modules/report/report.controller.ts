import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Requires } from '../permission/permission.decorators.js';
import type { RequestActor } from '../permission/request-actor.js';
import {
  BucketedReportQueryDto,
  ReportQueryDto,
  ResponseTimesReportDto,
  SlaReportDto,
  SummaryReportDto,
  VolumeReportDto,
} from './dto/report.dto.js';
import { ReportService } from './report.service.js';

const SCOPE =
  'Admins see every ticket; an agent who manages queues sees those queues (another `queueId` ' +
  'answers 404 without access to it, 403 with less than manage). Filters apply to the tickets ' +
  'as they are now.';

@ApiTags('reports')
@Controller('api/v1/reports')
@ApiBadRequestResponse({ description: 'validation_failed: `errors` names each bad parameter' })
@ApiNotFoundResponse({ description: '`queueId` names a queue the agent holds no access to' })
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('volume')
  @Requires('report:read')
  @ApiOperation({
    summary: 'Tickets created, resolved and reopened, and the backlog, per day, week or month',
    description:
      'Buckets start at local midnights of `tz`; the first and last are cut to the range. ' +
      'The backlog is the number of tickets open (not resolved, closed or merged) at the end ' +
      `of each bucket, from the tickets' history. ${SCOPE}`,
  })
  @ApiOkResponse({ type: VolumeReportDto })
  volume(
    @CurrentActor() actor: RequestActor,
    @Query() query: BucketedReportQueryDto,
  ): Promise<VolumeReportDto> {
    return this.reports.volume(actor, query);
  }

  @Get('response-times')
  @Requires('report:read')
  @ApiOperation({
    summary: 'Median and 90th percentile of the time to first response and to resolution',
    description:
      'Over tickets first answered (resolved) in the range, overall and per bucket of the ' +
      'answer (resolution), in calendar minutes from opening and in the business minutes of ' +
      `the SLA policy's calendar. ${SCOPE}`,
  })
  @ApiOkResponse({ type: ResponseTimesReportDto })
  responseTimes(
    @CurrentActor() actor: RequestActor,
    @Query() query: BucketedReportQueryDto,
  ): Promise<ResponseTimesReportDto> {
    return this.reports.responseTimes(actor, query);
  }

  @Get('sla')
  @Requires('report:read')
  @ApiOperation({
    summary: 'SLA compliance per target',
    description:
      'A target met in time counts when it was met; a missed one at its due time, whether it ' +
      `was met late since or not. Compliance is met / (met + breached). ${SCOPE}`,
  })
  @ApiOkResponse({ type: SlaReportDto })
  sla(@CurrentActor() actor: RequestActor, @Query() query: ReportQueryDto): Promise<SlaReportDto> {
    return this.reports.sla(actor, query);
  }

  @Get('summary')
  @Requires('report:read')
  @ApiOperation({
    summary: 'Headline figures of a range',
    description:
      'Created, resolved, reopened and the reopen rate, the backlog at both ends, the time to ' +
      `first response and to resolution, and SLA compliance over all targets. ${SCOPE}`,
  })
  @ApiOkResponse({ type: SummaryReportDto })
  summary(
    @CurrentActor() actor: RequestActor,
    @Query() query: ReportQueryDto,
  ): Promise<SummaryReportDto> {
    return this.reports.summary(actor, query);
  }
}
