// The audit trail of administrative changes, newest first.
import { useState } from 'react';
import { api } from '../api/client.js';
import { unwrap } from '../api/problem.js';
import { usePaged } from '../api/use-paged.js';
import { formatDateTime } from '../components/format.js';
import { ListFooter } from '../components/load-more.js';

const ENTITY_TYPES = ['', 'user', 'organization', 'team', 'queue', 'settings'];

export function AuditPage() {
  const [entityType, setEntityType] = useState('');
  const events = usePaged(
    async (cursor) =>
      unwrap(
        await api.GET('/api/v1/audit-events', {
          params: { query: { limit: 50, cursor, entityType: entityType || undefined } },
        }),
      ),
    [entityType],
  );
  return (
    <section>
      <h1>Audit log</h1>
      <div className="filter-bar">
        <label>
          What changed
          <select value={entityType} onChange={(event) => setEntityType(event.target.value)}>
            {ENTITY_TYPES.map((value) => (
              <option key={value} value={value}>
                {value || 'Everything'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="data-table">
        <caption className="sr-only">Audit events</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {events.items.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.createdAt)}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                {event.entityType} <span className="muted small">{event.entityId.slice(0, 8)}</span>
              </td>
              <td>
                <details>
                  <summary>Before and after</summary>
                  <pre className="json">
                    {JSON.stringify({ before: event.before, after: event.after }, null, 2)}
                  </pre>
                  {event.requestId && <p className="muted small">Request {event.requestId}</p>}
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ListFooter list={events} noun="events" />
    </section>
  );
}
