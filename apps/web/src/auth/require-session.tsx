import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../layout/status.js';
import { useAuth } from './auth-context.js';

/** The app's screens need a session; without one, the sign-in page, coming back here after. */
export function RequireSession() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'checking') return <Loading />;
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return (
      <Navigate
        to={`/login?next=${encodeURIComponent(next)}`}
        replace
        state={state.notice ? { notice: state.notice } : undefined}
      />
    );
  }
  return <Outlet />;
}
