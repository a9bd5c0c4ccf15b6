import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock.js';
import type { RequestActor } from '../permission/request-actor.js';
import type {
  BucketedReportQueryDto,
  BucketedReportRangeDto,
  DurationStatsDto,
  ReportQueryDto,
  ReportRangeDto,
  ResponseTimesReportDto,
  SlaComplianceDto,
  SlaReportDto,
  SummaryReportDto,
  VolumeReportDto,
} from './dto/report.dto.js';
import { backlogAnchor, ratio, roundMinutes, type BucketSpec } from './report-range.js';
import { ReportError } from './report.error.js';
import {
  ReportRepository,
  type DurationRow,
  type ReportFilter,
  type ReportRange,
  type SlaCounts,
  type SlaRow,
  type VolumeRow,
} from './report.repository.js';

/**
 * The report use cases. The guard let in admins and agents who manage a queue (`report:read`);
 * here an agent's figures are narrowed to the queues they manage.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
  ) {}

  async volume(actor: RequestActor, query: BucketedReportQueryDto): Promise<VolumeReportDto> {
    const range = rangeOf(query);
    const rows = await this.volumeRows(range, filterOf(actor, query), bucketsOf(query));
    return {
      range: bucketedRangeView(query),
      totals: volumeTotals(rows),
      buckets: rows.map((row) => ({
        ...bucketView(row),
        created: row.created,
        resolved: row.resolved,
        reopened: row.reopened,
        backlog: row.backlog,
      })),
    };
  }

  async responseTimes(
    actor: RequestActor,
    query: BucketedReportQueryDto,
  ): Promise<ResponseTimesReportDto> {
    const [overall, ...buckets] = await this.reports.responseTimes(
      rangeOf(query),
      filterOf(actor, query),
      bucketsOf(query),
    );
    if (!overall) throw new Error('the response times report has no overall row');
    return {
      range: bucketedRangeView(query),
      firstResponse: durationView(overall.firstResponse),
      resolution: durationView(overall.resolution),
      buckets: buckets.map((row) => ({
        ...bucketView(row),
        firstResponse: durationView(row.firstResponse),
        resolution: durationView(row.resolution),
      })),
    };
  }

  async sla(actor: RequestActor, query: ReportQueryDto): Promise<SlaReportDto> {
    const counts = await this.reports.sla(rangeOf(query), filterOf(actor, query));
    return {
      range: rangeView(query),
      firstResponse: complianceView(counts.firstResponse),
      nextResponse: complianceView(counts.nextResponse),
      resolution: complianceView(counts.resolution),
      overall: complianceView(sumCounts(counts)),
    };
  }

  /** The headline figures of the range: the other reports' totals, in one answer. */
  async summary(actor: RequestActor, query: ReportQueryDto): Promise<SummaryReportDto> {
    const range = rangeOf(query);
    const filter = filterOf(actor, query);
    const [volume, times, sla] = await Promise.all([
      this.volumeRows(range, filter, undefined),
      this.reports.responseTimes(range, filter, undefined),
      this.reports.sla(range, filter),
    ]);
    const totals = volumeTotals(volume);
    const [overall] = times;
    if (!overall) throw new Error('the response times report has no overall row');
    return {
      range: rangeView(query),
      ...totals,
      reopenRate: ratio(totals.reopened, totals.resolved),
      firstResponse: durationView(overall.firstResponse),
      resolution: durationView(overall.resolution),
      sla: complianceView(sumCounts(sla)),
    };
  }

  private async volumeRows(
    range: ReportRange,
    filter: ReportFilter,
    buckets: BucketSpec | undefined,
  ): Promise<VolumeRow[]> {
    const anchor = backlogAnchor(
      range.from,
      this.clock.now(),
      await this.reports.earliestTicketAt(),
    );
    return this.reports.volume(range, filter, buckets, anchor);
  }
}

/**
 * Which tickets the caller's report counts: admins any, agents those in the queues they manage.
 * A queue asked for by an agent who does not manage it is refused as `queue:read` would be: not
 * found without any access to it, forbidden with less than manage.
 */
export function filterOf(actor: RequestActor, query: ReportQueryDto): ReportFilter {
  const filter: ReportFilter = {
    queueId: query.queueId,
    assigneeId:
      query.assignee === undefined
        ? undefined
        : query.assignee === 'none'
          ? null
          : query.assignee === 'me'
            ? actor.userId
            : query.assignee.toLowerCase(),
    organizationId: query.organizationId,
    tier: query.tier,
    priorities: query.priority,
  };
  if (actor.role === 'admin') return filter;
  const managed = [...actor.queueAccess]
    .filter(([, level]) => level === 'manage')
    .map(([queueId]) => queueId);
  if (query.queueId !== undefined) {
    const level = actor.queueAccess.get(query.queueId);
    if (level === undefined) throw ReportError.queueNotFound();
    if (level !== 'manage') throw ReportError.queueNotManaged();
  }
  return { ...filter, queueIds: managed };
}

function rangeOf(query: ReportQueryDto): ReportRange {
  return { from: new Date(query.from), to: new Date(query.to) };
}

function bucketsOf(query: BucketedReportQueryDto): BucketSpec {
  return { interval: query.interval, timeZone: query.tz };
}

function rangeView(query: ReportQueryDto): ReportRangeDto {
  return { from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString() };
}

function bucketedRangeView(query: BucketedReportQueryDto): BucketedReportRangeDto {
  return { ...rangeView(query), interval: query.interval, timeZone: query.tz };
}

function bucketView(row: { date: string | null; start: Date; end: Date }) {
  return { date: row.date ?? '', start: row.start.toISOString(), end: row.end.toISOString() };
}

function volumeTotals(rows: VolumeRow[]) {
  const sum = (pick: (row: VolumeRow) => number) => rows.reduce((n, row) => n + pick(row), 0);
  return {
    created: sum((row) => row.created),
    resolved: sum((row) => row.resolved),
    reopened: sum((row) => row.reopened),
    backlogAtStart: rows[0]?.backlogAtStart ?? 0,
    backlogAtEnd: rows[rows.length - 1]?.backlog ?? 0,
  };
}

function durationView(row: DurationRow): DurationStatsDto {
  const view = (p: DurationRow['calendar']) => ({
    count: p.count,
    median: roundMinutes(p.median),
    p90: roundMinutes(p.p90),
  });
  return { calendar: view(row.calendar), business: view(row.business) };
}

/** The three targets together. */
function sumCounts({ firstResponse, nextResponse, resolution }: SlaRow): SlaCounts {
  return [firstResponse, nextResponse, resolution].reduce(
    (sum, c) => ({ met: sum.met + c.met, breached: sum.breached + c.breached }),
    {
      met: 0,
      breached: 0,
    },
  );
}

function complianceView({ met, breached }: SlaCounts): SlaComplianceDto {
  return { met, breached, compliance: ratio(met, met + breached) };
}
