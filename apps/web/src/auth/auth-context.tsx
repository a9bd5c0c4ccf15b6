// Who is signed in, for every screen: restores the session from the refresh cookie on load,
// signs in and out, and notices when the server ends the session.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../api/client.js';
import { forgetDirectory } from '../api/directory.js';
import { unwrap } from '../api/problem.js';
import { authApi, onSessionExpired, refreshAccessToken, setAccessToken } from '../api/session.js';
import type { Me } from '../api/types.js';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; me: Me };

export type SignInResult = { ok: true } | { ok: false; message: string };

interface AuthContextValue {
  state: AuthState;
  signIn: (email: string, password: string) => Promise<SignInResult>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function loadMe(): Promise<Me> {
  return unwrap(await api.GET('/api/v1/me'));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const restored = await refreshAccessToken();
      const me = restored ? await loadMe().catch(() => null) : null;
      if (cancelled) return;
      setState(me ? { status: 'signed-in', me } : { status: 'signed-out' });
    })();
    const stop = onSessionExpired(() =>
      setState({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' }),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string): Promise<SignInResult> => {
    const { data, response } = await authApi.POST('/api/v1/auth/login', {
      body: { email, password },
    });
    if (data) {
      setAccessToken(data.accessToken);
      // Queues and agents are per user: nothing from an earlier session carries over.
      forgetDirectory();
      try {
        setState({ status: 'signed-in', me: await loadMe() });
        return { ok: true };
      } catch {
        setAccessToken(null);
        return { ok: false, message: 'Signed in, but your profile could not be loaded. Retry.' };
      }
    }
    return { ok: false, message: signInFailure(response) };
  }, []);

  const signOut = useCallback(async () => {
    await authApi.POST('/api/v1/auth/logout').catch(() => undefined);
    setAccessToken(null);
    setState({ status: 'signed-out', notice: 'You are signed out.' });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function signInFailure(response: Response): string {
  if (response.status === 401 || response.status === 400) {
    return 'Wrong email or password.';
  }
  if (response.status === 429) {
    const wait = retryAfterSeconds(response.headers.get('Retry-After'));
    return wait === null
      ? 'Too many sign-in attempts. Please wait before trying again.'
      : `Too many sign-in attempts. Try again in ${describeWait(wait)}.`;
  }
  return `Sign-in failed (the server answered ${response.status}). Try again later.`;
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for screens behind the sign-in guard. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe on a screen without a session');
  return state.me;
}
