// Reads a ticket's `sla` (the policy and a clock per target: first response, next response,
// resolution, each `running`, `warning`, `breached`, `paused`, `met` or `stopped`, and
// `nextDueAt`) into what the badge says. No `sla`, or no clock, gives nothing: no badge.
import type { Ticket } from '../api/types.js';

type TicketSla = NonNullable<Ticket['sla']>;
type SlaClock = NonNullable<TicketSla['firstResponse']>;

export interface SlaSummary {
  /** The soonest due time of the clocks still running. */
  dueAt: string | null;
  breached: boolean;
  /** A running clock is past its policy's warning threshold. */
  warning: boolean;
  paused: boolean;
  met: boolean;
  /** When the earliest breach happened, if any. */
  breachedAt: string | null;
}

const earliest = (values: (string | null)[]): string | null =>
  values
    .filter((value): value is string => value !== null)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;

export function readSla(ticket: Ticket): SlaSummary | null {
  const sla = ticket.sla;
  if (!sla) return null;
  const clocks = [sla.firstResponse, sla.nextResponse, sla.resolution].filter(
    (clock): clock is SlaClock => clock !== null && clock !== undefined,
  );
  if (clocks.length === 0) return null;
  const running = clocks.filter(
    (clock) => clock.status === 'running' || clock.status === 'warning',
  );
  const breached = clocks.filter((clock) => clock.status === 'breached');
  return {
    dueAt: sla.nextDueAt ?? earliest(running.map((clock) => clock.dueAt)),
    breached: breached.length > 0,
    breachedAt: earliest(breached.map((clock) => clock.breachedAt)),
    warning: running.some((clock) => clock.status === 'warning'),
    paused: running.length === 0 && clocks.some((clock) => clock.status === 'paused'),
    met: clocks.every((clock) => clock.status === 'met'),
  };
}

export type SlaStanding =
  | { kind: 'breached'; by: number }
  | { kind: 'due'; left: number; soon: boolean }
  | { kind: 'paused' }
  | { kind: 'met' }
  | { kind: 'none' };

const SOON_MS = 60 * 60 * 1000;

export function slaStanding(sla: SlaSummary, now: number): SlaStanding {
  const due = sla.dueAt ? Date.parse(sla.dueAt) : null;
  if (sla.breached || (due !== null && due <= now)) {
    const since = sla.breachedAt ? Date.parse(sla.breachedAt) : due;
    return { kind: 'breached', by: since !== null ? Math.max(0, now - since) : 0 };
  }
  if (due !== null)
    return { kind: 'due', left: due - now, soon: sla.warning || due - now < SOON_MS };
  if (sla.paused) return { kind: 'paused' };
  if (sla.met) return { kind: 'met' };
  return { kind: 'none' };
}
