import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { useTitle } from '../components/use-title.js';
import { useAuth } from './auth-context.js';

/** Where to go after signing in: only paths inside the app, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox/mine';
}

export function LoginPage() {
  const { state, signIn } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle('Sign in');

  if (state.status === 'signed-in') return <Navigate to={safeNext(params.get('next'))} replace />;
  const notice =
    state.status === 'signed-out' && !error
      ? (state.notice ?? (location.state as { notice?: string } | null)?.notice)
      : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(email.trim(), password).catch(() => ({
      ok: false as const,
      message: 'The server could not be reached. Check your connection and try again.',
    }));
    setBusy(false);
    if (!result.ok) setError(result.message);
  }

  return (
    <main className="login" id="content">
      <form className="login-card" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <h1>Sign in to Tessera</h1>
        {state.status === 'checking' && <p className="muted">Checking your session…</p>}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <label>
          Email
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
