// Personal API tokens for integrations: every user manages their own. A new token is shown once.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import { useResource } from '../api/use-resource.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { formatDateTime, formatRelative } from '../components/format.js';
import { StatusLine, type Outcome } from '../components/status-line.js';
import { useTitle } from '../components/use-title.js';
import { ErrorMessage } from '../layout/status.js';

export function TokensPage() {
  useTitle('API tokens');
  const tokens = useResource(async () => unwrap(await api.GET('/api/v1/me/tokens')).items, []);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    try {
      const token = unwrap(
        await api.POST('/api/v1/me/tokens', {
          body: {
            name: name.trim(),
            readOnly,
            // The end of the chosen day, in the user's time zone.
            ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
          },
        }),
      );
      setCreated({ name: token.name, token: token.token });
      setCopied(false);
      setName('');
      setExpires('');
      setReadOnly(false);
      tokens.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function revoke(id: string, tokenName: string) {
    try {
      unwrap(await api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } }));
      setOutcome({ ok: true, text: `${tokenName} revoked: it stops working now.` });
      tokens.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <main className="page" id="content">
      <h1>API tokens</h1>
      <p className="muted">
        Tokens let scripts and integrations call the REST API as you. Send one as{' '}
        <code>Authorization: Bearer tsr_…</code>. Tessera stores only a hash: a token is shown once,
        when you create it.
      </p>
      <form
        className="inline-form panel"
        aria-label="New API token"
        onSubmit={(e) => void create(e)}
      >
        <label>
          Token name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Expires (optional)
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={readOnly}
            onChange={(e) => setReadOnly(e.target.checked)}
          />
          Read-only
        </label>
        <button type="submit" className="primary">
          Create token
        </button>
      </form>
      {created && (
        <div className="new-token" role="status">
          <p>
            <strong>Copy the token “{created.name}” now.</strong> It will not be shown again.
          </p>
          <label>
            New token
            <input readOnly value={created.token} onFocus={(e) => e.target.select()} />
          </label>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard
                ?.writeText(created.token)
                .then(() => setCopied(true))
                .catch(() => setCopied(false))
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      <StatusLine outcome={outcome} />
      {tokens.error && <ErrorMessage message={tokens.error} onRetry={tokens.reload} />}
      <table className="data-table">
        <caption className="sr-only">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Access</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((token) => (
            <tr key={token.id} className={token.revokedAt ? 'revoked' : undefined}>
              <th scope="row">{token.name}</th>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>{token.readOnly ? 'Read-only' : 'Read and write'}</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatRelative(token.lastUsedAt) : 'Never'}</td>
              <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</td>
              <td>
                {token.revokedAt ? (
                  <span className="muted">Revoked {formatRelative(token.revokedAt)}</span>
                ) : (
                  <ConfirmButton
                    confirmLabel={`Revoke ${token.name}`}
                    onConfirm={() => void revoke(token.id, token.name)}
                  >
                    Revoke<span className="sr-only"> {token.name}</span>
                  </ConfirmButton>
                )}
              </td>
            </tr>
          ))}
          {tokens.data && tokens.data.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                You have no API tokens.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </main>
  );
}
