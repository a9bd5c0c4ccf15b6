// The committed docs/openapi.json must be what the server serves. After changing the API, run
// `npm run openapi` to regenerate it (this test writes it when UPDATE_OPENAPI=1).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { startTestServer, type TestServer } from './harness/test-server.js';

const COMMITTED = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

describe('OpenAPI document', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is served at /api/openapi.json and committed under docs/ unchanged', async () => {
    const response = await request(server.url).get('/api/openapi.json').expect(200);
    const served = JSON.stringify(response.body, null, 2) + '\n';
    // eslint-disable-next-line no-restricted-properties -- a test switch, not configuration
    if (process.env.UPDATE_OPENAPI === '1') await writeFile(COMMITTED, served);
    const committed = await readFile(COMMITTED, 'utf8').catch(() => '(missing)');
    expect(response.body).toMatchObject({ info: { title: 'Tessera API' } });
    if (committed !== served) {
      throw new Error('docs/openapi.json is stale: run `npm run openapi` and commit the result.');
    }
  });

  it('marks every operation but sign-in and the operational endpoints as needing a bearer token', async () => {
    const response = await request(server.url).get('/api/openapi.json').expect(200);
    const paths = response.body.paths as Record<string, Record<string, { security?: unknown[] }>>;
    const open: string[] = [];
    const secured: string[] = [];
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        (operation.security?.length ? secured : open).push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(open.sort()).toEqual([
      'GET /healthz',
      'GET /metrics',
      'GET /readyz',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/refresh',
    ]);
    expect(secured.length).toBeGreaterThan(5);
  });

  it('has a browsable UI at /api/docs', async () => {
    const response = await request(server.url).get('/api/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('swagger-ui');
  });
});
