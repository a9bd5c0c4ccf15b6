// Queues: where tickets wait. Create one here; open it to change it and to grant access.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { forgetDirectory } from '../api/directory.js';
import { errorMessage, unwrap } from '../api/problem.js';
import { announceTicketsChanged } from '../api/ticket-events.js';
import type { TicketPriority } from '../api/types.js';
import { TICKET_PRIORITIES } from '../api/types.js';
import { usePaged } from '../api/use-paged.js';
import { PRIORITY_LABELS } from '../components/format.js';
import { ListFooter } from '../components/load-more.js';
import { StatusLine, type Outcome } from '../components/status-line.js';

/** "IT Support" → "it-support": the slug rule of the API (lower-case words joined by dashes). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

export function QueuesPage() {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const queues = usePaged(
    async (cursor) =>
      unwrap(await api.GET('/api/v1/queues', { params: { query: { limit: 50, cursor } } })),
    [],
  );
  return (
    <section>
      <h1>Queues and access</h1>
      <CreateQueue
        onCreated={(name) => {
          setOutcome({ ok: true, text: `Queue ${name} created. Open it to grant access.` });
          forgetDirectory();
          announceTicketsChanged();
          queues.reload();
        }}
      />
      <StatusLine outcome={outcome} />
      <table className="data-table">
        <caption className="sr-only">Queues</caption>
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col">Slug</th>
            <th scope="col">Default priority</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {queues.items.map((queue) => (
            <tr key={queue.id}>
              <th scope="row">
                <Link to={`/admin/queues/${queue.id}`}>{queue.name}</Link>
              </th>
              <td>
                <code>{queue.slug}</code>
              </td>
              <td>{PRIORITY_LABELS[queue.defaultPriority]}</td>
              <td>{queue.active ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ListFooter list={queues} noun="queues" />
    </section>
  );
}

function CreateQueue({ onCreated }: { onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const queue = unwrap(
        await api.POST('/api/v1/queues', {
          body: { name: name.trim(), slug, description, defaultPriority: priority },
        }),
      );
      setName('');
      setSlug('');
      setSlugEdited(false);
      setDescription('');
      onCreated(queue.name);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <details className="create-form">
      <summary>New queue</summary>
      <form className="stack-form" aria-label="New queue" onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input
            required
            maxLength={100}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (!slugEdited) setSlug(slugify(event.target.value));
            }}
          />
        </label>
        <label>
          Slug
          <input
            required
            maxLength={63}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            title="Lower-case letters and digits, words joined by single dashes"
            value={slug}
            onChange={(event) => {
              setSlugEdited(true);
              setSlug(event.target.value);
            }}
          />
        </label>
        <label>
          Description
          <input value={description} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <label>
          Default priority
          <select
            value={priority}
            onChange={(event) => setPriority(event.target.value as TicketPriority)}
          >
            {TICKET_PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {PRIORITY_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="primary">
            Create queue
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
