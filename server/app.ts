import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import { certificateIssuingHook } from './domain/certificates/approval-issuance.ts';
import { createCertificatesContext, type CertificatesContext } from './domain/certificates/context.ts';
import { fileKeyVault, keysDirOf } from './domain/credentials/key-vault.ts';
import { createDocumentRenderer, type DocumentRenderer } from './documents/index.ts';
import { createPdfRenderer } from './documents/pdf-renderer.ts';
import { createConformanceEngine, type ConformanceEngine } from './domain/conformance/index.ts';
import { createCheckPool } from './domain/checking/check-pool.ts';
import type { CheckRunner } from './domain/checking/check-runner.ts';
import type { SubmissionHooks } from './domain/submissions/approval-hook.ts';
import { apiRouter } from './http/api/index.ts';
import type { AppContext } from './http/context.ts';
import { healthRouter } from './http/health.ts';
import { redactingLogger } from './http/log-redaction.ts';
import { notFoundHandler, problemHandler } from './http/problem.ts';
import { wellFormedUrl } from './http/middleware/well-formed-text.ts';
import { webRouter } from './http/web/index.ts';
import { identityDocumentRoutes } from './http/trust/identity-documents.ts';
import { statusListRoutes } from './http/trust/status-lists.ts';
import type { Store } from './store/port.ts';

/** What the app is built from; the engine and logger default to fresh ones. */
export interface AppOptions {
  config: Config;
  store: Store;
  engine?: ConformanceEngine;
  /** Where compiles and checks run; defaults to a worker pool sized and budgeted by config.checks (closed by closeApp). */
  checks?: CheckRunner;
  log?: Logger;
  /** Overrides for tests: the certificates context (clock, validity) and the document renderer. */
  certificates?: Partial<CertificatesContext>;
  documents?: DocumentRenderer;
  /** Submission workflow hooks (onApproved runs inside the approval's transaction); onApproved defaults to certificate issuance. */
  hooks?: SubmissionHooks;
}

/** Releases what an app holds besides the store (the PDF renderer's Chromium, the check workers). Call before closing the store. */
export async function closeApp(app: Express): Promise<void> {
  await (app.locals.documents as DocumentRenderer | undefined)?.close();
  await (app.locals.checks as CheckRunner | undefined)?.close();
}

/** Builds the express app (no listening, so tests drive it with supertest). */
export function createApp(options: AppOptions): Express {
  // Whatever logger is given, lines go through redaction: no token, password or cookie is ever written.
  const log = redactingLogger(options.log ?? pino({ level: options.config.logLevel }));
  const certificates = createCertificatesContext({ store: options.store, vault: fileKeyVault(keysDirOf(options.config.dataDir)), publicBaseUrl: options.config.publicBaseUrl, ...options.certificates });
  const documents = options.documents ?? createDocumentRenderer(createPdfRenderer({ executablePath: options.config.chromiumPath }));
  const ctx: AppContext = { config: options.config, store: options.store, engine: options.engine ?? createConformanceEngine(), checks: options.checks ?? createCheckPool(options.config.checks), log, certificates, documents, hooks: { ...options.hooks, onApproved: options.hooks?.onApproved ?? certificateIssuingHook(certificates) } };
  const app = express();
  app.locals.documents = documents;
  app.locals.checks = ctx.checks;
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
  app.use(wellFormedUrl);
  app.use(healthRouter(ctx.store));
  app.use('/api/v1', apiRouter(ctx));
  app.use(identityDocumentRoutes(ctx));
  app.use(statusListRoutes(ctx));
  app.use(webRouter(ctx));
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
