// Small labels for a ticket's state, priority and SLA clock. Each says its meaning in words;
// colour only repeats it.
import type { Ticket, TicketPriority, TicketState } from '../api/types.js';
import { formatDateTime, formatSpan, PRIORITY_LABELS, STATE_LABELS } from './format.js';
import { readSla, slaStanding } from './sla.js';

export function StateBadge({ state }: { state: TicketState }) {
  return <span className={`badge state-${state}`}>{STATE_LABELS[state]}</span>;
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <span className={`badge priority-${priority}`}>
      {priority === 'urgent' ? '▲▲ ' : priority === 'high' ? '▲ ' : ''}
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

/** Time left or overdue on the ticket's SLA; nothing at all when the ticket carries no SLA. */
export function SlaBadge({ ticket, now = Date.now() }: { ticket: Ticket; now?: number }) {
  const sla = readSla(ticket);
  if (!sla) return null;
  const standing = slaStanding(sla, now);
  switch (standing.kind) {
    case 'none':
      return null;
    case 'paused':
      return <span className="badge sla sla-paused">SLA paused</span>;
    case 'met':
      return <span className="badge sla sla-met">✓ SLA met</span>;
    case 'breached':
      return (
        <span className="badge sla sla-breached">
          ⚠ SLA breached{standing.by > 0 ? ` ${formatSpan(standing.by)} ago` : ''}
        </span>
      );
    case 'due':
      return (
        <span
          className={`badge sla ${standing.soon ? 'sla-soon' : 'sla-ok'}`}
          title={sla.dueAt ? `SLA due ${formatDateTime(sla.dueAt)}` : undefined}
        >
          {standing.soon ? '◔ ' : ''}
          {`SLA: ${formatSpan(standing.left)} left`}
        </span>
      );
  }
}
