// The orders a ticket list (and a saved view) can show, each with its keyset: the key it sorts on,
// ending with the id so that no two tickets tie, and the cursor that carries it from page to page.
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { decodeCursor, type CursorKey, type CursorPart } from '../../common/pagination/page.js';
import { TICKET_PRIORITIES } from '../queue/queue.entity.js';
import type { TicketRecord } from './ticket.repository.js';

export const TICKET_SORTS = ['updated', 'created', 'priority', 'due'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export const DEFAULT_TICKET_SORT: TicketSort = 'updated';

/**
 * How urgent a priority is, as SQL over `operand`: urgent 4 down to low 1. The indexes of the
 * priority sort are built on exactly this expression over `priority` (migration TicketViews), and
 * PostgreSQL uses them only when a query repeats it word for word: change both or neither.
 */
export function priorityRank(operand: string): string {
  return `(CASE ${operand} WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END)`;
}

/**
 * The `due` sort's key as SQL over `operand` (sla_next_due_at): the soonest running SLA due time,
 * and tickets without one after all others. Its indexes (migration Sla) are on exactly this
 * expression over `sla_next_due_at`: change both or neither.
 */
export function dueKey(operand: string): string {
  return `COALESCE(${operand}, 'infinity'::timestamptz)`;
}

const DUE_CURSOR = /^(infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z)$/;

export interface SortKey {
  /** The key as SQL on the ticket row `t`. */
  sql: string;
  /** The same key computed from the cursor value bound at `placeholder`. */
  fromCursor: (placeholder: string) => string;
  /** What the cursor holds for this key, so that a forged cursor is a 400. */
  part: CursorPart;
  isValid?: (value: string) => boolean;
  valueOf: (ticket: TicketRecord) => string;
}

export interface SortSpec {
  /** Every key runs the same way, so one row comparison continues the keyset. */
  direction: 'asc' | 'desc';
  /** Ends with the id, so that no two tickets tie. */
  keys: readonly SortKey[];
}

const ID: SortKey = {
  sql: 't.id',
  fromCursor: (p) => `${p}::uuid`,
  part: 'uuid',
  valueOf: (t) => t.id,
};
const UPDATED_AT: SortKey = {
  sql: 't.updated_at',
  fromCursor: (p) => `${p}::timestamptz`,
  part: 'timestamp',
  valueOf: (t) => t.updatedAt.toISOString(),
};
const CREATED_AT: SortKey = {
  sql: 't.created_at',
  fromCursor: (p) => `${p}::timestamptz`,
  part: 'timestamp',
  valueOf: (t) => t.createdAt.toISOString(),
};
// The cursor carries the priority's name, ranked in SQL by the very expression the index holds.
const PRIORITY: SortKey = {
  sql: priorityRank('t.priority'),
  fromCursor: (p) => priorityRank(`${p}::text`),
  part: 'text',
  isValid: (value) => (TICKET_PRIORITIES as readonly string[]).includes(value),
  valueOf: (t) => t.priority,
};

// The cursor carries the due time, or `infinity` for tickets without a running clock.
const DUE: SortKey = {
  sql: dueKey('t.sla_next_due_at'),
  fromCursor: (p) => `${p}::timestamptz`,
  part: 'text',
  isValid: (value) => DUE_CURSOR.test(value) && (value === 'infinity' || !isNaN(Date.parse(value))),
  valueOf: (t) => t.sla.nextDueAt?.toISOString() ?? 'infinity',
};

/**
 * Every sort. Each is served by indexes on (queue_id, state, key…), (assignee_id, state, key…)
 * and (key…); adding one is one entry here and its indexes.
 */
export const TICKET_SORT_SPECS: Record<TicketSort, SortSpec> = {
  updated: { direction: 'desc', keys: [UPDATED_AT, ID] },
  created: { direction: 'desc', keys: [CREATED_AT, ID] },
  priority: { direction: 'desc', keys: [PRIORITY, UPDATED_AT, ID] },
  due: { direction: 'asc', keys: [DUE, ID] },
};

/** The cursor after `ticket`: the sort's name, then its key, so another sort's cursor is a 400. */
export function listCursorKey(sort: TicketSort, ticket: TicketRecord): CursorKey {
  return [sort, ...TICKET_SORT_SPECS[sort].keys.map((key) => key.valueOf(ticket))];
}

/** The key values a cursor of this sort carries; a cursor of another sort or list is a 400. */
export function decodeListCursor(
  cursor: string | undefined,
  sort: TicketSort,
): string[] | undefined {
  const { keys } = TICKET_SORT_SPECS[sort];
  const decoded = decodeCursor(cursor, ['text', ...keys.map((key) => key.part)]);
  if (!decoded) return undefined;
  const [name, ...values] = decoded;
  if (name !== sort) {
    throw new ValidationFailedError([
      { field: 'cursor', message: `is a cursor of another sort; start again without one` },
    ]);
  }
  if (!keys.every((key, i) => key.isValid?.(values[i] ?? '') ?? true)) {
    throw new ValidationFailedError([
      { field: 'cursor', message: 'is not a cursor from this list' },
    ]);
  }
  return values;
}

/**
 * Continues after `values`: where the keyset's index range starts. Written as `<=` the key, then
 * without the ticket the cursor names (its id, the last key, is unique), which is the same rows as
 * `<`: PostgreSQL estimates a row comparison by its first key alone, and `< lowest rank` would look
 * empty to it, tipping it to an index that only filters the queue and state.
 */
export function keysetCondition(
  sort: TicketSort,
  values: string[],
  bind: (value: unknown) => string,
): string {
  const { direction, keys } = TICKET_SORT_SPECS[sort];
  const bound = keys.map((key, i) => key.fromCursor(bind(values[i])));
  const columns = keys.map((key) => key.sql).join(', ');
  return `(${columns}) ${direction === 'desc' ? '<=' : '>='} (${bound.join(', ')})
      AND ${ID.sql} <> ${bound[bound.length - 1] ?? 'NULL'}`;
}
