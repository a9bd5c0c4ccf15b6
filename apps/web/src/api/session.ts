// The signed-in session: the access token lives in memory only (never in storage scripts of other
// tabs or extensions could read); the refresh token is an httpOnly cookie the browser sends to
// /api/v1/auth. A page load starts by trading that cookie for a fresh access token.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** Auth routes go without the access token and without the retry-on-401 of the main client. */
export const authApi = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const expiredListeners = new Set<() => void>();

export function currentAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when the session cannot be renewed (signed out elsewhere, expired, deactivated). */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export function sessionExpired(): void {
  accessToken = null;
  for (const listener of expiredListeners) listener();
}

/**
 * Trades the refresh cookie for a new access token. Concurrent callers share one request, and
 * tabs take turns (Web Locks), because each refresh rotates the cookie and retires the old one.
 */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= withRefreshLock(async () => {
    const { data } = await authApi.POST('/api/v1/auth/refresh');
    accessToken = data?.accessToken ?? null;
    return accessToken !== null;
  })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  // navigator.locks exists in secure contexts only (https, localhost); elsewhere one tab at a time
  // is the best there is.
  const locks = (navigator as Partial<Navigator>).locks;
  return locks ? locks.request('tessera-refresh', work) : work();
}
