// The time range of a report: how it is cut into buckets, how long it may be, and where the
// backlog is counted from.

export const REPORT_INTERVALS = ['day', 'week', 'month'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** Longer ranges are refused: a day-by-day report over them would be hard to read anyway. */
export const MAX_REPORT_YEARS = 2;

/** How a report over time is cut: local days, weeks (from Monday) or months of a time zone. */
export interface BucketSpec {
  interval: ReportInterval;
  timeZone: string;
}

/**
 * Where the backlog (tickets open at an instant) is counted from. Both give the same numbers: the
 * tickets' events tell every change between open (new, open, pending) and not open (resolved,
 * closed, merged). From `history`, the open tickets at `from` are the sum of every change before
 * it; from `now`, they are the tickets open now minus the changes since `from`. Each reads the
 * events on one side of `from` only, so the shorter side is read: for the usual "last weeks"
 * report that is the few events since `from`, not years of history.
 */
export type BacklogAnchor = 'history' | 'now';

export function backlogAnchor(from: Date, now: Date, earliest: Date | null): BacklogAnchor {
  if (earliest === null) return 'history';
  return now.getTime() - from.getTime() < from.getTime() - earliest.getTime() ? 'now' : 'history';
}

/** Minutes as reports give them: to the millisecond's worth, without floating-point noise. */
export function roundMinutes(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/** A share, or null when there is nothing to share. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
