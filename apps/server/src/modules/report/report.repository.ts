// The SQL of reports: every figure is one statement, counted and ranked by PostgreSQL
// (generate_series for the buckets, FILTER clauses, percentile_cont), never rows carried to Node.
// Figures come from the tickets' events (opening, state changes, merges, messages) and from the
// SLA columns SlaService keeps on each ticket; filters apply to the tickets as they are now.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { singleRow } from '../../common/database/postgres.js';
import type { TicketPriority } from '../queue/queue.entity.js';
import { listConditions, type TicketScope } from '../ticket/ticket.repository.js';
import type { BacklogAnchor, BucketSpec } from './report-range.js';
import { ReportError } from './report.error.js';

/** Which tickets a report counts. */
export interface ReportFilter {
  /** The queues the caller may report on; undefined for all of them. */
  queueIds?: string[];
  queueId?: string;
  /** A user id, or null for unassigned tickets. */
  assigneeId?: string | null;
  organizationId?: string;
  /** An organisation tier, compared in any case. */
  tier?: string;
  priorities?: TicketPriority[];
}

export interface ReportRange {
  from: Date;
  to: Date;
}

/** A bucket of a report over time; for a report of the whole range, the range itself. */
export interface BucketRow {
  /** The local date the bucket starts on (YYYY-MM-DD); null for the whole range. */
  date: string | null;
  start: Date;
  end: Date;
}

export interface VolumeRow extends BucketRow {
  created: number;
  resolved: number;
  reopened: number;
  /** Open at the end of the bucket. */
  backlog: number;
  /** Open at the start of the range (the same on every row). */
  backlogAtStart: number;
}

export interface Percentiles {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface DurationRow {
  calendar: Percentiles;
  business: Percentiles;
}

export interface ResponseTimesRow extends BucketRow {
  firstResponse: DurationRow;
  resolution: DurationRow;
}

export interface SlaCounts {
  met: number;
  breached: number;
}

export interface SlaRow {
  firstResponse: SlaCounts;
  nextResponse: SlaCounts;
  resolution: SlaCounts;
}

/** States in which a ticket waits on someone: the backlog. */
const OPEN_STATES = `('new', 'open', 'pending')`;

/**
 * The events that move a ticket into or out of the backlog, other than opening it in an open
 * state: a state change across the line (open → resolved, resolved → open), opening a ticket
 * already resolved or closed (an import), merging a ticket away. State events hold the states as
 * JSON strings. The partial index ticket_events_backlog_idx (migration Reports) holds exactly
 * these rows, with every column the reports read: keep the two conditions identical.
 */
const BACKLOG_EVENT = `(e.type = 'state'
       AND (e.before #>> '{}' IN ${OPEN_STATES}) <> (e.after #>> '{}' IN ${OPEN_STATES})
     OR e.type = 'created' AND e.after ->> 'state' NOT IN ${OPEN_STATES}
     OR e.type = 'merged' AND e.after ? 'intoId')`;

/**
 * How a backlog event changes the number of open tickets, counting every ticket as +1 when it
 * is opened: -1 for one opened resolved or closed, +1 or -1 for a state change, -1 for an open
 * ticket merged away (0 for one merged away when it was resolved).
 */
const BACKLOG_DELTA = `CASE e.type
    WHEN 'created' THEN -1
    WHEN 'state' THEN (e.after #>> '{}' IN ${OPEN_STATES})::int
                      - (e.before #>> '{}' IN ${OPEN_STATES})::int
    ELSE -(e.before ->> 'state' IN ${OPEN_STATES})::int
  END`;

/** A resolution (among backlog events): resolving a ticket, or opening it resolved or closed. */
const IS_RESOLUTION = `(e.type = 'state' AND e.after #>> '{}' = 'resolved'
     OR e.type = 'created' AND e.after ->> 'state' IN ('resolved', 'closed'))`;

const IS_REOPEN = `(e.type = 'state' AND e.before #>> '{}' = 'resolved'
     AND e.after #>> '{}' = 'open')`;

/**
 * When the latest next response of ticket `t` was given: the last public agent reply that answered
 * a customer's message (the agent reply before it, if any, was the first response or an earlier
 * next response). Messages as SlaService reads them: public, by a customer, or by staff other than
 * the requester; a message event's actor is its author.
 */
const NEXT_RESPONSE = `(
  SELECT max(x.at) AS at FROM (
    SELECT e.created_at AS at, u.role <> 'customer' AS by_agent,
           lag(u.role = 'customer') OVER (ORDER BY e.created_at, e.id) AS after_customer
      FROM ticket_events e JOIN users u ON u.id = e.actor_id
     WHERE e.ticket_id = t.id AND e.type = 'message' AND e.after ->> 'internal' = 'false'
       AND (u.role = 'customer' OR e.actor_id <> t.requester_id)
  ) x WHERE x.by_agent AND x.after_customer) AS next_response`;

/** Binds parameters in order and hands out their placeholders. */
class Params {
  readonly values: unknown[] = [];
  bind = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

/** The placeholders and SQL pieces every statement of one report shares. */
interface Statement {
  params: Params;
  from: string;
  to: string;
  /** ` AND …` conditions on `tickets t`, or '' when every ticket counts. */
  where: string;
  /** Whether `where` is not empty: events are joined to their tickets only then. */
  filtered: boolean;
  buckets: BucketSql;
}

interface BucketSql {
  /** The bucket (a local timestamp) an instant falls in. */
  keyOf(instant: string): string;
  /** A CTE body with columns key, start_at, end_at: the buckets, cut to the range. */
  rows: string;
  /** Whether there is one bucket per interval rather than the whole range. */
  series: boolean;
}

@Injectable()
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** When the first ticket was opened; null without tickets. */
  async earliestTicketAt(): Promise<Date | null> {
    const rows = await this.dataSource.query<{ at: Date | null }[]>(
      'SELECT min(created_at) AS at FROM tickets',
    );
    return rows[0]?.at ?? null;
  }

