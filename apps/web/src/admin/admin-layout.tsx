import { NavLink, Outlet } from 'react-router';
import { useMe } from '../auth/auth-context.js';
import { useTitle } from '../components/use-title.js';

const ADMIN_SCREENS = [
  ['/admin/users', 'Users'],
  ['/admin/teams', 'Teams'],
  ['/admin/organizations', 'Organisations'],
  ['/admin/queues', 'Queues and access'],
  ['/admin/mailboxes', 'Mailboxes'],
  ['/admin/quarantine', 'Quarantined mail'],
  ['/admin/templates', 'Mail templates'],
  ['/admin/sla', 'SLA policies'],
  ['/admin/settings', 'Settings'],
  ['/admin/audit', 'Audit log'],
] as const;

/** Administration: people, teams, organisations, queues and access, settings. Admins only. */
export function AdminLayout() {
  const me = useMe();
  useTitle('Administration');
  if (me.role !== 'admin') {
    return (
      <main className="page" id="content">
        <h1>Administration</h1>
        <p role="alert">Only admins can open the administration screens.</p>
      </main>
    );
  }
  return (
    <div className="workspace">
      <nav className="sidebar" aria-label="Administration">
        <h2 className="sidebar-heading">Administration</h2>
        <ul>
          {ADMIN_SCREENS.map(([to, label]) => (
            <li key={to}>
              <NavLink to={to} className="view-link">
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" className="workspace-main admin-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
