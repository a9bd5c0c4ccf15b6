// One queue: its settings and who may work in it (agents and teams, at view, reply or manage).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import { forgetDirectory, loadAll } from '../api/directory.js';
import { errorMessage, unwrap } from '../api/problem.js';
import { announceTicketsChanged } from '../api/ticket-events.js';
import type { AccessLevel, Queue, QueueGrant, TicketPriority } from '../api/types.js';
import { ACCESS_LEVELS, TICKET_PRIORITIES } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { PRIORITY_LABELS } from '../components/format.js';
import { StatusLine, type Outcome } from '../components/status-line.js';
import { ErrorMessage, Loading } from '../layout/status.js';

const LEVEL_LABELS: Record<AccessLevel, string> = {
  view: 'View',
  reply: 'Reply',
  manage: 'Manage',
};

export function QueuePage() {
  const { queueId = '' } = useParams();
  const queue = useResource(
    async () => unwrap(await api.GET('/api/v1/queues/{id}', { params: { path: { id: queueId } } })),
    [queueId],
  );
  const [outcome, setOutcome] = useState<Outcome>(null);
  if (queue.error) return <ErrorMessage message={queue.error} onRetry={queue.reload} />;
  if (!queue.data) return <Loading />;
  return (
    <section>
      <p>
        <Link to="/admin/queues">← All queues</Link>
      </p>
      <h1>Queue: {queue.data.name}</h1>
      <StatusLine outcome={outcome} />
      <QueueSettings
        queue={queue.data}
        onSaved={(saved) => {
          queue.setData(saved);
          forgetDirectory();
          setOutcome({ ok: true, text: 'Queue settings saved.' });
        }}
        onFailed={(text) => setOutcome({ ok: false, text })}
      />
      <QueueAccess queueId={queue.data.id} queueName={queue.data.name} onOutcome={setOutcome} />
    </section>
  );
}

function QueueSettings({
  queue,
  onSaved,
  onFailed,
}: {
  queue: Queue;
  onSaved: (queue: Queue) => void;
  onFailed: (text: string) => void;
}) {
  const [name, setName] = useState(queue.name);
  const [slug, setSlug] = useState(queue.slug);
  const [description, setDescription] = useState(queue.description);
  const [priority, setPriority] = useState<TicketPriority>(queue.defaultPriority);
  const [active, setActive] = useState(queue.active);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onSaved(
        unwrap(
          await api.PATCH('/api/v1/queues/{id}', {
            params: { path: { id: queue.id } },
            body: { name, slug, description, defaultPriority: priority, active },
          }),
        ),
      );
    } catch (error) {
      onFailed(errorMessage(error));
    }
  }

  return (
    <form
      className="stack-form panel"
      aria-labelledby="queue-settings"
      onSubmit={(e) => void submit(e)}
    >
      <h2 id="queue-settings">Settings</h2>
      <label>
        Name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Slug
        <input
          required
          maxLength={63}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
        />
      </label>
      <label>
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Default priority
        <select value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)}>
          {TICKET_PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {PRIORITY_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        Active (inactive queues take no new tickets)
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          Save settings
        </button>
      </div>
    </form>
  );
}

