// The ticket's state, priority, queue, assignee and tags, each changed in place. Every change
// names the version it was made on (If-Match), so nobody overwrites a change they have not seen.
import { useState, type RefObject } from 'react';
import { checkTransition } from '@tessera/domain';
import type { Agent, Queue, Ticket, TicketPriority, TicketState } from '../api/types.js';
import { TICKET_PRIORITIES } from '../api/types.js';
import type { components } from '../api/schema';
import type { TicketAbilities } from '../auth/permissions.js';
import { PRIORITY_LABELS, STATE_LABELS } from '../components/format.js';

export type TicketChanges = components['schemas']['UpdateTicketDto'];

export function Properties({
  ticket,
  agents,
  queues,
  meId,
  busy,
  abilities,
  stateRef,
  onChange,
}: {
  ticket: Ticket;
  agents: Agent[];
  queues: Queue[];
  meId: string;
  busy: boolean;
  abilities: TicketAbilities;
  stateRef: RefObject<HTMLSelectElement | null>;
  onChange: (changes: TicketChanges) => void;
}) {
  const [tag, setTag] = useState('');
  const terminal = ticket.state === 'closed' || ticket.state === 'merged';
  const states = (Object.keys(STATE_LABELS) as TicketState[]).filter(
    (state) => state === ticket.state || checkTransition(ticket.state, state).allowed,
  );
  const known =
    ticket.assigneeId && !agents.some((agent) => agent.id === ticket.assigneeId)
      ? [
          ...agents,
          { id: ticket.assigneeId, name: ticket.assigneeName ?? 'Current assignee', email: '' },
        ]
      : agents;
  // Giving a ticket to someone else (or to nobody) takes `ticket:assign`; taking it, `ticket:take`.
  const assignees = abilities.assign
    ? known
    : known.filter(
        (agent) => agent.id === ticket.assigneeId || (abilities.take && agent.id === meId),
      );
  const offerUnassigned = abilities.assign || ticket.assigneeId === null;
  const targetQueues = queues.filter(
    (queue) => queue.id === ticket.queueId || (queue.active && abilities.moveTo(queue.id)),
  );

  function addTag() {
    const value = tag.trim().toLowerCase();
    if (!value || ticket.tags.includes(value)) return setTag('');
    onChange({ tags: [...ticket.tags, value] });
    setTag('');
  }

  return (
    <section className="panel properties" aria-labelledby="properties-title">
      <h2 id="properties-title">Details</h2>
      <fieldset disabled={busy || terminal || !(abilities.update || abilities.take)}>
        <legend className="sr-only">Ticket details</legend>
        <label>
          State
          <select
            ref={stateRef}
            value={ticket.state}
            disabled={!abilities.update}
            aria-keyshortcuts="s"
            onChange={(event) => onChange({ state: event.target.value as TicketState })}
          >
            {states.map((state) => (
              <option key={state} value={state}>
                {STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority
          <select
            value={ticket.priority}
            disabled={!abilities.update}
            onChange={(event) => onChange({ priority: event.target.value as TicketPriority })}
          >
            {TICKET_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Queue
          <select
            value={ticket.queueId}
            disabled={targetQueues.length < 2}
            onChange={(event) => onChange({ queueId: event.target.value })}
          >
            {!targetQueues.some((queue) => queue.id === ticket.queueId) && (
              <option value={ticket.queueId}>{ticket.queueName}</option>
            )}
            {targetQueues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <select
            value={ticket.assigneeId ?? ''}
            disabled={!abilities.assign && !abilities.take}
            onChange={(event) => onChange({ assigneeId: event.target.value || null })}
          >
            {offerUnassigned && <option value="">Unassigned</option>}
            {assignees.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
                {agent.id === meId ? ' (me)' : ''}
              </option>
            ))}
          </select>
        </label>
        {ticket.assigneeId !== meId && abilities.take && (
          <button
            type="button"
            className="link-button"
            aria-keyshortcuts="a"
            onClick={() => onChange({ assigneeId: meId })}
          >
            Assign to me
          </button>
        )}
        <div className="tags-field">
          <span id="tags-label">Tags</span>
          <ul className="tags" aria-labelledby="tags-label">
            {ticket.tags.map((value) => (
              <li key={value} className="tag">
                {value}
                <button
                  type="button"
                  disabled={!abilities.update}
                  aria-label={`Remove tag ${value}`}
                  onClick={() => onChange({ tags: ticket.tags.filter((t) => t !== value) })}
                >
                  ×
                </button>
              </li>
            ))}
            {ticket.tags.length === 0 && <li className="muted small">No tags</li>}
          </ul>
          <div className="tag-add" hidden={!abilities.update}>
            <label htmlFor="tag-add" className="sr-only">
              Add tag
            </label>
            <input
              id="tag-add"
              value={tag}
              placeholder="Add tag"
              onChange={(event) => setTag(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addTag();
                }
              }}
            />
            <button type="button" onClick={addTag} disabled={!tag.trim()}>
              Add
            </button>
          </div>
        </div>
      </fieldset>
      {terminal && (
        <p className="muted small">{STATE_LABELS[ticket.state]} tickets take no more changes.</p>
      )}
    </section>
  );
}
