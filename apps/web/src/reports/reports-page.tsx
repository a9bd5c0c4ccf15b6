// The reports dashboard: created vs resolved, backlog, time to first response and to resolution,
// SLA compliance, for a range of days and one queue or all. The server computes every figure
// (the reports API, docs/api.md "Reports"); the page asks for days in the browser's time zone.
import { useMemo, useState } from 'react';
import { api } from '../api/client.js';
import { useQueues } from '../api/directory.js';
import { ApiError, unwrap } from '../api/problem.js';
import type { components } from '../api/schema';
import { useResource } from '../api/use-resource.js';
import { useTitle } from '../components/use-title.js';
import { ErrorMessage, Loading } from '../layout/status.js';
import { TimeSeriesChart, type Series } from './time-series-chart.js';

type Schemas = components['schemas'];
type VolumeReport = Schemas['VolumeReportDto'];
type ResponseTimesReport = Schemas['ResponseTimesReportDto'];
type SlaReport = Schemas['SlaReportDto'];
type SummaryReport = Schemas['SummaryReportDto'];
type DurationStats = Schemas['DurationStatsDto'];
type SlaCompliance = Schemas['SlaComplianceDto'];
type Clock = 'calendar' | 'business';

interface Reports {
  volume: VolumeReport;
  times: ResponseTimesReport;
  sla: SlaReport;
  summary: SummaryReport;
}

/** What the page shows: the reports, or that this user may not read them. */
type Loaded = { forbidden: false; reports: Reports } | { forbidden: true };

const RANGES = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
];

const browserTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

async function loadReports(days: number, queueId: string | undefined): Promise<Loaded> {
  // From local midnight `days - 1` days ago until now: today is the last, partial, day.
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (days - 1));
  const range = {
    from: start.toISOString(),
    to: new Date().toISOString(),
    ...(queueId ? { queueId } : {}),
  };
  const bucketed = { ...range, interval: 'day' as const, tz: browserTimeZone() };
  try {
    const [volume, times, sla, summary] = await Promise.all([
      api.GET('/api/v1/reports/volume', { params: { query: bucketed } }).then(unwrap),
      api.GET('/api/v1/reports/response-times', { params: { query: bucketed } }).then(unwrap),
      api.GET('/api/v1/reports/sla', { params: { query: range } }).then(unwrap),
      api.GET('/api/v1/reports/summary', { params: { query: range } }).then(unwrap),
    ]);
    return { forbidden: false, reports: { volume, times, sla, summary } };
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 403) return { forbidden: true };
    throw error;
  }
}

/** Minutes as a short duration: `45 min`, `3.5 h`, `2.1 d`; `–` without a value. */
function duration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '–';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

const percent = (value: number | null): string =>
  value === null ? '–' : `${(Math.round(value * 1000) / 10).toLocaleString()} %`;

const hours = (minutes: number | null): number | null => (minutes === null ? null : minutes / 60);

const dateLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
/** A bucket's local date (`2026-05-04`) as `May 4`. */
const formatDate = (date: string): string => {
  const [year, month, day] = date.split('-').map(Number);
  return dateLabel.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
};

