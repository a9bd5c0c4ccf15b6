// The SLA columns of a ticket: read with every ticket (SELECT_TICKET in the ticket module) and
// shown on the ticket to staff. SlaService.recompute is what writes them.
import type { SlaStatus } from '@tessera/domain';
import type { SlaClockDto, TicketSlaDto } from './dto/ticket-sla.dto.js';

/** Columns of `tickets t` and the applied policy `slap` (see TICKET_SLA_JOIN). */
export const TICKET_SLA_COLUMNS = `t.sla_policy_id, slap.name AS sla_policy_name,
         t.sla_first_response_status, t.sla_first_response_due_at, t.sla_first_response_breached_at,
         t.sla_next_response_status, t.sla_next_response_due_at, t.sla_next_response_breached_at,
         t.sla_resolution_status, t.sla_resolution_due_at, t.sla_resolution_breached_at,
         t.sla_next_due_at`;

export const TICKET_SLA_JOIN = 'LEFT JOIN sla_policies slap ON slap.id = t.sla_policy_id';

export interface TicketSlaRow {
  sla_policy_id: string | null;
  sla_policy_name: string | null;
  sla_first_response_status: SlaStatus | null;
  sla_first_response_due_at: Date | null;
  sla_first_response_breached_at: Date | null;
  sla_next_response_status: SlaStatus | null;
  sla_next_response_due_at: Date | null;
  sla_next_response_breached_at: Date | null;
  sla_resolution_status: SlaStatus | null;
  sla_resolution_due_at: Date | null;
  sla_resolution_breached_at: Date | null;
  sla_next_due_at: Date | null;
}

export interface SlaClockRecord {
  status: SlaStatus;
  dueAt: Date | null;
  breachedAt: Date | null;
}

export interface TicketSla {
  policy: { id: string; name: string } | null;
  firstResponse: SlaClockRecord | null;
  nextResponse: SlaClockRecord | null;
  resolution: SlaClockRecord | null;
  nextDueAt: Date | null;
}

function clockOf(
  status: SlaStatus | null,
  dueAt: Date | null,
  breachedAt: Date | null,
): SlaClockRecord | null {
  return status === null ? null : { status, dueAt, breachedAt };
}

export function ticketSlaOf(row: TicketSlaRow): TicketSla {
  return {
    policy:
      row.sla_policy_id !== null && row.sla_policy_name !== null
        ? { id: row.sla_policy_id, name: row.sla_policy_name }
        : null,
    firstResponse: clockOf(
      row.sla_first_response_status,
      row.sla_first_response_due_at,
      row.sla_first_response_breached_at,
    ),
    nextResponse: clockOf(
      row.sla_next_response_status,
      row.sla_next_response_due_at,
      row.sla_next_response_breached_at,
    ),
    resolution: clockOf(
      row.sla_resolution_status,
      row.sla_resolution_due_at,
      row.sla_resolution_breached_at,
    ),
    nextDueAt: row.sla_next_due_at,
  };
}

function clockView(clock: SlaClockRecord | null): SlaClockDto | null {
  return (
    clock && {
      status: clock.status,
      dueAt: clock.dueAt?.toISOString() ?? null,
      breachedAt: clock.breachedAt?.toISOString() ?? null,
    }
  );
}

/** The `sla` object of a ticket as staff see it (customers never do). */
export function ticketSlaView(sla: TicketSla): TicketSlaDto {
  return {
    policy: sla.policy,
    firstResponse: clockView(sla.firstResponse),
    nextResponse: clockView(sla.nextResponse),
    resolution: clockView(sla.resolution),
    nextDueAt: sla.nextDueAt?.toISOString() ?? null,
  };
}
