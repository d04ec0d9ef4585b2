import type { RequestHandler, Router } from 'express';
import type { Action } from '../../domain/policies/index.ts';
import { authorizeRoute } from '../middleware/authorize.ts';
import { singleFileUpload } from '../middleware/upload.ts';
import { validateBody } from '../middleware/validate.ts';
import { validateQuery } from '../middleware/validate-query.ts';

/**
 * One API operation: how it is called, who may call it, what body it takes, and its handler.
 * Routers return lists of these; app.ts mounts them and openapi.ts documents the very same list,
 * so the OpenAPI document always describes the schemas the routes validate with.
 */
export interface RouteDef {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path relative to /api/v1, e.g. /standards/{code}/{version}. */
  path: string;
  summary: string;
  tag: string;
  /** The policy action the route performs; its gate (public, authenticated or roles) is checked before the handler. */
  policy: Action;
  /** $id of the input schema the JSON body must match. */
  body?: string;
  /** $id of the input schema the query parameters must match (an object of strings); the OpenAPI document lists its properties. */
  query?: string;
  /**
   * Multipart upload: the file field and its size limit. With `body`, the file holds the JSON body; with
   * `body` and `bodyField`, the text field `bodyField` holds the JSON body and the file the JSON value of its property `field`.
   */
  upload?: { field: string; maxBytes: number; bodyField?: string };
  /** Status and description of the success response, for the OpenAPI document. */
  success: { status: number; description: string; contentType?: string };
  handler: RequestHandler;
}

/** Express path syntax for an OpenAPI path: {name} → :name. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z]+)\}/g, ':$1');
}

/** Mounts routes on a router: policy gate → query → upload → validate → handler. */
export function mountRoutes(router: Router, routes: RouteDef[]): void {
  for (const route of routes) {
    const chain: RequestHandler[] = [authorizeRoute(route.policy)];
    if (route.query) chain.push(validateQuery(route.query));
    if (route.upload) chain.push(singleFileUpload(route.upload.field, route.upload.maxBytes));
    if (route.body) chain.push(validateBody(route.body, route.upload ? { fileField: route.upload.field, bodyField: route.upload.bodyField } : {}));
    router[route.method](expressPath(route.path), ...chain, route.handler);
  }
}
