import { useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth, useMe } from '../auth/auth-context.js';
import { forgetDirectory } from '../api/directory.js';
import { useShortcuts } from '../keyboard/shortcuts.js';
import { NotificationLink } from '../account/notification-count.js';
import { HelpOverlay } from './help-overlay.js';

/** The frame of every signed-in screen: the top bar, the help overlay and the page. */
export function AppShell() {
  const me = useMe();
  const { signOut } = useAuth();
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts({ '?': () => setHelpOpen(true) });

  if (me.role === 'customer') {
    return (
      <main className="page" id="content">
        <h1>This workspace is for agents</h1>
        <p>
          You are signed in as {me.email}, a customer account. Write to the support address to open
          or answer a ticket.
        </p>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </main>
    );
  }

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/inbox/mine" className="brand">
          Tessera
        </Link>
        <nav aria-label="Main">
          <NavLink to="/inbox/mine">Inbox</NavLink>
          <NavLink to="/reports">Reports</NavLink>
          <NotificationLink />
          {me.role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
          <NavLink to="/account/tokens">API tokens</NavLink>
        </nav>
        <div className="topbar-end">
          <button
            type="button"
            className="ghost"
            onClick={() => setHelpOpen(true)}
            aria-keyshortcuts="?"
          >
            Shortcuts <kbd>?</kbd>
          </button>
          <span className="whoami" title={me.email}>
            {me.name}
          </span>
          <button
            type="button"
            onClick={() => {
              forgetDirectory();
              void signOut();
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <Outlet />
      <HelpOverlay open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
