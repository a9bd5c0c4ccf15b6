// The top bar's link to my notifications, with how many are unread (checked every minute).
import { useEffect } from 'react';
import { NavLink } from 'react-router';
import { api } from '../api/client.js';
import { unwrap } from '../api/problem.js';
import { useResource } from '../api/use-resource.js';

const CAP = 100;
const POLL_MS = 60_000;
const bus = new EventTarget();

export function announceNotificationsRead(): void {
  bus.dispatchEvent(new Event('read'));
}

export function NotificationLink() {
  const unread = useResource(async () => {
    const page = unwrap(
      await api.GET('/api/v1/notifications', { params: { query: { unread: true, limit: CAP } } }),
    );
    return { count: page.items.length, capped: page.nextCursor !== null };
  }, []);
  const { reload } = unread;
  useEffect(() => {
    const timer = window.setInterval(reload, POLL_MS);
    bus.addEventListener('read', reload);
    return () => {
      window.clearInterval(timer);
      bus.removeEventListener('read', reload);
    };
  }, [reload]);
  const count = unread.data?.count ?? 0;
  const shown = `${count}${unread.data?.capped ? '+' : ''}`;
  return (
    <NavLink
      to="/notifications"
      aria-label={count ? `Notifications, ${shown} unread` : 'Notifications'}
    >
      Notifications
      {count > 0 && (
        <span className="count count-alert" aria-hidden="true">
          {shown}
        </span>
      )}
    </NavLink>
  );
}
