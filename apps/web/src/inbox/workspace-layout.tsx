import { Outlet } from 'react-router';
import { Sidebar } from './sidebar.js';

/** The agent workspace: the views sidebar beside the ticket list or the ticket. */
export function WorkspaceLayout() {
  return (
    <div className="workspace">
      <Sidebar />
      <main id="content" className="workspace-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
