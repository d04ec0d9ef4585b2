import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import { createConformanceEngine, type ConformanceEngine } from './domain/conformance/index.ts';
import { apiRouter } from './http/api/index.ts';
import type { AppContext } from './http/context.ts';
import { healthRouter } from './http/health.ts';
import { notFoundHandler, problemHandler } from './http/problem.ts';
import { webRouter } from './http/web/index.ts';
import type { Store } from './store/port.ts';

/** What the app is built from; the engine and logger default to fresh ones. */
export interface AppOptions {
  config: Config;
  store: Store;
  engine?: ConformanceEngine;
  log?: Logger;
}

/** Builds the express app (no listening, so tests drive it with supertest). */
export function createApp(options: AppOptions): Express {
  const log = options.log ?? pino({ level: options.config.logLevel });
  const ctx: AppContext = { config: options.config, store: options.store, engine: options.engine ?? createConformanceEngine(), log };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: log,
      genReqId(req, res) {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
    }),
  );
  app.use(healthRouter(ctx.store));
  app.use('/api/v1', apiRouter(ctx));
  app.use(webRouter(ctx));
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