export function ReportsPage() {
  const queues = useQueues();
  const [days, setDays] = useState(30);
  const [queueId, setQueueId] = useState('');
  useTitle('Reports');
  const report = useResource(() => loadReports(days, queueId || undefined), [days, queueId]);

  return (
    <main className="page reports" id="content">
      <h1>Reports</h1>
      <form className="filter-bar" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Range
          <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {RANGES.map((range) => (
              <option key={range.days} value={range.days}>
                {range.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Queue
          <select value={queueId} onChange={(event) => setQueueId(event.target.value)}>
            <option value="">All queues</option>
            {(queues.data ?? []).map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {report.error && <ErrorMessage message={report.error} onRetry={report.reload} />}
      {report.loading && !report.data && <Loading label="Loading reports…" />}
      {report.data?.forbidden && (
        <p className="notice" role="alert">
          You may not see reports{queueId ? ' for this queue' : ''}: they need the admin role, or
          manage access to a queue (for that queue’s tickets). Ask an admin if you need them.
        </p>
      )}
      {report.data && !report.data.forbidden && <Dashboard reports={report.data.reports} />}
    </main>
  );
}

function Dashboard({ reports }: { reports: Reports }) {
  const { volume, times, sla, summary } = reports;
  const [clock, setClock] = useState<Clock>('calendar');
  const axis = useMemo(
    () => ({
      volume: {
        times: volume.buckets.map((bucket) => Date.parse(bucket.start) / 1000),
        labels: volume.buckets.map((bucket) => formatDate(bucket.date)),
      },
      times: {
        times: times.buckets.map((bucket) => Date.parse(bucket.start) / 1000),
        labels: times.buckets.map((bucket) => formatDate(bucket.date)),
      },
    }),
    [volume, times],
  );
  const created = useMemo<Series[]>(
    () => [
      { label: 'Created', color: '#2563eb', values: volume.buckets.map((b) => b.created) },
      { label: 'Resolved', color: '#16a34a', values: volume.buckets.map((b) => b.resolved) },
      { label: 'Reopened', color: '#dc2626', values: volume.buckets.map((b) => b.reopened) },
    ],
    [volume],
  );
  const backlog = useMemo<Series[]>(
    () => [
      { label: 'Open at day end', color: '#b45309', values: volume.buckets.map((b) => b.backlog) },
    ],
    [volume],
  );
  const durations = useMemo<Series[]>(
    () => [
      {
        label: 'First response (median)',
        color: '#7c3aed',
        values: times.buckets.map((b) => hours(b.firstResponse[clock].median)),
      },
      {
        label: 'First response (p90)',
        color: '#c4b5fd',
        values: times.buckets.map((b) => hours(b.firstResponse[clock].p90)),
      },
      {
        label: 'Resolution (median)',
        color: '#0f766e',
        values: times.buckets.map((b) => hours(b.resolution[clock].median)),
      },
      {
        label: 'Resolution (p90)',
        color: '#5eead4',
        values: times.buckets.map((b) => hours(b.resolution[clock].p90)),
      },
    ],
    [times, clock],
  );
  return (
    <>
      <section aria-labelledby="totals" className="kpis">
        <h2 id="totals" className="sr-only">
          Totals
        </h2>
        <Kpi label="Created" value={String(summary.created)} />
        <Kpi label="Resolved" value={String(summary.resolved)} />
        <Kpi label="Reopen rate" value={percent(summary.reopenRate)} />
        <Kpi label="Open at end" value={String(summary.backlogAtEnd)} />
        <Kpi
          label="Median first response"
          value={duration(summary.firstResponse.calendar.median)}
        />
        <Kpi label="Median resolution" value={duration(summary.resolution.calendar.median)} />
        <Kpi label="SLA compliance" value={percent(summary.sla.compliance)} />
      </section>
      <div className="chart-grid">
        <section aria-labelledby="chart-volume" className="panel">
          <h2 id="chart-volume">Created vs resolved</h2>
          <TimeSeriesChart
            title="Tickets created, resolved and reopened per day"
            {...axis.volume}
            series={created}
          />
        </section>
        <section aria-labelledby="chart-backlog" className="panel">
          <h2 id="chart-backlog">Backlog</h2>
          <TimeSeriesChart
            title={`Tickets open at the end of each day (${volume.totals.backlogAtStart} at the start)`}
            {...axis.volume}
            series={backlog}
          />
        </section>
        <section aria-labelledby="chart-times" className="panel">
          <h2 id="chart-times">Time to first response and to resolution</h2>
          <label className="small">
            Clock{' '}
            <select value={clock} onChange={(event) => setClock(event.target.value as Clock)}>
              <option value="calendar">Calendar time</option>
              <option value="business">Business hours (SLA calendar)</option>
            </select>
          </label>
          <TimeSeriesChart
            title={`Median and 90th percentile, ${clock === 'business' ? 'business' : 'calendar'} hours, by the day of the answer or resolution`}
            {...axis.times}
            series={durations}
            unit="h"
          />
          <DurationTable firstResponse={times.firstResponse} resolution={times.resolution} />
        </section>
        <section aria-labelledby="chart-sla" className="panel">
          <h2 id="chart-sla">SLA compliance</h2>
          <SlaTable sla={sla} />
        </section>
      </div>
    </>
  );
}

function DurationTable({
  firstResponse,
  resolution,
}: {
  firstResponse: DurationStats;
  resolution: DurationStats;
}) {
  const rows: [string, DurationStats][] = [
    ['First response', firstResponse],
    ['Resolution', resolution],
  ];
  return (
    <table className="data-table compact">
      <caption>Over the whole range</caption>
      <thead>
        <tr>
          <th scope="col">Time to</th>
          <th scope="col">Tickets</th>
          <th scope="col">Median</th>
          <th scope="col">p90</th>
          <th scope="col">Median (business)</th>
          <th scope="col">p90 (business)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, stats]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{stats.calendar.count}</td>
            <td>{duration(stats.calendar.median)}</td>
            <td>{duration(stats.calendar.p90)}</td>
            <td>{duration(stats.business.median)}</td>
            <td>{duration(stats.business.p90)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SlaTable({ sla }: { sla: SlaReport }) {
  const rows: [string, SlaCompliance][] = [
    ['First response', sla.firstResponse],
    ['Next response', sla.nextResponse],
    ['Resolution', sla.resolution],
    ['All targets', sla.overall],
  ];
  return (
    <table className="data-table compact">
      <caption className="sr-only">SLA targets met and breached in the range</caption>
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Met</th>
          <th scope="col">Breached</th>
          <th scope="col">Compliance</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, figures]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{figures.met}</td>
            <td>{figures.breached}</td>
            <td>
              {figures.compliance !== null && (
                <meter
                  aria-hidden="true"
                  min={0}
                  max={1}
                  low={0.8}
                  high={0.95}
                  optimum={1}
                  value={figures.compliance}
                >
                  {percent(figures.compliance)}
                </meter>
              )}{' '}
              {percent(figures.compliance)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="kpi">
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">{label}</span>
    </div>
  );
}
