// Writes a public reply (mailed to the requester) or an internal note (agents only), with files.
import { useState, type FormEvent, type RefObject } from 'react';
import { checkTransition } from '@tessera/domain';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { Ticket, TicketState } from '../api/types.js';
import { formatBytes, STATE_LABELS } from '../components/format.js';

export type ComposerMode = 'reply' | 'note';

interface Upload {
  id: string;
  filename: string;
  size: number;
}

/** A key per message, so a retried send never posts it twice (Idempotency-Key). */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function Composer({
  ticket,
  canReply,
  canNote,
  mode,
  onModeChange,
  textareaRef,
  onSent,
}: {
  ticket: Ticket;
  canReply: boolean;
  canNote: boolean;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onSent: (ticket: Ticket) => void;
}) {
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [uploading, setUploading] = useState(0);
  const [nextState, setNextState] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const closed = ticket.state === 'closed' || ticket.state === 'merged';
  const targets = (['open', 'pending', 'resolved'] as TicketState[]).filter(
    (state) => checkTransition(ticket.state, state).allowed,
  );

  async function upload(files: FileList | null) {
    if (!files) return;
    setError(null);
    for (const file of [...files]) {
      setUploading((count) => count + 1);
      try {
        const stored = unwrap(
          await api.POST('/api/v1/attachments', {
            params: { query: { filename: file.name } },
            // The body is the file's bytes, typed by its own Content-Type, not JSON.
            body: file as unknown as string,
            bodySerializer: (body: unknown) => body as Blob,
            headers: { 'Content-Type': file.type || 'application/octet-stream' },
          }),
        );
        setUploads((current) => [
          ...current,
          { id: stored.id, filename: stored.filename, size: stored.size },
        ]);
      } catch (failure) {
        setError(`${file.name} could not be uploaded: ${errorMessage(failure)}`);
      } finally {
        setUploading((count) => count - 1);
      }
    }
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim() || busy || uploading > 0) return;
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      const created = unwrap(
        await api.POST('/api/v1/tickets/{id}/messages', {
          params: { path: { id: ticket.id }, header: { 'Idempotency-Key': idempotencyKey } },
          body: {
            text,
            internal: mode === 'note',
            ...(uploads.length ? { attachments: uploads.map((file) => file.id) } : {}),
            ...(nextState ? { state: nextState as TicketState } : {}),
          },
        }),
      );
      setText('');
      setUploads([]);
      setNextState('');
      setIdempotencyKey(newIdempotencyKey());
      setSent(mode === 'note' ? 'Internal note added.' : 'Reply sent.');
      onSent(created.ticket);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!canReply && !canNote) {
    return (
      <p className="muted composer-closed">
        You can read this ticket but not answer it: ask an admin for reply access to its queue.
      </p>
    );
  }

  if (closed) {
    return (
      <p className="muted composer-closed">
        This ticket is {STATE_LABELS[ticket.state].toLowerCase()}: it takes no more replies or
        notes. A customer writing again opens a follow-up ticket.
      </p>
    );
  }

  return (
    <form
      className={`composer ${mode === 'note' ? 'composer-note' : ''}`}
      onSubmit={(event) => void send(event)}
      aria-label="Write a reply or note"
    >
      <fieldset className="composer-mode">
        <legend className="sr-only">Message type</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="reply"
            disabled={!canReply}
            checked={mode === 'reply'}
            onChange={() => onModeChange('reply')}
          />
          Public reply
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="note"
            disabled={!canNote}
            checked={mode === 'note'}
            onChange={() => onModeChange('note')}
          />
          Internal note
        </label>
      </fieldset>
      <label htmlFor="composer-text" className="composer-label">
        {mode === 'note'
          ? 'Internal note (only agents see it)'
          : `Reply to ${ticket.requesterName || ticket.requesterEmail}`}
      </label>
      <textarea
        id="composer-text"
        ref={textareaRef}
        value={text}
        rows={5}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
        }}
        placeholder={mode === 'note' ? 'Notes stay inside the team.' : 'Write your answer…'}
      />
      {uploads.length > 0 && (
        <ul className="uploads" aria-label="Files to send">
          {uploads.map((file) => (
            <li key={file.id}>
              {file.filename} <span className="muted">({formatBytes(file.size)})</span>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setUploads((current) => current.filter((f) => f.id !== file.id))}
                aria-label={`Remove ${file.filename}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-actions">
        <label className="file-input">
          Attach files
          <input
            type="file"
            multiple
            onChange={(event) => {
              void upload(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        <label>
          State after sending
          <select value={nextState} onChange={(event) => setNextState(event.target.value)}>
            <option value="">
              {mode === 'reply' && ticket.state === 'new' ? 'Open (default)' : 'Keep as is'}
            </option>
            {targets.map((state) => (
              <option key={state} value={state}>
                {STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="primary"
          disabled={busy || uploading > 0 || !text.trim()}
          aria-keyshortcuts="Control+Enter"
        >
          {busy ? 'Sending…' : mode === 'note' ? 'Add internal note' : 'Send reply'}
        </button>
      </div>
      {uploading > 0 && (
        <p className="muted small" role="status">
          Uploading {uploading} file{uploading > 1 ? 's' : ''}…
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {sent && (
        <p className="success small" role="status">
          {sent}
        </p>
      )}
    </form>
  );
}
