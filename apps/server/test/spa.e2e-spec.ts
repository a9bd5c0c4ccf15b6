import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestServer, type TestServer } from './harness/test-server.js';

const INDEX = '<!doctype html><title>Tessera test build</title><div id="root"></div>';

describe('web app hosting', () => {
  let server: TestServer;
  let webDir: string;

  beforeAll(async () => {
    // A stand-in build, so the test does not depend on apps/web having been built.
    webDir = await mkdtemp(join(tmpdir(), 'tessera-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), INDEX);
    await writeFile(join(webDir, 'assets', 'app-3f9a1c.js'), 'console.log("tessera");');
    await writeFile(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    server = await startTestServer({ database: 'postgres', env: { TESSERA_WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for app routes, never cached', async () => {
    for (const path of ['/', '/tickets/10042', '/queues/support?view=open']) {
      const response = await request(server.url).get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(INDEX);
    }
  });

  it('serves hashed assets as immutable and other files as revalidated', async () => {
    const asset = await request(server.url).get('/assets/app-3f9a1c.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await request(server.url).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers missing files and unknown API paths with a 404 problem, not the app', async () => {
    for (const path of ['/assets/missing.js', '/api/v1/nothing', '/api', '/metrics/extra']) {
      const response = await request(server.url).get(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('not_found');
    }
  });

  it('does not answer other methods with the app', async () => {
    await request(server.url).post('/tickets/10042').send({}).expect(404);
  });
});
