// Changes for many tickets at once (POST /api/v1/tickets/bulk): each ticket is changed under the
// rules of a single change, and the answer says which ones could not be.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useAgents, useQueues } from '../api/directory.js';
import { errorMessage, unwrap } from '../api/problem.js';
import { announceTicketsChanged } from '../api/ticket-events.js';
import type { BulkChanges, Ticket, TicketPriority, TicketState } from '../api/types.js';
import { TICKET_PRIORITIES } from '../api/types.js';
import { PRIORITY_LABELS, STATE_LABELS } from '../components/format.js';

const BULK_STATES: TicketState[] = ['open', 'pending', 'resolved', 'closed'];

export interface BulkOutcome {
  text: string;
  failures: string[];
}

export function BulkBar({
  selected,
  onDone,
  onClear,
}: {
  selected: Ticket[];
  /** Called after the request, with what happened; the list then reloads. */
  onDone: (outcome: BulkOutcome) => void;
  onClear: () => void;
}) {
  const agents = useAgents();
  const queues = useQueues();
  const [state, setState] = useState('');
  const [priority, setPriority] = useState('');
  const [assignee, setAssignee] = useState('');
  const [queueId, setQueueId] = useState('');
  const [addTag, setAddTag] = useState('');
  const [removeTag, setRemoveTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const changes: BulkChanges = {};
  if (state) changes.state = state as TicketState;
  if (priority) changes.priority = priority as TicketPriority;
  if (assignee) changes.assigneeId = assignee === 'none' ? null : assignee;
  if (queueId) changes.queueId = queueId;
  if (addTag.trim()) changes.addTags = [addTag.trim().toLowerCase()];
  if (removeTag.trim()) changes.removeTags = [removeTag.trim().toLowerCase()];
  const hasChanges = Object.keys(changes).length > 0;

  async function apply(event: FormEvent) {
    event.preventDefault();
    if (!hasChanges) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = unwrap(
        await api.POST('/api/v1/tickets/bulk', {
          body: { ids: selected.map((ticket) => ticket.id), changes },
        }),
      );
      const numbers = new Map(selected.map((ticket) => [ticket.id, ticket.number]));
      const outcome = {
        text:
          `Updated ${result.updated.length} ticket${result.updated.length === 1 ? '' : 's'}` +
          (result.failed.length ? `; ${result.failed.length} could not be changed.` : '.'),
        failures: result.failed.map(
          (failed) => `#${numbers.get(failed.id) ?? failed.id}: ${failed.detail}`,
        ),
      };
      setState('');
      setPriority('');
      setAssignee('');
      setQueueId('');
      setAddTag('');
      setRemoveTag('');
      announceTicketsChanged();
      onDone(outcome);
    } catch (error) {
      setFailure(`Nothing was changed: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bulk-bar" aria-label="Bulk changes" onSubmit={(event) => void apply(event)}>
      <strong>{selected.length} selected</strong>
      <label>
        State
        <select value={state} onChange={(event) => setState(event.target.value)}>
          <option value="">No change</option>
          {BULK_STATES.map((value) => (
            <option key={value} value={value}>
              {STATE_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select value={priority} onChange={(event) => setPriority(event.target.value)}>
          <option value="">No change</option>
          {TICKET_PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {PRIORITY_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Assignee
        <select value={assignee} onChange={(event) => setAssignee(event.target.value)}>
          <option value="">No change</option>
          <option value="none">Unassigned</option>
          {(agents.data ?? []).map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Queue
        <select value={queueId} onChange={(event) => setQueueId(event.target.value)}>
          <option value="">No change</option>
          {(queues.data ?? [])
            .filter((queue) => queue.active)
            .map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        Add tag
        <input value={addTag} onChange={(event) => setAddTag(event.target.value)} size={10} />
      </label>
      <label>
        Remove tag
        <input value={removeTag} onChange={(event) => setRemoveTag(event.target.value)} size={10} />
      </label>
      <button type="submit" className="primary" disabled={!hasChanges || busy}>
        {busy ? 'Applying…' : `Apply to ${selected.length}`}
      </button>
      <button type="button" onClick={onClear}>
        Clear selection
      </button>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
