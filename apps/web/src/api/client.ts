// The typed API client, generated from docs/openapi.json. Every request carries the in-memory
// access token; a 401 triggers one refresh through the cookie and one retry.
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { currentAccessToken, refreshAccessToken, sessionExpired } from './session.js';

async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const first = await fetch(withToken(request));
  if (first.status !== 401) return first;
  if (!(await refreshAccessToken())) {
    sessionExpired();
    return first;
  }
  return fetch(withToken(retry));
}

function withToken(request: Request): Request {
  const token = currentAccessToken();
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

export const api = createClient<paths>({
  baseUrl: '',
  fetch: authorizedFetch,
  // The API takes lists as comma-separated values: state=new,open.
  querySerializer: { array: { style: 'form', explode: false } },
});

/** Fetches a file the API serves only with the access token, e.g. an attachment download. */
export async function fetchAuthorized(path: string): Promise<Response> {
  return authorizedFetch(new Request(path));
}
