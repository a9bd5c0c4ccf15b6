// The web app's refresh token travels only in an httpOnly, SameSite=Strict cookie scoped to the
// auth routes: scripts cannot read it and other sites cannot send it.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REFRESH_COOKIE = 'tessera_refresh';
const PATH = '/api/v1/auth';

export function setRefreshCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  void reply.header(
    'Set-Cookie',
    `${REFRESH_COOKIE}=${token}; Path=${PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict` +
      (secure ? '; Secure' : ''),
  );
}

export function clearRefreshCookie(reply: FastifyReply, secure: boolean): void {
  void reply.header(
    'Set-Cookie',
    `${REFRESH_COOKIE}=; Path=${PATH}; Max-Age=0; HttpOnly; SameSite=Strict` +
      (secure ? '; Secure' : ''),
  );
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
