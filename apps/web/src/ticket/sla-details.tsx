// The ticket's SLA, target by target: which policy applies and where each clock stands.
import type { Ticket } from '../api/types.js';
import { formatDateTime, formatRelative } from '../components/format.js';

type TicketSla = NonNullable<Ticket['sla']>;
type Clock = NonNullable<TicketSla['firstResponse']>;

const STATUS_WORDS: Record<Clock['status'], string> = {
  running: 'running',
  warning: 'running, past the warning threshold',
  breached: 'breached',
  paused: 'paused',
  met: 'met',
  stopped: 'stopped',
};

function describe(clock: Clock): string {
  if (clock.status === 'breached' && clock.breachedAt) {
    return `breached ${formatRelative(clock.breachedAt)}`;
  }
  if ((clock.status === 'running' || clock.status === 'warning') && clock.dueAt) {
    return `due ${formatDateTime(clock.dueAt)} (${formatRelative(clock.dueAt)})${
      clock.status === 'warning' ? ', past the warning threshold' : ''
    }`;
  }
  return STATUS_WORDS[clock.status];
}

export function SlaDetails({ ticket }: { ticket: Ticket }) {
  const sla = ticket.sla;
  if (!sla?.policy) return null;
  const clocks: [string, Clock | null][] = [
    ['First response', sla.firstResponse],
    ['Next response', sla.nextResponse],
    ['Resolution', sla.resolution],
  ];
  return (
    <section className="panel sla-details" aria-labelledby="sla-title">
      <h2 id="sla-title">SLA</h2>
      <p className="small">Policy: {sla.policy.name}</p>
      <dl>
        {clocks
          .filter((entry): entry is [string, Clock] => entry[1] !== null)
          .map(([label, clock]) => (
            <div key={label} className={`sla-clock sla-clock-${clock.status}`}>
              <dt>{label}</dt>
              <dd>{describe(clock)}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