  /**
   * Tickets opened, resolutions, reopens and the backlog at the end of each bucket. The backlog
   * counts every ticket opened as +1 and adds the backlog events' changes, from the side of `from`
   * that `anchor` says (see BacklogAnchor).
   */
  async volume(
    range: ReportRange,
    filter: ReportFilter,
    buckets: BucketSpec | undefined,
    anchor: BacklogAnchor,
  ): Promise<VolumeRow[]> {
    const s = statement(range, filter, buckets);
    const { from, to, where } = s;
    const join = s.filtered ? 'JOIN tickets t ON t.id = e.ticket_id' : '';
    // One pass over the tickets opened and the backlog events, on one side of `from` (see
    // BacklogAnchor): what falls in the range goes to its bucket, the rest to -infinity (before
    // the range) or infinity (after it), which only the backlog at the start needs.
    const side = (at: string) => (anchor === 'now' ? `${at} >= ${from}` : `${at} < ${to}`);
    const keyOf = (at: string) =>
      `CASE WHEN ${at} < ${from} THEN '-infinity'::timestamp
            WHEN ${at} >= ${to} THEN 'infinity'::timestamp
            ELSE ${s.buckets.keyOf(at)} END`;
    const initial =
      anchor === 'now'
        ? `(SELECT count(*) FROM tickets t WHERE t.state IN ${OPEN_STATES}${where})
           - (SELECT COALESCE(sum(c.created + c.delta), 0) FROM changes c)`
        : `(SELECT COALESCE(sum(c.created + c.delta), 0) FROM changes c
             WHERE c.key = '-infinity'::timestamp)`;
    const rows = await this.run<
      {
        date: string | null;
        start_at: Date;
        end_at: Date;
        created: number;
        resolved: number;
        reopened: number;
        backlog: number;
        backlog_at_start: number;
      }[]
    >(
      `WITH buckets AS (${s.buckets.rows}),
       changes AS (
         SELECT c.key, sum(c.created) AS created, COALESCE(sum(c.delta), 0) AS delta,
                count(*) FILTER (WHERE c.resolution) AS resolved,
                count(*) FILTER (WHERE c.reopen) AS reopened
           FROM (
             SELECT ${keyOf('t.created_at')} AS key, 1 AS created, 0 AS delta,
                    false AS resolution, false AS reopen
               FROM tickets t
              WHERE ${side('t.created_at')}${where}
             UNION ALL
             SELECT ${keyOf('e.created_at')}, 0, ${BACKLOG_DELTA}, ${IS_RESOLUTION}, ${IS_REOPEN}
               FROM ticket_events e ${join}
              WHERE ${BACKLOG_EVENT} AND ${side('e.created_at')}${where}
           ) c
          GROUP BY c.key
       ),
       initial AS (SELECT ${initial} AS backlog)
       SELECT ${s.buckets.series ? `to_char(b.key, 'YYYY-MM-DD')` : 'NULL'} AS date,
              b.start_at, b.end_at,
              COALESCE(c.created, 0)::int AS created,
              COALESCE(c.resolved, 0)::int AS resolved,
              COALESCE(c.reopened, 0)::int AS reopened,
              ((SELECT backlog FROM initial)
                + sum(COALESCE(c.created + c.delta, 0)) OVER (ORDER BY b.key))::int AS backlog,
              (SELECT backlog FROM initial)::int AS backlog_at_start
         FROM buckets b LEFT JOIN changes c ON c.key = b.key
        ORDER BY b.key`,
      s.params.values,
    );
    return rows.map((row) => ({
      date: row.date,
      start: row.start_at,
      end: row.end_at,
      created: row.created,
      resolved: row.resolved,
      reopened: row.reopened,
      backlog: row.backlog,
      backlogAtStart: row.backlog_at_start,
    }));
  }

