// Customer organisations: name, tier (used by SLA policies), email domains, ticket sharing.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { NewOrganization, Organization } from '../api/types.js';
import { usePaged } from '../api/use-paged.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ListFooter } from '../components/load-more.js';
import { StatusLine, type Outcome } from '../components/status-line.js';

const domainList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);

export function OrganizationsPage() {
  const [q, setQ] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const organizations = usePaged(
    async (cursor) =>
      unwrap(
        await api.GET('/api/v1/organizations', {
          params: { query: { limit: 50, cursor, q: q.trim() || undefined } },
        }),
      ),
    [q],
  );

  async function remove(organization: Organization) {
    try {
      unwrap(
        await api.DELETE('/api/v1/organizations/{id}', {
          params: { path: { id: organization.id } },
        }),
      );
      setOutcome({ ok: true, text: `${organization.name} deleted; its members stay, without it.` });
      organizations.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section>
      <h1>Organisations</h1>
      <details className="create-form">
        <summary>New organisation</summary>
        <OrganizationForm
          label="New organisation"
          submitLabel="Create organisation"
          onSubmit={async (body) => {
            const created = unwrap(await api.POST('/api/v1/organizations', { body }));
            setOutcome({ ok: true, text: `${created.name} created.` });
            organizations.reload();
          }}
        />
      </details>
      <StatusLine outcome={outcome} />
      <div className="filter-bar" role="search" aria-label="Find organisations">
        <label>
          Name starts with
          <input type="search" value={q} onChange={(event) => setQ(event.target.value)} />
        </label>
      </div>
      <table className="data-table">
        <caption className="sr-only">Organisations</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Tier</th>
            <th scope="col">Domains</th>
            <th scope="col">Shares tickets</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {organizations.items.map((organization) =>
            editing === organization.id ? (
              <tr key={organization.id} className="detail-row">
                <td colSpan={5}>
                  <OrganizationForm
                    label={`Edit ${organization.name}`}
                    initial={organization}
                    submitLabel="Save"
                    onCancel={() => setEditing(null)}
                    onSubmit={async (body) => {
                      unwrap(
                        await api.PATCH('/api/v1/organizations/{id}', {
                          params: { path: { id: organization.id } },
                          body,
                        }),
                      );
                      setEditing(null);
                      setOutcome({ ok: true, text: `${body.name} saved.` });
                      organizations.reload();
                    }}
                  />
                </td>
              </tr>
            ) : (
              <tr key={organization.id}>
                <th scope="row">{organization.name}</th>
                <td>{organization.tier ?? <span className="muted">none</span>}</td>
                <td>{organization.domains.join(', ')}</td>
                <td>{organization.shareTickets ? 'Yes' : 'No'}</td>
                <td className="actions">
                  <button type="button" onClick={() => setEditing(organization.id)}>
                    Edit<span className="sr-only"> {organization.name}</span>
                  </button>
                  <ConfirmButton
                    confirmLabel={`Delete ${organization.name}`}
                    onConfirm={() => void remove(organization)}
                  >
                    Delete<span className="sr-only"> {organization.name}</span>
                  </ConfirmButton>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <ListFooter list={organizations} noun="organisations" />
    </section>
  );
}

type OrganizationBody = NewOrganization;

function OrganizationForm({
  label,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial?: Organization;
  submitLabel: string;
  onSubmit: (body: OrganizationBody) => Promise<void>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [tier, setTier] = useState(initial?.tier ?? '');
  const [domains, setDomains] = useState(initial?.domains.join(', ') ?? '');
  const [share, setShare] = useState(initial?.shareTickets ?? false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await onSubmit({
        name: name.trim(),
        tier: tier.trim() || null,
        domains: domainList(domains),
        shareTickets: share,
      });
      if (!initial) {
        setName('');
        setTier('');
        setDomains('');
        setShare(false);
      }
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form className="stack-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <label>
        Name
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Tier
        <input maxLength={50} value={tier} onChange={(e) => setTier(e.target.value)} />
      </label>
      <label>
        Email domains (comma-separated)
        <input
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          placeholder="acme.com"
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} />
        Members see each other&apos;s tickets
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
