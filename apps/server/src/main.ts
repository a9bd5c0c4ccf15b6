// Boots Tessera: database (embedded or PostgreSQL), migrations, the Nest application on Fastify
// with logging, metrics, problem-details errors, OpenAPI and the web app, then listens.
import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter.js';
import { createValidationPipe } from './common/errors/validation.js';
import { REQUEST_ID_HEADER, requestIdFor } from './common/http/request-id.js';
import { createLogger, NestPinoLogger, type Logger } from './common/logging/logger.js';
import { SystemClock, type Clock } from './common/time/clock.js';
import type { AppConfig } from './config/env.config.js';
import { resolveSecret } from './config/secret.js';
import type { Runtime } from './core/runtime.js';
import { runMigrations } from './database/migrator.js';
import { openDatabase } from './database/open-database.js';
import { ReadinessService } from './modules/health/readiness.service.js';
import { HttpMetrics } from './modules/metrics/http-metrics.js';
import { buildOpenApiDocument, serveOpenApi } from './openapi/openapi-document.js';
import { defaultWebDir, SpaHost } from './web/spa.js';

export interface StartOptions {
  config: AppConfig;
  logger?: Logger;
  clock?: Clock;
  announce?: (text: string) => void;
  jobPollingSeconds?: number;
  extraModules?: Type[];
}

export interface RunningServer {
  app: NestFastifyApplication;
  runtime: Runtime;
  /** Where the server listens, e.g. http://127.0.0.1:8080 */
  url: string;
  /** Drains and stops: HTTP, jobs, database pool, then the embedded database. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openDatabase(config);
  let app: NestFastifyApplication | undefined;
  try {
    const runtime: Runtime = {
      config,
      secret: await resolveSecret(config),
      database: database.target,
      embedded: database.embedded,
      logger,
      metrics: new HttpMetrics(),
      clock: options.clock ?? new SystemClock(),
      announce: options.announce ?? ((text) => process.stdout.write(text + '\n')),
      jobPollingSeconds: options.jobPollingSeconds ?? 2,
      extraModules: options.extraModules ?? [],
    };
    app = await createApp(runtime);
    const applied = await runMigrations(app.get(DataSource));
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    await app.listen({ port: config.port, host: config.host });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url, embeddedDatabase: database.embedded }, 'Tessera is listening');
    const started = app;
    return {
      app: started,
      runtime,
      url,
      close: async () => {
        started.get(ReadinessService).markDraining();
        try {
          await started.close();
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
}

/** The configured Nest application, not yet listening; also used to generate the OpenAPI document. */
export async function createApp(runtime: Runtime): Promise<NestFastifyApplication> {
  const { logger, metrics, config } = runtime;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One "request completed" line per request is written by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: requestIdFor,
    bodyLimit: MAX_BODY_BYTES,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(runtime),
    adapter,
    {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    // Probes and scrapes arrive every few seconds; they are logged only at debug level.
    const level = route && QUIET_ROUTES.has(route) ? 'debug' : 'info';
    request.log[level](
      {
        method: request.method,
        route: route ?? null,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });

  const spa = await SpaHost.register(fastify, config.webDir ?? defaultWebDir());
  if (!spa) logger.warn('the web app is not built (npm run build); serving the API only');
  app.useGlobalFilters(new ProblemDetailsFilter(logger, spa));
  app.useGlobalPipes(createValidationPipe());
  serveOpenApi(app, buildOpenApiDocument(app));
  return app;
}
