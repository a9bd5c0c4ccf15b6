// A ticket's events as SLA clocks read them: the history the domain derives clocks from, and the
// warnings and breaches already on record.
import {
  slaAlertKey,
  type SlaHistory,
  type SlaHistoryEntry,
  type SlaTarget,
  type TicketState,
} from '@tessera/domain';
import type { SlaEventRow, SlaTicketFacts } from './sla.repository.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A ticket's history as the clocks read it, from its events in order. */
export function historyOf(ticket: SlaTicketFacts, rows: SlaEventRow[]): SlaHistory {
  const entries: SlaHistoryEntry[] = [];
  let opened: TicketState | undefined;
  let firstBefore: TicketState | undefined;
  for (const row of rows) {
    switch (row.type) {
      case 'created':
        if (isRecord(row.after) && typeof row.after.state === 'string') {
          opened ??= row.after.state as TicketState;
        }
        break;
      case 'state':
        firstBefore ??= row.before as TicketState;
        entries.push({ kind: 'state', at: row.at, state: row.after as TicketState });
        break;
      case 'merged':
        // The ticket merged away says where it went; the one merged into, where it came from.
        if (isRecord(row.after) && 'intoId' in row.after) {
          entries.push({ kind: 'state', at: row.at, state: 'merged' });
        }
        break;
      case 'message': {
        if (!isRecord(row.after) || row.after.internal !== false) break;
        if (row.authorRole === 'customer') {
          entries.push({ kind: 'customer_message', at: row.at });
        } else if (row.authorRole !== null && row.authorId !== ticket.requesterId) {
          entries.push({ kind: 'agent_reply', at: row.at });
        }
        break;
      }
      default:
        break;
    }
  }
  return {
    createdAt: ticket.createdAt,
    initialState: opened ?? firstBefore ?? ticket.state,
    entries,
  };
}

/** The alerts already on record, as slaAlertKey values. */
export function recordedAlerts(rows: SlaEventRow[]): Set<string> {
  const recorded = new Set<string>();
  for (const row of rows) {
    if (row.type !== 'sla_warning' && row.type !== 'sla_breach') continue;
    if (!isRecord(row.after)) continue;
    const { target, dueAt } = row.after;
    if (typeof target !== 'string' || typeof dueAt !== 'string') continue;
    recorded.add(
      slaAlertKey({
        kind: row.type === 'sla_warning' ? 'warning' : 'breach',
        target: target as SlaTarget,
        dueAt: new Date(dueAt),
      }),
    );
  }
  return recorded;
}
