// Every route must say who may use it (@Public, @Authenticated or @Requires): the access guard
// refuses undeclared routes, and this test names them before anyone ships one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModulesContainer } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import request from 'supertest';
import { ACCESS_METADATA } from '../src/modules/permission/permission.decorators.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

describe('access rules', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'postgres' });
  });
  afterAll(async () => {
    await server?.close();
  });

  interface Route {
    route: string;
    method: string;
    path: string;
    rule: unknown;
  }

  function routes(): Route[] {
    const found: Route[] = [];
    for (const module of server.server.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!type) continue;
        const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const handler = (type.prototype as Record<string, unknown>)[name];
          if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler))
            continue;
          const path = `/${prefix}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')}`
            .replace(/\/+/g, '/')
            .replace(/\/$/, '');
          const method =
            RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          found.push({
            route: `${type.name}.${name} ${method} ${path}`,
            method,
            path,
            rule:
              Reflect.getMetadata(ACCESS_METADATA, handler) ??
              Reflect.getMetadata(ACCESS_METADATA, type),
          });
        }
      }
    }
    return found;
  }

  it('are declared on every route', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((r) => r.rule === undefined).map((r) => r.route)).toEqual([]);
  });

  it('leave only sign-in and operational routes public', () => {
    const publicRoutes = routes()
      .filter((r) => (r.rule as { kind?: string }).kind === 'public')
      .map((r) => r.route.split(' ')[0])
      .sort();
    expect(publicRoutes).toEqual([
      'AuthController.login',
      'AuthController.logout',
      'AuthController.refresh',
      'HealthController.live',
      'HealthController.ready',
      'MetricsController.scrape',
    ]);
  });

  it('answer 401 without a token on every route that is not public', async () => {
    const guarded = routes().filter((r) => (r.rule as { kind?: string }).kind !== 'public');
    const answers: string[] = [];
    for (const route of guarded) {
      const path = route.path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const response = await request(server.url)[method](path).send({});
      answers.push(`${route.route} -> ${response.status}`);
    }
    expect(answers).toEqual(guarded.map((r) => `${r.route} -> 401`));
  });
});
