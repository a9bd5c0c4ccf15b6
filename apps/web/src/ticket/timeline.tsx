// The conversation and history of a ticket, oldest first: messages (internal notes set apart)
// and every change in words.
import { useState } from 'react';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { Agent, AttachmentSummary, Queue, Ticket, TimelineEntry } from '../api/types.js';
import {
  formatBytes,
  formatDateTime,
  formatRelative,
  PRIORITY_LABELS,
  STATE_LABELS,
} from '../components/format.js';
import { EmailFrame } from './email-frame.js';
import { useInlineImages } from './inline-images.js';

interface Names {
  agents: Agent[];
  queues: Queue[];
}

export function Timeline({
  ticket,
  entries,
  names,
}: {
  ticket: Ticket;
  entries: TimelineEntry[];
  names: Names;
}) {
  // A message event repeats the message itself; the message is what is shown.
  const shown = entries.filter((entry) => !(entry.kind === 'event' && entry.type === 'message'));
  return (
    <ol className="timeline" aria-label="Timeline">
      {shown.map((entry) =>
        entry.kind === 'message' ? (
          <li key={entry.id}>
            <Message entry={entry} ticket={ticket} />
          </li>
        ) : (
          <li key={entry.id} className="event">
            <span className="event-text">{describeEvent(entry, names)}</span>{' '}
            <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>
              {formatRelative(entry.createdAt)}
            </time>
          </li>
        ),
      )}
    </ol>
  );
}

function Message({ entry, ticket }: { entry: TimelineEntry; ticket: Ticket }) {
  const author = entry.actorName ?? 'Tessera';
  const fromRequester = entry.actorId === ticket.requesterId;
  const kind = entry.internal ? 'Internal note' : fromRequester ? 'Message' : 'Reply';
  const label = `${kind} by ${author}`;
  const html = useInlineImages(entry.html, entry.attachments);
  return (
    <article
      className={`message ${entry.internal ? 'note' : fromRequester ? 'from-requester' : 'from-agent'}`}
      aria-label={label}
    >
      <header>
        <h3 className="message-author">
          {entry.internal && <span className="badge note-badge">Internal note</span>}
          {author}
          {!entry.internal && <span className="muted message-kind">{kind}</span>}
        </h3>
        <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>
          {formatRelative(entry.createdAt)}
        </time>
      </header>
      {html ? (
        <EmailFrame html={html} title={`${label}, ${formatDateTime(entry.createdAt)}`} />
      ) : (
        <div className="message-text">{entry.text}</div>
      )}
      {entry.attachments && entry.attachments.length > 0 && (
        <ul className="attachments" aria-label="Attachments">
          {entry.attachments.map((file) => (
            <li key={file.id}>
              <AttachmentDownload file={file} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** Attachments need the access token, so they are fetched and then handed to the browser. */
function AttachmentDownload({ file }: { file: AttachmentSummary }) {
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    try {
      const blob = unwrap(
        await api.GET('/api/v1/attachments/{id}', {
          params: { path: { id: file.id } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <>
      <button type="button" className="attachment" onClick={() => void download()}>
        ⤓ Download {file.filename} <span className="muted">({formatBytes(file.size)})</span>
      </button>
      {error && <span className="error small"> {error}</span>}
    </>
  );
}

type Loose = Record<string, unknown>;

function nameOf(id: unknown, list: { id: string; name: string }[], fallback: string): string {
  return (typeof id === 'string' && list.find((item) => item.id === id)?.name) || fallback;
}

function stateLabel(value: unknown): string {
  return typeof value === 'string' && value in STATE_LABELS
    ? STATE_LABELS[value as keyof typeof STATE_LABELS]
    : text(value);
}

function priorityLabel(value: unknown): string {
  return typeof value === 'string' && value in PRIORITY_LABELS
    ? PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS]
    : text(value);
}

/** A scalar from an event's before/after as text; anything else as "?". */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '?';
}

function listOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) => {
    if (typeof item === 'string') return item;
    const record = (item ?? {}) as Loose;
    return text(record.email ?? record.name ?? record.id);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "ann@example.com, bob@example.com", or "2 people" when the event holds ids only. */
function people(list: string[]): string {
  if (list.every((item) => UUID.test(item))) {
    return list.length === 1 ? 'a person' : `${list.length} people`;
  }
  return list.join(', ');
}

/** One sentence per change: "Ada changed the state from Open to Pending". */
export function describeEvent(entry: TimelineEntry, names: Names): string {
  const who = entry.actorName ?? 'Tessera';
  const before = entry.before as unknown;
  const after = entry.after as unknown;
  const afterRecord = (after ?? {}) as Loose;
  const beforeRecord = (before ?? {}) as Loose;
  switch (entry.type) {
    case 'created':
      if (afterRecord.followUpOf) {
        const of = afterRecord.followUpOf as Loose;
        return `${who} opened this ticket as a follow-up of #${text(of.number)}`;
      }
      return afterRecord.imported ? `${who} imported the ticket` : `${who} opened the ticket`;
    case 'state':
      return `${who} changed the state from ${stateLabel(before)} to ${stateLabel(after)}`;
    case 'priority':
      return `${who} changed the priority from ${priorityLabel(before)} to ${priorityLabel(after)}`;
    case 'queue':
      return `${who} moved the ticket from ${nameOf(before, names.queues, 'another queue')} to ${nameOf(after, names.queues, 'another queue')}`;
    case 'assignee': {
      if (after === null || after === undefined) {
        return `${who} unassigned the ticket (was ${nameOf(before, names.agents, 'someone')})`;
      }
      if (after === entry.actorId) return `${who} took the ticket`;
      return `${who} assigned the ticket to ${nameOf(after, names.agents, 'an agent')}`;
    }
    case 'tags': {
      const was = new Set(listOf(before));
      const now = new Set(listOf(after));
      const added = [...now].filter((tag) => !was.has(tag));
      const removed = [...was].filter((tag) => !now.has(tag));
      const parts = [
        added.length ? `added the tag${added.length > 1 ? 's' : ''} ${added.join(', ')}` : '',
        removed.length
          ? `removed the tag${removed.length > 1 ? 's' : ''} ${removed.join(', ')}`
          : '',
      ].filter(Boolean);
      return `${who} ${parts.join(' and ') || 'changed the tags'}`;
    }
    case 'subject':
      return `${who} changed the subject from “${text(before)}” to “${text(after)}”`;
    case 'followers': {
      const added = listOf(afterRecord.added);
      const removed = listOf(beforeRecord.removed);
      const parts = [
        added.length ? `added ${people(added)} as follower${added.length > 1 ? 's' : ''}` : '',
        removed.length ? `removed ${people(removed)} from the followers` : '',
      ].filter(Boolean);
      return `${who} ${parts.join(' and ') || 'changed the followers'}`;
    }
    case 'merged':
      if (afterRecord.intoNumber !== undefined) {
        return `${who} merged this ticket into #${text(afterRecord.intoNumber)}`;
      }
      return `${who} merged #${text(afterRecord.fromNumber)} into this ticket${
        typeof afterRecord.messages === 'number' ? ` (${afterRecord.messages} messages moved)` : ''
      }`;
    case 'link':
    case 'unlink': {
      const other = entry.type === 'link' ? afterRecord : beforeRecord;
      const kind = other.kind === 'follow_up' ? 'follow-up' : 'related';
      return entry.type === 'link'
        ? `${who} linked this ticket with #${text(other.number)} (${kind})`
        : `${who} removed the link with #${text(other.number)}`;
    }
    default:
      return `${who} changed the ticket (${entry.type ?? 'change'})`;
  }
}
