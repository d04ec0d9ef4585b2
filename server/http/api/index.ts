import express, { Router } from 'express';
import { inputSchemas } from '../../input-schemas.ts';
import type { AppContext } from '../context.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { verifyUtf8Body } from '../middleware/well-formed-text.ts';
import { accountsRoutes } from './accounts.ts';
import { auditRoutes } from './audit.ts';
import { certificateDocumentsRoutes } from './certificate-documents.ts';
import { certificatesRoutes } from './certificates.ts';
import { checksRoutes } from './checks.ts';
import { clauseTableRoutes } from './clause-tables.ts';
import { logRoutes } from './log.ts';
import { buildOpenApi } from './openapi.ts';
import { registerRoutes } from './register.ts';
import { mountRoutes, type RouteDef } from './route.ts';
import { standardsRoutes } from './standards.ts';
import { standardImpactRoutes } from './standard-impact.ts';
import { standardApprovalsRoutes } from './standard-approvals.ts';
import { submissionsRoutes } from './submissions.ts';
import { verifyRoutes } from './verify.ts';

/** Every API operation, in the order the OpenAPI document lists them. */
export function apiRoutes(ctx: AppContext): RouteDef[] {
  return [...clauseTableRoutes(ctx), ...standardsRoutes(ctx), ...standardImpactRoutes(ctx), ...standardApprovalsRoutes(ctx), ...checksRoutes(ctx), ...certificateDocumentsRoutes(ctx), ...certificatesRoutes(ctx), ...registerRoutes(ctx), ...logRoutes(ctx), ...verifyRoutes(ctx), ...submissionsRoutes(ctx), ...auditRoutes(ctx), ...accountsRoutes(ctx)];
}

/** The JSON API mounted at /api/v1: body parsing, authentication, the routes and their OpenAPI document. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  const routes = apiRoutes(ctx);
  const openapi = buildOpenApi(routes, inputSchemas);
  router.use(express.json({ limit: ctx.config.limits.jsonBodyBytes, type: ['application/json', 'application/*+json'], verify: verifyUtf8Body }));
  router.get('/openapi.json', function openapiDocument(_req, res) {
    res.json(openapi);
  });
  router.use(authenticate(ctx.store));
  mountRoutes(router, routes);
  return router;
}
