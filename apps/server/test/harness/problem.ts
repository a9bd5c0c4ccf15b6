import { expect } from '@jest/globals';
import type request from 'supertest';

/** The distinct fields a 400 or 409 problem document names, sorted. */
export function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return [...new Set((body.errors ?? []).map((error) => error.field))].sort();
}

/** Like fieldsOf, for a whole response, which must be application/problem+json. */
export function problemFieldsOf(response: request.Response): string[] {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return fieldsOf(response.body as { errors?: { field: string }[] });
}

/** Fails with the answer's body in the message, which `.expect(status)` leaves out. */
export function expectStatus(response: request.Response, status: number): void {
  if (response.status !== status) {
    throw new Error(
      `expected ${status}, got ${response.status}: ${JSON.stringify(response.body)} ` +
        `(${response.request.method} ${response.request.url})`,
    );
  }
}