  /**
   * Median and 90th percentile of the time to first response (tickets first answered in the
   * range) and to resolution (tickets resolved in the range, as they stand: one reopened since
   * counts again when resolved again), in calendar minutes from opening and in the business
   * minutes SlaService stored. The first row is the whole range, then one per bucket of the
   * answer or resolution.
   */
  async responseTimes(
    range: ReportRange,
    filter: ReportFilter,
    buckets: BucketSpec | undefined,
  ): Promise<ResponseTimesRow[]> {
    const s = statement(range, filter, buckets);
    const { from, to, where } = s;
    const sample = (measure: number, at: string, business: string) =>
      `SELECT ${measure} AS measure, ${s.buckets.keyOf(`t.${at}`)} AS key,
              extract(epoch FROM t.${at} - t.created_at)::float8 / 60 AS calendar,
              t.${business}::float8 AS business
         FROM tickets t
        WHERE t.${at} >= ${from} AND t.${at} < ${to}${where}`;
    const columns = `s.calendar_count, s.calendar_p, s.business_count, s.business_p`;
    const rows = await this.run<
      {
        date: string | null;
        start_at: Date | null;
        end_at: Date | null;
        measure: 0 | 1;
        calendar_count: string | null;
        calendar_p: number[] | null;
        business_count: string | null;
        business_p: number[] | null;
      }[]
    >(
      `WITH buckets AS (${s.buckets.rows}),
       samples AS (
         ${sample(0, 'first_response_at', 'sla_first_response_minutes')}
         UNION ALL
         ${sample(1, 'resolved_at', 'sla_resolution_minutes')}
       ),
       stats AS (
         SELECT measure, ${s.buckets.series ? 'key, GROUPING(key) = 1' : 'NULL AS key, true'} AS overall,
                count(*) AS calendar_count,
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY calendar) AS calendar_p,
                count(business) AS business_count,
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY business) AS business_p
           FROM samples
          GROUP BY ${s.buckets.series ? 'GROUPING SETS ((measure), (measure, key))' : 'measure'}
       ),
       measures AS (SELECT * FROM (VALUES (0), (1)) AS m(measure))
       SELECT NULL AS date, NULL::timestamptz AS start_at, NULL::timestamptz AS end_at,
              m.measure, ${columns}
         FROM measures m LEFT JOIN stats s ON s.measure = m.measure AND s.overall
       ${
         s.buckets.series
           ? `UNION ALL
       SELECT to_char(b.key, 'YYYY-MM-DD'), b.start_at, b.end_at, m.measure, ${columns}
         FROM buckets b CROSS JOIN measures m
         LEFT JOIN stats s ON s.measure = m.measure AND NOT s.overall AND s.key = b.key`
           : ''
       }
        ORDER BY start_at NULLS FIRST, measure`,
      s.params.values,
    );
    const result: ResponseTimesRow[] = [];
    for (let i = 0; i + 1 < rows.length; i += 2) {
      const [first, resolution] = [rows[i], rows[i + 1]];
      if (!first || !resolution) break;
      result.push({
        date: first.date,
        start: first.start_at ?? range.from,
        end: first.end_at ?? range.to,
        firstResponse: durations(first),
        resolution: durations(resolution),
      });
    }
    return result;
  }

