// Support mailboxes: where Tessera fetches mail (IMAP) and how it sends replies (SMTP), each
// settable and testable before it is saved.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useQueues } from '../api/directory.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { Mailbox, MailboxTestResult, NewMailbox } from '../api/types.js';
import { usePaged } from '../api/use-paged.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { formatRelative } from '../components/format.js';
import { ListFooter } from '../components/load-more.js';
import { StatusLine, type Outcome } from '../components/status-line.js';

type Security = NonNullable<NewMailbox['imapTls']>;
const SECURITY_LABELS: Record<Security, string> = {
  tls: 'TLS',
  starttls: 'STARTTLS',
  none: 'None (plain text)',
};

export function MailboxesPage() {
  const queues = useQueues();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, MailboxTestResult | string>>({});
  const mailboxes = usePaged(
    async (cursor) =>
      unwrap(await api.GET('/api/v1/mailboxes', { params: { query: { limit: 50, cursor } } })),
    [],
  );
  const queueName = (id: string) => queues.data?.find((queue) => queue.id === id)?.name ?? '—';

  async function test(mailbox: Mailbox) {
    setResults((current) => ({ ...current, [mailbox.id]: 'Testing…' }));
    try {
      const result = unwrap(
        await api.POST('/api/v1/mailboxes/{id}/test', { params: { path: { id: mailbox.id } } }),
      );
      setResults((current) => ({ ...current, [mailbox.id]: result }));
    } catch (error) {
      setResults((current) => ({ ...current, [mailbox.id]: errorMessage(error) }));
    }
  }

  async function setEnabled(mailbox: Mailbox, enabled: boolean) {
    try {
      unwrap(
        await api.PATCH('/api/v1/mailboxes/{id}', {
          params: { path: { id: mailbox.id } },
          body: { enabled },
        }),
      );
      setOutcome({
        ok: true,
        text: `${mailbox.address} ${enabled ? 'fetches and sends mail again' : 'is paused'}.`,
      });
      mailboxes.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function remove(mailbox: Mailbox) {
    try {
      unwrap(await api.DELETE('/api/v1/mailboxes/{id}', { params: { path: { id: mailbox.id } } }));
      setOutcome({ ok: true, text: `${mailbox.address} deleted.` });
      mailboxes.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section>
      <h1>Mailboxes</h1>
      <p className="muted">
        Tessera fetches each mailbox over IMAP and turns new mail into tickets in its queue; replies
        go out through the mailbox&apos;s own SMTP server or the global one. Mail that cannot be
        read is kept in <Link to="/admin/quarantine">quarantine</Link>, never lost.
      </p>
      <details className="create-form">
        <summary>New mailbox</summary>
        <MailboxForm
          label="New mailbox"
          submitLabel="Create mailbox"
          onSaved={(saved) => {
            setOutcome({ ok: true, text: `${saved.address} created.` });
            mailboxes.reload();
          }}
        />
      </details>
      <StatusLine outcome={outcome} />
      <table className="data-table">
        <caption className="sr-only">Mailboxes</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Queue</th>
            <th scope="col">Enabled</th>
            <th scope="col">Acknowledgement</th>
            <th scope="col">Last fetch</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {mailboxes.items.map((mailbox) =>
            editing === mailbox.id ? (
              <tr key={mailbox.id} className="detail-row">
                <td colSpan={6}>
                  <MailboxForm
                    label={`Edit ${mailbox.address}`}
                    submitLabel="Save mailbox"
                    initial={mailbox}
                    onCancel={() => setEditing(null)}
                    onSaved={(saved) => {
                      setEditing(null);
                      setOutcome({ ok: true, text: `${saved.address} saved.` });
                      mailboxes.reload();
                    }}
                  />
                </td>
              </tr>
            ) : (
              <tr key={mailbox.id}>
                <th scope="row">
                  {mailbox.address}
                  <div className="muted small">{mailbox.displayName}</div>
                </th>
                <td>{queueName(mailbox.queueId)}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${mailbox.address} is enabled`}
                    checked={mailbox.enabled}
                    onChange={(event) => void setEnabled(mailbox, event.target.checked)}
                  />
                </td>
                <td>{mailbox.acknowledgeNewTickets ? 'Sent' : 'Off'}</td>
                <td>
                  {mailbox.lastFetchedAt ? formatRelative(mailbox.lastFetchedAt) : 'Never'}
                  {mailbox.lastError && (
                    <div className="error small">
                      {mailbox.lastError}
                      {mailbox.lastErrorAt ? ` (${formatRelative(mailbox.lastErrorAt)})` : ''}
                    </div>
                  )}
                  <TestResult result={results[mailbox.id]} />
                </td>
                <td className="actions">
                  <button type="button" onClick={() => void test(mailbox)}>
                    Test<span className="sr-only"> {mailbox.address}</span>
                  </button>
                  <button type="button" onClick={() => setEditing(mailbox.id)}>
                    Edit<span className="sr-only"> {mailbox.address}</span>
                  </button>
                  <ConfirmButton
                    confirmLabel={`Delete ${mailbox.address}`}
                    onConfirm={() => void remove(mailbox)}
                  >
                    Delete<span className="sr-only"> {mailbox.address}</span>
                  </ConfirmButton>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <ListFooter list={mailboxes} noun="mailboxes" />
    </section>
  );
}

/** What a connection test found, in words. */
function TestResult({ result }: { result: MailboxTestResult | string | undefined }) {
  if (result === undefined) return null;
  if (typeof result === 'string') {
    return (
      <p className="small" role="status">
        {result}
      </p>
    );
  }
  const smtp = result.smtp;
  return (
    <ul className="test-result" role="status" aria-label="Connection test">
      <li className={result.imap.ok ? 'success' : 'error'}>
        {result.imap.ok ? '✓ IMAP: signed in and opened the folder.' : '✗ IMAP: '}
        {!result.imap.ok && (result.imap.error?.message ?? 'failed.')}
      </li>
      <li className={smtp === null ? 'muted' : smtp.ok ? 'success' : 'error'}>
        {smtp === null
          ? 'SMTP: no server configured (neither the mailbox’s nor the global one).'
          : smtp.ok
            ? `✓ SMTP (${smtp.server === 'global' ? 'global server' : 'own server'}): connected.`
            : `✗ SMTP (${smtp.server === 'global' ? 'global server' : 'own server'}): ${
                smtp.error?.message ?? 'failed.'
              }`}
      </li>
    </ul>
  );
}

function MailboxForm({
  label,
  submitLabel,
  initial,
  onSaved,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: Mailbox;
  onSaved: (mailbox: Mailbox) => void;
  onCancel?: () => void;
}) {
  const queues = useQueues();
  const [address, setAddress] = useState(initial?.address ?? '');
  const [displayName, setDisplayName] = useState(initial?.displayName ?? '');
  const [queueId, setQueueId] = useState(initial?.queueId ?? '');
  const [imapHost, setImapHost] = useState(initial?.imapHost ?? '');
  const [imapPort, setImapPort] = useState(initial ? String(initial.imapPort) : '');
  const [imapTls, setImapTls] = useState<Security>(initial?.imapTls ?? 'tls');
  const [imapVerify, setImapVerify] = useState(initial?.imapVerifyCertificate ?? true);
  const [imapUser, setImapUser] = useState(initial?.imapUser ?? '');
  const [imapPassword, setImapPassword] = useState('');
  const [imapFolder, setImapFolder] = useState(initial?.imapFolder ?? 'INBOX');
  const [afterImport, setAfterImport] = useState<'flag' | 'move'>(initial?.afterImport ?? 'flag');
  const [afterImportFolder, setAfterImportFolder] = useState(initial?.afterImportFolder ?? '');
  const [ownSmtp, setOwnSmtp] = useState(Boolean(initial?.smtpHost));
  const [smtpHost, setSmtpHost] = useState(initial?.smtpHost ?? '');
  const [smtpPort, setSmtpPort] = useState(initial?.smtpPort ? String(initial.smtpPort) : '');
  const [smtpTls, setSmtpTls] = useState<Security>(initial?.smtpTls ?? 'starttls');
  const [smtpUser, setSmtpUser] = useState(initial?.smtpUser ?? '');
  const [smtpPassword, setSmtpPassword] = useState('');
  const [senderName, setSenderName] = useState<'agent' | 'mailbox'>(initial?.senderName ?? 'agent');
  const [acknowledge, setAcknowledge] = useState(initial?.acknowledgeNewTickets ?? true);
  const acknowledgeHelp = useId();
  const [error, setError] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<MailboxTestResult | string | undefined>();

  /** The settings as the API takes them; passwords only when typed (edits keep the stored). */
  function settings(): NewMailbox {
    return {
      address: address.trim(),
      displayName: displayName.trim(),
      queueId,
      imapHost: imapHost.trim(),
      ...(imapPort ? { imapPort: Number(imapPort) } : {}),
      imapTls,
      imapVerifyCertificate: imapVerify,
      imapUser: imapUser.trim(),
      imapPassword,
      imapFolder: imapFolder.trim() || 'INBOX',
      afterImport,
      afterImportFolder: afterImport === 'move' ? afterImportFolder.trim() : null,
      senderName,
      acknowledgeNewTickets: acknowledge,
      ...(ownSmtp
        ? {
            smtpHost: smtpHost.trim(),
            ...(smtpPort ? { smtpPort: Number(smtpPort) } : {}),
            smtpTls,
            smtpUser: smtpUser.trim() || null,
            ...(smtpPassword ? { smtpPassword } : {}),
          }
        : { smtpHost: null }),
    };
  }

  async function testSettings() {
    setTestResult('Testing the connection…');
    try {
      setTestResult(unwrap(await api.POST('/api/v1/mailboxes/test', { body: settings() })));
    } catch (failure) {
      setTestResult(errorMessage(failure));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const body = settings();
      let saved: Mailbox;
      if (initial) {
        const { imapPassword: password, ...rest } = body;
        saved = unwrap(
          await api.PATCH('/api/v1/mailboxes/{id}', {
            params: { path: { id: initial.id } },
            body: password ? body : rest,
          }),
        );
      } else {
        saved = unwrap(await api.POST('/api/v1/mailboxes', { body }));
      }
      onSaved(saved);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const securityOptions = (Object.keys(SECURITY_LABELS) as Security[]).map((value) => (
    <option key={value} value={value}>
      {SECURITY_LABELS[value]}
    </option>
  ));

  return (
    <form className="mailbox-form" aria-label={label} onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>Mailbox</legend>
        <label>
          Address
          <input
            type="email"
            required
            value={address}
            onChange={(e) => setAddress(e.target.value)}
          />
        </label>
        <label>
          Display name
          <input required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          Queue for new tickets
          <select required value={queueId} onChange={(e) => setQueueId(e.target.value)}>
            <option value="">Choose a queue…</option>
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
          Replies are signed
          <select
            value={senderName}
            onChange={(e) => setSenderName(e.target.value as 'agent' | 'mailbox')}
          >
            <option value="agent">“Agent name via {displayName || 'the mailbox'}”</option>
            <option value="mailbox">“{displayName || 'The mailbox'}”</option>
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={acknowledge}
            onChange={(e) => setAcknowledge(e.target.checked)}
            aria-describedby={acknowledgeHelp}
          />
          Acknowledge new tickets by mail
        </label>
        <p id={acknowledgeHelp} className="muted small">
          Customers whose mail opens a ticket here are told its number in an automatic reply (the{' '}
          <Link to="/admin/templates?template=acknowledgement">Acknowledgement</Link> template).
        </p>
      </fieldset>
      <fieldset>
        <legend>Incoming mail (IMAP)</legend>
        <label>
          IMAP server
          <input
            required
            value={imapHost}
            placeholder="imap.example.com"
            onChange={(e) => setImapHost(e.target.value)}
          />
        </label>
        <label>
          IMAP port
          <input
            type="number"
            min={1}
            max={65535}
            value={imapPort}
            placeholder={imapTls === 'tls' ? '993' : '143'}
            onChange={(e) => setImapPort(e.target.value)}
          />
        </label>
        <label>
          IMAP security
          <select value={imapTls} onChange={(e) => setImapTls(e.target.value as Security)}>
            {securityOptions}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={imapVerify}
            onChange={(e) => setImapVerify(e.target.checked)}
          />
          Verify the IMAP certificate
        </label>
        <label>
          IMAP user
          <input required value={imapUser} onChange={(e) => setImapUser(e.target.value)} />
        </label>
        <label>
          IMAP password{initial ? ' (leave empty to keep)' : ''}
          <input
            type="password"
            autoComplete="new-password"
            required={!initial}
            value={imapPassword}
            onChange={(e) => setImapPassword(e.target.value)}
          />
        </label>
        <label>
          Folder
          <input value={imapFolder} onChange={(e) => setImapFolder(e.target.value)} />
        </label>
        <label>
          After import
          <select
            value={afterImport}
            onChange={(e) => setAfterImport(e.target.value as 'flag' | 'move')}
          >
            <option value="flag">Flag the mail as seen</option>
            <option value="move">Move it to a folder</option>
          </select>
        </label>
        {afterImport === 'move' && (
          <label>
            Move to folder
            <input
              required
              value={afterImportFolder}
              onChange={(e) => setAfterImportFolder(e.target.value)}
            />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>Outgoing mail (SMTP)</legend>
        <label className="checkbox">
          <input type="checkbox" checked={ownSmtp} onChange={(e) => setOwnSmtp(e.target.checked)} />
          Use this mailbox&apos;s own SMTP server (otherwise the global one)
        </label>
        {ownSmtp && (
          <>
            <label>
              SMTP server
              <input required value={smtpHost} onChange={(e) => setSmtpHost(e.target.value)} />
            </label>
            <label>
              SMTP port
              <input
                type="number"
                min={1}
                max={65535}
                value={smtpPort}
                placeholder={smtpTls === 'tls' ? '465' : '587'}
                onChange={(e) => setSmtpPort(e.target.value)}
              />
            </label>
            <label>
              SMTP security
              <select value={smtpTls} onChange={(e) => setSmtpTls(e.target.value as Security)}>
                {securityOptions}
              </select>
            </label>
            <label>
              SMTP user (empty: no sign-in)
              <input value={smtpUser} onChange={(e) => setSmtpUser(e.target.value)} />
            </label>
            <label>
              SMTP password{initial?.smtpPasswordSet ? ' (leave empty to keep)' : ''}
              <input
                type="password"
                autoComplete="new-password"
                value={smtpPassword}
                onChange={(e) => setSmtpPassword(e.target.value)}
              />
            </label>
          </>
        )}
      </fieldset>
      <div className="form-actions">
        <button
          type="button"
          onClick={() => void testSettings()}
          disabled={!imapHost || !imapUser || !imapPassword}
          title={imapPassword ? undefined : 'Type the IMAP password to test these settings'}
        >
          Test connection
        </button>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <TestResult result={testResult} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
