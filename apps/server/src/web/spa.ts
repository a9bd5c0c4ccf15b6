// Serves the built web app (apps/web/dist) at "/", when the build exists. Paths the server does
// not know and that look like app routes get index.html, so deep links work in the browser.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/web/dist, found from this file both in src/ (tests) and in dist/ (compiled). */
export function defaultWebDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
}

const NOT_APP_ROUTES = /^\/(api|healthz|readyz|metrics)(\/|$)/;

export class SpaHost {
  private constructor(private readonly indexHtml: Buffer) {}

  /** Registers the static files; returns undefined when there is no build to serve. */
  static async register(fastify: FastifyInstance, webDir: string): Promise<SpaHost | undefined> {
    const indexPath = join(webDir, 'index.html');
    if (!existsSync(indexPath)) return undefined;
    await fastify.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      // One route per built file, found at start: no filesystem lookups for unknown paths.
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        // Vite puts a content hash in every asset name, so assets never change under one name.
        const immutable = path.startsWith(join(webDir, 'assets'));
        void reply.header(
          'Cache-Control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    return new SpaHost(await readFile(indexPath));
  }

  /** True for a page navigation the web app handles: GET/HEAD, not an API path, not a file. */
  handles(request: FastifyRequest): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '/';
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    return !NOT_APP_ROUTES.test(path) && !lastSegment.includes('.');
  }

  sendIndex(reply: FastifyReply): void {
    void reply
      .status(200)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(this.indexHtml);
  }
}
