// Keeps the list's current filter and order as a saved view of one's own (POST /api/v1/views);
// it then shows in the sidebar with its count.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import { announceTicketsChanged } from '../api/ticket-events.js';
import { ticketQuery, type ListFilters, type ListScope } from './list-scope.js';

export function SaveView({ scope, filters }: { scope: ListScope; filters: ListFilters }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const { sort, state, priority, assignee, queueId, tag } = ticketQuery(scope, filters);
    try {
      const view = unwrap(
        await api.POST('/api/v1/views', {
          body: { name: name.trim(), sort, filter: { state, priority, assignee, queueId, tag } },
        }),
      );
      setOpen(false);
      setName('');
      announceTicketsChanged();
      void navigate(`/inbox/views/${view.id}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  if (!open) {
    return (
      <button type="button" className="link-button save-view" onClick={() => setOpen(true)}>
        Save as view
      </button>
    );
  }
  return (
    <span className="save-view-form">
      <label>
        View name
        <input
          required
          maxLength={100}
          value={name}
          autoFocus
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void save(event);
            if (event.key === 'Escape') setOpen(false);
          }}
        />
      </label>
      <button
        type="button"
        className="primary"
        disabled={!name.trim()}
        onClick={(e) => void save(e)}
      >
        Save view
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