function QueueAccess({
  queueId,
  queueName,
  onOutcome,
}: {
  queueId: string;
  queueName: string;
  onOutcome: (outcome: Outcome) => void;
}) {
  const grants = useResource(
    async () =>
      unwrap(await api.GET('/api/v1/queues/{id}/access', { params: { path: { id: queueId } } }))
        .items,
    [queueId],
  );
  // Only agents can be granted access (admins hold every queue already).
  const agents = useResource(
    () =>
      loadAll(async (cursor) =>
        unwrap(
          await api.GET('/api/v1/users', {
            params: { query: { role: 'agent', active: true, limit: 200, cursor } },
          }),
        ),
      ),
    [],
  );
  const teams = useResource(
    () =>
      loadAll(async (cursor) =>
        unwrap(await api.GET('/api/v1/teams', { params: { query: { limit: 200, cursor } } })),
      ),
    [],
  );
  const [grantee, setGrantee] = useState('');
  const [level, setLevel] = useState<AccessLevel>('reply');
  useEffect(() => setGrantee(''), [queueId]);

  function changed(text: string) {
    grants.reload();
    announceTicketsChanged();
    onOutcome({ ok: true, text });
  }

  async function put(type: 'user' | 'team', id: string, newLevel: AccessLevel, name: string) {
    try {
      if (type === 'user') {
        unwrap(
          await api.PUT('/api/v1/queues/{id}/access/users/{userId}', {
            params: { path: { id: queueId, userId: id } },
            body: { level: newLevel },
          }),
        );
      } else {
        unwrap(
          await api.PUT('/api/v1/queues/{id}/access/teams/{teamId}', {
            params: { path: { id: queueId, teamId: id } },
            body: { level: newLevel },
          }),
        );
      }
      changed(`${name} now has ${LEVEL_LABELS[newLevel].toLowerCase()} access to ${queueName}.`);
    } catch (error) {
      onOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function revoke(grant: QueueGrant) {
    try {
      if (grant.granteeType === 'user') {
        unwrap(
          await api.DELETE('/api/v1/queues/{id}/access/users/{userId}', {
            params: { path: { id: queueId, userId: grant.granteeId } },
          }),
        );
      } else {
        unwrap(
          await api.DELETE('/api/v1/queues/{id}/access/teams/{teamId}', {
            params: { path: { id: queueId, teamId: grant.granteeId } },
          }),
        );
      }
      changed(`${grant.granteeName} no longer has access to ${queueName}.`);
    } catch (error) {
      onOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  function grant(event: FormEvent) {
    event.preventDefault();
    const [type, id] = grantee.split(':') as ['user' | 'team', string];
    if (!id) return;
    const name =
      type === 'user'
        ? (agents.data?.find((agent) => agent.id === id)?.name ?? 'The agent')
        : (teams.data?.find((team) => team.id === id)?.name ?? 'The team');
    setGrantee('');
    void put(type, id, level, name);
  }

  return (
    <section className="panel" aria-labelledby="queue-access">
      <h2 id="queue-access">Access</h2>
      <p className="muted small">
        View sees the tickets, Reply answers and changes them, Manage also changes the queue and its
        shared views. Admins hold every queue.
      </p>
      {grants.error && <ErrorMessage message={grants.error} onRetry={grants.reload} />}
      <table className="data-table">
        <caption className="sr-only">Who has access to {queueName}</caption>
        <thead>
          <tr>
            <th scope="col">Who</th>
            <th scope="col">Kind</th>
            <th scope="col">Level</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(grants.data ?? []).map((item) => (
            <tr key={`${item.granteeType}:${item.granteeId}`}>
              <th scope="row">{item.granteeName}</th>
              <td>{item.granteeType === 'team' ? 'Team' : 'Agent'}</td>
              <td>
                <select
                  aria-label={`Access level of ${item.granteeName}`}
                  value={item.level}
                  onChange={(event) =>
                    void put(
                      item.granteeType,
                      item.granteeId,
                      event.target.value as AccessLevel,
                      item.granteeName,
                    )
                  }
                >
                  {ACCESS_LEVELS.map((value) => (
                    <option key={value} value={value}>
                      {LEVEL_LABELS[value]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" onClick={() => void revoke(item)}>
                  Remove access<span className="sr-only"> of {item.granteeName}</span>
                </button>
              </td>
            </tr>
          ))}
          {grants.data && grants.data.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Nobody but admins can see this queue yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form className="inline-form" aria-label="Grant access" onSubmit={grant}>
        <label>
          Agent or team
          <select value={grantee} onChange={(event) => setGrantee(event.target.value)}>
            <option value="">Choose…</option>
            <optgroup label="Agents">
              {(agents.data ?? []).map((agent) => (
                <option key={agent.id} value={`user:${agent.id}`}>
                  {agent.name} ({agent.email})
                </option>
              ))}
            </optgroup>
            <optgroup label="Teams">
              {(teams.data ?? []).map((team) => (
                <option key={team.id} value={`team:${team.id}`}>
                  {team.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label>
          Level
          <select value={level} onChange={(event) => setLevel(event.target.value as AccessLevel)}>
            {ACCESS_LEVELS.map((value) => (
              <option key={value} value={value}>
                {LEVEL_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!grantee}>
          Grant access
        </button>
      </form>
    </section>
  );
}
