// My notifications (SLA warnings and breaches on tickets I am responsible for), newest first, and
// whether Tessera also mails me about my tickets.
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { errorMessage, unwrap } from '../api/problem.js';
import type { Notification } from '../api/types.js';
import { usePaged } from '../api/use-paged.js';
import { useResource } from '../api/use-resource.js';
import { useMe } from '../auth/auth-context.js';
import { formatDateTime, formatRelative } from '../components/format.js';
import { ListFooter } from '../components/load-more.js';
import { StatusLine, type Outcome } from '../components/status-line.js';
import { useTitle } from '../components/use-title.js';
import { ErrorMessage } from '../layout/status.js';
import { announceNotificationsRead } from './notification-count.js';

const KIND_LABELS: Record<Notification['kind'], string> = {
  sla_warning: 'SLA warning',
  sla_breach: 'SLA breached',
};

const TARGET_LABELS: Record<string, string> = {
  firstResponse: 'first response',
  nextResponse: 'next response',
  resolution: 'resolution',
};

function describe(notification: Notification): string {
  const details = notification.details as { target?: unknown; dueAt?: unknown };
  const target =
    typeof details.target === 'string' ? (TARGET_LABELS[details.target] ?? details.target) : '';
  const due = typeof details.dueAt === 'string' ? formatDateTime(details.dueAt) : '';
  return [target && `the ${target} target`, due && `due ${due}`].filter(Boolean).join(', ');
}

export function NotificationsPage() {
  useTitle('Notifications');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const notifications = usePaged(
    async (cursor) =>
      unwrap(
        await api.GET('/api/v1/notifications', {
          params: { query: { limit: 50, cursor, ...(unreadOnly ? { unread: true } : {}) } },
        }),
      ),
    [unreadOnly],
  );

  async function markRead(notification: Notification) {
    try {
      unwrap(
        await api.POST('/api/v1/notifications/{id}/read', {
          params: { path: { id: notification.id } },
        }),
      );
      announceNotificationsRead();
      notifications.reload();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <main className="page" id="content">
      <h1>Notifications</h1>
      <MailNotifications />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={unreadOnly}
          onChange={(event) => setUnreadOnly(event.target.checked)}
        />
        Unread only
      </label>
      <StatusLine outcome={outcome} />
      <ul className="notifications">
        {notifications.items.map((notification) => (
          <li key={notification.id} className={notification.readAt ? 'read' : 'unread'}>
            <span
              className={`badge ${notification.kind === 'sla_breach' ? 'sla-breached' : 'sla-soon'}`}
            >
              {KIND_LABELS[notification.kind]}
            </span>{' '}
            {notification.ticketNumber !== null ? (
              <Link to={`/tickets/${notification.ticketNumber}`}>
                #{notification.ticketNumber} {notification.ticketSubject}
              </Link>
            ) : (
              <span>A ticket</span>
            )}
            <span className="muted small">
              {' '}
              {describe(notification)} · {formatRelative(notification.createdAt)}
            </span>
            {!notification.readAt && (
              <button
                type="button"
                className="link-button"
                onClick={() => void markRead(notification)}
              >
                Mark read
                <span className="sr-only"> #{notification.ticketNumber}</span>
              </button>
            )}
          </li>
        ))}
        {!notifications.loading && notifications.items.length === 0 && (
          <li className="muted">No notifications.</li>
        )}
      </ul>
      <ListFooter list={notifications} noun="notifications" />
    </main>
  );
}

/** The mail about my tickets, on or off. My user record carries the setting (`/me` does not). */
function MailNotifications() {
  const me = useMe();
  const user = useResource(
    async () => unwrap(await api.GET('/api/v1/users/{id}', { params: { path: { id: me.id } } })),
    [me.id],
  );
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function change(on: boolean) {
    // The box follows the click at once, and goes back should the change be refused.
    const before = user.data;
    if (before) user.setData({ ...before, mailNotifications: on });
    try {
      user.setData(unwrap(await api.PATCH('/api/v1/me', { body: { mailNotifications: on } })));
      setOutcome({
        ok: true,
        text: on ? 'Tessera mails you about your tickets.' : 'Tessera no longer mails you.',
      });
    } catch (error) {
      if (before) user.setData(before);
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section className="panel" aria-labelledby="mail-notifications-title">
      <h2 id="mail-notifications-title">Notifications by mail</h2>
      {user.error && <ErrorMessage message={user.error} onRetry={user.reload} />}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={user.data?.mailNotifications ?? false}
          disabled={!user.data}
          aria-describedby="mail-notifications-help"
          onChange={(event) => void change(event.target.checked)}
        />
        Mail me about my tickets
      </label>
      <p id="mail-notifications-help" className="muted small">
        When someone else assigns you a ticket, and when a customer writes on a ticket assigned to
        you.
      </p>
      <StatusLine outcome={outcome} />
    </section>
  );
}
