import { gateOf, isPublicAction } from '../../domain/policies/index.ts';
import { problemStatus } from '../problem.ts';
import type { RouteDef } from './route.ts';

function componentName(schemaId: string): string {
  return schemaId.split(':').pop()!.replace(/(^|-)([a-z])/g, (_m, _dash, letter: string) => letter.toUpperCase());
}

/** Rewrites $refs between input schemas into references to OpenAPI components. */
function toComponent(schema: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema), (key, value) => {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('urn:irru:')) return `#/components/schemas/${componentName(value)}`;
    return value;
  });
}

function parametersOf(path: string) {
  return [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
}

/** The query parameters a route's query schema declares, each optional unless the schema requires it. */
function queryParametersOf(schemaId: string | undefined, schemas: ReadonlyArray<Record<string, unknown>>) {
  const schema = schemaId ? schemas.find((candidate) => candidate.$id === schemaId) : undefined;
  if (!schema) return [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: toComponent(rest) };
  });
}

function operationOf(route: RouteDef, schemas: ReadonlyArray<Record<string, unknown>>) {
  const json = route.body ? { schema: { $ref: `#/components/schemas/${componentName(route.body)}` } } : undefined;
  const requestBody = json
    ? { required: true, content: { 'application/json': json, ...(route.upload ? { 'multipart/form-data': { schema: { type: 'object', properties: { [route.upload.field]: { type: 'string', format: 'binary' }, ...(route.upload.bodyField ? { [route.upload.bodyField]: { type: 'string', description: 'The rest of the JSON body, as text' } } : {}) } } } } : {}) } }
    : route.upload
      ? { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: [route.upload.field], properties: { [route.upload.field]: { type: 'string', format: 'binary' } } } } } }
      : undefined;
  const problem = { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  const open = isPublicAction(route.policy);
  const failures = open ? ['400', '404'] : ['400', '401', '403', '404'];
  const gate = gateOf(route.policy);
  return {
    summary: route.summary,
    tags: [route.tag],
    'x-policy': { action: route.policy, roles: typeof gate === 'string' ? gate : [...gate] },
    ...(open ? { security: [] } : {}),
    parameters: [...parametersOf(route.path), ...queryParametersOf(route.query, schemas)],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(route.success.status)]: { description: route.success.description, content: { [route.success.contentType ?? 'application/json']: {} } },
      ...Object.fromEntries(failures.map((status) => [status, problem])),
    },
  };
}

/** The OpenAPI 3.1 document of the API, built from the mounted routes and their input schemas. */
export function buildOpenApi(routes: RouteDef[], schemas: ReadonlyArray<Record<string, unknown>>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route, schemas);
  const components = Object.fromEntries(schemas.map((schema) => [componentName(String(schema.$id)), toComponent(schema)]));
  return {
    openapi: '3.1.0',
    info: { title: 'IR–RU ICT conformity registry API', version: '1.0.0' },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: {
        ...components,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { enum: Object.keys(problemStatus) }, instance: { type: 'string' }, errors: { type: 'array' } },
        },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
  };
}
