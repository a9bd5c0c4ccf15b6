// Mail Tessera could not turn into a ticket by itself: why, and what to do with it (process it
// again, open a ticket from it by hand, or download it as it arrived).
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useQueues } from '../api/directory.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { InboundMail } from '../api/types.js';
import { usePaged } from '../api/use-paged.js';
import { formatBytes, formatDateTime } from '../components/format.js';
import { ListFooter } from '../components/load-more.js';
import { StatusLine, type Outcome } from '../components/status-line.js';

export function QuarantinePage() {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const mails = usePaged(
    async (cursor) =>
      unwrap(
        await api.GET('/api/v1/mail/quarantine', { params: { query: { limit: 50, cursor } } }),
      ),
    [],
  );

  function done(mail: InboundMail, action: string) {
    setOutcome(
      mail.status === 'quarantined'
        ? { ok: false, text: `Still quarantined: ${mail.reason ?? 'unknown reason'}` }
        : {
            ok: true,
            text:
              mail.ticketNumber !== null
                ? `${action}: ticket #${mail.ticketNumber}.`
                : `${action}: ${mail.status}.`,
          },
    );
    mails.reload();
  }

  async function retry(mail: InboundMail) {
    try {
      done(
        unwrap(
          await api.POST('/api/v1/mail/quarantine/{id}/retry', {
            params: { path: { id: mail.id } },
          }),
        ),
        'Processed again',
      );
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function download(mail: InboundMail) {
    try {
      const blob = unwrap(
        await api.GET('/api/v1/mail/quarantine/{id}/raw', {
          params: { path: { id: mail.id } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `quarantined-${mail.id}.eml`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section>
      <h1>Quarantined mail</h1>
      <p className="muted">
        Mail a <Link to="/admin/mailboxes">mailbox</Link> fetched but could not turn into a ticket
        (no sender, unreadable, too large…). It stays here until it is processed again or opened as
        a ticket by hand.
      </p>
      <StatusLine outcome={outcome} />
      <table className="data-table">
        <caption className="sr-only">Quarantined mail</caption>
        <thead>
          <tr>
            <th scope="col">Mail</th>
            <th scope="col">Why</th>
            <th scope="col">Received</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {mails.items.map((mail) => (
            <tr key={mail.id}>
              <th scope="row">
                {mail.subject ?? <span className="muted">(no subject)</span>}
                <div className="muted small">
                  from {mail.from ?? 'unknown sender'} to {mail.mailboxAddress} ·{' '}
                  {formatBytes(mail.size)}
                </div>
              </th>
              <td>{mail.reason}</td>
              <td>{formatDateTime(mail.receivedAt ?? mail.createdAt)}</td>
              <td className="actions">
                <button type="button" onClick={() => void retry(mail)}>
                  Process again<span className="sr-only"> {mail.subject}</span>
                </button>
                <ToTicket
                  mail={mail}
                  onDone={done}
                  onFailed={(text) => setOutcome({ ok: false, text })}
                />
                <button type="button" onClick={() => void download(mail)}>
                  Download<span className="sr-only"> {mail.subject}</span>
                </button>
              </td>
            </tr>
          ))}
          {!mails.loading && mails.items.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Nothing in quarantine.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <ListFooter list={mails} noun="mails" />
    </section>
  );
}

function ToTicket({
  mail,
  onDone,
  onFailed,
}: {
  mail: InboundMail;
  onDone: (mail: InboundMail, action: string) => void;
  onFailed: (text: string) => void;
}) {
  const queues = useQueues();
  const [open, setOpen] = useState(false);
  const [queueId, setQueueId] = useState('');
  const [email, setEmail] = useState('');
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Open as ticket<span className="sr-only"> {mail.subject}</span>
      </button>
    );
  }
  async function submit() {
    try {
      onDone(
        unwrap(
          await api.POST('/api/v1/mail/quarantine/{id}/ticket', {
            params: { path: { id: mail.id } },
            body: { queueId, ...(email.trim() ? { requester: { email: email.trim() } } : {}) },
          }),
        ),
        'Opened',
      );
      setOpen(false);
    } catch (error) {
      onFailed(errorMessage(error));
    }
  }
  return (
    <span className="inline-form">
      <label>
        Queue
        <select value={queueId} onChange={(event) => setQueueId(event.target.value)}>
          <option value="">Choose…</option>
          {(queues.data ?? []).map((queue) => (
            <option key={queue.id} value={queue.id}>
              {queue.name}
            </option>
          ))}
        </select>
      </label>
      {mail.from === null && (
        <label>
          Requester email
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
      )}
      <button type="button" className="primary" disabled={!queueId} onClick={() => void submit()}>
        Open ticket
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </span>
  );
}