  /**
   * SLA targets met in time, counted when they were met (the first response, the answer to the
   * customer, the resolution), and targets missed, counted at their due time, per target.
   */
  async sla(range: ReportRange, filter: ReportFilter): Promise<SlaRow> {
    const s = statement(range, filter, undefined);
    const { from, to, where } = s;
    const between = (column: string) => `${column} >= ${from} AND ${column} < ${to}`;
    const count = (conditions: string, lateral = '') =>
      `(SELECT count(*) FROM tickets t${lateral} WHERE ${conditions}${where})::int`;
    const row = singleRow(
      await this.run<
        {
          first_met: number;
          first_breached: number;
          next_met: number;
          next_breached: number;
          resolution_met: number;
          resolution_breached: number;
        }[]
      >(
        `SELECT
           ${count(`t.sla_first_response_status = 'met' AND ${between('t.first_response_at')}`)}
             AS first_met,
           ${count(between('t.sla_first_response_breached_at'))} AS first_breached,
           ${count(
             // Met in time: given after the ticket was opened and by its due time, so only
             // tickets that could have had it in the range are looked into.
             `t.sla_next_response_status = 'met' AND t.sla_next_response_due_at >= ${from}
              AND t.created_at < ${to} AND ${between('next_response.at')}`,
             ` CROSS JOIN LATERAL ${NEXT_RESPONSE}`,
           )} AS next_met,
           ${count(between('t.sla_next_response_breached_at'))} AS next_breached,
           ${count(`t.sla_resolution_status = 'met' AND ${between('t.resolved_at')}`)}
             AS resolution_met,
           ${count(between('t.sla_resolution_breached_at'))} AS resolution_breached`,
        s.params.values,
      ),
    );
    return {
      firstResponse: { met: row.first_met, breached: row.first_breached },
      nextResponse: { met: row.next_met, breached: row.next_breached },
      resolution: { met: row.resolution_met, breached: row.resolution_breached },
    };
  }

  /** Runs a report statement; a time zone PostgreSQL does not know is the caller's mistake. */
  private async run<T>(sql: string, params: unknown[]): Promise<T> {
    try {
      return await this.dataSource.query<T>(sql, params);
    } catch (error) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      if (code === '22023' && typeof message === 'string' && message.includes('time zone')) {
        throw ReportError.unknownTimeZone();
      }
      throw error;
    }
  }
}

function statement(
  range: ReportRange,
  filter: ReportFilter,
  spec: BucketSpec | undefined,
): Statement {
  const params = new Params();
  const from = `${params.bind(range.from)}::timestamptz`;
  const to = `${params.bind(range.to)}::timestamptz`;
  const scope: TicketScope =
    filter.queueIds === undefined ? { kind: 'all' } : { kind: 'queues', queueIds: filter.queueIds };
  const conditions = listConditions(
    scope,
    {
      queueId: filter.queueId,
      assigneeId: filter.assigneeId,
      organizationId: filter.organizationId,
      priorities: filter.priorities,
    },
    params.bind,
  );
  if (filter.tier !== undefined) {
    conditions.push(
      `t.organization_id IN (SELECT o.id FROM organizations o
                              WHERE lower(o.tier) = lower(${params.bind(filter.tier)}))`,
    );
  }
  return {
    params,
    from,
    to,
    where: conditions.map((condition) => ` AND ${condition}`).join(''),
    filtered: conditions.length > 0,
    buckets: bucketSql(spec, params, from, to),
  };
}

/**
 * Buckets start at local midnights of the time zone (a day can last 23 or 25 hours); the first
 * and the last are cut to the range.
 */
function bucketSql(
  spec: BucketSpec | undefined,
  params: Params,
  from: string,
  to: string,
): BucketSql {
  if (!spec) {
    // The whole range as one bucket, keyed by a constant (not ±infinity: volume() keys what
    // falls before and after the range with those).
    return {
      keyOf: () => `'epoch'::timestamp`,
      rows: `SELECT 'epoch'::timestamp AS key, ${from} AS start_at, ${to} AS end_at`,
      series: false,
    };
  }
  const unit = `${params.bind(spec.interval)}::text`;
  const step = `${params.bind(`1 ${spec.interval}`)}::interval`;
  const zone = `${params.bind(spec.timeZone)}::text`;
  return {
    keyOf: (instant) => `date_trunc(${unit}, ${instant} AT TIME ZONE ${zone})`,
    rows: `SELECT s.local AS key,
                  greatest(s.local AT TIME ZONE ${zone}, ${from}) AS start_at,
                  least((s.local + ${step}) AT TIME ZONE ${zone}, ${to}) AS end_at
             FROM generate_series(date_trunc(${unit}, ${from} AT TIME ZONE ${zone}),
                                  ${to} AT TIME ZONE ${zone}, ${step}) AS s(local)
            WHERE s.local AT TIME ZONE ${zone} < ${to}`,
    series: true,
  };
}

function durations(row: {
  calendar_count: string | null;
  calendar_p: number[] | null;
  business_count: string | null;
  business_p: number[] | null;
}): DurationRow {
  const percentiles = (count: string | null, p: number[] | null): Percentiles => ({
    count: Number(count ?? 0),
    median: p?.[0] ?? null,
    p90: p?.[1] ?? null,
  });
  return {
    calendar: percentiles(row.calendar_count, row.calendar_p),
    business: percentiles(row.business_count, row.business_p),
  };
}
